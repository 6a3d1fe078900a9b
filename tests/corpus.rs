//! The corpus of untrusted inputs, natively (the release pkg/ in Node runs the same folders in
//! tests/web/corpus.test.mjs):
//!
//! - `tests/hostile/NAME/`: a small pack an attacker or a careless author could write, and
//!   `expect.json`: what it must give (`kind` "pack" with its `problems`, "script" with the
//!   `rule` and a `message` substring, or "ok" with `levels` and `diagnostics` counts). Read with
//!   `Pack::from_dir` (the folder reader: only what the manifest names, never outside), then
//!   scored on an empty assessment (or expect.json's `answers`). Each within `maxMillis` (1 s).
//! - `tests/badfiles/NAME.json` (or `.txt`) and `NAME.expect.json`: an assessment file the
//!   default pack must refuse, with the problem's `code`, `item` and an English `message`
//!   substring; every problem must say it in Japanese too. The JSON Schema
//!   (www/schema/assessment.schema.json) must judge the file as `schema` says.
//! - Determinism: every test case of the default pack and every tests/cases/*/assessment.json is
//!   scored and the SHA-256 of the report's JSON compared with tests/corpus-determinism.json,
//!   which the Node runner checks too (so native and wasm give the same bytes).
//!   `RENKEI_BLESS=1 cargo test --test corpus` rewrites that list.
//!
//! Entries named in tests/hostile/KNOWN.md are engine weaknesses not fixed yet: they are run and
//! must still fail (so the list stays true), and do not fail the test.
#![cfg(not(target_arch = "wasm32"))]

use renkei::pack::model::AnswerType;
use renkei::{Assessment, Error, Pack};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn root(p: &str) -> PathBuf {
    Path::new(ROOT).join(p)
}

/// The entries KNOWN.md lists for this runner: lines starting `- \`hostile/NAME\`` or
/// `- \`badfiles/NAME\``, optionally followed by `(web)` or `(native)` when only one runner shows
/// the weakness.
fn known() -> Vec<String> {
    let text = std::fs::read_to_string(root("tests/hostile/KNOWN.md")).unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("- `")?;
            let (name, after) = rest.split_once('`')?;
            let only_web = after.trim_start().starts_with("(web)");
            (!only_web && (name.starts_with("hostile/") || name.starts_with("badfiles/"))).then(|| name.to_owned())
        })
        .collect()
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    v.sort();
    v
}

/// Runs `f` on its own thread, at most `limit` of wall clock; a panic or a hang is an Err.
fn isolated<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    // A panic of the engine is a result here (KNOWN.md lists the entries that cause one): one
    // line on stderr instead of a backtrace per entry; other threads keep the default hook.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some("corpus-entry") {
                eprintln!("corpus: the engine panicked ({info}); judged as this entry's outcome");
            } else {
                default(info);
            }
        }));
    });
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("corpus-entry".into())
        .stack_size(8 << 20)
        .spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = tx.send(r.map_err(|e| {
                e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
            }));
        })
        .unwrap();
    match rx.recv_timeout(limit) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(msg)) => Err(format!("the engine panicked: {msg}")),
        Err(_) => Err(format!("did not finish within {limit:?} (left running)")),
    }
}

/// What one run gave, as JSON: { kind, problems } for an error, { kind: "ok", report } else.
fn outcome(r: Result<renkei::Report, Error>) -> Value {
    match r {
        Ok(rep) => json!({ "kind": "ok", "report": serde_json::to_value(&rep).unwrap() }),
        Err(e) => serde_json::to_value(&e).unwrap(),
    }
}

// ---------------------------------------------------------------- generated files

/// Files expect.json's `generate` asks for: `{ path, text, repeat, prefix, suffix }` (text
/// repeated), or `{ path, bytes: [..] }` (raw bytes, for a file that is not UTF-8).
fn generate(dir: &Path, spec: &Value) {
    for g in spec.as_array().into_iter().flatten() {
        let path = dir.join(g["path"].as_str().expect("generate: path"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if let Some(bytes) = g["bytes"].as_array() {
            std::fs::write(&path, bytes.iter().map(|b| b.as_u64().unwrap() as u8).collect::<Vec<u8>>()).unwrap();
            continue;
        }
        let s = |k: &str| g[k].as_str().unwrap_or("").to_owned();
        let text = s("prefix") + s("text").repeat(g["repeat"].as_u64().unwrap_or(1) as usize).as_str() + s("suffix").as_str();
        std::fs::write(&path, text).unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let t = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &t);
        } else {
            std::fs::copy(&p, &t).unwrap();
        }
    }
}

/// The folder to read: the entry itself, or a copy in a temporary folder with the generated
/// files and, for `symlinks`, links made now (never committed).
fn materialise(name: &str, dir: &Path, expect: &Value) -> PathBuf {
    if expect.get("generate").is_none() && expect.get("symlinks").is_none() {
        return dir.to_owned();
    }
    let tmp = std::env::temp_dir().join(format!("renkei-corpus-{}", std::process::id())).join(name);
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(dir, &tmp);
    generate(&tmp, &expect["generate"]);
    for l in expect["symlinks"].as_array().into_iter().flatten() {
        let link = tmp.join(l["path"].as_str().unwrap());
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        let target = match l["target"].as_str().unwrap() {
            "(outside)" => {
                let outside = tmp.parent().unwrap().join(format!("{name}-outside.rhai"));
                std::fs::write(&outside, "fn secret(a, dims) { 42 }\n").unwrap();
                outside
            }
            t => PathBuf::from(t),
        };
        #[cfg(unix)]
        std::os::unix::fs::symlink(&target, &link).unwrap();
    }
    tmp
}

// ---------------------------------------------------------------- judging

/// Each key given holds: the value, or one of a list's values (a clock stop's column, which
/// depends on where in its loop the rule was when the clock ran out).
fn check_place(want: &Value, got: &Value, keys: &[&str]) -> bool {
    keys.iter().all(|k| want.get(*k).is_none_or(|w| w == &got[*k] || w.as_array().is_some_and(|any| any.contains(&got[*k]))))
}

/// The expectation a mode uses: expect.json, with `native` (or `web`) overriding its fields.
pub fn expectation_for(expect: &Value, mode: &str) -> Value {
    let mut e = expect.clone();
    if let Some(Value::Object(o)) = expect.get(mode) {
        for (k, v) in o {
            e[k] = v.clone();
        }
    }
    e
}

/// What differs between an expectation and an outcome (empty: it holds).
fn judge_pack(e: &Value, got: &Value) -> Vec<String> {
    let mut f = Vec::new();
    let kind = e["kind"].as_str().unwrap_or("?");
    if got["kind"] != kind {
        let what = if got["kind"] == "ok" { "scored".to_string() } else { serde_json::to_string(&got["problems"]).unwrap() };
        f.push(format!("expected kind {kind}, got {}: {}", got["kind"], cut(&what, 600)));
        return f;
    }
    match kind {
        "pack" => {
            let want: Vec<&Value> = e["problems"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
            let got_p: Vec<&Value> = got["problems"].as_array().unwrap().iter().collect();
            let keys = ["code", "file", "line", "column", "item"];
            for w in &want {
                if !got_p.iter().any(|g| check_place(w, g, &keys) && message_has(w, g)) {
                    f.push(format!("expected a problem {w}, got {}", cut(&serde_json::to_string(&got_p).unwrap(), 800)));
                }
            }
            if e.get("exact").and_then(Value::as_bool) != Some(false) && want.len() != got_p.len() {
                f.push(format!("expected {} problem(s), got {}: {}", want.len(), got_p.len(), cut(&serde_json::to_string(&got_p).unwrap(), 800)));
            }
            for g in &got_p {
                bilingual(g, &mut f);
            }
        }
        "script" => {
            let g = &got["problems"][0];
            if !(check_place(e, g, &["rule", "file", "line", "column"]) && message_has(e, g)) {
                f.push(format!("expected {{rule {}, message ~ {}, at {} {} {}}}, got {g}", e["rule"], e["message"], e["file"], e["line"], e["column"]));
            }
            bilingual(g, &mut f);
        }
        "ok" => {
            let r = &got["report"];
            for (d, lvl) in e["levels"].as_object().into_iter().flatten() {
                let row = r["dimensions"].as_array().unwrap().iter().find(|x| x["id"] == *d);
                match row {
                    None => f.push(format!("no dimension {d} in the report")),
                    Some(row) if row["level"] != *lvl => f.push(format!("{d}: level {} expected, got {}", lvl, row["level"])),
                    _ => {}
                }
            }
            if let Some(o) = e.get("overallLevel") {
                if r["overall"]["level"] != *o {
                    f.push(format!("overall level {o} expected, got {}", r["overall"]["level"]));
                }
            }
            for (code, n) in e["diagnostics"].as_object().into_iter().flatten() {
                let got_n = r["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == *code).count();
                if Some(got_n as u64) != n.as_u64() {
                    f.push(format!("{n} diagnostic(s) {code} expected, got {got_n}"));
                }
            }
            if let Some(max) = e["maxDiagnosticBytes"].as_u64() {
                let bytes: usize = r["diagnostics"].as_array().unwrap().iter().map(|d| d["message"]["en"].as_str().unwrap_or("").len()).sum();
                if bytes as u64 > max {
                    f.push(format!("diagnostics hold {bytes} bytes, more than {max}"));
                }
            }
            if let Some(n) = e["findings"].as_u64() {
                let got_n = r["findings"].as_array().unwrap().len() as u64;
                if got_n != n {
                    f.push(format!("{n} finding(s) expected, got {got_n}"));
                }
            }
        }
        other => f.push(format!("expect.json: unknown kind {other}")),
    }
    f
}

fn message_has(want: &Value, got: &Value) -> bool {
    want.get("message").and_then(Value::as_str).is_none_or(|m| got["message"].as_str().unwrap_or("").contains(m))
}

fn bilingual(g: &Value, f: &mut Vec<String>) {
    let ja = g["messageJa"].as_str().unwrap_or("");
    let en = g["message"].as_str().unwrap_or("");
    if en.trim().is_empty() || !ja.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        f.push(format!("a problem without its English and Japanese message: {g}"));
    }
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n).collect::<String>())
    } else {
        s.to_owned()
    }
}

/// Reports each failure, lets KNOWN entries fail (and fails when one passes), prints timings.
fn settle(what: &str, results: Vec<(String, Vec<String>, Duration)>) {
    let known = known();
    let mut failures = Vec::new();
    let mut timings: Vec<(Duration, String)> = Vec::new();
    for (name, f, took) in &results {
        timings.push((*took, name.clone()));
        let listed = known.contains(name);
        match (listed, f.is_empty()) {
            (false, false) => failures.push(format!("{name}:\n    {}", f.join("\n    "))),
            (true, true) => failures.push(format!("{name} is listed in tests/hostile/KNOWN.md but now passes: take it off the list")),
            (true, false) => eprintln!("known weakness {name}: {}", cut(&f.join("; "), 300)),
            (false, true) => {}
        }
    }
    for k in known.iter().filter(|k| k.starts_with(what) && !results.iter().any(|(n, _, _)| n == *k)) {
        failures.push(format!("tests/hostile/KNOWN.md lists {k}, which is not an entry"));
    }
    timings.sort_by(|a, b| b.cmp(a));
    eprintln!(
        "{what}: {} entries; slowest: {}",
        results.len(),
        timings.iter().take(6).map(|(t, n)| format!("{n} {:.0} ms", t.as_secs_f64() * 1000.0)).collect::<Vec<_>>().join(", ")
    );
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// The time bound of an entry: `maxMillis` (1 s unless it says), three times that in a debug
/// build (what `cargo test` runs: rhai unoptimised is several times slower than the release
/// engine, whose own bound the Node runner checks on the release pkg/).
fn max_millis(e: &Value) -> Duration {
    let slack = if cfg!(debug_assertions) { 3 } else { 1 };
    Duration::from_millis(e["maxMillis"].as_u64().unwrap_or(1000) * slack)
}

/// The corpus tests one at a time, so that their timings do not include each other.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

// ---------------------------------------------------------------- tests/hostile/

fn run_hostile(name: String, dir: PathBuf, expect: Value) -> (String, Vec<String>, Duration) {
    let e = expectation_for(&expect, "native");
    let bound = max_millis(&e);
    let folder = materialise(name.trim_start_matches("hostile/"), &dir, &expect);
    let answers = expect.get("answers").cloned().unwrap_or(json!({}));
    let run_tests = expect["runTests"].as_bool() == Some(true);
    let started = Instant::now();
    let r = isolated(Duration::from_secs(20), move || {
        let t = Instant::now();
        let r = Pack::from_dir(&folder).and_then(|p| {
            if run_tests {
                let _ = p.run_tests();
            }
            let mut a = Assessment::empty(p.pack_ref(), "full");
            a.answers = answers.as_object().cloned().unwrap_or_default();
            p.score(&a)
        });
        (outcome(r), t.elapsed())
    });
    match r {
        Err(why) => (name, vec![why], started.elapsed()),
        Ok((got, took)) => {
            let mut f = judge_pack(&e, &got);
            if took > bound {
                f.push(format!("took {took:?}, more than {bound:?}"));
            }
            (name, f, took)
        }
    }
}

#[test]
fn hostile_packs_are_refused_or_stopped_with_a_clear_problem() {
    let _one_at_a_time = serial();
    let dirs = sorted_dirs(&root("tests/hostile"));
    assert!(dirs.len() >= 40, "only {} packs under tests/hostile/", dirs.len());
    let mut results = Vec::new();
    for dir in dirs {
        let name = format!("hostile/{}", dir.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(dir.join("expect.json")).unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
        let expect: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
        results.push(run_hostile(name, dir, expect));
    }
    let _ = std::fs::remove_dir_all(std::env::temp_dir().join(format!("renkei-corpus-{}", std::process::id())));
    settle("hostile/", results);
}

// ---------------------------------------------------------------- tests/badfiles/

/// The text of a bad file: the file, or what expect.json's `generate` builds.
pub fn bad_file_text(path: &Path, expect: &Value) -> String {
    let g = &expect["generate"];
    match g["kind"].as_str() {
        None => std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        Some("unknown-items") => {
            let n = g["count"].as_u64().unwrap();
            let mut s = String::from("{\"schemaVersion\": 1, \"pack\": {\"id\": \"renkei-default\"}, \"answers\": {");
            for i in 0..n {
                if i > 0 {
                    s.push(',');
                }
                s.push_str(&format!("\"nope_{i}\": 1"));
            }
            s + "}}"
        }
        Some("deep") => {
            let n = g["depth"].as_u64().unwrap() as usize;
            format!("{{\"schemaVersion\": 1, \"pack\": {{\"id\": \"renkei-default\"}}, \"answers\": {{\"ts_status_level\": {}{}}}}}", "[".repeat(n), "]".repeat(n))
        }
        Some("long-string") => {
            let n = g["length"].as_u64().unwrap() as usize;
            format!("{{\"schemaVersion\": 1, \"pack\": {{\"id\": \"renkei-default\"}}, \"answers\": {{\"{}\": \"{}\"}}}}", g["field"].as_str().unwrap(), "あ".repeat(n))
        }
        Some(k) => panic!("unknown generator {k}"),
    }
}

fn schema_accepts(validator: &jsonschema::Validator, text: &str) -> Option<bool> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let v: Value = serde_json::from_str(text).ok()?;
    Some(validator.is_valid(&v))
}

#[test]
fn bad_assessment_files_are_refused_naming_the_field_and_the_problem() {
    let _one_at_a_time = serial();
    let dir = root("tests/badfiles");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|f| f.ends_with(".expect.json"))
        .map(|f| f.trim_end_matches(".expect.json").to_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 60, "only {} files under tests/badfiles/", names.len());
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(root("www/schema/assessment.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let mut results = Vec::new();
    let mut disagree = Vec::new();
    for name in names {
        let expect: Value = serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.expect.json"))).unwrap()).unwrap_or_else(|e| panic!("{name}.expect.json: {e}"));
        let json_path = dir.join(format!("{name}.json"));
        let path = if json_path.exists() { json_path } else { dir.join(format!("{name}.txt")) };
        let text = if expect.get("generate").is_some() { bad_file_text(&path, &expect) } else {
            match std::fs::read(&path) {
                Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                Err(e) => panic!("{}: {e}", path.display()),
            }
        };
        let label = format!("badfiles/{name}");
        let e = expectation_for(&expect, "native");
        let bound = max_millis(&e);
        let t2 = text.clone();
        let started = Instant::now();
        let r = isolated(Duration::from_secs(20), move || {
            let pack = Pack::default_pack().unwrap();
            let t = Instant::now();
            let r = Assessment::from_json(&t2).and_then(|a| pack.score(&a));
            (outcome(r), t.elapsed())
        });
        let (mut f, took) = match r {
            Err(why) => (vec![why], started.elapsed()),
            Ok((got, took)) => (judge_file(&e, &got), took),
        };
        if took > bound {
            f.push(format!("took {took:?}, more than {bound:?}"));
        }
        let verdict = schema_accepts(&validator, &text);
        let said = match verdict {
            None => "not-json",
            Some(true) => "accepts",
            Some(false) => "rejects",
        };
        match expect["schema"].as_str() {
            Some(s) if s == said => {}
            s => f.push(format!("the JSON Schema {said} this file; expect.json says \"schema\": {s:?}")),
        }
        if said == "accepts" {
            disagree.push(name.clone());
        }
        results.push((label, f, took));
    }
    eprintln!("files the JSON Schema accepts and the engine refuses: {}", disagree.join(", "));
    settle("badfiles/", results);
}

fn judge_file(e: &Value, got: &Value) -> Vec<String> {
    let mut f = Vec::new();
    if got["kind"] != "answers" {
        f.push(format!("expected an answers error, got {}", cut(&got.to_string(), 400)));
        return f;
    }
    let problems = got["problems"].as_array().unwrap();
    let mut want = Map::new();
    for k in ["code", "item", "message"] {
        if let Some(v) = e.get(k) {
            want.insert(k.to_owned(), v.clone());
        }
    }
    let want = Value::Object(want);
    if !problems.iter().any(|p| check_place(&want, p, &["code", "item"]) && message_has(&want, p)) {
        f.push(format!("expected {want}, got {}", cut(&serde_json::to_string(problems).unwrap(), 600)));
    }
    if let Some(n) = e["count"].as_u64() {
        if problems.len() as u64 != n {
            f.push(format!("expected {n} problem(s), got {}", problems.len()));
        }
    }
    if let Some(m) = e["lastMessage"].as_str() {
        if !problems.last().and_then(|p| p["message"].as_str()).unwrap_or("").contains(m) {
            f.push(format!("the last problem should say {m:?}: {}", problems.last().unwrap()));
        }
    }
    for p in problems {
        bilingual(p, &mut f);
        if p["item"].as_str().unwrap_or("").is_empty() && e["item"] != "" {
            f.push(format!("a problem that names no field or item: {p}"));
        }
    }
    f
}

// ---------------------------------------------------------------- determinism

/// An assessment for one of the pack's own test cases, built as `Pack::run_tests` builds it.
fn pack_case_assessment(pack: &Pack, text: &str) -> Assessment {
    let case: Value = serde_json::from_str(text).unwrap();
    let mut a = Assessment::empty(pack.pack_ref(), case["itemSet"].as_str().unwrap_or("full"));
    let given: Map<String, Value> = case["answers"].as_object().cloned().unwrap_or_default();
    if let Some(base) = case["base"].as_str() {
        for item in &pack.checklist().items {
            if let (false, Some((least, most))) = (given.contains_key(&item.id), renkei::answers::extremes(item)) {
                a.answers.insert(item.id.clone(), if base == "least" { least.to_json() } else { most.to_json() });
            }
        }
    }
    a.answers.extend(given);
    let _ = AnswerType::Text;
    a
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Every report of the determinism list, by name: `pack-test:FILE` and `case:NAME`.
fn determinism_reports() -> Vec<(String, String)> {
    let pack = Pack::default_pack().unwrap();
    let mut out = Vec::new();
    let mut tests: Vec<PathBuf> = std::fs::read_dir(root("rules/default/tests")).unwrap().map(|e| e.unwrap().path()).collect();
    tests.sort();
    for p in tests {
        let text = std::fs::read_to_string(&p).unwrap();
        let a = pack_case_assessment(&pack, &text);
        let r = pack.score(&a).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((format!("pack-test:{}", p.file_name().unwrap().to_string_lossy()), serde_json::to_string_pretty(&r).unwrap()));
    }
    for d in sorted_dirs(&root("tests/cases")) {
        let text = std::fs::read_to_string(d.join("assessment.json")).unwrap();
        let a = Assessment::from_json(&text).unwrap();
        let r = pack.score(&a).unwrap();
        out.push((format!("case:{}", d.file_name().unwrap().to_string_lossy()), serde_json::to_string_pretty(&r).unwrap()));
    }
    out
}

#[test]
fn reports_hash_to_the_committed_list() {
    let _one_at_a_time = serial();
    let path = root("tests/corpus-determinism.json");
    let got: Map<String, Value> = determinism_reports().into_iter().map(|(n, r)| (n, Value::String(sha256(&r)))).collect();
    if std::env::var("RENKEI_BLESS").is_ok_and(|v| !v.is_empty() && v != "0") {
        let doc = json!({
            "note": "SHA-256 of each report's JSON (serde_json pretty, as scoreJson returns it) for every test case of rules/default and every tests/cases/*/assessment.json. tests/corpus.rs (native) and tests/web/corpus.test.mjs (release pkg/) must both give these. Rewrite with RENKEI_BLESS=1 cargo test --test corpus after a change of the pack or the report.",
            "reports": got,
        });
        let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).unwrap();
            eprintln!("wrote {}", path.display());
        }
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("no tests/corpus-determinism.json: RENKEI_BLESS=1 cargo test --test corpus writes it"));
    let want: Value = serde_json::from_str(&text).unwrap();
    let want = want["reports"].as_object().cloned().unwrap_or_default();
    let mut diff = Vec::new();
    for (k, v) in &got {
        match want.get(k) {
            None => diff.push(format!("{k}: not in the list")),
            Some(w) if w != v => diff.push(format!("{k}: report hash {} is not the listed {}", v.as_str().unwrap(), w.as_str().unwrap())),
            _ => {}
        }
    }
    for k in want.keys().filter(|k| !got.contains_key(*k)) {
        diff.push(format!("{k}: listed, but there is no such report now"));
    }
    assert!(
        diff.is_empty(),
        "tests/corpus-determinism.json differs from the reports scored now:\n  {}\nAfter a deliberate change of the pack, the cases or the report: RENKEI_BLESS=1 cargo test --test corpus (then rebuild pkg/ and run node --test tests/web/corpus.test.mjs, which checks the same list)",
        diff.join("\n  ")
    );
}

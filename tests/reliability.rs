//! Untrusted packs: every call is bounded in operations (across rules and callbacks) and time,
//! output is capped, rules cannot tamper with earlier results, errors are never swallowed, and
//! oversized or malformed packs are refused with a clear problem.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::mini_pack;
use renkei::{Assessment, Code, Error, Limits, Pack, PackSources};
use std::time::{Duration, Instant};

fn score(sources: &PackSources) -> Result<renkei::Report, Error> {
    let pack = Pack::compile(sources)?;
    pack.score(&Assessment::empty(pack.pack_ref(), "full"))
}

fn script_failure(r: Result<renkei::Report, Error>) -> renkei::ScriptFailure {
    match r {
        Err(Error::Script(mut f)) => f.remove(0),
        other => panic!("expected a script failure, got {other:?}"),
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    (f(), t.elapsed())
}

#[test]
fn nested_callbacks_that_never_end_are_stopped_by_the_shared_budget() {
    // Each callback's own operation count restarts; the engine's total does not.
    let script = "fn dim(a, dims) {\n  let xs = [];\n  for i in 0..100 { xs.push(i); }\n  let ys = xs; let zs = xs;\n  loop { xs.map(|x| ys.map(|y| zs.filter(|z| z > y).len()).len()); }\n}";
    let (r, took) = timed(|| score(&mini_pack(script)));
    let f = script_failure(r);
    assert_eq!((f.rule.as_str(), f.location.file.as_str()), ("dim", "scripts/main.rhai"));
    assert!(f.message.contains("operation limit") || f.message.contains("time limit"), "{}", f.message);
    assert!(f.location.line.is_some() && f.location.column.is_some(), "{:?}", f.location);
    assert!(took < Duration::from_secs(10), "stopped after {took:?}");
}

#[test]
fn the_budget_is_shared_by_every_rule_of_one_call() {
    // Each rule alone stays under the limit; together they do not.
    let mut s = mini_pack("fn dim(a, dims) { let n = 0; while n < 20000 { n += 1; } #{ level: 0, score: 0, max: 0 } }");
    let frame = s.get("scripts/frame.rhai").unwrap().replace(
        "fn overall(a, dims) { #{ score: 0, level: 0 } }",
        "fn overall(a, dims) { let n = 0; while n < 20000 { n += 1; } #{ score: 0, level: 0 } }",
    );
    s.insert("scripts/frame.rhai", frame);
    // Every item answered: one pass over the rules.
    let answered = |pack: &Pack| {
        let mut a = Assessment::empty(pack.pack_ref(), "full");
        a.answers.insert("q_yes".into(), serde_json::json!(true));
        a.answers.insert("q_level".into(), serde_json::json!(2));
        a
    };
    let pack = Pack::compile(&s).unwrap();
    pack.score(&answered(&pack)).unwrap();
    let both = pack.operations_spent();
    assert!(both > 100_000, "{both}");
    // A limit that each rule fits in alone (more than half of both) but not the two together.
    let limit = both * 3 / 4;
    let manifest = format!("{}[limits]\nmax_operations = {limit}\n", s.get("pack.toml").unwrap());
    s.insert("pack.toml", manifest);
    let pack = Pack::compile(&s).unwrap();
    let f = script_failure(pack.score(&answered(&pack)));
    assert_eq!(f.rule, "overall", "the second rule runs out of what the first left");
    assert!(f.message.contains(&limit.to_string()), "{}", f.message);
}

#[test]
fn one_slow_operation_after_another_is_stopped_by_the_clock() {
    // Comparing two 2,000-element arrays is one operation but slow: the clock stops it.
    let script = "fn dim(a, dims) { let xs = []; for i in 0..1999 { xs.push(i); } let ys = xs; let n = 0; loop { if xs == ys { n += 1; } } }";
    let mut s = mini_pack(script);
    s.insert("pack.toml", s.get("pack.toml").unwrap().to_owned() + "[limits]\nmax_millis = 300\n");
    let (r, took) = timed(|| score(&s));
    let f = script_failure(r);
    assert!(f.message.contains("time limit") || f.message.contains("operation limit"), "{}", f.message);
    assert!(took < Duration::from_secs(5), "stopped after {took:?}");
}

#[test]
fn a_pack_cannot_raise_a_limit_above_the_engines() {
    let mut s = mini_pack("fn dim(a, dims) { loop { } }");
    s.insert("pack.toml", s.get("pack.toml").unwrap().to_owned() + "[limits]\nmax_operations = 999999999999\n");
    let limits = Limits { max_operations: 50_000, ..Limits::default() };
    let pack = Pack::compile_with_limits(&s, &limits).unwrap();
    let f = script_failure(pack.score(&Assessment::empty(pack.pack_ref(), "full")));
    assert!(f.message.contains("50000"), "the engine's ceiling holds: {}", f.message);
}

#[test]
fn print_and_debug_are_capped_and_the_rest_counted() {
    let r = score(&mini_pack("fn dim(a, dims) { for i in 0..5000 { print(`line ${i}`); debug(i); } #{ level: 0, score: 0, max: 0 } }")).unwrap();
    let printed = r.diagnostics.iter().filter(|d| d.code.starts_with("script-print") || d.code == "script-debug").count();
    assert!(printed <= Limits::default().max_prints + 1, "{printed} lines kept");
    let more = r.diagnostics.iter().find(|d| d.code == "script-print-limit").expect("a line that counts the rest");
    assert!(more.message.en.contains("more line"), "{}", more.message.en);
    let bytes: usize = r.diagnostics.iter().map(|d| d.message.en.len()).sum();
    assert!(bytes < 2 * Limits::default().max_print_bytes, "{bytes} bytes of output kept");
}

#[test]
fn a_rule_cannot_rewrite_earlier_results() {
    let mut s = mini_pack("fn dim(a, dims) { #{ level: 1, score: 1, max: 4 } }");
    let frame = s.get("scripts/frame.rhai").unwrap().replace(
        "fn overall(a, dims) { #{ score: 0, level: 0 } }",
        "fn overall(a, dims) { let was = dims.D.level; dims.D.level = 4; dims.D.score = 4.0; dims.X = #{ level: 4 }; #{ score: 25, level: was } }",
    );
    s.insert("scripts/frame.rhai", frame);
    let mut a_yes = Assessment::empty(Pack::compile(&s).unwrap().pack_ref(), "full");
    a_yes.answers.insert("q_yes".into(), serde_json::json!(true));
    let pack = Pack::compile(&s).unwrap();
    let r = pack.score(&a_yes).unwrap();
    assert_eq!(r.dimensions.len(), 1, "no dimension added");
    assert_eq!(r.dimensions[0].level, Some(1), "the dimension's result stays what its rule returned");
    assert_eq!(r.dimensions[0].score, 1.0);
}

#[test]
fn an_error_inside_a_sort_comparator_is_not_swallowed() {
    let f = script_failure(score(&mini_pack("fn dim(a, dims) { let xs = [3, 1, 2]; xs.sort(|x, y| x.nope); #{ level: 0, score: 0, max: 0 } }")));
    assert_eq!(f.rule, "dim");
    assert!(f.message.contains("nope"), "{}", f.message);
    // A comparator that is not a total order neither panics nor loses elements.
    let r = score(&mini_pack("fn dim(a, dims) { let xs = []; for i in 0..500 { xs.push(i); } let k = 0; xs.sort(|x, y| { k += 1; if (x * 7 + y * 13 + k) % 3 == 0 { -1 } else { 1 } }); if xs.len() != 500 { throw \"lost\"; } #{ level: 0, score: 0, max: 0 } }"));
    assert!(r.is_ok(), "{r:?}");
}

#[test]
fn a_dimension_weight_that_is_not_a_number_is_refused() {
    let mut s = mini_pack("fn dim(a, dims) { #{ level: 0, score: 0, max: 0 } }");
    s.insert("items/d.toml", s.get("items/d.toml").unwrap().replace("rule = \"dim\"", "rule = \"dim\"\nweight = nan"));
    match Pack::compile(&s) {
        Err(Error::Pack(p)) => assert!(p.iter().any(|p| p.code == Code::Item && p.location.file == "items/d.toml" && p.message.contains("weight")), "{p:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_oversized_script_is_refused_before_it_is_parsed() {
    let big = format!("fn dim(a, dims) {{ #{{ level: 0, score: 0, max: 0 }} }}\n{}", "let x = 1;\n".repeat(10_000));
    let (r, took) = timed(|| Pack::compile(&mini_pack(&big)));
    match r {
        Err(Error::Pack(p)) => assert!(p.iter().any(|p| p.code == Code::TooLarge && p.location.file == "scripts/main.rhai"), "{p:?}"),
        other => panic!("{other:?}"),
    }
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_flood_of_problems_is_listed_up_to_a_limit_and_the_rest_counted() {
    let pack = Pack::default_pack().unwrap();
    let mut a = Assessment::empty(pack.pack_ref(), "full");
    for i in 0..100_000 {
        a.answers.insert(format!("nope_{i}"), serde_json::json!(1));
    }
    match pack.score(&a) {
        Err(Error::Answers(p)) => {
            assert_eq!(p.len(), Limits::default().max_problems);
            let last = p.last().unwrap();
            assert_eq!(last.code, Code::MoreProblems);
            assert!(last.message.contains("99901"), "{}", last.message);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_default_pack_stays_far_inside_the_default_limits() {
    let pack = Pack::default_pack().unwrap();
    let mut worst = 0;
    for set in ["full", "core"] {
        for case in common::cases::all() {
            let (name, mut a) = (case.name, case.assessment().unwrap());
            a.item_set = set.into();
            pack.score(&a).unwrap_or_else(|e| panic!("{name}: {e}"));
            worst = worst.max(pack.operations_spent());
        }
        let mut m = common::mature(&pack);
        m.item_set = set.into();
        pack.score(&m).unwrap();
        worst = worst.max(pack.operations_spent());
    }
    eprintln!("default pack: at most {worst} operations per scoring");
    assert!(worst * 20 < Limits::default().max_operations, "{worst} operations is not far inside the limit");
    for case in pack.run_tests() {
        assert!(case.passed, "{}: {:?}", case.name, case.failures);
    }
}

#[test]
fn a_limit_error_names_the_limit_and_the_rule_with_line_and_column() {
    // rhai moves a limit error to each call site as it unwinds, so the engine runs the rule
    // again under rhai's debugger to find where it stopped (src/score/locate.rs): the helper
    // and the statement in it, not the rule's own definition.
    let script = "// helpers\nfn spin(n) {\n  while true { n += 1; }\n}\n\nfn dim(a, dims) {\n  spin(0)\n}";
    let mut s = mini_pack(script);
    s.insert("pack.toml", format!("{}[limits]\nmax_operations = 1000\n", s.get("pack.toml").unwrap()));
    let f = script_failure(score(&s));
    assert_eq!(f.rule, "dim");
    assert_eq!(f.location.file, "scripts/main.rhai");
    assert!(f.message.contains("1000"), "{}", f.message);
    assert!(f.message.contains("stopped in spin"), "{}", f.message);
    assert_eq!(f.location.line, Some(3), "the loop is on line 3: {:?} {}", f.location, f.message);
    let col = f.location.column.expect("a column");
    assert!((3..=22).contains(&col), "inside `while true {{ n += 1; }}`: column {col}");
    // The same place every time (the second run stops at the operation the first stopped at).
    let again = script_failure(score(&s));
    assert_eq!((again.location.line, again.location.column), (f.location.line, f.location.column));
}

#[test]
fn endless_recursion_names_the_function_and_the_call_limit() {
    let script = "fn down(n) {\n  down(n + 1)\n}\nfn dim(a, dims) {\n  down(0)\n}";
    let f = script_failure(score(&mini_pack(script)));
    assert!(f.message.contains("stopped in down"), "{}", f.message);
    assert!(f.message.contains(&format!("more than {} nested calls", Limits::default().max_call_levels)), "{}", f.message);
    assert!(f.message_ja.contains("down"), "{}", f.message_ja);
    assert_eq!(f.location.line, Some(2), "{:?}", f.location);
}

// ---------------------------------------------------------------- answer files

fn answer_problem(text: &str) -> renkei::AnswerProblem {
    let pack = Pack::default_pack().unwrap();
    let r = Assessment::from_json(text).and_then(|a| pack.score(&a));
    match r {
        Err(Error::Answers(mut p)) => p.remove(0),
        other => panic!("expected an answers error for {text}, got {other:?}"),
    }
}

const HEAD: &str = r#""schemaVersion": 1, "pack": { "id": "renkei-default" }"#;

#[test]
fn an_answer_key_given_twice_is_an_error_naming_it() {
    let p = answer_problem(&format!(r#"{{ {HEAD}, "answers": {{ "co_exists": "none", "co_exists": "established" }} }}"#));
    assert_eq!(p.code, Code::DuplicateKey);
    assert!(p.message.contains("co_exists") && p.item.starts_with("answers"), "{p:?}");
}

proptest::proptest! {
    /// Keys in any order read as any JSON parser reads them (the reader sorts them itself), and a
    /// key given twice, at the top of `answers` or inside an answer, is named with the line it
    /// stands on (the reader reads a failing file a second time to find it).
    #[test]
    fn keys_in_any_order_read_the_same_and_a_repeat_is_named_on_its_line(
        entries in proptest::collection::vec((0u8..12, 0u8..4, proptest::collection::vec(0u8..4, 0..4)), 0..24),
    ) {
        let mut text = format!("{{\n{HEAD},\n\"answers\": {{\n");
        let mut seen = std::collections::HashSet::new();
        let mut first_repeat = None;
        for (i, (k, kind, sub)) in entries.iter().enumerate() {
            let line = i + 4;
            let key = format!("k{k}");
            if !seen.insert(key.clone()) && first_repeat.is_none() {
                first_repeat = Some((key.clone(), line));
            }
            let value = match kind {
                0 => "\"x\"".to_owned(),
                1 => "3".to_owned(),
                2 => format!("[{}]", sub.iter().map(|s| format!("\"a{s}\"")).collect::<Vec<_>>().join(", ")),
                _ => {
                    let mut inner = std::collections::HashSet::new();
                    for s in sub {
                        if !inner.insert(s) && first_repeat.is_none() {
                            first_repeat = Some((format!("s{s}"), line));
                        }
                    }
                    format!("{{{}}}", sub.iter().map(|s| format!("\"s{s}\": 1")).collect::<Vec<_>>().join(", "))
                }
            };
            let comma = if i + 1 < entries.len() { "," } else { "" };
            text.push_str(&format!("\"{key}\": {value}{comma}\n"));
        }
        text.push_str("}\n}\n");
        match (Assessment::from_json(&text), first_repeat) {
            (Ok(a), None) => {
                let plain: serde_json::Value = serde_json::from_str(&text).unwrap();
                proptest::prop_assert_eq!(serde_json::Value::Object(a.answers), plain["answers"].clone());
            }
            (Err(Error::Answers(p)), Some((key, line))) => {
                proptest::prop_assert_eq!(p[0].code, Code::DuplicateKey);
                proptest::prop_assert!(p[0].message.contains(&format!("'{key}'")), "{} in {}", key, p[0].message);
                proptest::prop_assert!(p[0].message_ja.contains(&format!("（{line}行 ")), "line {} in {}", line, p[0].message_ja);
            }
            (other, want) => proptest::prop_assert!(false, "{:?} for {:?}\n{}", other.map(|_| ()), want, text),
        }
    }
}

#[test]
fn envelope_fields_of_the_wrong_type_or_that_would_be_dropped_are_errors() {
    for (answer, what) in [
        (r#"{ "status": 3 }"#, "'status' must be a string"),
        (r#"{ "status": null, "value": true, "note": 5 }"#, "'note' must be a string"),
        (r#"{ "status": "undecided", "value": true }"#, "the value would be lost"),
        (r#"{ "status": "answered", "value": true, "reason": "x" }"#, "a reason goes with status na"),
    ] {
        let p = answer_problem(&format!(r#"{{ {HEAD}, "answers": {{ "ts_resident_subject": {answer} }} }}"#));
        assert_eq!((p.item.as_str(), p.code), ("ts_resident_subject", Code::BadEnvelope), "{answer}");
        assert!(p.message.contains(what), "{answer}: {}", p.message);
    }
}

#[test]
fn a_note_is_kept_whatever_the_answer_state() {
    let pack = Pack::default_pack().unwrap();
    let a = Assessment::from_json(&format!(r#"{{ {HEAD}, "answers": {{ "ts_resident_subject": {{ "status": "undecided", "note": "来年度に検討" }} }} }}"#)).unwrap();
    let r = pack.score(&a).unwrap();
    assert_eq!(r.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["来年度に検討"]);
}

#[test]
fn the_file_shape_is_checked_with_the_field_named() {
    let p = answer_problem(&format!(r#"{{ {HEAD} }}"#));
    assert!(p.message.contains("answers"), "missing answers: {}", p.message);
    let p = answer_problem(&format!(r#"{{ {HEAD}, "fiscalYear": "令和5年度", "answers": {{}} }}"#));
    assert_eq!(p.item, "fiscalYear", "{p:?}");
    let p = answer_problem(&format!(r#"{{ {HEAD}, "createdAt": "昨日", "answers": {{}} }}"#));
    assert_eq!((p.item.as_str(), p.code), ("createdAt", Code::BadDate));
    let p = answer_problem("[1, 2, 3]");
    assert!(p.message.contains("array"), "{}", p.message);
    let p = answer_problem(&format!(r#"{{ {HEAD}, "answers": {{ "co_meeting_frequency": 1e308 }} }}"#));
    assert_eq!((p.item.as_str(), p.code), ("co_meeting_frequency", Code::NumberOutOfRange), "{p:?}");
    // A byte-order mark (Windows Notepad) is not a problem.
    let pack = Pack::default_pack().unwrap();
    let a = Assessment::from_json(&format!("\u{feff}{{ {HEAD}, \"answers\": {{}} }}")).unwrap();
    assert!(pack.score(&a).is_ok());
}

#[test]
fn a_pack_test_expecting_an_unknown_finding_is_told_so() {
    let mut s = renkei::PackSources::from_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/default")).unwrap();
    let manifest = s.get("pack.toml").unwrap().replacen("tests = [", "tests = [\n  \"tests/zz_unknown.json\",", 1);
    s.insert("pack.toml", manifest);
    s.insert("tests/zz_unknown.json", r#"{ "name": "typo", "expect": { "findingsInclude": ["ts_status_levle", "G9:D1"] } }"#);
    let pack = Pack::compile(&s).unwrap();
    let r = pack.run_tests().into_iter().find(|c| c.name == "typo").unwrap();
    assert!(!r.passed);
    assert!(r.failures.iter().any(|f| f.contains("unknown finding id 'ts_status_levle'")), "{:?}", r.failures);
    assert!(r.failures.iter().any(|f| f.contains("unknown finding id 'G9:D1'")), "{:?}", r.failures);
}

#[test]
fn a_script_just_under_the_size_cap_still_compiles_quickly() {
    // Many functions, or one function with many variables: rhai's parser slows far faster than
    // the script grows (5–9 s for 0.4–0.8 MB). At the cap it compiles (the bound here only
    // catches a pathological slowdown in a debug build on a loaded machine; the release figure
    // is in RELIABILITY.md).
    let many_fns: String = (0..1450).map(|i| format!("fn f{i}(a) {{ let x{i} = a + {i}; x{i} }}\n")).collect();
    let many_vars = format!("fn g() {{\n{}}}\n", (0..3500).map(|i| format!("let v{i} = {i};\n")).collect::<String>());
    for extra in [many_fns, many_vars] {
        let script = format!("fn dim(a, dims) {{ #{{ level: 0, score: 0, max: 0 }} }}\n{extra}");
        assert!(script.len() <= Limits::default().max_script_bytes, "{} bytes", script.len());
        let (r, took) = timed(|| Pack::compile(&mini_pack(&script)));
        assert!(r.is_ok(), "{:?}", r.err());
        assert!(took < Duration::from_secs(30), "{} bytes took {took:?}", script.len());
        eprintln!("{} bytes compiled in {took:?}", script.len());
    }
}

#[test]
fn a_packs_test_cases_together_get_twice_one_calls_budget_then_the_rest_are_not_run() {
    // Forty cases whose rule spins to the operation limit (lowered to 20,000 here): the first
    // cases run to their limit, and once all of them together have spent twice one call's
    // operations the rest are reported as not run, saying why.
    let mut s = mini_pack("fn dim(a, dims) { loop { } }");
    let names: Vec<String> = (0..40).map(|i| format!("tests/t{i}.json")).collect();
    let list = names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    let toml = s.get("pack.toml").unwrap().replacen("[entry]", &format!("tests = [{list}]\n[entry]"), 1);
    s.insert("pack.toml", format!("{toml}[limits]\nmax_operations = 20000\n"));
    for (i, n) in names.iter().enumerate() {
        s.insert(n.as_str(), format!("{{ \"name\": \"spin {i}\", \"expect\": {{}} }}"));
    }
    let pack = Pack::compile(&s).unwrap_or_else(|e| panic!("{e}"));
    let results = pack.run_tests();
    assert_eq!(results.len(), 40);
    let ran = results.iter().filter(|r| !r.failures.iter().any(|f| f.starts_with("not run"))).count();
    assert!((2..=4).contains(&ran), "{ran} cases ran: {:?}", results.iter().map(|r| &r.failures).collect::<Vec<_>>());
    assert!(results.iter().all(|r| !r.passed));
    assert!(results.last().unwrap().failures[0].contains("40000 operations"), "{:?}", results.last().unwrap().failures);
}

//! The native runner of the tests that carry their own cases:
//!
//! - `tests/cases/NAME/`: an assessment, what must hold of its report (`expect.json`) and the
//!   golden report (`report.json`), judged by the one runner in `tests/common/cases.rs` (the
//!   wasm test in Chromium runs the same; the release pkg/ in Node follows tests/lib/cases.mjs).
//! - `tests/packs/NAME/`: a small broken pack and the problems it must give (`expect.json`).
//!
//! `RENKEI_BLESS=1 cargo test --test cases` rewrites the goldens (and the generated inputs) and
//! prints what changed. `RENKEI_PACK_DIR=DIR` judges the cases with the pack in DIR instead of the
//! embedded default (the mutation check, tests/mutation/mutate.mjs, runs this binary that way).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::cases::{self, Case};
use common::*;
use renkei::{Error, Pack, PackSources};
use serde_json::Value;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn blessing() -> bool {
    let on = std::env::var("RENKEI_BLESS").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(!(on && cases::pack_dir().is_some()), "RENKEI_BLESS with RENKEI_PACK_DIR would write another pack's reports");
    on
}

fn case_dir(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/cases").join(name)
}

// ---------------------------------------------------------------- tests/cases/

#[test]
fn every_case_meets_its_expectations_and_its_golden() {
    let pack = cases::pack();
    let all = cases::all();
    assert!(!all.is_empty(), "no case folders under tests/cases/");
    let bless = blessing();
    let mut failures = Vec::new();
    for case in &all {
        if bless {
            failures.extend(bless_case(&pack, case));
            continue;
        }
        failures.extend(cases::run(&pack, case).failures);
    }
    let pack_note = cases::pack_dir().map(|d| format!(" (pack from RENKEI_PACK_DIR={d})")).unwrap_or_default();
    assert!(
        failures.is_empty(),
        "{} problem(s) in {} cases{pack_note}:\n{}\n(after a deliberate change: RENKEI_BLESS=1 cargo test --test cases, then review the diff)",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Rewrites the case's generated input (if it has one) and its golden from disk's current state,
/// printing what changed; returns the expectations (expect.json, never rewritten) that fail.
fn bless_case(pack: &Pack, case: &Case) -> Vec<String> {
    let dir = case_dir(case.name);
    let text = if GENERATED_CASES.contains(&case.name) {
        let fresh = generated_assessment(pack, case.name);
        write_if_changed(&dir.join("assessment.json"), &fresh, "assessment.json");
        fresh
    } else {
        std::fs::read_to_string(dir.join("assessment.json")).unwrap_or_else(|e| panic!("{}: assessment.json: {e}", case.name))
    };
    let a = renkei::Assessment::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let report = pack.score(&a).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let got = cases::render(&report);
    let path = dir.join("report.json");
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    match cases::compare_report(case.name, &old, &got) {
        None => {}
        Some(_) if old.is_empty() => eprintln!("blessed {}: new report.json", case.name),
        Some(diff) => eprintln!("blessed {diff}"),
    }
    write_if_changed(&path, &got, "report.json");
    let expect = std::fs::read_to_string(dir.join("expect.json")).unwrap_or_default();
    cases::check_expect(case.name, &expect, &report)
}

fn write_if_changed(path: &Path, text: &str, what: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        eprintln!("wrote {} ({what})", path.display());
    }
}

#[test]
fn the_case_list_built_in_is_the_folder_as_it_is_now() {
    // build.rs lists tests/cases/ when it runs; a stale list would silently drop a new case.
    let mut on_disk: Vec<(String, Vec<String>)> = Vec::new();
    for e in std::fs::read_dir(Path::new(ROOT).join("tests/cases")).expect("tests/cases/ exists") {
        let p = e.unwrap().path();
        if p.is_dir() {
            let mut files: Vec<String> = std::fs::read_dir(&p)
                .unwrap()
                .map(|f| f.unwrap().file_name().to_string_lossy().to_string())
                .filter(|f| f.ends_with(".json"))
                .collect();
            files.sort();
            on_disk.push((p.file_name().unwrap().to_string_lossy().to_string(), files));
        }
    }
    on_disk.sort();
    let built: Vec<(String, Vec<String>)> =
        cases::all().iter().map(|c| (c.name.to_string(), c.files.iter().map(|(f, _)| f.to_string()).collect())).collect();
    assert_eq!(built, on_disk, "build.rs's case list differs from tests/cases/ (touch build.rs and rebuild)");
    for case in cases::all() {
        for (file, text) in case.files {
            let now = std::fs::read_to_string(case_dir(case.name).join(file)).unwrap();
            assert!(now == *text || blessing(), "tests/cases/{}/{file} changed after the build", case.name);
        }
    }
}

#[test]
fn generated_inputs_are_what_the_checklist_gives_now() {
    // empty and mature are built from the checklist (tests/common/mod.rs) and kept as files, so a
    // new item in the pack shows up here first: RENKEI_BLESS=1 rewrites them with their reports.
    let pack = cases::pack();
    for name in GENERATED_CASES {
        let want = generated_assessment(&pack, name);
        if blessing() {
            continue; // written by every_case_meets_its_expectations_and_its_golden
        }
        let got = cases::get(name).file("assessment.json").unwrap_or_else(|| panic!("tests/cases/{name}/ has no assessment.json"));
        if got != want {
            let diff = jsondiff::diff(&serde_json::from_str(got).unwrap(), &serde_json::from_str(&want).unwrap(), 40);
            panic!(
                "tests/cases/{name}/assessment.json is not what the checklist gives now (file → now):\n    {}\n(RENKEI_BLESS=1 cargo test --test cases rewrites it)",
                diff.join("\n    ")
            );
        }
    }
}

#[test]
fn goldens_leave_the_pack_hash_out() {
    for case in cases::all() {
        let Some(text) = case.file("report.json") else { continue };
        let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert!(v["pack"].is_object(), "{}: report.json has no pack", case.name);
        assert!(v["pack"].get("hash").is_none(), "{}: report.json holds the pack hash", case.name);
    }
}

#[test]
fn reports_carry_the_hash_of_the_pack_as_computed_now() {
    // The hash left out of the goldens is checked here: the report names the pack's hash, which
    // is the build-time hash of rules/default, recomputed from the files now, and stable.
    let pack = Pack::default_pack().unwrap();
    let from_disk = Pack::from_dir(Path::new(ROOT).join("rules/default")).unwrap();
    let r = pack.score(&fixture("mito_after")).unwrap();
    assert_eq!(r.pack.hash, pack.info().hash);
    assert_eq!(pack.info().hash, from_disk.info().hash);
    assert_eq!(Pack::from_dir(Path::new(ROOT).join("rules/default")).unwrap().info().hash, from_disk.info().hash);
    let h = &pack.info().hash;
    assert!(h.starts_with("sha256:") && h.len() == 71 && h[7..].bytes().all(|b| b.is_ascii_hexdigit()), "{h}");
    // Taking the hash out of a rendered report leaves the rest byte for byte.
    let full = render(&r);
    let cut = cases::render(&r);
    assert!(!cut.contains(h.as_str()) && full.contains(h.as_str()));
    assert_eq!(full.len() - cut.len(), format!(",\n    \"hash\": \"{h}\"").len());
}

#[test]
fn the_differ_names_each_changed_path() {
    let a: Value = serde_json::json!({ "dimensions": [{ "id": "D1", "level": 2 }, { "id": "D2", "level": 3 }, { "id": "D3", "level": 3 }],
        "findings": [{ "id": "x" }, { "id": "y" }], "overall": { "score": 1.0 } });
    let b: Value = serde_json::json!({ "dimensions": [{ "id": "D1", "level": 2 }, { "id": "D2", "level": 3 }, { "id": "D3", "level": 2 }],
        "findings": [{ "id": "z" }, { "id": "x" }, { "id": "y" }], "overall": { "score": 1 }, "new": true });
    assert_eq!(
        jsondiff::diff(&a, &b, 10),
        ["dimensions[2].level: 3 → 2", "findings[0]: added {\"id\":\"z\"}", "new: added true"]
    );
    assert_eq!(jsondiff::diff(&a, &a, 10), Vec::<String>::new());
}

// ---------------------------------------------------------------- tests/packs/

/// A pack folder's files, its `expect.json` left out.
fn pack_sources(dir: &Path) -> PackSources {
    fn walk(root: &Path, dir: &Path, out: &mut PackSources) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            if p.is_dir() {
                walk(root, &p, out);
            } else if rel != "expect.json" {
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut s = PackSources::new();
    walk(dir, dir, &mut s);
    s
}

/// (code, file, line, column) as expect.json writes it.
type Place = (String, String, Option<u64>, Option<u64>);

fn place(v: &Value) -> Place {
    let s = |k: &str| v[k].as_str().unwrap_or_else(|| panic!("expect.json: \"{k}\" must be a string in {v}")).to_owned();
    (s("code"), s("file"), v["line"].as_u64(), v["column"].as_u64())
}

fn show_place(p: &Place) -> String {
    let n = |x: Option<u64>| x.map_or("null".to_string(), |x| x.to_string());
    format!("{} at {}:{}:{}", p.0, p.1, n(p.2), n(p.3))
}

#[test]
fn broken_packs_give_their_problems_where_they_are() {
    let root = Path::new(ROOT).join("tests/packs");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).expect("tests/packs/ exists").map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "only {} packs under tests/packs/", dirs.len());
    let mut failures = Vec::new();
    let mut unplaced = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let expect_text = std::fs::read_to_string(dir.join("expect.json")).unwrap_or_else(|e| panic!("tests/packs/{name}/expect.json: {e}"));
        let expect: Value = serde_json::from_str(&expect_text).unwrap_or_else(|e| panic!("tests/packs/{name}/expect.json: {e}"));
        let mut want: Vec<Place> = expect["problems"].as_array().unwrap_or_else(|| panic!("tests/packs/{name}/expect.json needs \"problems\": [...]")).iter().map(place).collect();
        let mut got: Vec<Place> = match Pack::compile(&pack_sources(dir)) {
            Ok(_) => Vec::new(),
            Err(Error::Pack(p)) => p.iter().map(|p| (p.code.as_str().to_owned(), p.location.file.clone(), p.location.line.map(u64::from), p.location.column.map(u64::from))).collect(),
            Err(e) => {
                failures.push(format!("{name}: not a pack error: {e}"));
                continue;
            }
        };
        want.sort();
        got.sort();
        for p in &got {
            if p.2.is_none() || p.3.is_none() {
                unplaced.push(format!("{name}: {}", show_place(p)));
            }
        }
        if want != got {
            let missing: Vec<String> = want.iter().filter(|p| !got.contains(p)).map(show_place).collect();
            let extra: Vec<String> = got.iter().filter(|p| !want.contains(p)).map(show_place).collect();
            failures.push(format!("{name}: expected but not given: [{}]; given but not expected: [{}]", missing.join("; "), extra.join("; ")));
        }
    }
    if !unplaced.is_empty() {
        eprintln!("pack problems without a line or column (TODO for the engine):\n  {}", unplaced.join("\n  "));
    }
    assert!(failures.is_empty(), "tests/packs/:\n{}", failures.join("\n"));
}

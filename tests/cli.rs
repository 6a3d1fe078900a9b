//! The command line, for prefecture CI and batch work: exit codes, error places, the CSV of a
//! batch, the bundle round trip, the re-scoring diff.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_renkei")).args(args).output().expect("run renkei")
}

fn text(o: &Output) -> (String, String) {
    (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn case(name: &str) -> String {
    format!("{ROOT}/tests/cases/{name}/assessment.json")
}

/// A scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("renkei-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A copy of the default pack folder, with `edit` applied to one file.
fn pack_copy(dir: &Path, file: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let src = renkei::PackSources::from_dir(format!("{ROOT}/rules/default")).unwrap();
    let out = dir.join("pack");
    for p in src.paths() {
        let path = out.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let t = src.get(p).unwrap().to_owned();
        std::fs::write(path, if p == file { edit(t) } else { t }).unwrap();
    }
    out
}

#[test]
fn check_compiles_and_runs_the_pack_tests_with_exit_codes() {
    let o = cli(&["check", &format!("{ROOT}/rules/default")]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.starts_with("ok: renkei-default") && out.contains(" passed, 0 failed"), "{out}");
    let d = scratch("check");
    let broken = pack_copy(&d, "tests/empty.json", |t| t.replace("\"D1\": null", "\"D1\": 3"));
    let o = cli(&["check", broken.to_str().unwrap()]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "a failing test case fails the check: {out}");
    assert!(out.contains("FAIL") && out.contains("D1: level None, expected Some(3)"), "{out}");
    assert_eq!(cli(&["check", "/nonexistent-pack"]).status.code(), Some(2), "a pack that cannot be read");
    assert_eq!(cli(&["nonsense"]).status.code(), Some(2));
    let help = text(&cli(&["--help"])).0;
    for word in ["check", "score", "batch", "bundle", "diff", "exit codes"] {
        assert!(help.contains(word), "--help documents {word}");
    }
}

#[test]
fn batch_writes_one_row_per_file_and_lists_the_files_that_fail() {
    let d = scratch("batch");
    let bad = d.join("broken.json");
    std::fs::write(&bad, "{ \"schemaVersion\": 1, ").unwrap();
    let csv = d.join("out.csv");
    let o = cli(&["batch", "--pack", &format!("{ROOT}/rules/default"), &case("mito_before"), bad.to_str().unwrap(), &case("mito_after"), "--csv", csv.to_str().unwrap()]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "one file failed: {err}");
    assert!(err.contains("2 of 3 files scored") && err.contains("FAILED") && err.contains("broken.json"), "{err}");
    let body = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two rows: {body}");
    let head: Vec<&str> = lines[0].split(',').collect();
    for col in ["municipality", "fiscal_year", "overall", "overall_upper", "stage", "D1_level", "D1_upper", "D16_status", "pack_hash"] {
        assert!(head.contains(&col), "column {col}: {}", lines[0]);
    }
    let pack = renkei::Pack::default_pack().unwrap();
    let r = pack.score(&renkei::Assessment::from_json(&std::fs::read_to_string(case("mito_after")).unwrap()).unwrap()).unwrap();
    let row: Vec<&str> = lines[2].split(',').collect();
    let col = |name: &str| row[head.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("municipality"), "水戸市");
    assert_eq!(col("D1_level"), r.dimensions[0].level.map(|l| l.to_string()).unwrap_or_default());
    assert_eq!(col("overall"), r.overall.level.map(|l| l.to_string()).unwrap_or_default());
    assert_eq!(col("pack_hash"), r.pack.hash);
}

#[test]
fn a_bundle_round_trips_to_the_same_hash_and_reports() {
    let d = scratch("bundle");
    let file = d.join("pack.bundle.json");
    let o = cli(&["bundle", &format!("{ROOT}/rules/default"), "-o", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let folder = text(&cli(&["check", &format!("{ROOT}/rules/default")])).0;
    let bundled = text(&cli(&["check", file.to_str().unwrap()])).0;
    assert_eq!(folder.lines().next(), bundled.lines().next(), "same id, version, edition, hash");
    let by_folder = text(&cli(&["score", "--pack", &format!("{ROOT}/rules/default"), &case("hirado_after")])).0;
    let by_bundle = text(&cli(&["score", "--pack", file.to_str().unwrap(), &case("hirado_after")])).0;
    assert!(!by_folder.is_empty() && by_folder == by_bundle, "the same report from the folder and from its bundle");
    // A bundle edited by hand no longer matches its hash.
    let edited = std::fs::read_to_string(&file).unwrap().replacen("weight = 2", "weight = 3", 1);
    std::fs::write(&file, edited).unwrap();
    let o = cli(&["check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("damaged or edited"), "{}", text(&o).1);
}

#[test]
fn diff_shows_what_another_edition_changes_for_each_file() {
    let d = scratch("diff");
    // The new edition drops an item and weighs the council less.
    let new = pack_copy(&d, "items/d2_council.toml", |t| {
        let i = t.find("[[item]]\nid = \"co_core_small_councils\"").expect("the item");
        let j = t[i + 8..].find("[[item]]").map_or(t.len(), |j| i + 8 + j);
        format!("{}{}", &t[..i], &t[j..])
    });
    let o = cli(&["diff", "--old", &format!("{ROOT}/rules/default"), "--new", new.to_str().unwrap(), &case("mito_after"), &case("mature")]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("items removed: co_core_small_councils"), "{out}");
    assert!(out.contains("mito_after/assessment.json:") && out.contains("mature/assessment.json:"), "{out}");
}

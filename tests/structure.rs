//! The engine's structure holds: one list of problem codes (documented), positions from the
//! TOML parser's spans, `requires` checked, pack words read from the pack, the CLI's contract.
#![cfg(not(target_arch = "wasm32"))]

use renkei::{Code, Error, Pack, PackSources};
use std::process::Command;

fn default_sources() -> PackSources {
    PackSources::from_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/default")).expect("the default pack reads")
}

fn pack_problems(sources: &PackSources) -> Vec<renkei::PackProblem> {
    match Pack::compile(sources) {
        Err(Error::Pack(p)) => p,
        other => panic!("expected pack problems, got {other:?}"),
    }
}

fn edit(sources: &PackSources, file: &str, from: &str, to: &str) -> PackSources {
    let mut s = sources.clone();
    let text = s.get(file).expect("file").to_owned();
    assert!(text.contains(from), "{file} has no {from:?}");
    s.insert(file, text.replacen(from, to, 1));
    s
}

#[test]
fn the_documented_problem_codes_are_exactly_the_enum() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/README.md")).unwrap();
    let section = readme.split("## Problem codes").nth(1).expect("rules/README.md has a Problem codes section");
    let documented: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(documented, codes, "rules/README.md's table of problem codes differs from renkei::Code::ALL");
    for c in Code::ALL {
        assert!(section.contains(c.meaning().trim()), "{c}: the table should say what it means: {}", c.meaning());
    }
}

#[test]
fn an_item_id_without_spaces_still_gets_its_line_and_column() {
    let s = edit(&default_sources(), "items/d1_target_states.toml", "id = \"ts_gap_analysis\"", "id=\"ts gap\"");
    let p = pack_problems(&s);
    let bad = p.iter().find(|p| p.code == Code::ItemId).expect("an item-id problem");
    let text = s.get("items/d1_target_states.toml").unwrap();
    let line = text.lines().position(|l| l.starts_with("id=\"ts gap\"")).unwrap() + 1;
    assert_eq!((bad.location.line, bad.location.column), (Some(line as u32), Some(4)), "{bad:?}");
}

#[test]
fn requires_naming_an_unknown_dimension_or_forming_a_cycle_is_a_pack_error() {
    let s = edit(&default_sources(), "items/d2_council.toml", "[dimension]\n", "[dimension]\nrequires = [\"D99\"]\n");
    let p = pack_problems(&s);
    let unknown = p.iter().find(|p| p.code == Code::UnknownReference).expect("unknown requires");
    assert_eq!(unknown.location.file, "items/d2_council.toml");
    assert!(unknown.location.line.is_some() && unknown.location.column.is_some(), "{unknown:?}");

    // D3 requires D1 in the default pack; D1 requiring D3 closes a cycle.
    let s = edit(&default_sources(), "items/d1_target_states.toml", "[dimension]\n", "[dimension]\nrequires = [\"D3\"]\n");
    let p = pack_problems(&s);
    let cycle = p.iter().find(|p| p.code == Code::RequiresCycle).unwrap_or_else(|| panic!("a requires cycle: {p:?}"));
    assert!(cycle.message.contains("D1") && cycle.message.contains("D3"), "{}", cycle.message);
    assert!(cycle.location.line.is_some());
}

#[test]
fn scenes_sets_and_report_settings_come_from_the_pack() {
    let pack = Pack::default_pack().unwrap();
    let scenes: Vec<&str> = pack.checklist().scenes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(scenes, ["daily", "transition", "acute", "eol"]);
    assert_eq!(pack.info().sets.iter().filter(|s| s.default).count(), 1, "exactly one default set");
    // A pack that renames the scenes and lists three next steps gets exactly that.
    let s = edit(&default_sources(), "pack.toml", "next_steps = 5", "next_steps = 3");
    let pack = Pack::compile(&s).unwrap();
    let mut a = renkei::Assessment::from_json(include_str!("fixtures/mito_before.json")).unwrap();
    a.pack = pack.pack_ref();
    let r = pack.score(&a).unwrap();
    assert_eq!(r.next_steps.len(), 3);
    assert_eq!(r.next_steps, r.findings.iter().take(3).map(|f| f.id.clone()).collect::<Vec<_>>());
}

#[test]
fn a_fiscal_year_outside_the_packs_range_is_refused_with_that_range() {
    let s = edit(&default_sources(), "pack.toml", "fiscal_year_min = 2000", "fiscal_year_min = 2020");
    let pack = Pack::compile(&s).unwrap();
    let mut a = renkei::Assessment::empty(pack.pack_ref(), "full");
    a.fiscal_year = Some(2019);
    match pack.score(&a) {
        Err(Error::Answers(p)) => assert!(p.iter().any(|p| p.code == Code::FiscalYear && p.message.contains("2020"))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_folder_is_read_only_through_its_manifest_and_never_outside_it() {
    let dir = std::env::temp_dir().join(format!("renkei-structure-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("items")).unwrap();
    let src = default_sources();
    for p in src.paths() {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, src.get(p).unwrap()).unwrap();
    }
    std::fs::write(dir.join("items/unlisted.toml"), "not = [valid").unwrap();
    assert!(Pack::from_dir(&dir).is_ok(), "a file the manifest does not name is never read");
    let manifest = std::fs::read_to_string(dir.join("pack.toml")).unwrap();
    std::fs::write(dir.join("pack.toml"), manifest.replacen("\"items/d1_target_states.toml\"", "\"../outside.toml\"", 1)).unwrap();
    match PackSources::from_dir(&dir) {
        Err(Error::Pack(p)) => assert!(p.iter().any(|p| p.code == Code::Io && p.location.file == "../outside.toml"), "{p:?}"),
        other => panic!("a path out of the folder must be refused: {other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn cli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_renkei")).args(args).output().expect("run renkei")
}

#[test]
fn the_cli_shows_the_source_line_with_a_caret_and_documents_exit_codes() {
    let dir = std::env::temp_dir().join(format!("renkei-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let src = edit(&default_sources(), "items/d1_target_states.toml", "id = \"ts_gap_analysis\"", "id=\"ts gap\"");
    for p in src.paths() {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, src.get(p).unwrap()).unwrap();
    }
    let o = cli(&["check", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("items/d1_target_states.toml:") && err.contains("| id=\"ts gap\"") && err.contains("|    ^"), "{err}");
    assert_eq!(cli(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(cli(&["score", "/nonexistent.json"]).status.code(), Some(2));
    let help = cli(&["--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("exit codes"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_ends_quietly_on_a_closed_pipe() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_renkei"))
        .arg("checklist")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}

#[test]
fn the_typescript_problem_codes_are_exactly_the_enum() {
    let wasm = include_str!("../src/wasm.rs");
    let line = wasm.lines().find(|l| l.starts_with("export type ProblemCode = ")).expect("ProblemCode in src/wasm.rs");
    let listed: Vec<&str> = line.split('"').skip(1).step_by(2).collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, codes, "src/wasm.rs's ProblemCode union differs from renkei::Code::ALL");
}

/// A small pack of our own: three scenes with other names, one item set, one dimension.
pub fn three_scene_pack() -> PackSources {
    let mut s = PackSources::new();
    s.insert(
        "pack.toml",
        r#"id = "mini-three"
edition = "2027"
version = "0.1.0"
engine = ">=0.1.0"
title = { ja = "三場面の試験用パック", en = "Three-scene test pack" }
items = ["items/d1.toml"]
scripts = ["scripts/rules.rhai"]
[entry]
scenes = "grid"
overall = "overall"
[[level]]
ja = "なし"
en = "None"
[[level]]
ja = "準備"
en = "Preparing"
[[level]]
ja = "試行"
en = "Pilot"
[[level]]
ja = "運用"
en = "Operating"
[[level]]
ja = "改善"
en = "Improving"
[[set]]
id = "only"
title = { ja = "全設問", en = "All" }
[[scene]]
id = "home"
ja = "在宅"
en = "At home"
[[scene]]
id = "ward"
ja = "病棟"
en = "On the ward"
[[scene]]
id = "farewell"
ja = "お別れ"
en = "Farewell"
[report]
next_steps = 2
"#,
    );
    s.insert(
        "items/d1.toml",
        r#"[dimension]
id = "P1"
title = { ja = "計画", en = "Plan" }
rule = "p1"
[[item]]
id = "covered"
type = "scenes"
question = { ja = "対応している場面は", en = "Which scenes are covered?" }
sets = ["only"]
mature_count = 3
[[item.advice]]
ja = "すべての場面に広げましょう。"
en = "Cover every scene."
source = { file = "000", quote = "x" }
"#,
    );
    s.insert(
        "scripts/rules.rhai",
        r#"fn p1(a, dims) { let p = a.item_points("P1"); #{ level: (4 * a.count("covered")) / 3, score: p.score, max: p.max, gaps: a.gaps("P1", []) } }
fn grid(a, dims) { let c = a.scene_cells("covered"); let out = #{}; for k in c.keys() { out[k] = #{ target: c[k] }; } out }
fn overall(a, dims) { #{ score: 100.0 * dims.P1.score / dims.P1.max, level: dims.P1.level } }
"#,
    );
    s
}

#[test]
fn a_pack_with_three_scenes_of_other_names_and_one_set_scores() {
    let pack = Pack::compile(&three_scene_pack()).unwrap_or_else(|e| panic!("{e}"));
    let item = pack.checklist().item("covered").unwrap();
    assert_eq!(item.options.iter().map(|o| o.ja.as_str()).collect::<Vec<_>>(), ["在宅", "病棟", "お別れ"]);
    assert_eq!(pack.info().sets.len(), 1);
    assert!(pack.info().sets[0].default, "the only set is the default");
    let mut a = renkei::Assessment::empty(pack.pack_ref(), "only");
    a.answers.insert("covered".into(), serde_json::json!(["home", "お別れ"]));
    let r = pack.score(&a).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.scenes.iter().map(|s| s.scene.as_str()).collect::<Vec<_>>(), ["home", "ward", "farewell"]);
    assert_eq!(r.scenes[1].label.ja, "病棟");
    assert_eq!(r.dimensions[0].level, Some(2));
    assert_eq!(r.next_steps, ["covered"]);
}

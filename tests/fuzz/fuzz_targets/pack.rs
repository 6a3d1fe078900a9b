//! Any bytes as part of a rule pack — a script, an item file or the manifest, chosen by the
//! first byte — compiled with short limits and scored on an empty and a filled assessment.
//! Never a panic, never a hang past the limits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renkei::{Assessment, Limits, Pack, PackSources};

/// The broken-pack cases' valid pack (tests/packs/valid), with the four scenes declared.
const MANIFEST: &str = include_str!("../../packs/valid/pack.toml");
const SCENES: &str = "[[scene]]\nid = \"daily\"\nja = \"日常\"\nen = \"Daily\"\n[[scene]]\nid = \"transition\"\nja = \"入退院\"\nen = \"Transition\"\n[[scene]]\nid = \"acute\"\nja = \"急変\"\nen = \"Acute\"\n[[scene]]\nid = \"eol\"\nja = \"看取り\"\nen = \"End of life\"\n";
const FRAME: &str = include_str!("../../packs/valid/scripts/frame.rhai");

const ITEMS: &str = r#"[dimension]
id = "D"
title = { ja = "観点", en = "Dimension" }
rule = "dim"
[[item]]
id = "q_yes"
type = "yes_no"
question = { ja = "はい？", en = "Yes?" }
[[item]]
id = "q_multi"
type = "multi"
question = { ja = "選択", en = "Choose" }
options = [{ id = "a", ja = "あ", en = "A" }, { id = "b", ja = "い", en = "B", applies_when = { item = "q_yes", is = ["yes"] } }]
mature_count = 2
[[item]]
id = "q_scenes"
type = "scenes"
question = { ja = "場面", en = "Scenes" }
"#;

const SCRIPT: &str = r#"fn dim(a, dims) { let p = a.item_points("D"); let c = a.scene_cells("q_scenes"); #{ level: if a.yes("q_yes") { 3 } else { 1 }, score: p.score, max: p.max, gaps: a.gaps("D", []) } }
"#;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let mut s = PackSources::new();
    s.insert("pack.toml", format!("{MANIFEST}{SCENES}"));
    s.insert("items/d.toml", ITEMS);
    s.insert("scripts/main.rhai", SCRIPT);
    s.insert("scripts/frame.rhai", FRAME);
    match which % 3 {
        0 => s.insert("scripts/main.rhai", format!("{SCRIPT}\n{text}")),
        1 => s.insert("items/d.toml", text.as_ref()),
        _ => s.insert("pack.toml", text.as_ref()),
    };
    let limits = Limits { max_operations: 20_000, max_millis: 200, ..Limits::default() };
    let Ok(pack) = Pack::compile_with_limits(&s, &limits) else { return };
    let mut a = Assessment::empty(pack.pack_ref(), "full");
    let _ = pack.score(&a);
    a.answers.insert("q_yes".into(), serde_json::json!(true));
    a.answers.insert("q_multi".into(), serde_json::json!(["a", "b"]));
    let _ = pack.score(&a);
    let _ = pack.run_tests();
});

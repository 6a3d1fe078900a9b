//! Shared by the native and the wasm tests: the cases in tests/cases/ (`cases`), the golden
//! differ (`jsondiff`), and assessments built from the checklist itself (so they follow the pack
//! as it grows).
#![allow(dead_code)]

pub mod cases;
pub mod jsondiff;
pub mod random;

use renkei::pack::model::AnswerType;
use renkei::{Assessment, Pack, PackSources};
use serde_json::{json, Value};

pub fn pack() -> Pack {
    Pack::default_pack().expect("the default pack compiles")
}

/// The assessment of the case `tests/cases/NAME/`.
pub fn fixture(name: &str) -> Assessment {
    cases::get(name).assessment().unwrap_or_else(|e| panic!("{e}"))
}

/// Every item given its most mature answer (the last option among the best-scoring ones, so
/// `ct_outsourced` is outsourced and D4 applies).
pub fn mature(pack: &Pack) -> Assessment {
    let mut a = Assessment::empty(pack.pack_ref(), "full");
    a.municipality.name = "成熟市（合成）".into();
    for item in &pack.checklist().items {
        let v = match item.kind {
            AnswerType::YesNo => json!(true),
            AnswerType::Single => {
                let best = item.options.iter().map(|o| o.points.unwrap_or(0.0)).fold(0.0, f64::max);
                let o = item.options.iter().rev().find(|o| o.points.unwrap_or(0.0) >= best).expect("options");
                json!(o.id)
            }
            AnswerType::Multi | AnswerType::Scenes => json!(item.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>()),
            AnswerType::Level => json!(4),
            AnswerType::Number => {
                let n = item.mature_at.unwrap_or(1.0).max(1.0).ceil();
                json!(item.max.map_or(n, |m| n.min(m)))
            }
            AnswerType::Text => json!("記入例"),
        };
        a.answers.insert(item.id.clone(), v);
    }
    a
}

/// The cases whose assessment is generated from the checklist, not written by hand: the file in
/// `tests/cases/NAME/assessment.json` must equal what this gives (tests/cases.rs checks it, and
/// `RENKEI_BLESS=1` rewrites it), so these two follow the pack as it grows.
pub const GENERATED_CASES: [&str; 2] = ["empty", "mature"];

/// The generated assessment file for `name` (one of [`GENERATED_CASES`]), as pretty JSON with a
/// final newline. It names the pack without its hash, so an edit of the pack's text does not make
/// the report warn that the pack changed.
pub fn generated_assessment(pack: &Pack, name: &str) -> String {
    let mut a = match name {
        "empty" => Assessment::empty(pack.pack_ref(), "full"),
        "mature" => mature(pack),
        _ => panic!("{name} is not a generated case"),
    };
    a.pack.hash = None;
    serde_json::to_string_pretty(&a).expect("assessment serialises") + "\n"
}

/// The whole report as pretty JSON with a final newline (goldens leave out the pack hash: see
/// `cases::render`).
pub fn render(report: &renkei::Report) -> String {
    serde_json::to_string_pretty(report).expect("report serialises") + "\n"
}

/// A minimal pack around one script, for sandbox and error tests. `script` must define
/// `fn dim(a, dims)`; the scene and overall functions are supplied.
pub fn mini_pack(script: &str) -> PackSources {
    let mut s = PackSources::new();
    s.insert(
        "pack.toml",
        r#"id = "mini"
edition = "test"
version = "0.1.0"
engine = ">=0.1.0, <0.2.0"
title = { ja = "テスト", en = "Test" }
items = ["items/d.toml"]
scripts = ["scripts/main.rhai", "scripts/frame.rhai"]
[entry]
scenes = "scenes"
overall = "overall"
[[level]]
ja = "0"
en = "0"
[[level]]
ja = "1"
en = "1"
[[level]]
ja = "2"
en = "2"
[[level]]
ja = "3"
en = "3"
[[level]]
ja = "4"
en = "4"
"#,
    );
    s.insert(
        "items/d.toml",
        r#"[dimension]
id = "D"
title = { ja = "観点", en = "Dimension" }
rule = "dim"

[[item]]
id = "q_yes"
type = "yes_no"
question = { ja = "はい？", en = "Yes?" }

[[item]]
id = "q_level"
type = "level"
question = { ja = "段階", en = "Level" }
"#,
    );
    s.insert("scripts/main.rhai", script);
    s.insert(
        "scripts/frame.rhai",
        r#"fn scenes(a, dims) {
    let o = #{};
    for s in ["daily", "transition", "acute", "eol"] { o[s] = #{ target: "unknown", indicators: "unknown", contract: "unknown", council: "unknown" }; }
    o
}
fn overall(a, dims) { #{ score: 0, level: 0 } }
"#,
    );
    s
}

pub fn json_of(a: &Assessment) -> Value {
    serde_json::to_value(a).expect("assessment serialises")
}

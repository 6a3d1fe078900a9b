//! Shared by the native and the wasm tests: fixtures, goldens, and assessments built from the
//! checklist itself (so they follow the pack as it grows).
#![allow(dead_code)]

use renkei::pack::model::AnswerType;
use renkei::{Assessment, Pack, PackSources};
use serde_json::{json, Value};

/// Fixtures drawn from the brief (DOMAIN.md §3): (name, assessment JSON).
pub const FIXTURES: &[(&str, &str)] = &[
    ("mito_before", include_str!("../fixtures/mito_before.json")),
    ("mito_after", include_str!("../fixtures/mito_after.json")),
    ("hirado_before", include_str!("../fixtures/hirado_before.json")),
    ("hirado_after", include_str!("../fixtures/hirado_after.json")),
];

/// Golden reports: (name, pretty JSON). Written by `RENKEI_BLESS=1 cargo test --test engine`.
pub const GOLDENS: &[(&str, &str)] = &[
    ("empty", include_str!("../golden/empty.json")),
    ("mature", include_str!("../golden/mature.json")),
    ("mito_before", include_str!("../golden/mito_before.json")),
    ("mito_after", include_str!("../golden/mito_after.json")),
    ("hirado_before", include_str!("../golden/hirado_before.json")),
    ("hirado_after", include_str!("../golden/hirado_after.json")),
];

pub fn pack() -> Pack {
    Pack::default_pack().expect("the default pack compiles")
}

pub fn fixture(name: &str) -> Assessment {
    let text = FIXTURES.iter().find(|(n, _)| *n == name).expect("known fixture").1;
    Assessment::from_json(text).expect("fixture parses")
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

/// The assessments that have goldens, by name.
pub fn golden_inputs(pack: &Pack) -> Vec<(&'static str, Assessment)> {
    let mut v = vec![("empty", Assessment::empty(pack.pack_ref(), "full")), ("mature", mature(pack))];
    for (name, _) in FIXTURES {
        v.push((name, fixture(name)));
    }
    v
}

/// The report as the goldens hold it: pretty JSON and a final newline.
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

//! The engine without the `sources` feature (the assessment page's .wasm, scripts/build.sh):
//! `cargo test --no-default-features --test page_engine` (scripts/test.sh). It scores with the
//! default pack built into it, and refuses a pack given as TOML text with a problem that says
//! why, instead of failing in some other way. (With the feature on, this file is empty.)
#![cfg(not(feature = "sources"))]

use renkei::{Assessment, Error, Pack, PackSources};

#[test]
fn the_default_pack_compiles_and_scores_without_the_toml_reader() {
    let pack = Pack::default_pack().expect("the embedded pack");
    assert!(pack.info().hash.starts_with("sha256:"));
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/mito_after/assessment.json")).expect("fixture");
    let report = pack.score(&Assessment::from_json(&text).expect("assessment")).expect("report");
    let expect: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/mito_after/expect.json")).expect("expect"),
    )
    .expect("json");
    for (id, level) in expect["levels"].as_object().expect("levels") {
        let dim = report.dimensions.iter().find(|d| &d.id == id).expect("dimension");
        assert_eq!(dim.level.map(u64::from), level.as_u64(), "{id}");
    }
    // Without the `self-test` feature there is no `run_tests` and the pack's test cases are not
    // embedded (they run in the full engine: tests/engine.rs, tests/web/page-engine.test.mjs).
}

#[test]
fn a_pack_given_as_toml_is_refused_with_the_reason() {
    let mut s = PackSources::new();
    s.insert("pack.toml", "id = \"x\"\n");
    let Err(Error::Pack(problems)) = Pack::compile(&s) else { panic!("a TOML pack must not compile here") };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code.as_str(), "toml");
    assert_eq!(problems[0].location.file, "pack.toml");
    assert!(problems[0].message.contains("without its TOML reader"), "{}", problems[0].message);
}

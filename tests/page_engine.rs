//! The engine without the `sources` feature (the assessment page's .wasm, scripts/build.sh):
//! `cargo test --no-default-features --test page_engine` (scripts/test.sh). It scores with the
//! default pack built into it, and refuses a pack given as TOML text with a problem that says
//! why, instead of failing in some other way. (With the feature on, this file is empty.)
//! Without `sources` there is no `scripts` either: the rules run only in the fast evaluator, from
//! the image build.rs lowered (src/score/fast/image.rs), with no rhai to hand a rule back to.
#![cfg(not(feature = "sources"))]

#[path = "common/random.rs"]
mod random;

use proptest::prelude::*;
use renkei::{Assessment, Error, Pack, PackSources};

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// A report as the goldens hold it: JSON, without the pack's hash (tests/common/cases.rs).
fn as_golden(r: &renkei::Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).expect("report serialises");
    v["pack"].as_object_mut().expect("pack").remove("hash");
    v
}

#[test]
fn every_case_gives_its_golden_report_without_rhai() {
    let pack = Pack::default_pack().expect("the embedded pack");
    let mut n = 0;
    for (name, files) in CASE_FILES {
        let file = |f: &str| files.iter().find(|(x, _)| *x == f).map(|(_, t)| *t);
        let (Some(text), Some(golden)) = (file("assessment.json"), file("report.json")) else { continue };
        let Ok(a) = Assessment::from_json(text) else { continue };
        let want: serde_json::Value = serde_json::from_str(golden).expect("golden JSON");
        let got = as_golden(&pack.score(&a).unwrap_or_else(|e| panic!("{name}: {e}")));
        assert!(got == want, "{name}: the page's engine gives another report than tests/cases/{name}/report.json");
        n += 1;
    }
    assert!(n >= 10, "only {n} cases with a golden");
    assert_eq!(pack.fast_rule_calls().1, 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every rule runs to the end on any answers (the full engine would run a rule handed back
    /// in rhai; this one would fail): tests/fast.rs checks the same results as rhai's.
    #[test]
    fn random_assessments_score_without_rhai(picks in proptest::collection::vec(any::<u8>(), 1..160), core in any::<bool>()) {
        thread_local! { static PACK: Pack = Pack::default_pack().expect("the embedded pack"); }
        PACK.with(|pack| {
            let mut a = random::assessment(pack, &picks);
            if core { a.item_set = "core".into(); }
            // (Some random answers are refused, as they should be: never a rule.)
            let r = pack.score(&a);
            prop_assert!(!matches!(r, Err(Error::Script(_))), "{:?}", r.err());
            let l = pack.levels(&a);
            prop_assert!(!matches!(l, Err(Error::Script(_))), "{:?}", l.err());
            prop_assert_eq!(r.is_ok(), l.is_ok());
            Ok(())
        })?;
    }
}

#[test]
fn a_pack_whose_scripts_are_not_the_built_in_ones_is_refused_with_the_reason() {
    // The built-in pack's files with one script changed: its hash is no longer the image's.
    // (This engine does not embed the scripts' text, only their lowered form: any script given
    // is not the one it was built from.)
    let mut s = PackSources::built_in();
    assert!(Pack::compile(&s).is_ok());
    assert!(s.paths().all(|p| !p.ends_with(".rhai")), "the page's engine embeds no script text");
    s.insert("scripts/common.rhai", "fn item_score(a, dim) { 0 }\n");
    let Err(Error::Pack(problems)) = Pack::compile(&s) else { panic!("changed scripts must not compile here") };
    assert_eq!(problems[0].code.as_str(), "script-syntax");
    assert!(problems[0].message.contains("runs only the scripts of its built-in pack"), "{}", problems[0].message);
}

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

#[test]
fn a_rule_stopped_by_a_limit_fails_with_the_limit_named() {
    // No rhai to hand the rule back to: the failure itself must say what stopped it.
    let limits = renkei::Limits { max_operations: 50, ..renkei::Limits::default() };
    let pack = Pack::compile_with_limits(&PackSources::built_in(), &limits).expect("the built-in pack");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/mito_after/assessment.json")).expect("fixture");
    let Err(Error::Script(failures)) = pack.score(&Assessment::from_json(&text).expect("assessment")) else { panic!("50 operations cannot score a case") };
    assert!(failures[0].message.contains("operation limit of 50"), "{}", failures[0].message);
    assert!(failures[0].message_ja.contains("処理回数の上限（50回）"), "{}", failures[0].message_ja);
    assert!(failures[0].location.file.starts_with("scripts/"), "{:?}", failures[0].location);
}

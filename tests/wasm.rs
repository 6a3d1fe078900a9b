//! The engine compiled to wasm, run in headless Chromium (`wasm-pack test --headless --chrome`):
//! every case in tests/cases/ must meet its expectations and give its golden byte for byte (the
//! same runner as natively), and the JS surface must throw and return the documented shapes.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn every_case_in_the_browser_meets_its_expectations_and_its_golden() {
    // The same runner as the native tests/cases.rs, over the case list build.rs wrote.
    let pack = cases::pack();
    let all = cases::all();
    assert!(all.len() >= 18, "only {} cases built in", all.len());
    let failures: Vec<String> = all.iter().flat_map(|c| cases::run(&pack, c).failures).collect();
    assert!(failures.is_empty(), "in the browser:\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn score_json_through_the_js_api_matches_the_goldens() {
    let scorer = renkei::wasm::Scorer::new().expect("default pack");
    let mut failures = Vec::new();
    for case in cases::all() {
        let text = case.file("assessment.json").expect("assessment.json");
        let got = cases::strip_pack_hash(&(scorer.score_json(text, false).expect("scores") + "\n"));
        let want = case.file("report.json").expect("report.json");
        failures.extend(cases::compare_report(case.name, want, &got));
    }
    assert!(failures.is_empty(), "through the JS API:\n{}", failures.join("\n"));
}

#[wasm_bindgen_test]
fn score_returns_a_plain_object() {
    let scorer = renkei::wasm::Scorer::new().expect("default pack");
    let a: JsValue = js_sys::JSON::parse(cases::get("mito_after").file("assessment.json").unwrap()).expect("json");
    let r = scorer.score(a, None).expect("scores");
    let dims = Reflect::get(&r, &"dimensions".into()).unwrap();
    assert!(Array::is_array(&dims));
    let d1 = Array::from(&dims).get(0);
    assert_eq!(Reflect::get(&d1, &"level".into()).unwrap().as_f64(), Some(2.0));
    assert!(r.is_instance_of::<Object>());
}

#[wasm_bindgen_test]
fn bad_answers_throw_a_renkei_error_listing_every_item() {
    let scorer = renkei::wasm::Scorer::new().expect("default pack");
    let a = js_sys::JSON::parse(
        r#"{"schemaVersion":1,"pack":{"id":"renkei-default"},"answers":{"nope":1,"ts_status_level":9}}"#,
    )
    .unwrap();
    let err = scorer.score(a, None).expect_err("must throw");
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(Reflect::get(&err, &"name".into()).unwrap().as_string().as_deref(), Some("RenkeiError"));
    assert_eq!(Reflect::get(&err, &"kind".into()).unwrap().as_string().as_deref(), Some("answers"));
    let problems = Array::from(&Reflect::get(&err, &"problems".into()).unwrap());
    let items: Vec<String> =
        problems.iter().map(|p| Reflect::get(&p, &"item".into()).unwrap().as_string().unwrap()).collect();
    assert!(items.contains(&"nope".to_string()) && items.contains(&"ts_status_level".to_string()), "{items:?}");
}

#[wasm_bindgen_test]
fn validate_pack_returns_file_line_and_column() {
    let src = mini_pack("fn dim(a, dims) {\n    let x = ;\n}\n");
    let files = Object::new();
    for p in src.paths() {
        Reflect::set(&files, &p.into(), &src.get(p).unwrap().into()).unwrap();
    }
    let problems = Array::from(&renkei::wasm::validate_pack(files.into()).expect("returns"));
    assert_eq!(problems.length(), 1);
    let p = problems.get(0);
    assert_eq!(Reflect::get(&p, &"file".into()).unwrap().as_string().as_deref(), Some("scripts/main.rhai"));
    assert_eq!(Reflect::get(&p, &"line".into()).unwrap().as_f64(), Some(2.0));
    assert_eq!(Reflect::get(&p, &"column".into()).unwrap().as_f64(), Some(13.0));
}

#[wasm_bindgen_test]
fn an_endless_loop_in_the_browser_stops() {
    let pack = renkei::Pack::compile(&mini_pack("fn dim(a, dims) { loop {} }")).unwrap();
    let r = pack.score(&renkei::Assessment::empty(pack.pack_ref(), "full"));
    assert!(matches!(r, Err(renkei::Error::Script(_))));
}

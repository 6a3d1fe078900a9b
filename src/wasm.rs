//! The JavaScript surface (wasm-bindgen). Conversion only: every decision is in the core.

use crate::answers::Assessment;
use crate::error::Error;
use crate::pack::{Pack, PackSources};
use crate::score::ScoreOptions;
use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A problem with a pack file: where it is and what is wrong, in English and Japanese. */
export interface PackProblem { code: string; file: string; line: number | null; column: number | null; item: string | null; message: string; messageJa: string; }
/** A problem with one answer. */
export interface AnswerProblem { item: string; code: string; message: string; messageJa: string; }
/** Thrown by the scorer: `kind` is "pack", "answers" or "script"; `problems` lists every problem. */
export interface RenkeiError extends Error { kind: "pack" | "answers" | "script"; problems: Array<PackProblem | AnswerProblem | object>; messageJa: string; }
/** Options for score(). */
export interface ScoreOptions { trace?: boolean; }
"#;

fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("RenkeiError");
    let obj: &Object = err.as_ref();
    let problems = match e {
        Error::Pack(p) => to_js(p),
        Error::Answers(p) => to_js(p),
        Error::Script(p) => to_js(p),
    };
    let _ = Reflect::set(obj, &"kind".into(), &e.kind().into());
    let _ = Reflect::set(obj, &"problems".into(), &problems);
    let _ = Reflect::set(obj, &"messageJa".into(), &e.summary_ja().into());
    err.into()
}

fn input_error(what: &str, e: impl std::fmt::Display) -> JsValue {
    js_error(&Error::Answers(vec![crate::error::AnswerProblem {
        item: "(input)".into(),
        code: "not-an-assessment",
        message: format!("{what}: {e}"),
        message_ja: format!("入力を読めません（{what}）: {e}"),
    }]))
}

fn sources_from_js(files: JsValue) -> Result<PackSources, JsValue> {
    let map: std::collections::BTreeMap<String, String> = serde_wasm_bindgen::from_value(files)
        .map_err(|e| input_error("pack files must be an object { path: text }", e))?;
    let mut s = PackSources::new();
    for (k, v) in map {
        s.insert(k, v);
    }
    Ok(s)
}

/// A compiled rule pack, ready to score any number of assessments.
#[wasm_bindgen]
pub struct Scorer {
    pack: Pack,
}

#[wasm_bindgen]
impl Scorer {
    /// A scorer on the default pack embedded in the engine.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Scorer, JsValue> {
        Pack::default_pack().map(|pack| Scorer { pack }).map_err(|e| js_error(&e))
    }

    /// A scorer on a pack given as `{ "pack.toml": "…", "items/d1.toml": "…", … }`. Throws a
    /// RenkeiError (kind "pack") listing every problem with file, line and column.
    #[wasm_bindgen(js_name = fromSources)]
    pub fn from_sources(files: JsValue) -> Result<Scorer, JsValue> {
        let sources = sources_from_js(files)?;
        Pack::compile(&sources).map(|pack| Scorer { pack }).map_err(|e| js_error(&e))
    }

    /// Id, edition, version, content hash, titles, level labels, item sets, gates.
    pub fn info(&self) -> JsValue {
        to_js(self.pack.info())
    }

    /// Everything a form needs to render: dimensions and items with their questions, help,
    /// options, level labels, sources and advice.
    pub fn checklist(&self) -> JsValue {
        to_js(self.pack.checklist())
    }

    /// A new, empty assessment file for this pack and item set.
    #[wasm_bindgen(js_name = emptyAssessment)]
    pub fn empty_assessment(&self, item_set: Option<String>) -> JsValue {
        to_js(&Assessment::empty(self.pack.pack_ref(), item_set.as_deref().unwrap_or("full")))
    }

    /// Score an assessment object; returns the report as a plain object. Throws a RenkeiError
    /// (kind "answers") listing every problem with its item id.
    pub fn score(&self, assessment: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let a: Assessment =
            serde_wasm_bindgen::from_value(assessment).map_err(|e| input_error("not an assessment", e))?;
        let trace = !options.is_undefined()
            && !options.is_null()
            && Reflect::get(&options, &"trace".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false);
        self.pack.score_with(&a, ScoreOptions { trace }).map(|r| to_js(&r)).map_err(|e| js_error(&e))
    }

    /// Score an assessment given as JSON text; returns the report as JSON text (pretty-printed,
    /// byte-identical to the native engine's output).
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, json: &str, trace: bool) -> Result<String, JsValue> {
        let a = Assessment::from_json(json).map_err(|e| js_error(&e))?;
        let r = self.pack.score_with(&a, ScoreOptions { trace }).map_err(|e| js_error(&e))?;
        serde_json::to_string_pretty(&r).map_err(|e| input_error("serialise", e))
    }

    /// Run the pack's own test cases; returns [{ file, name, passed, failures }].
    #[wasm_bindgen(js_name = runTests)]
    pub fn run_tests(&self) -> JsValue {
        to_js(&self.pack.run_tests())
    }
}

/// Check a pack without keeping it: returns [] when it compiles, else every problem with file,
/// line and column. Never throws for a bad pack.
#[wasm_bindgen(js_name = validatePack)]
pub fn validate_pack(files: JsValue) -> Result<JsValue, JsValue> {
    let sources = sources_from_js(files)?;
    Ok(match Pack::compile(&sources) {
        Ok(_) => to_js(&Vec::<u8>::new()),
        Err(Error::Pack(p)) => to_js(&p),
        Err(e) => return Err(js_error(&e)),
    })
}

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::ENGINE_VERSION.to_owned()
}

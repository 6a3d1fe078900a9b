//! The hand-written four-marker limit (see `core`), with its JavaScript surface on wasm32:
//! `score(assessment)` takes the same assessment object renkei's `Scorer.score` takes and returns
//! `{ D1, D2, D3, D4 }` (D4 `null` when run directly).

pub mod core;

#[cfg(target_arch = "wasm32")]
mod wasm {
    use wasm_bindgen::prelude::*;

    /// The four markers' levels of one assessment object.
    #[wasm_bindgen]
    pub fn score(assessment: JsValue) -> Result<JsValue, JsValue> {
        let input: crate::core::Input = serde_wasm_bindgen::from_value(assessment)?;
        let levels = crate::core::levels(&input.answers);
        Ok(serde::Serialize::serialize(&levels, &serde_wasm_bindgen::Serializer::json_compatible())?)
    }
}

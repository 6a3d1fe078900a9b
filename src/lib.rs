//! # renkei
//!
//! A maturity self-assessment scorer for the 在宅医療・介護連携推進事業 (the municipal program
//! that makes home medical care and long-term care work together). The checklist, the scoring
//! logic (rhai scripts) and the advice live in a **rule pack**; the engine validates a
//! municipality's answers, runs the scripts in a sandbox and returns a report. The same crate
//! compiles to WebAssembly and scores entirely in the browser.
//!
//! ```
//! use renkei::{Assessment, Pack};
//!
//! let pack = Pack::default_pack()?;             // rules/default, embedded
//! let mut a = Assessment::empty(pack.pack_ref(), "full");
//! a.answers.insert("ts_status_level".into(), serde_json::json!(2));
//! a.answers.insert("ts_scenes_set".into(), serde_json::json!(["daily", "transition", "acute", "eol"]));
//! let report = pack.score(&a)?;
//! assert_eq!(report.dimensions[0].id, "D1");
//! assert_eq!(report.dimensions[0].level, Some(2));
//! # Ok::<(), renkei::Error>(())
//! ```
//!
//! Where each concept lives is in CONTRIBUTING.md ("Where things are").

#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]

pub mod answers;
pub mod diff;
mod engine;
pub mod error;
pub mod pack;
pub mod report;
mod score;
mod script_api;
mod text;

/// The JavaScript surface (wasm-bindgen), on wasm32 only.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use answers::{Assessment, PackRef};
pub use engine::Limits;
pub use error::{AnswerProblem, Code, Error, Location, PackProblem, ScriptFailure};
#[cfg(feature = "self-test")]
pub use pack::CaseResult;
pub use pack::{Bundle, Pack, PackInfo, PackSources};
pub use report::Report;
pub use score::{ScoreOptions, ScoringSession, SessionUpdate};
pub use text::Text;

/// This engine's version; packs state which engine versions they work with.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

//! Rule packs: read the files, check them, compile the scripts once.
//!
//! | file | what it holds |
//! | --- | --- |
//! | `sources.rs` | a pack's files: given, read from a folder through the manifest, or embedded; the content hash |
//! | `read.rs` | TOML into the model, and places (line, column) from the parser's spans |
//! | `packed.rs` | the embedded pack's TOML files as build.rs packed them, into the model |
//! | `model.rs` | the pack as written: manifest, dimensions, items, options, advice |
//! | `checks.rs` | the checks: manifest, dimensions, items, references (`requires`, `applies_when`) |
//! | `scripts.rs` | compiling the rhai scripts and checking the rules the pack needs |
//! | `compile.rs` | `Pack::compile`: the stages above in order |
//! | `checklist.rs` | the checklist model the engine and the form use; `Pack::checklist` |
//! | `self_test.rs` | `Pack::run_tests`: the pack's own test cases |

mod bundle;
pub mod checklist;
mod checks;
mod compile;
#[cfg(feature = "scripts")]
mod defs;
pub(crate) mod embedded;
mod hash;
pub mod model;
mod packed;
mod read;
mod scripts;
#[cfg(feature = "self-test")]
mod self_test;
mod sources;

pub use bundle::{Bundle, BUNDLE_FORMAT};
#[cfg(feature = "self-test")]
pub use self_test::CaseResult;
pub use sources::{content_hash, PackSources};

use crate::engine::{Budget, Limits, Sink};
use crate::text::Text;
use checklist::Checklist;
#[cfg(feature = "scripts")]
use rhai::{Engine, AST};
use std::rc::Rc;
use std::collections::HashMap;

/// Facts about a compiled pack, as the report and the form show them.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackInfo {
    pub id: String,
    pub edition: String,
    pub version: String,
    /// `sha256:<hex>` over the pack's files (rules/README.md, "Content hash").
    pub hash: String,
    pub title: Text,
    pub description: Option<Text>,
    pub engine: String,
    pub levels: Vec<model::LevelLabel>,
    /// Item sets; exactly one is `default`.
    pub sets: Vec<model::ItemSetDef>,
    pub gates: Vec<model::Gate>,
    pub stages: Vec<model::StageDef>,
    /// Titles of the documents that sources cite.
    pub sources: Vec<model::SourceDoc>,
    /// The scenes, in display order.
    pub scenes: Vec<model::SceneDef>,
    /// The kinds of advice basis, with their labels.
    pub bases: Vec<model::BasisDef>,
    /// Next steps, fiscal years, gap severities.
    pub report: model::ReportSettings,
}

/// A compiled pack: checklist, scripts and a sandboxed engine, ready to score any number of
/// assessments.
pub struct Pack {
    pub(crate) info: PackInfo,
    pub(crate) checklist: std::rc::Rc<Checklist>,
    pub(crate) entry: model::Entry,
    #[cfg(feature = "scripts")]
    pub(crate) engine: Engine,
    #[cfg(feature = "scripts")]
    pub(crate) ast: AST,
    /// What scripts print during a call.
    pub(crate) sink: Rc<Sink>,
    /// The operations and time a call may spend, restarted at every call.
    pub(crate) budget: Rc<Budget>,
    /// The limits in force: the engine's, lowered by the pack's `[limits]`.
    pub(crate) limits: Limits,
    /// Function name → where it is defined, for error locations.
    pub(crate) fn_files: HashMap<String, crate::error::Location>,
    /// The pack's own test cases (path, text); empty without the `self-test` feature.
    #[cfg_attr(not(feature = "self-test"), allow(dead_code))]
    pub(crate) tests: Vec<(String, String)>,
    /// The paths the content hash covers, sorted (what a bundle of this pack holds).
    pub(crate) paths: Vec<String>,
    /// Per rule (the dimensions in order, then the scene rule, then the overall rule): its
    /// function refers to its second argument, `dims` (see `Lowered::uses_dims`).
    pub(crate) uses_dims: Vec<bool>,
    /// The rules lowered for the fast evaluator (src/score/fast).
    pub(crate) fast: crate::score::fast::Program,
}

impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pack").field("info", &self.info).finish_non_exhaustive()
    }
}

impl Pack {
    /// Id, version, hash, labels.
    pub fn info(&self) -> &PackInfo {
        &self.info
    }

    /// Run the rules that can in renkei's own evaluator (on by default), or every rule in rhai:
    /// reports are the same either way (tests/fast.rs compares them).
    #[doc(hidden)]
    #[cfg(feature = "scripts")]
    pub fn set_fast_rules(&mut self, on: bool) {
        self.fast = if on { crate::score::fast::Program::new(&self.ast, crate::score::rule_names(self), &self.checklist) } else { Default::default() };
    }

    /// How many rules run in renkei's own evaluator.
    #[doc(hidden)]
    pub fn fast_rules(&self) -> usize {
        self.fast.rules_lowered()
    }

    /// Rule calls since the pack was compiled: run to the end in renkei's own evaluator, and
    /// handed back to rhai (an error, a limit, or a value it does not handle).
    #[doc(hidden)]
    pub fn fast_rule_calls(&self) -> (u64, u64) {
        self.fast.ran.get()
    }

    /// The operations the last call into this pack (a scoring, a test case) spent, counted as
    /// its limit counts them: every rule and callback.
    pub fn operations_spent(&self) -> u64 {
        self.budget.spent()
    }

    /// A reference to this pack, as an assessment file records it.
    pub fn pack_ref(&self) -> crate::answers::PackRef {
        crate::answers::PackRef {
            id: self.info.id.clone(),
            edition: Some(self.info.edition.clone()),
            version: Some(self.info.version.clone()),
            hash: Some(self.info.hash.clone()),
        }
    }
}

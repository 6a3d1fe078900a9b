//! The report: what a scoring run returns. Field order is the JSON order and is stable.

use crate::pack::model::{Advice, SourceRef};
use crate::text::Text;
use serde::Serialize;

/// Version tag of the report format.
pub const REPORT_SCHEMA: &str = "renkei-report/1";

/// The whole result of scoring one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub schema: &'static str,
    pub engine: EngineInfo,
    pub pack: PackStamp,
    pub assessment: AssessmentInfo,
    pub overall: Overall,
    pub dimensions: Vec<DimensionResult>,
    pub scenes: Vec<SceneRow>,
    /// Ids of the first five findings: the next steps to show first. The rest follow in
    /// `findings`, in priority order.
    pub next_steps: Vec<String>,
    pub findings: Vec<Finding>,
    pub unanswered: Vec<String>,
    pub undecided: Vec<String>,
    pub not_applicable: Vec<NotApplicable>,
    pub texts: Vec<ItemText>,
    pub notes: Vec<ItemText>,
    pub diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<TraceEntry>>,
}

/// Name and version of the engine that scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EngineInfo {
    pub name: &'static str,
    pub version: &'static str,
}

/// Which pack scored, by id, version and content hash.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackStamp {
    pub id: String,
    pub edition: String,
    pub version: String,
    pub hash: String,
}

impl PackStamp {
    /// The stamp of a compiled pack.
    pub fn of(pack: &crate::Pack) -> Self {
        let i = pack.info();
        PackStamp { id: i.id.clone(), edition: i.edition.clone(), version: i.version.clone(), hash: i.hash.clone() }
    }
}

/// Who and which set.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentInfo {
    pub municipality: String,
    pub prefecture: String,
    pub fiscal_year: Option<i32>,
    pub item_set: String,
    pub item_set_title: Text,
    pub asked: usize,
    pub answered: usize,
}

/// The overall result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overall {
    /// 0–100, one decimal.
    pub score: f64,
    /// 0–4.
    pub level: u8,
    pub label: Text,
    /// Development stage (初動期 / 拡充期 / 定着); `None` (null) when the answers do not
    /// determine it — for the default pack, while the council question is unanswered.
    pub stage: Option<Stage>,
}

/// A development stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub id: String,
    pub label: Text,
}

/// One dimension's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionResult {
    pub id: String,
    pub title: Text,
    pub marker: bool,
    /// `false` when no item of the dimension is asked in the chosen set (shown as 対象外, never 0).
    pub assessed: bool,
    /// 0–4; `None` when not assessed, or when the dimension does not apply: D4 when run directly,
    /// or any dimension whose every asked item is answered "not applicable".
    pub level: Option<u8>,
    pub label: Option<Text>,
    pub score: f64,
    pub max: f64,
    /// score ÷ max (0–1, three decimals); `None` when max is 0.
    pub rate: Option<f64>,
    pub answered: usize,
    pub total: usize,
    /// Gating rules that lowered this dimension's level.
    pub caps: Vec<Cap>,
}

/// A gate that lowered a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cap {
    pub gate: String,
    pub from: u8,
    pub to: u8,
}

/// State of one cell of the four-scene matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Cell {
    Yes,
    No,
    Unknown,
    Na,
}

/// One scene's row of the matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SceneRow {
    pub scene: String,
    pub label: Text,
    pub target: Cell,
    pub target_level: Option<u8>,
    pub indicators: Cell,
    pub contract: Cell,
    pub council: Cell,
}

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    High,
    Medium,
    Low,
}

/// A gap with its next steps.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable id: the item id, or the gate id.
    pub id: String,
    /// 1 = do first.
    pub priority: usize,
    pub severity: Severity,
    pub dimension: String,
    /// The rule (script function or gate) that produced it.
    pub rule: String,
    /// Items it rests on.
    pub items: Vec<String>,
    /// What is missing (the question, or the gate's title).
    pub title: Text,
    /// Next steps, each with the seed quote it comes from.
    pub advice: Vec<Advice>,
    /// Sources of the item or gate itself.
    pub sources: Vec<SourceRef>,
}

/// An item answered "not applicable".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotApplicable {
    pub item: String,
    pub reason: String,
}

/// A text answer or a note, kept in the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemText {
    pub item: String,
    pub text: String,
}

/// Something worth telling the person or the pack author; never an error.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// How it should be shown.
    pub level: DiagnosticLevel,
    pub code: String,
    pub message: Text,
    pub rule: Option<String>,
}

/// The kind of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DiagnosticLevel {
    /// Worth knowing (answers kept outside the chosen set).
    Info,
    /// Worth checking (the file was filled against another edition).
    Warning,
    /// A script's `print`.
    Print,
    /// A script's `debug`.
    Debug,
}

impl DiagnosticLevel {
    /// The level as JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticLevel::Info => "info",
            DiagnosticLevel::Warning => "warning",
            DiagnosticLevel::Print => "print",
            DiagnosticLevel::Debug => "debug",
        }
    }
}

/// One rule call, for "why did this come out so".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceEntry {
    pub order: usize,
    pub rule: String,
    pub read: Vec<String>,
    pub returned: serde_json::Value,
}

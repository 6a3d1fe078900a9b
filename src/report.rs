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
    /// How the findings (and so the next steps) are ordered, in words (from the pack).
    pub next_steps_order: Option<Text>,
    pub findings: Vec<Finding>,
    /// Asked items with no answer, in checklist order (要確認).
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
    /// Items asked: in the chosen set, and applying to this municipality.
    pub asked: usize,
    /// Asked items with an answer (a value, or 該当なし); 未定 is not an answer.
    pub answered: usize,
}

/// The overall result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overall {
    /// 0–100, one decimal: what the answers prove (open items at their least mature answer).
    pub score: f64,
    /// The score with the open items at their most mature answer (equals `score` when nothing
    /// is open): with the core set, what the unasked items could add.
    pub score_upper: f64,
    /// 0–4, proven; `None` when no dimension is rated.
    pub level: Option<u8>,
    /// The highest level the open items could lead to (equals `level` when nothing is open).
    pub upper: Option<u8>,
    /// True when a dimension is unrated, open or only partly asked: the level may rise.
    pub provisional: bool,
    /// The label of `level`, only when `level == upper`.
    pub label: Option<Text>,
    /// Development stage (初動期 / 拡充期 / 定着), only when the answers determine it.
    pub stage: Option<Stage>,
    /// When the stage is not determined: the stage proven and the highest one possible.
    pub stage_range: Option<StageRange>,
}

/// A development stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub id: String,
    pub label: Text,
}

/// The stages an undetermined stage lies between.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRange {
    pub lower: Option<Stage>,
    pub upper: Option<Stage>,
}

/// What a dimension's result can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DimensionStatus {
    /// Scored: `level` is what the answers prove.
    Rated,
    /// 未評価: asked, but nothing answered. Left out of the overall level.
    Unrated,
    /// 対象外: the dimension does not apply (every asked item 該当なし, or the rule says so,
    /// as D4 does for a program run directly).
    NotApplicable,
    /// No item of it is in the chosen set.
    NotAsked,
}

/// One dimension's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionResult {
    pub id: String,
    pub title: Text,
    pub marker: bool,
    pub status: DimensionStatus,
    /// 0–4: the level the answers prove (unanswered, 未定 and unasked items count as their least
    /// mature answer); `None` unless rated.
    pub level: Option<u8>,
    /// The highest level the open items could lead to; `None` unless rated.
    pub upper: Option<u8>,
    /// Asked items still unanswered or 未定.
    pub open: usize,
    /// True when the chosen set leaves out items of this dimension (簡易判定).
    pub partial: bool,
    /// The anchor of `level`, only when `level == upper`: a label never asserts what no
    /// answer states.
    pub label: Option<Text>,
    pub score: f64,
    pub max: f64,
    /// score ÷ max (0–1, three decimals); `None` when max is 0.
    pub rate: Option<f64>,
    /// Asked items answered (a value, or 該当なし); 未定 is not an answer.
    pub answered: usize,
    pub total: usize,
    /// Gating rules that lowered this dimension's level, where the answers prove them.
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
    /// Unanswered or 未定.
    Unknown,
    /// Not applicable.
    Na,
    /// The chosen item set does not ask it.
    NotAsked,
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
    /// Shared with the pack (`Rc`): a report points at the pack's text instead of copying it.
    pub advice: std::rc::Rc<[Advice]>,
    /// Sources of the item or gate itself (shared with the pack too).
    pub sources: std::rc::Rc<[SourceRef]>,
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

/// A report's levels only (`Pack::levels`, `scoreLevels` in JavaScript): for batches and
/// overviews, without texts, findings or the scene matrix. The same values as the report's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Levels {
    pub overall: LevelsOverall,
    pub dimensions: Vec<DimensionLevels>,
}

/// The overall result in [`Levels`]: as in [`Overall`], the stage by its id.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelsOverall {
    pub level: Option<u8>,
    pub upper: Option<u8>,
    pub score: f64,
    pub stage: Option<String>,
    pub provisional: bool,
}

/// One dimension in [`Levels`]: as in [`DimensionResult`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionLevels {
    pub id: String,
    pub status: DimensionStatus,
    pub level: Option<u8>,
    pub upper: Option<u8>,
}

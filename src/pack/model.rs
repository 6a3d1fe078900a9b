//! The pack's data as written in TOML: manifest, dimensions, items, advice, gates.

use crate::text::Text;
use serde::{Deserialize, Serialize};

/// A quoted phrase from a seed document: shown as 出典.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// Seed document number, `000`–`004`.
    pub file: String,
    /// The phrase, verbatim from that document.
    pub quote: String,
}

/// One next step, shown when an item or gate becomes a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    /// Japanese next step.
    pub ja: String,
    /// English next step.
    pub en: String,
    /// What the quoted text is: the id of a `[[basis]]` of the pack (guidance, a case, …).
    #[serde(default)]
    pub basis: String,
    /// The seed quote it rests on.
    pub source: SourceRef,
    /// True when the step is inferred rather than read in the source.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred: bool,
}

/// The manifest, `pack.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub id: String,
    pub edition: String,
    pub version: String,
    pub engine: String,
    pub title: Text,
    #[serde(default)]
    pub description: Option<Text>,
    pub items: Vec<String>,
    pub scripts: Vec<String>,
    #[serde(default)]
    pub tests: Vec<String>,
    /// The pack's changelog (a text file, e.g. `CHANGELOG.md`): one entry per edition, written
    /// by the editor's "publish"; part of the content hash like every file the manifest names.
    #[serde(default)]
    pub changelog: Option<String>,
    pub entry: Entry,
    #[serde(rename = "level")]
    pub levels: Vec<LevelLabel>,
    #[serde(default, rename = "set")]
    pub sets: Vec<ItemSetDef>,
    #[serde(default, rename = "gate")]
    pub gates: Vec<Gate>,
    #[serde(default, rename = "stage")]
    pub stages: Vec<StageDef>,
    /// The seed documents that `source.file` numbers refer to.
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceDoc>,
    /// The scenes that `scenes` items choose from, in display order (default: the four scenes).
    #[serde(default, rename = "scene")]
    pub scenes: Vec<SceneDef>,
    /// What kinds of text an advice's `basis` may name (手引き, 事例, …), with their labels.
    #[serde(default, rename = "basis")]
    pub bases: Vec<BasisDef>,
    /// How the report is put together: next steps, fiscal years, gap severities.
    #[serde(default)]
    pub report: ReportSettings,
    /// Lower limits for this pack's scripts (never above the engine's).
    #[serde(default)]
    pub limits: LimitsDef,
}

/// `[limits]` in pack.toml: a pack may ask for less than the engine allows, never more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsDef {
    pub max_operations: Option<u64>,
    pub max_millis: Option<u64>,
    pub max_call_levels: Option<u64>,
    pub max_expr_depth: Option<u64>,
    pub max_fn_expr_depth: Option<u64>,
    pub max_string_size: Option<u64>,
    pub max_array_size: Option<u64>,
    pub max_map_size: Option<u64>,
    pub max_prints: Option<u64>,
    pub max_print_bytes: Option<u64>,
}

/// A scene of the scene matrix (日常の療養支援 …): the options of every `scenes` item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SceneDef {
    pub id: String,
    pub ja: String,
    pub en: String,
}

/// A kind of advice basis: what the quoted text is (guidance, a case, a practitioner's remark …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisDef {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub description: Option<Text>,
}

/// `[report]` in pack.toml.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all(serialize = "camelCase"))]
pub struct ReportSettings {
    /// How many findings the report lists first as next steps.
    pub next_steps: usize,
    /// The fiscal years an assessment may give (Western year the fiscal year starts in).
    pub fiscal_year_min: i32,
    pub fiscal_year_max: i32,
    /// A below-mature item whose points ratio is under this is a medium gap (high when it is a
    /// key item of its dimension); at or above it, a low gap.
    pub gap_medium_below: f64,
    /// How the next steps are ordered, said to the reader.
    #[serde(default)]
    pub order: Option<Text>,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { next_steps: 5, fiscal_year_min: 2000, fiscal_year_max: 2100, gap_medium_below: 0.5, order: None }
    }
}

/// When an item (or an option) applies: decided by the answer to another item. While that item
/// is unanswered the item applies (it is asked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all(serialize = "camelCase"))]
pub struct Condition {
    /// The item whose answer decides.
    pub item: String,
    /// Applies when that answer is (or, for multi, includes) one of these option ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub is: Vec<String>,
    /// Applies when that answer is none of these (for multi: includes none of these).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub is_not: Vec<String>,
}

/// A source document: its number (as `source.file` gives it) and title.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub file: String,
    pub title: Text,
    #[serde(default)]
    pub year: Option<String>,
}

/// Names of the rhai functions the engine calls after the dimensions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub scenes: String,
    pub overall: String,
}

/// A label of the general level scale.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelLabel {
    pub ja: String,
    pub en: String,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
}

/// An item set (基本 / 応用).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSetDef {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub description: Option<Text>,
    /// The set a new assessment starts with (at most one; default: the last declared).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

/// A development stage label (初動期 / 拡充期 / 定着).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageDef {
    pub id: String,
    pub title: Text,
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
}

/// A gating rule: a cap that scripts apply, with its sources and advice.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub id: String,
    pub title: Text,
    /// Shared with the findings that cite them (`Rc`: a report does not copy pack text).
    #[serde(default = "no_refs")]
    pub sources: std::rc::Rc<[SourceRef]>,
    #[serde(default = "no_advice")]
    pub advice: std::rc::Rc<[Advice]>,
    #[serde(default)]
    pub inferred: bool,
}

fn no_refs() -> std::rc::Rc<[SourceRef]> {
    std::rc::Rc::new([])
}

fn no_advice() -> std::rc::Rc<[Advice]> {
    std::rc::Rc::new([])
}

/// One `items/*.toml` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub dimension: DimensionDef,
    #[serde(default, rename = "item")]
    pub items: Vec<ItemDef>,
}

/// A dimension (評価の観点).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionDef {
    pub id: String,
    pub title: Text,
    /// A short title, for chart axes and narrow tables.
    #[serde(default)]
    pub short: Option<Text>,
    #[serde(default)]
    pub marker: bool,
    #[serde(default = "one")]
    pub weight: f64,
    pub rule: String,
    #[serde(default)]
    pub requires: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    #[serde(default)]
    pub levels: Vec<AnchorDef>,
    #[serde(default)]
    pub description: Option<Text>,
}

/// A level anchor of a dimension or item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnchorDef {
    pub ja: String,
    pub en: String,
    #[serde(default)]
    pub source: Option<SourceRef>,
    #[serde(default)]
    pub inferred: bool,
}

/// Answer types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    /// はい／いいえ: `true` is the mature answer.
    YesNo,
    /// One option of a list.
    Single,
    /// Any options of a list.
    Multi,
    /// Any of the four scenes.
    Scenes,
    /// 0–4 with a label for each level.
    Level,
    /// A number.
    Number,
    /// Free text, scored by nothing.
    Text,
}

/// An option of a `single` or `multi` item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all(serialize = "camelCase"))]
pub struct OptionDef {
    pub id: String,
    pub ja: String,
    pub en: String,
    #[serde(default)]
    pub points: Option<f64>,
    /// Other spellings an answer file may use for this option (an older id, the brief's
    /// notation). The option's Japanese and English labels are accepted too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// When the option applies (e.g. 委託先 only when the program is outsourced); an option
    /// that does not apply leaves `mature_includes` and `mature_count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<Condition>,
}

/// Labels for the two answers of a `yes_no` item.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YesNoLabels {
    pub yes: Text,
    pub no: Text,
}

/// A checklist item as written in the pack.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: AnswerType,
    pub question: Text,
    /// The next step as an action, shown as the finding's title (default: the question).
    #[serde(default)]
    pub action: Option<Text>,
    #[serde(default)]
    pub help: Option<Text>,
    /// When the item applies; one that does not is not asked, not counted, never caps.
    #[serde(default)]
    pub applies_when: Option<Condition>,
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(default)]
    pub sets: Option<Vec<String>>,
    #[serde(default)]
    pub inferred: bool,
    #[serde(default)]
    pub inferred_note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    #[serde(default)]
    pub options: Vec<OptionDef>,
    #[serde(default)]
    pub levels: Vec<AnchorDef>,
    #[serde(default)]
    pub labels: Option<YesNoLabels>,
    #[serde(default)]
    pub mature_count: Option<u32>,
    #[serde(default)]
    pub mature_includes: Vec<String>,
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub mature_at: Option<f64>,
    #[serde(default)]
    pub integer: bool,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub advice: Vec<Advice>,
}

fn one() -> f64 {
    1.0
}

//! The assessment file a municipality saves, and its answers.
//!
//! | file | what it holds |
//! | --- | --- |
//! | `mod.rs` | the file's envelope: pack reference, municipality, fiscal year, the raw answers |
//! | `sheet.rs` | an answer's states (未回答, 未定, 該当なし, a value) and the checked answer sheet |
//! | `kinds.rs` | everything about an answer type: parsing, validation, points, extremes, script values |

mod kinds;
mod sheet;
mod strict;

use crate::error::{AnswerProblem, Code, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

pub use kinds::{extremes, ratio, OptionId, Value};
pub(crate) use kinds::{check_definition, to_script};
pub use sheet::{validate, Answer, AnswerSheet};
pub(crate) use sheet::{validate_cached, ParseCache};

/// The version of the assessment file format this engine reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Which pack (and which exact content) the answers were given against.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackRef {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `sha256:<hex>` content hash of the pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// Who the assessment is about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Municipality {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub prefecture: String,
    /// 全国地方公共団体コード, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// An assessment file (`*.renkei.json`): the answers of one municipality for one fiscal year.
/// Its JSON Schema is `www/schema/assessment.schema.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assessment {
    pub schema_version: u32,
    pub pack: PackRef,
    #[serde(default = "default_set")]
    pub item_set: String,
    #[serde(default)]
    pub municipality: Municipality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Where the answers come from (for fixtures drawn from documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The levels the answers had when the file was saved (`summarize` of that report: the pack,
    /// overall level, top and stage, each dimension, the findings' ids). Not read by scoring; kept
    /// so that a file opened under another edition can show what changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scored_with: Option<crate::diff::Summary>,
    /// Item id → answer (a value, `null`, or an envelope object). Required; a key given
    /// twice is an error (JSON parsers elsewhere would silently keep the last).
    #[serde(deserialize_with = "strict::object")]
    pub answers: serde_json::Map<String, Json>,
}

fn default_set() -> String {
    "full".into()
}

/// The largest assessment file read (4 MiB): a fully answered file with long notes is a few
/// tens of kilobytes, and a larger one is refused before it is parsed (a file of a million
/// answers would otherwise take seconds to read only to be refused).
pub const MAX_ASSESSMENT_BYTES: usize = 4 * 1024 * 1024;

impl Assessment {
    /// Parse an assessment file. A syntax or shape error comes back as an [`Error::Answers`]
    /// naming the field (`answers.ts_status_level`, `fiscalYear`) with line and column; a
    /// leading byte-order mark is allowed.
    pub fn from_json(text: &str) -> Result<Assessment> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > MAX_ASSESSMENT_BYTES {
            return Err(Error::Answers(vec![AnswerProblem::new(
                "(file)",
                Code::TooLarge,
                format!("the file is {} bytes, larger than an assessment file can be ({MAX_ASSESSMENT_BYTES} bytes)", text.len()),
                format!("ファイルが {} バイトあり、回答ファイルの上限（{MAX_ASSESSMENT_BYTES} バイト）を超えています", text.len()),
            )]));
        }
        let bad = |field: &str, en: String, ja: String| Error::Answers(vec![AnswerProblem::new(field, Code::NotAnAssessment, en, ja)]);
        match text.trim_start().chars().next() {
            Some('{') => {}
            None => return Err(bad("(file)", "the file is empty".into(), "ファイルが空です".into())),
            Some('[') => {
                return Err(bad(
                    "(file)",
                    "this is a JSON array, not an assessment (an object with schemaVersion, pack and answers)".into(),
                    "JSON の配列です。回答ファイル（schemaVersion・pack・answers を持つオブジェクト）ではありません".into(),
                ))
            }
            Some(_) => return Err(bad("(file)", "not JSON: an assessment file starts with {".into(), "JSON ではありません（回答ファイルは { で始まります）".into())),
        }
        let a = strict::parse::<Assessment>(text)?;
        let mut problems = Vec::new();
        for (field, value) in [("createdAt", &a.created_at), ("updatedAt", &a.updated_at)] {
            if let Some(v) = value.as_deref().filter(|v| !strict::is_date_time(v)) {
                problems.push(AnswerProblem::new(
                    field,
                    Code::BadDate,
                    format!("{field}: '{v}' is not a date-time like 2024-03-31T09:00:00+09:00"),
                    format!("{field}: 「{v}」は日時（例: 2024-03-31T09:00:00+09:00）として読めません"),
                ));
            }
        }
        if problems.is_empty() {
            Ok(a)
        } else {
            Err(Error::Answers(problems))
        }
    }

    /// An empty assessment for a pack: every item unanswered.
    pub fn empty(pack: PackRef, item_set: &str) -> Assessment {
        Assessment {
            schema_version: SCHEMA_VERSION,
            pack,
            item_set: item_set.into(),
            municipality: Municipality::default(),
            fiscal_year: None,
            created_at: None,
            updated_at: None,
            provenance: None,
            notes: None,
            scored_with: None,
            answers: serde_json::Map::new(),
        }
    }
}


//! The assessment file a municipality saves, and the validation of its answers against a checklist.

use crate::error::{AnswerProblem, Error, Result};
use crate::pack::checklist::{Checklist, Item};
use crate::pack::model::AnswerType;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

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
    /// Item id → answer (a value, `null`, or an envelope object).
    #[serde(default)]
    pub answers: serde_json::Map<String, Json>,
}

fn default_set() -> String {
    "full".into()
}

impl Assessment {
    /// Parse an assessment file. A syntax or shape error comes back as an [`Error::Answers`]
    /// whose message gives the line and column.
    pub fn from_json(text: &str) -> Result<Assessment> {
        serde_json::from_str(text).map_err(|e| {
            Error::Answers(vec![AnswerProblem {
                item: "(file)".into(),
                code: "not-an-assessment",
                message: format!("not a renkei assessment file: {e}"),
                message_ja: format!(
                    "renkei の回答ファイルとして読めません（{}行 {}列）: {}",
                    e.line(),
                    e.column(),
                    e
                ),
            }])
        })
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
            answers: serde_json::Map::new(),
        }
    }
}

/// A validated answer value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Choice(String),
    Choices(Vec<String>),
    Level(u8),
    Number(f64),
    Text(String),
}

/// A validated answer: what the person said about one item.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// 未回答: nothing given.
    Unanswered,
    /// 未定: the person says it is not decided yet.
    Undecided,
    /// 該当なし, with the reason given.
    NotApplicable(String),
    /// A value, with an optional note.
    Given(Value, Option<String>),
}

impl Answer {
    /// The value, if one was given.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Answer::Given(v, _) => Some(v),
            _ => None,
        }
    }
}

/// The answers of an assessment, one per checklist item, in checklist order.
#[derive(Debug, Clone)]
pub struct AnswerSheet {
    pub(crate) answers: Vec<Answer>,
    /// (checklist position, item id, note), in checklist order.
    pub(crate) notes: Vec<(usize, String, String)>,
}

impl AnswerSheet {
    /// The answer at a checklist position.
    pub fn get(&self, position: usize) -> &Answer {
        self.answers.get(position).unwrap_or(&Answer::Unanswered)
    }
}

struct Problems(Vec<AnswerProblem>);

impl Problems {
    fn add(&mut self, item: &str, code: &'static str, en: String, ja: String) {
        self.0.push(AnswerProblem { item: item.into(), code, message: en, message_ja: ja });
    }
}

/// Check every answer against the checklist and build the sheet. All problems are collected;
/// the error lists each with its item id.
pub fn validate(checklist: &Checklist, answers: &serde_json::Map<String, Json>) -> Result<AnswerSheet> {
    let mut problems = Problems(Vec::new());
    let mut sheet = AnswerSheet { answers: vec![Answer::Unanswered; checklist.items.len()], notes: Vec::new() };
    for (id, raw) in answers {
        let Some(pos) = checklist.item_position(id) else {
            problems.add(
                id,
                "unknown-item",
                format!("'{id}' is not an item of this checklist"),
                format!("「{id}」はこのチェックリストにない設問IDです"),
            );
            continue;
        };
        let item = &checklist.items[pos];
        if let Some(answer) = parse_answer(item, raw, &mut problems) {
            if let Answer::Given(_, Some(note)) = &answer {
                sheet.notes.push((pos, id.clone(), note.clone()));
            }
            sheet.answers[pos] = answer;
        }
    }
    // Notes in checklist order, so the report does not depend on the file's key order.
    sheet.notes.sort_unstable_by_key(|(pos, _, _)| *pos);
    if problems.0.is_empty() {
        Ok(sheet)
    } else {
        problems.0.sort_by_key(|p| checklist.item_position(&p.item).unwrap_or(usize::MAX));
        Err(Error::Answers(problems.0))
    }
}

fn parse_answer(item: &Item, raw: &Json, problems: &mut Problems) -> Option<Answer> {
    let id = item.id.as_str();
    match raw {
        Json::Null => Some(Answer::Unanswered),
        Json::Object(map) => {
            for key in map.keys() {
                if !matches!(key.as_str(), "value" | "status" | "reason" | "note") {
                    problems.add(
                        id,
                        "bad-envelope",
                        format!("unexpected field '{key}' in the answer object (allowed: value, status, reason, note)"),
                        format!("回答オブジェクトに想定外の項目「{key}」があります（使えるのは value, status, reason, note）"),
                    );
                    return None;
                }
            }
            let note = match map.get("note") {
                None | Some(Json::Null) => None,
                Some(Json::String(s)) => Some(s.clone()),
                Some(_) => {
                    problems.add(id, "bad-envelope", "'note' must be a string".into(), "note は文字列で指定してください".into());
                    return None;
                }
            };
            let status = map.get("status").and_then(Json::as_str).unwrap_or(if map.contains_key("value") {
                "answered"
            } else {
                "unanswered"
            });
            match status {
                "unanswered" => Some(Answer::Unanswered),
                "undecided" => Some(Answer::Undecided),
                "na" => match map.get("reason").and_then(Json::as_str).map(str::trim) {
                    Some(r) if !r.is_empty() => Some(Answer::NotApplicable(r.to_owned())),
                    _ => {
                        problems.add(
                            id,
                            "missing-reason",
                            "'not applicable' needs a reason".into(),
                            "「該当なし」には理由の記入が必要です".into(),
                        );
                        None
                    }
                },
                "answered" => {
                    let value = map.get("value").unwrap_or(&Json::Null);
                    if value.is_null() {
                        return Some(Answer::Unanswered);
                    }
                    parse_value(item, value, problems).map(|v| Answer::Given(v, note))
                }
                other => {
                    problems.add(
                        id,
                        "bad-envelope",
                        format!("unknown status '{other}' (use answered, unanswered, undecided or na)"),
                        format!("status「{other}」は使えません（answered, unanswered, undecided, na のいずれか）"),
                    );
                    None
                }
            }
        }
        value => parse_value(item, value, problems).map(|v| Answer::Given(v, None)),
    }
}

fn type_name_ja(kind: AnswerType) -> &'static str {
    match kind {
        AnswerType::YesNo => "はい／いいえ（true / false）",
        AnswerType::Single => "選択肢ひとつ（文字列）",
        AnswerType::Multi | AnswerType::Scenes => "選択肢の配列",
        AnswerType::Level => "0〜4の整数",
        AnswerType::Number => "数値",
        AnswerType::Text => "文字列",
    }
}

fn type_name_en(kind: AnswerType) -> &'static str {
    match kind {
        AnswerType::YesNo => "true or false",
        AnswerType::Single => "one option id (a string)",
        AnswerType::Multi | AnswerType::Scenes => "an array of option ids",
        AnswerType::Level => "an integer from 0 to 4",
        AnswerType::Number => "a number",
        AnswerType::Text => "a string",
    }
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn parse_value(item: &Item, v: &Json, problems: &mut Problems) -> Option<Value> {
    let id = item.id.as_str();
    let wrong = |problems: &mut Problems| {
        problems.add(
            id,
            "wrong-type",
            format!("expected {}, got {}", type_name_en(item.kind), short(v)),
            format!("{}を指定してください（値: {}）", type_name_ja(item.kind), short(v)),
        );
        None
    };
    match item.kind {
        AnswerType::YesNo => match v {
            Json::Bool(b) => Some(Value::Bool(*b)),
            Json::String(s) => match s.trim() {
                "yes" | "はい" => Some(Value::Bool(true)),
                "no" | "いいえ" => Some(Value::Bool(false)),
                _ => wrong(problems),
            },
            _ => wrong(problems),
        },
        AnswerType::Text => match v {
            Json::String(s) => Some(Value::Text(s.clone())),
            _ => wrong(problems),
        },
        AnswerType::Level => {
            let Some(n) = v.as_f64() else { return wrong(problems) };
            if n.fract() != 0.0 || !(0.0..=4.0).contains(&n) {
                problems.add(
                    id,
                    "level-out-of-range",
                    format!("level must be a whole number from 0 to 4, got {}", short(v)),
                    format!("段階は0〜4の整数で指定してください（値: {}）", short(v)),
                );
                return None;
            }
            Some(Value::Level(n as u8))
        }
        AnswerType::Number => {
            let Some(n) = v.as_f64() else { return wrong(problems) };
            let min = item.min.unwrap_or(0.0);
            if !n.is_finite() || n < min || item.max.is_some_and(|m| n > m) || (item.integer && n.fract() != 0.0) {
                let range = match item.max {
                    Some(m) => format!("{min}–{m}"),
                    None => format!("≥ {min}"),
                };
                let int_en = if item.integer { "a whole number " } else { "" };
                let int_ja = if item.integer { "整数で" } else { "" };
                problems.add(
                    id,
                    "number-out-of-range",
                    format!("expected {int_en}{range}, got {}", short(v)),
                    format!("{range} の範囲の{int_ja}数値を指定してください（値: {}）", short(v)),
                );
                return None;
            }
            Some(Value::Number(n))
        }
        AnswerType::Single => {
            // A yes/no/unknown item also takes true and false.
            let s = match v {
                Json::String(s) => s.as_str(),
                Json::Bool(true) if item.option("yes").is_some() => "yes",
                Json::Bool(false) if item.option("no").is_some() => "no",
                _ => return wrong(problems),
            };
            match item.resolve_option(s) {
                Some(o) => Some(Value::Choice(o.id.clone())),
                None => {
                    unknown_option(item, s, problems);
                    None
                }
            }
        }
        AnswerType::Multi | AnswerType::Scenes => {
            let Json::Array(arr) = v else { return wrong(problems) };
            let mut out: Vec<String> = Vec::with_capacity(arr.len());
            let mut ok = true;
            for el in arr {
                match el {
                    Json::String(s) if item.resolve_option(s).is_some() => {
                        let canonical = item.resolve_option(s).map(|o| o.id.clone()).unwrap_or_default();
                        if out.contains(&canonical) {
                            problems.add(
                                id,
                                "duplicate-option",
                                format!("option '{s}' is chosen twice"),
                                format!("選択肢「{s}」が重複しています"),
                            );
                            ok = false;
                        } else {
                            out.push(canonical);
                        }
                    }
                    Json::String(s) => {
                        unknown_option(item, s, problems);
                        ok = false;
                    }
                    _ => {
                        wrong(problems);
                        ok = false;
                    }
                }
            }
            // Canonical order: the checklist's option order.
            out.sort_by_key(|s| item.options.iter().position(|o| &o.id == s));
            ok.then_some(Value::Choices(out))
        }
    }
}

fn unknown_option(item: &Item, s: &str, problems: &mut Problems) {
    let allowed: Vec<&str> = item.options.iter().map(|o| o.id.as_str()).collect();
    problems.add(
        &item.id,
        "unknown-option",
        format!("'{s}' is not an option (allowed: {})", allowed.join(", ")),
        format!("「{s}」は選択肢にありません（選べるもの: {}）", allowed.join(", ")),
    );
}

/// The points ratio (0–1) an answer earns for its item; see rules/README.md.
pub fn ratio(item: &Item, answer: &Answer) -> f64 {
    let Some(v) = answer.value() else { return 0.0 };
    match (item.kind, v) {
        (AnswerType::YesNo, Value::Bool(b)) => f64::from(u8::from(*b)),
        (AnswerType::Single, Value::Choice(c)) => item.option(c).and_then(|o| o.points).unwrap_or(0.0),
        (AnswerType::Multi | AnswerType::Scenes, Value::Choices(cs)) => {
            let mut r: f64 = 1.0;
            let mut rule = false;
            if let Some(n) = item.mature_count {
                rule = true;
                r = r.min(if n == 0 { 1.0 } else { cs.len() as f64 / f64::from(n) });
            }
            if !item.mature_includes.is_empty() {
                rule = true;
                let hit = item.mature_includes.iter().filter(|m| cs.contains(m)).count();
                r = r.min(hit as f64 / item.mature_includes.len() as f64);
            }
            if !rule {
                let n = item.options.len().max(1);
                r = cs.len() as f64 / n as f64;
            }
            r.clamp(0.0, 1.0)
        }
        (AnswerType::Level, Value::Level(l)) => f64::from(*l) / 4.0,
        (AnswerType::Number, Value::Number(n)) => match item.mature_at {
            Some(m) if m > 0.0 => (n / m).clamp(0.0, 1.0),
            _ => f64::from(u8::from(*n > 0.0)),
        },
        _ => 0.0,
    }
}

/// The least and the most mature answers an item can be given, where its type orders its
/// answers: `None` for text, and for a choice whose options all earn the same points (an
/// informational item such as "run directly or outsourced").
pub fn extremes(item: &Item) -> Option<(Value, Value)> {
    match item.kind {
        AnswerType::YesNo => Some((Value::Bool(false), Value::Bool(true))),
        AnswerType::Level => Some((Value::Level(0), Value::Level(4))),
        AnswerType::Number => {
            let least = item.min.unwrap_or(0.0).max(0.0);
            let mut most = item.mature_at.unwrap_or(1.0).max(least);
            if item.integer {
                most = most.ceil();
            }
            if let Some(m) = item.max {
                most = most.min(m);
            }
            Some((Value::Number(least), Value::Number(most)))
        }
        AnswerType::Multi | AnswerType::Scenes => {
            Some((Value::Choices(Vec::new()), Value::Choices(item.options.iter().map(|o| o.id.clone()).collect())))
        }
        AnswerType::Single => {
            let pts = |o: &crate::pack::model::OptionDef| o.points.unwrap_or(0.0);
            let lo = item.options.iter().map(pts).fold(f64::INFINITY, f64::min);
            let hi = item.options.iter().map(pts).fold(f64::NEG_INFINITY, f64::max);
            if !(hi > lo) {
                return None;
            }
            let least = item.options.iter().find(|o| pts(o) <= lo)?;
            let most = item.options.iter().rev().find(|o| pts(o) >= hi)?;
            Some((Value::Choice(least.id.clone()), Value::Choice(most.id.clone())))
        }
        AnswerType::Text => None,
    }
}

impl Value {
    /// The value as an assessment file writes it.
    pub fn to_json(&self) -> Json {
        match self {
            Value::Bool(b) => Json::Bool(*b),
            Value::Choice(c) | Value::Text(c) => Json::String(c.clone()),
            Value::Choices(cs) => Json::Array(cs.iter().cloned().map(Json::String).collect()),
            Value::Level(l) => Json::from(*l),
            Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        }
    }
}

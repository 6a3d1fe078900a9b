//! An answer's states and the checked answer sheet: the envelope `{ value, status, reason,
//! note }` around a value, read item by item against the checklist.

use super::kinds::{parse_value, Value};
use crate::error::{AnswerProblem, Code, Error, Result};
use crate::pack::checklist::{Checklist, Item};
use serde_json::Value as Json;

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
    /// Per checklist position, the options that do not apply (empty until applicability is
    /// known; see `score::proven`).
    pub(crate) off_options: Vec<Vec<String>>,
}

impl AnswerSheet {
    /// The answer at a checklist position.
    pub fn get(&self, position: usize) -> &Answer {
        self.answers.get(position).unwrap_or(&Answer::Unanswered)
    }

    /// A sheet of the given answers, with the options that do not apply.
    pub(crate) fn from_answers(answers: Vec<Answer>, off_options: Vec<Vec<String>>) -> Self {
        AnswerSheet { answers, notes: Vec::new(), off_options }
    }

    /// The points ratio (0–1) the answer at this position earns for its item.
    pub(crate) fn ratio(&self, position: usize, item: &Item) -> f64 {
        let off = self.off_options.get(position).map_or(&[][..], Vec::as_slice);
        super::kinds::ratio(item, self.get(position), off)
    }
}

/// Problems found while reading answers.
pub(super) struct Problems(pub(crate) Vec<AnswerProblem>);

impl Problems {
    pub(super) fn add(&mut self, item: &str, code: Code, en: String, ja: String) {
        self.0.push(AnswerProblem::new(item, code, en, ja));
    }
}

/// Check every answer against the checklist and build the sheet. All problems are collected;
/// the error lists each with its item id.
pub fn validate(checklist: &Checklist, answers: &serde_json::Map<String, Json>) -> Result<AnswerSheet> {
    let mut problems = Problems(Vec::new());
    let mut sheet = AnswerSheet { answers: vec![Answer::Unanswered; checklist.items.len()], notes: Vec::new(), off_options: Vec::new() };
    for (id, raw) in answers {
        let Some(pos) = checklist.item_position(id) else {
            problems.add(
                id,
                Code::UnknownItem,
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
                        Code::BadEnvelope,
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
                    problems.add(id, Code::BadEnvelope, "'note' must be a string".into(), "note は文字列で指定してください".into());
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
                            Code::MissingReason,
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
                        Code::BadEnvelope,
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


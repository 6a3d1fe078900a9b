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
    validate_capped(checklist, answers, usize::MAX)
}

/// As [`validate`], but once `max` problems are found the rest are only counted (a file with a
/// million unknown ids must not build a million messages first).
pub(crate) fn validate_capped(checklist: &Checklist, answers: &serde_json::Map<String, Json>, max: usize) -> Result<AnswerSheet> {
    validate_cached(checklist, answers, max, None)
}

/// What a scoring session keeps of its last check: per checklist position, the raw answer and
/// what it was read as, so that an unchanged answer is not read again.
#[derive(Default)]
pub(crate) struct ParseCache(Vec<Option<(Json, Answer, Option<String>)>>);

/// [`validate_capped`], reusing (and refreshing) what `cache` holds of answers read before.
pub(crate) fn validate_cached(checklist: &Checklist, answers: &serde_json::Map<String, Json>, max: usize, mut cache: Option<&mut ParseCache>) -> Result<AnswerSheet> {
    if let Some(c) = cache.as_deref_mut() {
        c.0.resize(checklist.items.len(), None);
    }
    let mut problems = Problems(Vec::new());
    let mut uncounted = 0usize;
    let mut sheet = AnswerSheet { answers: vec![Answer::Unanswered; checklist.items.len()], notes: Vec::new(), off_options: Vec::new() };
    for (id, raw) in answers {
        if problems.0.len() + 1 >= max {
            uncounted += 1; // an answer not checked once the list is full (it may be fine)
            continue;
        }
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
        let kept = cache.as_deref().and_then(|c| c.0[pos].as_ref()).filter(|(j, _, _)| j == raw);
        let read = match kept {
            Some((_, answer, note)) => Some((answer.clone(), note.clone())),
            None => {
                let before = problems.0.len();
                let read = parse_answer(item, raw, &mut problems);
                if let (Some(c), Some((answer, note))) = (cache.as_deref_mut(), &read) {
                    c.0[pos] = (problems.0.len() == before).then(|| (raw.clone(), answer.clone(), note.clone()));
                }
                read
            }
        };
        if let Some((answer, note)) = read {
            if let Some(note) = note {
                sheet.notes.push((pos, id.clone(), note));
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
        if uncounted > 0 {
            problems.add(
                "(file)",
                Code::MoreProblems,
                format!("{uncounted} more answers were not checked after the first {} problems", problems.0.len()),
                format!("最初の{}件の問題のあと、残り{uncounted}件の回答は確認していません", problems.0.len()),
            );
        }
        Err(Error::Answers(problems.0))
    }
}

/// An answer and its note (kept whatever the answer's state).
fn parse_answer(item: &Item, raw: &Json, problems: &mut Problems) -> Option<(Answer, Option<String>)> {
    match raw {
        Json::Null => Some((Answer::Unanswered, None)),
        Json::Object(map) => envelope(item, map, problems),
        value => parse_value(item, value, problems).map(|v| (Answer::Given(v, None), None)),
    }
}

/// `{ value, status, reason, note }`: every field of the right type, nothing given that the
/// status would drop.
fn envelope(item: &Item, map: &serde_json::Map<String, Json>, problems: &mut Problems) -> Option<(Answer, Option<String>)> {
    let id = item.id.as_str();
    let mut bad = |en: String, ja: String| {
        problems.add(id, Code::BadEnvelope, en, ja);
        None
    };
    if let Some(key) = map.keys().find(|k| !matches!(k.as_str(), "value" | "status" | "reason" | "note")) {
        return bad(
            format!("unexpected field '{key}' in the answer object (allowed: value, status, reason, note)"),
            format!("回答オブジェクトに想定外の項目「{key}」があります（使えるのは value, status, reason, note）"),
        );
    }
    let text = |k: &str| match map.get(k) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(k.to_owned()),
    };
    let (note, status, reason) = match (text("note"), text("status"), text("reason")) {
        (Ok(n), Ok(s), Ok(r)) => (n.map(str::to_owned), s, r),
        (Err(k), ..) | (_, Err(k), _) | (.., Err(k)) => return bad(format!("'{k}' must be a string"), format!("{k} は文字列で指定してください")),
    };
    let value = map.get("value").filter(|v| !v.is_null());
    let status = status.unwrap_or(if value.is_some() { "answered" } else { "unanswered" });
    if !matches!(status, "answered" | "unanswered" | "undecided" | "na") {
        return bad(
            format!("unknown status '{status}' (use answered, unanswered, undecided or na)"),
            format!("status「{status}」は使えません（answered, unanswered, undecided, na のいずれか）"),
        );
    }
    if value.is_some() && status != "answered" {
        return bad(
            format!("a value is given but the status is '{status}': the value would be lost (remove it, or use status answered)"),
            format!("値がありますが status が「{status}」です（値が失われます。値を消すか status を answered にしてください）"),
        );
    }
    if reason.is_some() && status != "na" {
        return bad(
            format!("a reason is given but the status is '{status}': a reason goes with status na"),
            format!("理由がありますが status が「{status}」です（理由は該当なし（na）のときに書きます）"),
        );
    }
    let answer = match status {
        "undecided" => Answer::Undecided,
        "na" => match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) => Answer::NotApplicable(r.to_owned()),
            None => {
                problems.add(id, Code::MissingReason, "'not applicable' needs a reason".into(), "「該当なし」には理由の記入が必要です".into());
                return None;
            }
        },
        _ => match value {
            None => Answer::Unanswered,
            Some(v) => Answer::Given(parse_value(item, v, problems)?, note.clone()),
        },
    };
    Some((answer, note))
}

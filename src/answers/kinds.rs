//! Everything about an answer type, in one place: how a value is read and checked, the points
//! ratio it earns, its least and most mature values, and what a script sees. Adding a type
//! touches this file, the form's control for it (`www/js/assessment-form.js`) and the docs
//! (rules/README.md, "Answer types").

use super::sheet::{Answer, Problems};
use crate::error::Code;
use crate::pack::checklist::Item;
use crate::pack::model::{AnswerType, OptionDef};
use rhai::{Array, Dynamic, ImmutableString};
use serde_json::Value as Json;
use std::rc::Rc;

/// An option's id in an answer: shared with the checklist (`Item::option_ids`), so that reading,
/// copying and filling in answers copies no text.
pub type OptionId = ImmutableString;

/// A validated answer value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Choice(OptionId),
    /// In the checklist's option order.
    Choices(Rc<[OptionId]>),
    Level(u8),
    Number(f64),
    Text(String),
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

pub(crate) fn parse_value(item: &Item, v: &Json, problems: &mut Problems) -> Option<Value> {
    // Err: the JSON type is wrong; Ok(None): a problem was reported; Ok(Some): the value.
    let parsed: Result<Option<Value>, ()> = match item.kind {
        AnswerType::YesNo => match v {
            Json::Bool(b) => Ok(Some(Value::Bool(*b))),
            Json::String(s) if matches!(s.trim(), "yes" | "はい") => Ok(Some(Value::Bool(true))),
            Json::String(s) if matches!(s.trim(), "no" | "いいえ") => Ok(Some(Value::Bool(false))),
            _ => Err(()),
        },
        AnswerType::Text => v.as_str().map(|s| Some(Value::Text(s.to_owned()))).ok_or(()),
        AnswerType::Level => v.as_f64().map(|n| parse_level(item, n, v, problems)).ok_or(()),
        AnswerType::Number => v.as_f64().map(|n| parse_number(item, n, v, problems)).ok_or(()),
        AnswerType::Single => parse_single(item, v, problems),
        AnswerType::Multi | AnswerType::Scenes => v.as_array().map(|arr| parse_choices(item, arr, problems)).ok_or(()),
    };
    parsed.unwrap_or_else(|()| {
        wrong_type(item, v, problems);
        None
    })
}

fn wrong_type(item: &Item, v: &Json, problems: &mut Problems) {
    problems.add(
        &item.id,
        Code::WrongType,
        format!("expected {}, got {}", type_name_en(item.kind), short(v)),
        format!("{}を指定してください（値: {}）", type_name_ja(item.kind), short(v)),
    );
}

fn parse_level(item: &Item, n: f64, v: &Json, problems: &mut Problems) -> Option<Value> {
    if n.fract() != 0.0 || !(0.0..=4.0).contains(&n) {
        problems.add(
            &item.id,
            Code::LevelOutOfRange,
            format!("level must be a whole number from 0 to 4, got {}", short(v)),
            format!("段階は0〜4の整数で指定してください（値: {}）", short(v)),
        );
        return None;
    }
    Some(Value::Level(n as u8))
}

/// The largest number an item without its own `max` takes (a count, a share, a number of
/// staff): no answer this large is real, and a huge one only distorts ratios.
pub const NUMBER_CEILING: f64 = 1_000_000.0;

fn parse_number(item: &Item, n: f64, v: &Json, problems: &mut Problems) -> Option<Value> {
    let min = item.min.unwrap_or(0.0);
    let max = item.max.unwrap_or(NUMBER_CEILING);
    if n.is_finite() && n >= min && n <= max && !(item.integer && n.fract() != 0.0) {
        return Some(Value::Number(n));
    }
    let range = format!("{min}–{max}");
    let (int_en, int_ja) = if item.integer { ("a whole number ", "整数で") } else { ("", "") };
    problems.add(
        &item.id,
        Code::NumberOutOfRange,
        format!("expected {int_en}{range}, got {}", short(v)),
        format!("{range} の範囲の{int_ja}数値を指定してください（値: {}）", short(v)),
    );
    None
}

fn parse_single(item: &Item, v: &Json, problems: &mut Problems) -> Result<Option<Value>, ()> {
    // A yes/no/unknown item also takes true and false.
    let s = match v {
        Json::String(s) => s.as_str(),
        Json::Bool(true) if item.option("yes").is_some() => "yes",
        Json::Bool(false) if item.option("no").is_some() => "no",
        _ => return Err(()),
    };
    Ok(match item.resolve_index(s) {
        Some(i) => Some(Value::Choice(item.option_id_at(i))),
        None => {
            unknown_option(item, s, problems);
            None
        }
    })
}

fn parse_choices(item: &Item, arr: &[Json], problems: &mut Problems) -> Option<Value> {
    // Which options are chosen, by their place in the checklist: the answer keeps them in that
    // order (canonical), and a second mention of one is found at once.
    let mut chosen = vec![false; item.options.len()];
    let mut n = 0;
    let mut ok = true;
    for el in arr {
        let Some(s) = el.as_str() else {
            wrong_type(item, el, problems);
            ok = false;
            continue;
        };
        match item.resolve_index(s) {
            Some(i) if chosen[i] => {
                problems.add(&item.id, Code::DuplicateOption, format!("option '{s}' is chosen twice"), format!("選択肢「{s}」が重複しています"));
                ok = false;
            }
            Some(i) => {
                chosen[i] = true;
                n += 1;
            }
            None => {
                unknown_option(item, s, problems);
                ok = false;
            }
        }
    }
    if !ok {
        return None;
    }
    let mut out: Vec<OptionId> = Vec::with_capacity(n);
    out.extend(chosen.iter().enumerate().filter(|(_, c)| **c).map(|(i, _)| item.option_id_at(i)));
    Some(Value::Choices(out.into()))
}

fn unknown_option(item: &Item, s: &str, problems: &mut Problems) {
    let allowed: Vec<&str> = item.options.iter().map(|o| o.id.as_str()).collect();
    problems.add(
        &item.id,
        Code::UnknownOption,
        format!("'{s}' is not an option (allowed: {})", allowed.join(", ")),
        format!("「{s}」は選択肢にありません（選べるもの: {}）", allowed.join(", ")),
    );
}

/// The points ratio (0–1) an answer earns for its item; see rules/README.md. `off`: options
/// that do not apply to this assessment — they leave `mature_includes` and `mature_count`.
pub fn ratio(item: &Item, answer: &Answer, off: &[String]) -> f64 {
    let Some(v) = answer.value() else { return 0.0 };
    match (item.kind, v) {
        (AnswerType::YesNo, Value::Bool(b)) => f64::from(u8::from(*b)),
        (AnswerType::Single, Value::Choice(c)) => item.option(c).and_then(|o| o.points).unwrap_or(0.0),
        (AnswerType::Multi | AnswerType::Scenes, Value::Choices(cs)) => choices_ratio(item, cs, off),
        (AnswerType::Level, Value::Level(l)) => f64::from(*l) / 4.0,
        (AnswerType::Number, Value::Number(n)) => match item.mature_at {
            Some(m) if m > 0.0 => (n / m).clamp(0.0, 1.0),
            _ => f64::from(u8::from(*n > 0.0)),
        },
        _ => 0.0,
    }
}

fn choices_ratio(item: &Item, cs: &[OptionId], off: &[String]) -> f64 {
    let on = |id: &str| !off.iter().any(|o| o == id);
    let chosen = cs.iter().filter(|c| on(c.as_str())).count() as f64;
    let applicable = item.options.iter().filter(|o| on(&o.id)).count();
    let mut r: f64 = 1.0;
    let mut rule = false;
    if let Some(n) = item.mature_count {
        rule = true;
        let n = (n as usize).min(applicable);
        r = r.min(if n == 0 { 1.0 } else { chosen / n as f64 });
    }
    let (mut includes, mut hit) = (0usize, 0usize);
    for m in item.mature_includes.iter().filter(|m| on(m)) {
        includes += 1;
        hit += usize::from(cs.iter().any(|c| c.as_str() == m.as_str()));
    }
    if includes > 0 {
        rule = true;
        r = r.min(hit as f64 / includes as f64);
    }
    if !rule {
        r = chosen / applicable.max(1) as f64;
    }
    r.clamp(0.0, 1.0)
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
            Some((Value::Choices(Rc::new([])), Value::Choices(Rc::clone(&item.option_ids))))
        }
        AnswerType::Single => {
            let pts = |o: &OptionDef| o.points.unwrap_or(0.0);
            let lo = item.options.iter().map(pts).fold(f64::INFINITY, f64::min);
            let hi = item.options.iter().map(pts).fold(f64::NEG_INFINITY, f64::max);
            if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
                return None;
            }
            let least = item.options.iter().find(|o| pts(o) <= lo)?;
            let most = item.options.iter().rev().find(|o| pts(o) >= hi)?;
            Some((Value::Choice(item.option_id(least)), Value::Choice(item.option_id(most))))
        }
        AnswerType::Text => None,
    }
}

impl Value {
    /// The value as an assessment file writes it.
    pub fn to_json(&self) -> Json {
        match self {
            Value::Bool(b) => Json::Bool(*b),
            Value::Choice(c) => Json::String(c.to_string()),
            Value::Text(t) => Json::String(t.clone()),
            Value::Choices(cs) => Json::Array(cs.iter().map(|c| Json::String(c.to_string())).collect()),
            Value::Level(l) => Json::from(*l),
            Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        }
    }
}

/// What a script sees for a value (`a.value(id)`).
pub(crate) fn to_script(v: &Value) -> Dynamic {
    match v {
        Value::Bool(b) => (*b).into(),
        Value::Choice(c) => c.clone().into(),
        Value::Choices(cs) => cs.iter().map(|c| Dynamic::from(c.clone())).collect::<Array>().into(),
        Value::Level(l) => Dynamic::from(i64::from(*l)),
        Value::Number(n) => (*n).into(),
        Value::Text(t) => t.clone().into(),
    }
}

impl Item {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&OptionDef> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The option an answer names: by id, by alias, or by its Japanese or English label.
    pub fn resolve_option(&self, name: &str) -> Option<&OptionDef> {
        self.resolve_index(name).map(|i| &self.options[i])
    }

    /// [`Item::resolve_option`], as the option's place among the item's options.
    pub(crate) fn resolve_index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.options.iter().position(|o| o.id == name).or_else(|| {
            self.options.iter().position(|o| o.aliases.iter().any(|a| a == name) || o.ja == name || o.en == name)
        })
    }
}

/// Check the type-specific part of an item's definition and fill in its defaults: the options
/// (the pack's scenes for a `scenes` item) and the level labels (the pack's general scale for a
/// `level` item without its own). Each problem goes to `bad(en, ja)`.
pub(crate) fn check_definition(
    it: &crate::pack::model::ItemDef,
    general: &[crate::pack::model::AnchorDef],
    scenes: &[OptionDef],
    bad: &mut dyn FnMut(String, String),
) -> (Vec<OptionDef>, Vec<crate::pack::model::AnchorDef>) {
    let mut options = it.options.clone();
    match it.kind {
        AnswerType::Single | AnswerType::Multi => check_options(&options, bad),
        AnswerType::Scenes => {
            if !options.is_empty() {
                bad(
                    "a scenes item takes no options: they are the pack's [[scene]] entries".into(),
                    "scenes 型の選択肢は pack.toml の [[scene]] です（options は書かないでください）".into(),
                );
            }
            if scenes.is_empty() {
                bad("a scenes item needs [[scene]] entries in pack.toml".into(), "scenes 型の設問には pack.toml の [[scene]] が必要です".into());
            }
            options = scenes.to_vec();
        }
        _ if !options.is_empty() => bad("only single/multi items take options".into(), "options は選択式の設問にだけ書けます".into()),
        _ => {}
    }
    for m in it.mature_includes.iter().filter(|m| !options.iter().any(|o| &o.id == *m)) {
        bad(format!("mature_includes names '{m}', which is not an option"), format!("mature_includes の「{m}」は選択肢にありません"));
    }
    if it.mature_at.is_some_and(|m| m.is_nan() || m <= 0.0) {
        bad("mature_at must be above 0".into(), "mature_at は0より大きくしてください".into());
    }
    let levels = if it.kind != AnswerType::Level {
        it.levels.clone()
    } else if it.levels.is_empty() {
        general.to_vec()
    } else {
        if it.levels.len() != 5 {
            bad(
                format!("a level item needs five labels (0–4), found {}", it.levels.len()),
                format!("段階の設問には0〜4の5つのラベルが必要です（{}個）", it.levels.len()),
            );
        }
        it.levels.clone()
    };
    (options, levels)
}

fn check_options(options: &[OptionDef], bad: &mut dyn FnMut(String, String)) {
    if options.is_empty() {
        bad("a single/multi item needs options".into(), "選択式の設問には options が必要です".into());
    }
    let mut ids = std::collections::HashSet::new();
    for o in options {
        if !ids.insert(o.id.as_str()) {
            bad(format!("option '{}' is listed twice", o.id), format!("選択肢「{}」が重複しています", o.id));
        }
        if o.ja.trim().is_empty() || o.en.trim().is_empty() {
            bad(format!("option '{}' needs ja and en", o.id), format!("選択肢「{}」に日本語と英語が必要です", o.id));
        }
        if let Some(p) = o.points.filter(|p| !(0.0..=1.0).contains(p)) {
            bad(format!("option '{}' points must be 0–1, got {p}", o.id), format!("選択肢「{}」の points は0〜1にしてください（{p}）", o.id));
        }
    }
}

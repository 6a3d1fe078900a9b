//! What rule scripts can call: the `a` object that reads answers (and records what it read).

use crate::answers::{Answer, AnswerSheet, Value};
use crate::pack::checklist::{Checklist, Item};
use rhai::{Array, Dynamic, EvalAltResult, ImmutableString, Position};
#[cfg(feature = "scripts")]
use rhai::Engine;
use std::cell::RefCell;
use std::rc::Rc;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// The answers as a script sees them. Cheap to clone (shared pointers). `sheet` is what the
/// rules score: open items already at their least or most mature value (see `score::proven`);
/// `real` is what the file says, for the scene matrix.
#[derive(Clone)]
pub struct ScriptAnswers {
    pub(crate) checklist: Rc<Checklist>,
    pub(crate) sheet: Rc<AnswerSheet>,
    pub(crate) real: Rc<AnswerSheet>,
    pub(crate) set: ImmutableString,
    /// The chosen set's bit (see `Checklist::set_bit`).
    pub(crate) set_bit: u64,
    /// Below this points ratio a gap is medium (high for a key item); at or above it, low.
    pub(crate) gap_medium_below: f64,
    /// Ids read since the last reset, when tracing.
    pub(crate) reads: Option<Rc<RefCell<Vec<String>>>>,
    /// Checklist positions a rule may depend on, since the last reset, when a scoring session
    /// tracks them (a superset of `reads`: everything a function looked at, see `score::session`).
    pub(crate) deps: Option<Rc<RefCell<Vec<bool>>>>,
}

impl ScriptAnswers {
    /// The answers of one assessment as scripts see them, for the chosen set.
    pub(crate) fn new(pack: &crate::Pack, sheet: Rc<AnswerSheet>, real: Rc<AnswerSheet>, set: &str, trace: bool) -> Self {
        ScriptAnswers {
            checklist: Rc::clone(&pack.checklist),
            sheet,
            real,
            set: set.into(),
            set_bit: pack.checklist.set_bit(set),
            gap_medium_below: pack.info.report.gap_medium_below,
            reads: trace.then(|| Rc::new(RefCell::new(Vec::new()))),
            deps: None,
        }
    }

    /// Note that the current rule looked at this checklist position (only in a session).
    fn depend(&self, pos: usize) {
        if let Some(d) = &self.deps {
            if let Some(slot) = d.borrow_mut().get_mut(pos) {
                *slot = true;
            }
        }
    }

    /// Note that the current rule read this item (only when tracing).
    fn record_read(&self, id: &str) {
        if let Some(reads) = &self.reads {
            let mut r = reads.borrow_mut();
            if !r.iter().any(|x| x == id) {
                r.push(id.to_owned());
            }
        }
    }

    /// The dimension's answered, scored items below full points (checklist positions), with
    /// their ratio, in checklist order; each is recorded as read.
    pub(crate) fn below_mature(&self, dim: &str) -> Res<Vec<(usize, f64)>> {
        let d = self.checklist.dimension(dim).ok_or_else(|| unknown_dim(dim))?;
        let mut out = Vec::new();
        for &pos in &d.positions {
            let item = &self.checklist.items[pos];
            self.depend(pos);
            if item.weight <= 0.0 || !matches!(self.sheet.get(pos), Answer::Given(..)) {
                continue;
            }
            let r = self.sheet.ratio(pos, item);
            if r < 1.0 {
                self.record_read(&item.id);
                out.push((pos, r));
            }
        }
        Ok(out)
    }

    fn lookup(&self, id: &str) -> Res<(&Item, &Answer)> {
        match self.checklist.item_position(id) {
            Some(pos) => {
                self.record_read(id);
                self.depend(pos);
                Ok((&self.checklist.items[pos], self.sheet.get(pos)))
            }
            None => Err(Box::new(EvalAltResult::ErrorRuntime(
                format!("unknown item id '{id}' / 設問ID「{id}」はチェックリストにありません").into(),
                Position::NONE,
            ))),
        }
    }
}

pub(crate) fn answered(a: &mut ScriptAnswers, id: &str) -> Res<bool> {
    Ok(matches!(a.lookup(id)?.1, Answer::Given(..)))
}

pub(crate) fn value(a: &mut ScriptAnswers, id: &str) -> Res<Dynamic> {
    Ok(a.lookup(id)?.1.value().map_or(Dynamic::UNIT, crate::answers::to_script))
}

pub(crate) fn level(a: &mut ScriptAnswers, id: &str) -> Res<i64> {
    Ok(match a.lookup(id)?.1.value() {
        Some(Value::Level(l)) => i64::from(*l),
        _ => -1,
    })
}

pub(crate) fn yes(a: &mut ScriptAnswers, id: &str) -> Res<bool> {
    Ok(matches!(a.lookup(id)?.1.value(), Some(Value::Bool(true))))
}

pub(crate) fn no(a: &mut ScriptAnswers, id: &str) -> Res<bool> {
    Ok(matches!(a.lookup(id)?.1.value(), Some(Value::Bool(false))))
}

fn option_known(item: &Item, option: &str) -> Res<()> {
    if item.option(option).is_some() {
        Ok(())
    } else {
        Err(Box::new(EvalAltResult::ErrorRuntime(
            format!("item '{}' has no option '{option}' / 設問「{}」に選択肢「{option}」はありません", item.id, item.id)
                .into(),
            Position::NONE,
        )))
    }
}

/// For a `single` item: that option was chosen. For `multi`/`scenes`: it is among those chosen.
pub(crate) fn has(a: &mut ScriptAnswers, id: &str, option: &str) -> Res<bool> {
    let (item, ans) = a.lookup(id)?;
    option_known(item, option)?;
    Ok(match ans.value() {
        Some(Value::Choice(c)) => c == option,
        Some(Value::Choices(cs)) => cs.iter().any(|c| c == option),
        _ => false,
    })
}

pub(crate) fn count(a: &mut ScriptAnswers, id: &str) -> Res<i64> {
    Ok(match a.lookup(id)?.1.value() {
        Some(Value::Choices(cs)) => cs.len() as i64,
        _ => 0,
    })
}

pub(crate) fn number(a: &mut ScriptAnswers, id: &str) -> Res<f64> {
    Ok(match a.lookup(id)?.1.value() {
        Some(Value::Number(n)) => *n,
        Some(Value::Level(l)) => f64::from(*l),
        _ => -1.0,
    })
}

pub(crate) fn na(a: &mut ScriptAnswers, id: &str) -> Res<bool> {
    Ok(matches!(a.lookup(id)?.1, Answer::NotApplicable(_)))
}

pub(crate) fn item_ratio(a: &mut ScriptAnswers, id: &str) -> Res<f64> {
    let (item, _) = a.lookup(id)?;
    let pos = a.checklist.item_position(id).unwrap_or(usize::MAX);
    Ok(a.sheet.ratio(pos, item))
}

pub(crate) fn weight(a: &mut ScriptAnswers, id: &str) -> Res<f64> {
    Ok(a.lookup(id)?.0.weight)
}

pub(crate) fn option_points(a: &mut ScriptAnswers, id: &str, option: &str) -> Res<f64> {
    let (item, _) = a.lookup(id)?;
    option_known(item, option)?;
    Ok(item.option(option).and_then(|o| o.points).unwrap_or(0.0))
}

pub(crate) fn items(a: &mut ScriptAnswers, dim: &str) -> Res<Array> {
    match a.checklist.dimension(dim) {
        Some(d) => Ok(d
            .positions
            .iter()
            .map(|&p| &a.checklist.items[p])
            .filter(|it| it.in_mask(a.set_bit))
            .map(|it| Dynamic::from(ImmutableString::from(it.id.as_str())))
            .collect()),
        None => Err(unknown_dim(dim)),
    }
}

#[cfg(feature = "scripts")]
/// The dimension's points over its items: `#{ score, max }` — each item worth `weight`,
/// earning `weight × ratio`; "not applicable" items leave both (rules/README.md). Items the
/// chosen set does not ask count at their least (or most) mature answer, like unanswered ones.
fn item_points(a: &mut ScriptAnswers, dim: &str) -> Res<rhai::Map> {
    let (score, max) = points_of(a, dim)?;
    let mut m = rhai::Map::new();
    m.insert("score".into(), score.into());
    m.insert("max".into(), max.into());
    Ok(m)
}

/// [`item_points`] as `(score, max)`.
pub(crate) fn points_of(a: &ScriptAnswers, dim: &str) -> Res<(f64, f64)> {
    let d = a.checklist.dimension(dim).ok_or_else(|| unknown_dim(dim))?;
    let (mut score, mut max) = (0.0, 0.0);
    for &pos in &d.positions {
        let item = &a.checklist.items[pos];
        a.record_read(&item.id);
        a.depend(pos);
        if matches!(a.sheet.get(pos), Answer::NotApplicable(_)) {
            continue;
        }
        max += item.weight;
        score += item.weight * a.sheet.ratio(pos, item);
    }
    Ok((score, max))
}

#[cfg(feature = "scripts")]
/// The dimension's asked items that are answered, scored (weight > 0) and not yet mature
/// (ratio below 1), in checklist order: `[#{ item, ratio }]`. Scripts turn them into gaps.
fn below_mature(a: &mut ScriptAnswers, dim: &str) -> Res<Array> {
    Ok(a.below_mature(dim)?
        .into_iter()
        .map(|(pos, r)| {
            let mut m = rhai::Map::new();
            m.insert("item".into(), Dynamic::from(ImmutableString::from(a.checklist.items[pos].id.as_str())));
            m.insert("ratio".into(), r.into());
            m.into()
        })
        .collect())
}

#[cfg(feature = "scripts")]
/// A `scenes` item as one cell per scene: `#{ daily: "yes", transition: "no", … }`, each
/// "yes", "no", "unknown" (unanswered or undecided), "na" (not applicable) or "notAsked" (the
/// chosen set does not ask it). Read from what the file says, not from the scored sheet.
fn scene_cells(a: &mut ScriptAnswers, id: &str) -> Res<rhai::Map> {
    Ok(scene_list(a, id)?.into_iter().map(|(scene, cell)| (scene.into(), Dynamic::from(ImmutableString::from(cell)))).collect())
}

/// [`scene_cells`] as `(scene, cell)` pairs in the pack's scene order.
pub(crate) fn scene_list<'a>(a: &'a ScriptAnswers, id: &str) -> Res<Vec<(&'a str, &'static str)>> {
    let (item, scored) = a.lookup(id)?;
    let pos = a.checklist.item_position(id).unwrap_or(usize::MAX);
    let ans = if matches!(scored, Answer::NotApplicable(_)) { scored } else { a.real.get(pos) };
    let asked = item.in_mask(a.set_bit);
    let mut out = Vec::with_capacity(a.checklist.scenes.len());
    for scene in a.checklist.scenes.iter().map(|s| s.id.as_str()) {
        let cell = match ans {
            Answer::NotApplicable(_) => "na",
            _ if !asked => "notAsked",
            Answer::Given(Value::Choices(cs), _) => {
                if cs.iter().any(|c| c == scene) {
                    "yes"
                } else {
                    "no"
                }
            }
            Answer::Given(..) if item.option(scene).is_none() => {
                return Err(Box::new(EvalAltResult::ErrorRuntime(
                    format!("item '{id}' is not a scenes item / 設問「{id}」は4場面の設問ではありません").into(),
                    Position::NONE,
                )))
            }
            _ => "unknown",
        };
        out.push((scene, cell));
    }
    Ok(out)
}

#[cfg(feature = "scripts")]
/// The dimension's gaps: `below_mature` turned into `[#{ item, severity }]`. An item far from
/// mature (ratio below the pack's `gap_medium_below`, 0.5 by default) is "high" when it is one of
/// the `key` items, else "medium"; an item at or above it is "low". (The rule rules/README.md states; scripts may build their own
/// list from `below_mature` instead.)
fn gaps(a: &mut ScriptAnswers, dim: &str, key: Array) -> Res<Array> {
    let key: Vec<ImmutableString> = key.into_iter().filter_map(|k| k.into_immutable_string().ok()).collect();
    let key: Vec<&str> = key.iter().map(ImmutableString::as_str).collect();
    Ok(gap_list(a, dim, &key)?
        .into_iter()
        .map(|(pos, severity)| {
            let mut m = rhai::Map::new();
            m.insert("item".into(), Dynamic::from(ImmutableString::from(a.checklist.items[pos].id.as_str())));
            m.insert("severity".into(), Dynamic::from(ImmutableString::from(severity)));
            m.into()
        })
        .collect())
}

/// [`gaps`] as `(item position, severity)` pairs.
pub(crate) fn gap_list(a: &ScriptAnswers, dim: &str, key: &[&str]) -> Res<Vec<(usize, &'static str)>> {
    Ok(a.below_mature(dim)?
        .into_iter()
        .map(|(pos, r)| {
            let id = a.checklist.items[pos].id.as_str();
            let severity = if r < a.gap_medium_below && key.contains(&id) {
                "high"
            } else if r < a.gap_medium_below {
                "medium"
            } else {
                "low"
            };
            (pos, severity)
        })
        .collect())
}

fn unknown_dim(dim: &str) -> Box<EvalAltResult> {
    Box::new(EvalAltResult::ErrorRuntime(
        format!("unknown dimension '{dim}' / 観点「{dim}」はありません").into(),
        Position::NONE,
    ))
}

/// Whether the pack's checklist has this item at all (packs may leave items out).
pub(crate) fn exists(a: &mut ScriptAnswers, id: &str) -> bool {
    a.checklist.item_position(id).is_some()
}

#[cfg(feature = "scripts")]
pub(crate) fn item_set(a: &mut ScriptAnswers) -> ImmutableString {
    a.set.clone()
}

#[cfg(feature = "scripts")]
/// Register the type and its methods on an engine.
pub(crate) fn register(engine: &mut Engine) {
    engine
        .register_type_with_name::<ScriptAnswers>("Answers")
        .register_fn("answered", answered)
        .register_fn("value", value)
        .register_fn("level", level)
        .register_fn("yes", yes)
        .register_fn("no", no)
        .register_fn("has", has)
        .register_fn("count", count)
        .register_fn("number", number)
        .register_fn("na", na)
        .register_fn("ratio", item_ratio)
        .register_fn("weight", weight)
        .register_fn("points", option_points)
        .register_fn("items", items)
        .register_fn("exists", exists)
        .register_fn("item_points", item_points)
        .register_fn("below_mature", below_mature)
        .register_fn("gaps", gaps)
        .register_fn("scene_cells", scene_cells)
        .register_get("set", item_set);
}

//! What the answers prove. Before any rule runs, the engine decides which items apply (an
//! item's `applies_when`), then builds two answer sheets the rules see: in the first every open
//! item — unanswered, 未定, or outside the chosen item set — takes its least mature answer; in
//! the second its most mature one. The first gives the proven level, the second the highest
//! level the open items could lead to. Skipping a question therefore never scores better than
//! answering it, whatever the scripts do with an unanswered item.

use crate::answers::{extremes, Answer, AnswerSheet, Value};
use crate::pack::checklist::{Checklist, Item};
use crate::pack::model::Condition;

/// Which items and options apply to this assessment.
pub(crate) struct Applicability {
    /// Per checklist position: the item applies (is asked).
    pub items: Vec<bool>,
    /// Per checklist position: the ids of its options that do not apply.
    pub off_options: Vec<Vec<String>>,
}

impl Applicability {
    pub fn of(checklist: &Checklist, real: &AnswerSheet) -> Self {
        let items: Vec<bool> = (0..checklist.items.len()).map(|p| applies(checklist, real, p, 0)).collect();
        let off_options = checklist
            .items
            .iter()
            .map(|it| {
                it.options
                    .iter()
                    .filter(|o| o.applies_when.as_ref().is_some_and(|c| !holds(checklist, real, c, 1)))
                    .map(|o| o.id.clone())
                    .collect()
            })
            .collect();
        Applicability { items, off_options }
    }
}

/// An item applies unless the item its condition names is answered (and itself applies) with an
/// answer the condition rules out. Conditions nest at most a few deep; deeper ones apply.
fn applies(checklist: &Checklist, real: &AnswerSheet, pos: usize, depth: usize) -> bool {
    match &checklist.items[pos].applies_when {
        None => true,
        Some(c) => holds(checklist, real, c, depth + 1),
    }
}

fn holds(checklist: &Checklist, real: &AnswerSheet, c: &Condition, depth: usize) -> bool {
    let Some(d) = checklist.item_position(&c.item) else { return true };
    if depth > 8 || !applies(checklist, real, d, depth) {
        return true;
    }
    let chosen: &[crate::answers::OptionId] = match real.get(d).value() {
        Some(Value::Choice(x)) => std::slice::from_ref(x),
        Some(Value::Choices(xs)) => xs,
        Some(Value::Bool(b)) => return matches(c, [if *b { "yes" } else { "no" }].into_iter()),
        _ => return true, // unanswered, 未定, not applicable: still asked
    };
    matches(c, chosen.iter().map(|x| x.as_str()))
}

/// The condition holds for these chosen options (no list is built: this runs for every item's
/// condition on every sheet).
fn matches<'a>(c: &Condition, mut chosen: impl Iterator<Item = &'a str>) -> bool {
    if c.is.is_empty() {
        !chosen.any(|x| c.is_not.iter().any(|n| n == x))
    } else {
        chosen.any(|x| c.is.iter().any(|n| n == x))
    }
}

/// Which extreme the open items take.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Fill {
    Least,
    Most,
}

/// An item is open when its answer proves nothing (whether it applies is decided after): unanswered, 未定, or outside
/// the chosen set (whatever the file says there: answers outside the set are not scored).
pub(crate) fn is_open(item: &Item, real: &Answer, set_bit: u64) -> bool {
    !item.in_mask(set_bit) || matches!(real, Answer::Unanswered | Answer::Undecided)
}

/// The sheet the rules see: given answers as they are (options that do not apply dropped),
/// open items at their least or most mature value (unanswered when the item's type has no
/// order), and items that do not apply — decided on those values, so that a skipped question
/// that decides others counts exactly as its filled-in answer would — as "not applicable".
/// Returns the sheet and whether any item was filled.
pub(crate) fn sheet(checklist: &Checklist, real: &AnswerSheet, set_bit: u64, fill: Fill) -> (AnswerSheet, bool) {
    let mut filled = false;
    let answers: Vec<Answer> = checklist
        .items
        .iter()
        .enumerate()
        .map(|(p, item)| {
            let ans = real.get(p);
            if !is_open(item, ans, set_bit) {
                return ans.clone();
            }
            let Some((least, most)) = extremes(item) else { return Answer::Unanswered };
            filled = true;
            Answer::Given(if fill == Fill::Least { least } else { most }, None)
        })
        .collect();
    let tentative = AnswerSheet::from_answers(answers, Vec::new());
    let ap = Applicability::of(checklist, &tentative);
    let answers = tentative
        .answers
        .into_iter()
        .enumerate()
        .map(|(p, ans)| match ans {
            _ if !ap.items[p] => Answer::NotApplicable(String::new()),
            Answer::Given(v, n) => Answer::Given(without(v, &ap.off_options[p]), n),
            other => other,
        })
        .collect();
    (AnswerSheet::from_answers(answers, ap.off_options), filled)
}

/// A choice without the options that do not apply.
fn without(v: Value, off: &[String]) -> Value {
    let is_off = |c: &crate::answers::OptionId| off.iter().any(|o| o == c.as_str());
    match v {
        Value::Choices(cs) if cs.iter().any(is_off) => Value::Choices(cs.iter().filter(|c| !is_off(c)).cloned().collect()),
        v => v,
    }
}

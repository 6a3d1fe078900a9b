//! Stage 4: tallies — the answers by state (unanswered, 未定, 該当なし, texts, notes), the counts
//! the report shows, and the diagnostics about the file itself.

use super::proven::Applicability;
use crate::answers::{Answer, AnswerSheet, Assessment, Value};
use crate::pack::Pack;
use crate::report::{Diagnostic, DiagnosticLevel, ItemText, NotApplicable};
use crate::text::Text;

/// The answers of the chosen set, by state, in checklist order.
#[derive(Default)]
pub(super) struct Tallies {
    pub asked: usize,
    pub answered: usize,
    pub unanswered: Vec<String>,
    pub undecided: Vec<String>,
    pub not_applicable: Vec<NotApplicable>,
    pub texts: Vec<ItemText>,
    pub notes: Vec<ItemText>,
    /// Answers given to items outside the chosen set, or that do not apply (kept, not scored).
    pub outside: usize,
}

pub(super) fn count(pack: &Pack, sheet: &AnswerSheet, ap: &Applicability, set_bit: u64) -> Tallies {
    let mut t = Tallies::default();
    for (p, item) in pack.checklist.items.iter().enumerate() {
        let ans = sheet.get(p);
        if !item.in_mask(set_bit) || !ap.items[p] {
            t.outside += usize::from(!matches!(ans, Answer::Unanswered));
            continue;
        }
        t.asked += 1;
        match ans {
            Answer::Unanswered => t.unanswered.push(item.id.clone()),
            Answer::Undecided => t.undecided.push(item.id.clone()),
            Answer::NotApplicable(r) => t.not_applicable.push(NotApplicable { item: item.id.clone(), reason: r.clone() }),
            Answer::Given(Value::Text(x), _) => t.texts.push(ItemText { item: item.id.clone(), text: x.clone() }),
            Answer::Given(..) => {}
        }
        t.answered += usize::from(matches!(ans, Answer::Given(..) | Answer::NotApplicable(_)));
    }
    t.notes = sheet
        .notes
        .iter()
        .filter(|(pos, _, _)| pack.checklist.items[*pos].in_mask(set_bit) && ap.items[*pos])
        .map(|(_, id, n)| ItemText { item: id.clone(), text: n.clone() })
        .collect();
    t
}

/// A warning when the file was filled against another edition of the pack.
pub(super) fn pack_changed(pack: &Pack, a: &Assessment) -> Option<Diagnostic> {
    let h = a.pack.hash.as_ref()?;
    if *h == pack.info.hash {
        return None;
    }
    let theirs = a.pack.version.as_deref().unwrap_or("?");
    let ours = &pack.info.version;
    Some(Diagnostic {
        level: DiagnosticLevel::Warning,
        code: "pack-changed".into(),
        message: Text {
            ja: format!("この回答は別の版のルールパック（{theirs}）で入力されました。現在の版 {ours} で採点しています。"),
            en: format!("These answers were given against another edition of the pack ({theirs}); scored with {ours}."),
        },
        rule: None,
    })
}

/// A note that answers outside the chosen set are kept but not scored.
pub(super) fn not_asked(outside: usize) -> Option<Diagnostic> {
    (outside > 0).then(|| Diagnostic {
        level: DiagnosticLevel::Info,
        code: "not-asked".into(),
        message: Text {
            ja: format!("選んだ設問セットにない設問、または該当しない設問への{outside}件の回答は保存されていますが、採点には使っていません。"),
            en: format!("{outside} answer(s) to items outside the chosen set, or that do not apply, are kept but not scored."),
        },
        rule: None,
    })
}

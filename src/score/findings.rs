//! Stage 3: findings — each gap and each cap a rule reported, with its advice — and their
//! order; the first few are the report's next steps.

use super::results::cap_proven;
use super::rules::Pass;
use crate::answers::{Answer, AnswerSheet};
use crate::pack::checklist::Dimension;
use crate::pack::Pack;
use crate::report::{Finding, Severity};

/// How findings are ordered (rules/README.md, "Next steps"; the pack says it in words).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    /// Markers (D1–D4) first.
    not_marker: bool,
    /// Then dimensions others require before those that require them.
    depth: usize,
    /// Then high before medium before low.
    severity: Severity,
    /// Then the lowest levels first.
    level: u8,
    dim: usize,
    pos: usize,
}

/// Every finding the answers prove, in priority order (1 = do first): a gap on an item that
/// is answered (an unanswered item is 要確認, not a gap), and a cap that holds even with the
/// open items at their most mature answer.
pub(super) fn collect(pack: &Pack, least: &Pass, most: Option<&Pass>, real: &AnswerSheet, set_bit: u64) -> Vec<Finding> {
    let checklist = &pack.checklist;
    let depths = checklist.depths();
    let mut keyed: Vec<(Key, Finding)> = Vec::new();
    for (di, out) in least.dims.iter().enumerate().filter_map(|(i, o)| Some((i, o.as_ref()?))) {
        let dim = &checklist.dimensions[di];
        let key = |severity: Severity, pos: usize| Key {
            not_marker: !dim.marker,
            depth: depths[di],
            level: out.level.unwrap_or(4),
            dim: di,
            severity,
            pos,
        };
        for (item_id, severity) in &out.gaps {
            // The contract has already refused gaps on unknown items and caps of undeclared gates.
            let Some(pos) = checklist.item_position(item_id) else { continue };
            let asked = checklist.items[pos].in_mask(set_bit);
            if asked && matches!(real.get(pos), Answer::Given(..)) {
                keyed.push((key(*severity, pos), gap(pack, dim, pos, *severity)));
            }
        }
        for (cap, items) in out.caps.iter().filter(|(c, _)| cap_proven(di, &c.gate, most)) {
            let Some(gate) = pack.info.gates.iter().find(|g| g.id == cap.gate) else { continue };
            let f = Finding {
                id: format!("{}:{}", gate.id, dim.id),
                priority: 0,
                severity: Severity::High,
                dimension: dim.id.clone(),
                rule: gate.id.clone(),
                items: items.clone(),
                title: gate.title.clone(),
                advice: gate.advice.clone(),
                sources: gate.sources.clone(),
            };
            keyed.push((key(Severity::High, 0), f));
        }
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut f))| {
            f.priority = i + 1;
            f
        })
        .collect()
}

fn gap(pack: &Pack, dim: &Dimension, pos: usize, severity: Severity) -> Finding {
    let item = &pack.checklist.items[pos];
    Finding {
        id: item.id.clone(),
        priority: 0,
        severity,
        dimension: dim.id.clone(),
        rule: dim.rule.clone(),
        items: vec![item.id.clone()],
        title: item.action.clone().unwrap_or_else(|| item.question.clone()),
        advice: item.advice.clone(),
        sources: item.sources.clone(),
    }
}

/// The ids of the first findings, as many as the pack's `[report] next_steps`.
pub(super) fn next_steps(pack: &Pack, findings: &[Finding]) -> Vec<String> {
    findings.iter().take(pack.info.report.next_steps).map(|f| f.id.clone()).collect()
}

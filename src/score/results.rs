//! Each dimension's proven level and the range open items leave, and the overall result: what
//! the report claims, and only what the answers prove.

use super::rules::Pass;
use super::{round1, round3, Asked};
use crate::answers::{Answer, AnswerSheet};
use crate::pack::Pack;
use crate::report::{Cap, DimensionResult, DimensionStatus, Overall, StageRange};
use crate::text::Text;

/// The report's row for each dimension; without `texts` (levels only) the title and the label
/// are left empty and the caps out, which nothing reads there.
pub(super) fn dimensions(pack: &Pack, least: &Pass, most: Option<&Pass>, real: &AnswerSheet, asked: &Asked, texts: bool) -> Vec<DimensionResult> {
    let checklist = &pack.checklist;
    checklist
        .dimensions
        .iter()
        .enumerate()
        .map(|(di, dim)| {
            let items = &asked.items[di];
            let open = items.iter().filter(|&&p| matches!(real.get(p), Answer::Unanswered | Answer::Undecided)).count();
            let mut row = DimensionResult {
                id: dim.id.clone(),
                title: if texts { dim.title.clone() } else { Text::default() },
                marker: dim.marker,
                status: DimensionStatus::NotAsked,
                level: None,
                upper: None,
                open,
                partial: asked.partial[di],
                label: None,
                score: 0.0,
                max: 0.0,
                rate: None,
                answered: items.len() - open,
                total: items.len(),
                caps: Vec::new(),
            };
            let Some(out) = &least.dims[di] else { return row };
            let all_na = items.iter().all(|&p| matches!(real.get(p), Answer::NotApplicable(_)));
            row.status = if all_na || out.level.is_none() {
                DimensionStatus::NotApplicable
            } else if !asked.answered[di] {
                DimensionStatus::Unrated
            } else {
                DimensionStatus::Rated
            };
            if row.status != DimensionStatus::NotApplicable {
                row.score = round1(out.score);
                row.max = round1(out.max);
                row.rate = (out.max > 0.0).then(|| round3(out.score / out.max));
            }
            if row.status == DimensionStatus::Rated {
                let upper = most.and_then(|m| m.dims[di].as_ref()).and_then(|o| o.level);
                row.level = out.level;
                row.upper = Some(upper.unwrap_or(0).max(out.level.unwrap_or(0)));
                if texts {
                    row.label = (row.level == row.upper).then(|| row.level.and_then(|l| dim.levels.get(usize::from(l)))).flatten().map(|a| Text::new(&a.ja, &a.en));
                    row.caps = proven_caps(di, least, most);
                }
            }
            row
        })
        .collect()
}

/// The caps of the proven pass that hold with the open items at their most mature answer too.
pub(super) fn proven_caps(di: usize, least: &Pass, most: Option<&Pass>) -> Vec<Cap> {
    let Some(out) = &least.dims[di] else { return Vec::new() };
    out.caps.iter().filter(|(c, _)| cap_proven(di, &c.gate, most)).map(|(c, _)| c.clone()).collect()
}

/// A gate's cap is proven when it also holds in the most mature pass (or nothing is open).
pub(super) fn cap_proven(di: usize, gate: &str, most: Option<&Pass>) -> bool {
    match most {
        None => true,
        Some(m) => m.dims[di].as_ref().is_some_and(|o| o.caps.iter().any(|(c, _)| c.gate == gate)),
    }
}

/// The overall result: proven level, the highest reachable, and whether it is provisional.
pub(super) fn overall(pack: &Pack, least: &Pass, most: Option<&Pass>, dims: &[DimensionResult]) -> Overall {
    let rated = dims.iter().any(|d| d.status == DimensionStatus::Rated);
    let level = rated.then_some(least.overall.level);
    let upper = level.map(|l| most.map_or(l, |m| m.overall.level).max(l));
    let provisional =
        dims.iter().any(|d| d.status == DimensionStatus::Unrated || (d.status == DimensionStatus::Rated && (d.open > 0 || d.partial)));
    let label = level
        .filter(|l| Some(*l) == upper)
        .and_then(|l| pack.info.levels.get(usize::from(l)))
        .map(|l| Text::new(&l.ja, &l.en));
    let lower_stage = least.overall.stage.clone();
    let upper_stage = most.map_or_else(|| lower_stage.clone(), |m| m.overall.stage.clone());
    let (stage, stage_range) = if lower_stage == upper_stage {
        (lower_stage, None)
    } else {
        (None, Some(StageRange { lower: lower_stage, upper: upper_stage }))
    };
    let score_upper = most.map_or(least.overall.score, |m| m.overall.score).max(least.overall.score);
    Overall { score: least.overall.score, score_upper, level, upper, provisional, label, stage, stage_range }
}

//! Scoring: an assessment in, a report out, in named stages —
//!
//! 1. [`check`]: the assessment's envelope and every answer, against the checklist;
//! 2. [`proven`]: which items apply, and the two sheets the rules score — open items at their
//!    least mature answer (what is proven), then at their most mature (how high it could go);
//! 3. [`rules`]: a pass over every rule per sheet, in rhai (results checked by [`contract`]);
//! 4. [`results`]: each dimension's proven level and range, and the overall result;
//! 5. [`findings`]: the gaps and caps the answers prove, with advice, in priority order;
//! 6. [`tallies`]: the answers by state and the counts; the report is assembled here.

mod check;
mod contract;
mod findings;
mod locate;
mod proven;
mod results;
mod rules;
mod tallies;

use crate::answers::{Answer, AnswerSheet, Assessment};
use crate::error::Result;
use crate::pack::Pack;
use crate::report::*;
use crate::script_api::ScriptAnswers;
use proven::{Applicability, Fill};
use rules::PassPlan;
use std::rc::Rc;

/// Options for one scoring run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Record, for each rule in order, the items it read and what it returned.
    pub trace: bool,
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Per dimension, what the chosen set asks of it and what the file answers.
pub(crate) struct Asked {
    /// Asked items (in the set, applying), checklist positions.
    pub items: Vec<Vec<usize>>,
    /// Some asked item has an answer (a value or 該当なし).
    pub answered: Vec<bool>,
    /// The chosen set leaves out an item that applies and could change the level (簡易判定).
    pub partial: Vec<bool>,
}

impl Asked {
    fn of(pack: &Pack, real: &AnswerSheet, ap: &Applicability, set_bit: u64) -> Self {
        let items: Vec<Vec<usize>> = pack
            .checklist
            .dimensions
            .iter()
            .map(|d| d.positions.iter().copied().filter(|&p| ap.items[p] && pack.checklist.items[p].in_mask(set_bit)).collect())
            .collect();
        let answered = items.iter().map(|ps| ps.iter().any(|&p| matches!(real.get(p), Answer::Given(..) | Answer::NotApplicable(_)))).collect();
        let left_out = |p: usize| {
            let item = &pack.checklist.items[p];
            ap.items[p] && !item.in_mask(set_bit) && crate::answers::extremes(item).is_some()
        };
        let partial = pack.checklist.dimensions.iter().map(|d| d.positions.iter().any(|&p| left_out(p))).collect();
        Asked { items, answered, partial }
    }
}

impl Pack {
    /// Score an assessment with default options.
    pub fn score(&self, assessment: &Assessment) -> Result<Report> {
        self.score_with(assessment, ScoreOptions::default())
    }

    /// Score an assessment. Answers are checked first; on any problem no script runs and the
    /// error lists every problem with its item id.
    pub fn score_with(&self, assessment: &Assessment, options: ScoreOptions) -> Result<Report> {
        self.budget.restart();
        let _ = self.sink.take();
        let (set, real) = check::assessment(self, assessment)?;
        let set_bit = self.checklist.set_bit(&set.id);
        let ap = Applicability::of(&self.checklist, &real);
        let real = Rc::new(real);
        let asked = Asked::of(self, &real, &ap, set_bit);
        let run: Vec<bool> = asked.items.iter().map(|i| !i.is_empty()).collect();
        let sheet = |fill| proven::sheet(&self.checklist, &real, set_bit, fill);
        let answers = |s: AnswerSheet| ScriptAnswers::new(self, Rc::new(s), Rc::clone(&real), &set.id, options.trace);

        let (least_sheet, open) = sheet(Fill::Least);
        let plan = PassPlan { run: &run, assessed: &asked.answered, scenes: true };
        let mut least = rules::pass(self, answers(least_sheet), &plan, options.trace)?;
        let most = if open {
            let plan = PassPlan { run: &run, assessed: &run, scenes: false };
            Some(rules::pass(self, answers(sheet(Fill::Most).0), &plan, false)?)
        } else {
            None
        };

        let dimensions = results::dimensions(self, &least, most.as_ref(), &real, &asked);
        let overall = results::overall(self, &least, most.as_ref(), &dimensions);
        let findings = findings::collect(self, &least, most.as_ref(), &real, set_bit);
        let t = tallies::count(self, &real, &ap, set_bit);
        let mut diagnostics: Vec<Diagnostic> =
            tallies::pack_changed(self, assessment).into_iter().chain(tallies::not_asked(t.outside)).collect();
        diagnostics.append(&mut least.printed);
        Ok(Report {
            schema: REPORT_SCHEMA,
            engine: EngineInfo { name: "renkei", version: crate::ENGINE_VERSION },
            pack: PackStamp::of(self),
            assessment: AssessmentInfo {
                municipality: assessment.municipality.name.clone(),
                prefecture: assessment.municipality.prefecture.clone(),
                fiscal_year: assessment.fiscal_year,
                item_set: set.id.clone(),
                item_set_title: set.title.clone(),
                asked: t.asked,
                answered: t.answered,
            },
            overall,
            dimensions,
            scenes: std::mem::take(&mut least.scenes),
            next_steps: findings::next_steps(self, &findings),
            next_steps_order: self.info.report.order.clone(),
            findings,
            unanswered: t.unanswered,
            undecided: t.undecided,
            not_applicable: t.not_applicable,
            texts: t.texts,
            notes: t.notes,
            diagnostics,
            trace: least.trace,
        })
    }
}

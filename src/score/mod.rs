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
pub(crate) mod fast;
mod findings;
#[cfg(feature = "limit-places")]
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

mod session;
pub use session::{ScoringSession, SessionUpdate};
pub(crate) use rules::rule_names;
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

/// What one scoring run decides before any rule runs.
pub(crate) struct Prepared<'p> {
    pub set: &'p crate::pack::model::ItemSetDef,
    pub set_bit: u64,
    pub real: Rc<AnswerSheet>,
    pub ap: Applicability,
    pub asked: Asked,
    /// Per dimension: it has an asked item (its rule runs).
    pub run: Vec<bool>,
    /// Open items at their least mature answer.
    pub least: Rc<AnswerSheet>,
    /// Open items at their most mature answer; `None` when no item is open.
    pub most: Option<Rc<AnswerSheet>>,
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
        let p = self.prepare(assessment)?;
        let answers = |s: &Rc<AnswerSheet>| ScriptAnswers::new(self, Rc::clone(s), Rc::clone(&p.real), &p.set.id, options.trace);
        let least = rules::pass(self, answers(&p.least), &p.least_plan(), options.trace)?;
        let most = match &p.most {
            Some(s) => Some(rules::pass(self, answers(s), &p.most_plan(), false)?),
            None => None,
        };
        Ok(self.assemble(assessment, &p, least, most))
    }

    /// Stage 1 and what the rules will see: the checked answers, applicability, the two sheets.
    pub(crate) fn prepare(&self, assessment: &Assessment) -> Result<Prepared<'_>> {
        self.prepare_cached(assessment, None)
    }

    /// [`Pack::prepare`], with a session's cache of answers already read.
    pub(crate) fn prepare_cached(&self, assessment: &Assessment, cache: Option<&mut crate::answers::ParseCache>) -> Result<Prepared<'_>> {
        let (set, real) = check::assessment(self, assessment, cache)?;
        let set_bit = self.checklist.set_bit(&set.id);
        let ap = Applicability::of(&self.checklist, &real);
        let asked = Asked::of(self, &real, &ap, set_bit);
        let run: Vec<bool> = asked.items.iter().map(|i| !i.is_empty()).collect();
        let (least, open) = proven::sheet(&self.checklist, &real, set_bit, Fill::Least);
        let most = open.then(|| Rc::new(proven::sheet(&self.checklist, &real, set_bit, Fill::Most).0));
        Ok(Prepared { set, set_bit, real: Rc::new(real), ap, asked, run, least: Rc::new(least), most })
    }

    /// Stages 4–6: the report from the two passes.
    pub(in crate::score) fn assemble(&self, assessment: &Assessment, p: &Prepared, mut least: rules::Pass, most: Option<rules::Pass>) -> Report {
        let (real, asked, set, set_bit) = (&p.real, &p.asked, p.set, p.set_bit);
        let dimensions = results::dimensions(self, &least, most.as_ref(), real, asked, true);
        let overall = results::overall(self, &least, most.as_ref(), &dimensions);
        let findings = findings::collect(self, &least, most.as_ref(), real, set_bit);
        let t = tallies::count(self, real, &p.ap, set_bit);
        let mut diagnostics: Vec<Diagnostic> =
            tallies::pack_changed(self, assessment).into_iter().chain(tallies::not_asked(t.outside)).collect();
        diagnostics.append(&mut least.printed);
        Report {
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
        }
    }
}

impl Prepared<'_> {
    pub(in crate::score) fn least_plan(&self) -> PassPlan<'_> {
        PassPlan { run: &self.run, assessed: &self.asked.answered, scenes: true }
    }

    pub(in crate::score) fn most_plan(&self) -> PassPlan<'_> {
        PassPlan { run: &self.run, assessed: &self.run, scenes: false }
    }
}

impl Pack {
    /// The levels only: what [`Pack::score`] says of each dimension and overall, without the
    /// rest of the report (texts, findings, scenes). Fails like `score`.
    pub fn levels(&self, assessment: &Assessment) -> Result<Levels> {
        self.budget.restart();
        let _ = self.sink.take();
        let p = self.prepare(assessment)?;
        let answers = |s: &Rc<AnswerSheet>| ScriptAnswers::new(self, Rc::clone(s), Rc::clone(&p.real), &p.set.id, false);
        let plan = PassPlan { scenes: false, ..p.least_plan() };
        let least = rules::pass(self, answers(&p.least), &plan, false)?;
        let most = match &p.most {
            Some(s) => Some(rules::pass(self, answers(s), &p.most_plan(), false)?),
            None => None,
        };
        let dims = results::dimensions(self, &least, most.as_ref(), &p.real, &p.asked, false);
        let o = results::overall(self, &least, most.as_ref(), &dims);
        Ok(Levels {
            overall: LevelsOverall {
                level: o.level,
                upper: o.upper,
                score: o.score,
                stage: o.stage.map(|s| s.id),
                provisional: o.provisional,
            },
            dimensions: dims.into_iter().map(|d| DimensionLevels { id: d.id, status: d.status, level: d.level, upper: d.upper }).collect(),
        })
    }
}

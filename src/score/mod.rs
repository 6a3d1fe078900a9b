//! Scoring: an assessment in, a report out, in named stages —
//!
//! 1. [`check`]: the assessment's envelope and every answer, against the checklist;
//! 2. [`rules`]: each dimension's rule, then the scene matrix and the overall rule, in rhai
//!    (results checked against [`contract`]);
//! 3. [`findings`]: the gaps and caps the rules reported, with advice, in priority order;
//! 4. [`tallies`]: the answers by state and the counts;
//! 5. the report, assembled here.

mod check;
mod contract;
mod findings;
mod rules;
mod tallies;

use crate::answers::{Answer, AnswerSheet, Assessment};
use crate::error::Result;
use crate::pack::Pack;
use crate::report::*;
use crate::script_api::ScriptAnswers;
use crate::text::Text;
use contract::DimOut;
use rhai::{Dynamic, Map};
use rules::Runner;
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

impl Pack {
    /// Score an assessment with default options.
    pub fn score(&self, assessment: &Assessment) -> Result<Report> {
        self.score_with(assessment, ScoreOptions::default())
    }

    /// Score an assessment. Answers are checked first; on any problem no script runs and the
    /// error lists every problem with its item id.
    pub fn score_with(&self, assessment: &Assessment, options: ScoreOptions) -> Result<Report> {
        let (set, sheet) = check::assessment(self, assessment)?;
        let set_bit = self.checklist.set_bit(&set.id);
        let sheet = Rc::new(sheet);
        let answers = ScriptAnswers::new(self, Rc::clone(&sheet), &set.id, options.trace);
        let mut run = Runner::new(self, answers, options.trace);
        let outs = run_dimensions(&mut run, set_bit)?;
        let scenes = contract::scene_rows(self, run.call(&self.entry.scenes)?)?;
        let overall = contract::overall(self, run.call(&self.entry.overall)?)?;
        let scored: Vec<(usize, &DimOut)> = outs.iter().enumerate().filter_map(|(i, o)| Some((i, o.as_ref()?))).collect();
        let findings = findings::collect(self, &scored)?;
        let t = tallies::count(self, &sheet, set_bit);
        let mut diagnostics: Vec<Diagnostic> =
            tallies::pack_changed(self, assessment).into_iter().chain(tallies::not_asked(t.outside)).collect();
        diagnostics.extend(run.printed());
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
            dimensions: dimension_results(self, outs, &sheet, set_bit),
            scenes,
            next_steps: findings::next_steps(self, &findings),
            findings,
            unanswered: t.unanswered,
            undecided: t.undecided,
            not_applicable: t.not_applicable,
            texts: t.texts,
            notes: t.notes,
            diagnostics,
            trace: run.trace,
        })
    }
}

/// Each dimension's asked items (checklist positions).
fn asked(pack: &Pack, di: usize, set_bit: u64) -> impl Iterator<Item = usize> + '_ {
    pack.checklist.dimensions[di].positions.iter().copied().filter(move |&p| pack.checklist.items[p].in_mask(set_bit))
}

/// Run every dimension's rule in order, publishing each result for the rules after it. A
/// dimension with no asked item is not run (`None`).
fn run_dimensions(run: &mut Runner, set_bit: u64) -> Result<Vec<Option<DimOut>>> {
    let pack = run.pack;
    let mut outs = Vec::with_capacity(pack.checklist.dimensions.len());
    for (di, dim) in pack.checklist.dimensions.iter().enumerate() {
        let out = if asked(pack, di, set_bit).next().is_none() {
            None
        } else {
            let ret = run.call(&dim.rule)?;
            Some(contract::dimension(pack, &dim.rule, ret)?)
        };
        let mut m = Map::new();
        let level = out.as_ref().and_then(|o| o.level);
        m.insert("level".into(), level.map_or(Dynamic::UNIT, |l| Dynamic::from(i64::from(l))));
        m.insert("assessed".into(), out.is_some().into());
        m.insert("score".into(), out.as_ref().map_or(0.0, |o| o.score).into());
        m.insert("max".into(), out.as_ref().map_or(0.0, |o| o.max).into());
        m.insert("weight".into(), dim.weight.into());
        m.insert("marker".into(), dim.marker.into());
        run.publish(&dim.id, m);
        outs.push(out);
    }
    Ok(outs)
}

/// The report's row for each dimension.
fn dimension_results(pack: &Pack, outs: Vec<Option<DimOut>>, sheet: &AnswerSheet, set_bit: u64) -> Vec<DimensionResult> {
    let checklist = &pack.checklist;
    let mut rows = Vec::with_capacity(outs.len());
    for (di, (dim, out)) in checklist.dimensions.iter().zip(outs).enumerate() {
        let in_set: Vec<usize> = asked(pack, di, set_bit).collect();
        let mut row = DimensionResult {
            id: dim.id.clone(),
            title: dim.title.clone(),
            marker: dim.marker,
            assessed: out.is_some(),
            level: None,
            label: None,
            score: 0.0,
            max: 0.0,
            rate: None,
            answered: 0,
            total: 0,
            caps: Vec::new(),
        };
        if let Some(out) = out {
            // Every asked item answered "not applicable": the dimension does not apply here.
            let all_na = in_set.iter().all(|&p| matches!(sheet.get(p), Answer::NotApplicable(_)));
            row.level = if all_na { None } else { out.level };
            row.label = row.level.and_then(|l| dim.levels.get(usize::from(l))).map(|a| Text::new(&a.ja, &a.en));
            row.score = round1(out.score);
            row.max = round1(out.max);
            row.rate = (out.max > 0.0).then(|| round3(out.score / out.max));
            row.answered = in_set.iter().filter(|&&p| !matches!(sheet.get(p), Answer::Unanswered)).count();
            row.total = in_set.len();
            row.caps = out.caps.into_iter().map(|(c, _)| c).collect();
        }
        rows.push(row);
    }
    rows
}

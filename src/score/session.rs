//! A scoring session: one assessment kept inside the engine while a user answers it. Each
//! update takes one changed answer, re-runs only the rules that change can reach, and returns
//! only the parts of the report that changed.
//!
//! A rule's result can only depend on what it reads through `a` (every read is recorded, per
//! rule and per pass, as checklist positions) and, when its function refers to its second
//! argument at all, on the results published before it. rhai functions see nothing else: no
//! globals, no clock, no randomness. So after an update a rule runs again when an item it read
//! changed in the sheet it scores (or in the file, which the scene rule reads), when the plan
//! changed for its dimension (asked, assessed), or when it reads `dims` and an earlier result
//! changed; otherwise its last result stands. A pass that printed anything is run in full the
//! next time (prints are not kept per rule). Each update is one call: the budget (operations,
//! time, memory) restarts for it, as for `Pack::score`.
//!
//! The report an update produces is the report `Pack::score` gives for the same answers
//! (tests/session.rs checks this on every answer of many assessments).

use super::rules::{self, Memo, Reuse};
use super::Prepared;
use crate::answers::{AnswerSheet, Assessment};
use crate::error::Result;
use crate::pack::Pack;
use crate::report::{Finding, Report};
use crate::script_api::ScriptAnswers;
use serde_json::{Map as JsonMap, Value as Json};
use std::rc::Rc;

/// One assessment being answered, scored incrementally against one pack.
pub struct ScoringSession {
    pack: Rc<Pack>,
    assessment: Assessment,
    last: Option<Last>,
    /// The JSON of each finding the last patch wrote, without its priority (see `FindingsJson`).
    findings_json: FindingsJson,
    /// The answers read so far, so an unchanged one is not read again.
    parsed: crate::answers::ParseCache,
}

/// What the last update left: its inputs, its passes and its report.
struct Last {
    set: String,
    real: Rc<AnswerSheet>,
    least: Rc<AnswerSheet>,
    most: Option<Rc<AnswerSheet>>,
    run: Vec<bool>,
    answered: Vec<bool>,
    least_memo: Memo,
    most_memo: Option<Memo>,
    report: Report,
}

/// What one update changed.
#[derive(Debug, Clone)]
pub struct SessionUpdate {
    /// The parts of the report that differ from the last one, as the text of a JSON object in
    /// the report's own shape: only the top-level fields that changed, and under `dimensions`
    /// only the dimensions that changed (each whole, with its `id`). `{}` when nothing changed.
    /// Text, not a `serde_json::Value`: building the value tree cost more than the rules.
    pub patch: String,
    /// How many rule calls the update made (both passes), against `rules_total` for a full score.
    pub rules_run: usize,
    pub rules_total: usize,
}

impl ScoringSession {
    /// Start a session on an assessment: scores it in full. Fails like `Pack::score`.
    pub fn new(pack: Rc<Pack>, assessment: Assessment) -> Result<ScoringSession> {
        let mut s = ScoringSession { pack, assessment, last: None, findings_json: FindingsJson::default(), parsed: Default::default() };
        s.rescore()?;
        Ok(s)
    }

    /// The report of the answers as they are now.
    pub fn report(&self) -> &Report {
        &self.last.as_ref().expect("a session always holds its last report").report
    }

    /// The assessment as it is now.
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// Set one answer (`null` clears it; any answer form an assessment file allows) and
    /// re-score. On an error (a bad answer, a failing rule) nothing changes: the answer is not
    /// taken and the last report stands.
    pub fn set(&mut self, id: &str, answer: Json) -> Result<SessionUpdate> {
        let old = self.assessment.answers.insert(id.to_owned(), answer);
        self.rescore().inspect_err(|_| {
            match old {
                Some(v) => self.assessment.answers.insert(id.to_owned(), v),
                None => self.assessment.answers.remove(id),
            };
        })
    }

    /// Replace the whole assessment (another item set, another file) and re-score; rules whose
    /// inputs did not change keep their results here too.
    pub fn replace(&mut self, assessment: Assessment) -> Result<SessionUpdate> {
        let old = std::mem::replace(&mut self.assessment, assessment);
        self.rescore().inspect_err(|_| self.assessment = old.clone())
    }

    fn rescore(&mut self) -> Result<SessionUpdate> {
        let pack = Rc::clone(&self.pack);
        pack.budget.restart();
        let _ = pack.sink.take();
        let p = pack.prepare_cached(&self.assessment, Some(&mut self.parsed))?;
        // Anything that the whole run depends on changed: no result is reused.
        let last = self.last.as_ref().filter(|l| l.set == p.set.id && l.least.answers.len() == p.least.answers.len());
        let changed = changed_positions(last, &p);
        let plan_changed: Vec<bool> = (0..p.run.len())
            .map(|d| last.is_none_or(|l| l.run[d] != p.run[d] || l.answered[d] != p.asked.answered[d]))
            .collect();
        let most_plan_changed: Vec<bool> = (0..p.run.len()).map(|d| last.is_none_or(|l| l.run[d] != p.run[d])).collect();
        let answers = |s: &Rc<AnswerSheet>| ScriptAnswers::new(&pack, Rc::clone(s), Rc::clone(&p.real), &p.set.id, false);
        let prev_least = last.map(|l| &l.least_memo).filter(|m| !m.printed);
        let reuse = Reuse { prev: prev_least, changed: &changed, plan_changed: &plan_changed };
        let (least, least_memo) = rules::run_pass(&pack, answers(&p.least), &p.least_plan(), false, Some(reuse))?;
        let (most, most_memo) = match &p.most {
            Some(s) => {
                let prev = last.and_then(|l| l.most_memo.as_ref()).filter(|m| !m.printed);
                let reuse = Reuse { prev, changed: &changed, plan_changed: &most_plan_changed };
                let (pass, memo) = rules::run_pass(&pack, answers(s), &p.most_plan(), false, Some(reuse))?;
                (Some(pass), memo)
            }
            None => (None, None),
        };
        let report = pack.assemble(&self.assessment, &p, least, most);
        let least_memo = least_memo.expect("a tracked pass returns its memo");
        let rules_run = least_memo.calls + most_memo.as_ref().map_or(0, |m| m.calls);
        let rules_total = full_calls(&p);
        let patch = patch(self.last.as_ref().map(|l| &l.report), &report, &mut self.findings_json);
        self.last = Some(Last {
            set: p.set.id.clone(),
            real: Rc::clone(&p.real),
            least: Rc::clone(&p.least),
            most: p.most.clone(),
            run: p.run.clone(),
            answered: p.asked.answered.clone(),
            least_memo,
            most_memo,
            report,
        });
        Ok(SessionUpdate { patch, rules_run, rules_total })
    }
}

/// Rule calls of a full score of these answers.
fn full_calls(p: &Prepared) -> usize {
    let dims = p.run.iter().filter(|r| **r).count();
    (dims + 2) + p.most.as_ref().map_or(0, |_| dims + 1)
}

/// Per checklist position: the answer differs, in the file or in either sheet the rules see
/// (options that stopped or started to apply included). Everything, without a last run.
fn changed_positions(last: Option<&Last>, p: &Prepared) -> Vec<bool> {
    let n = p.least.answers.len();
    let Some(l) = last else { return vec![true; n] };
    let differs = |a: &AnswerSheet, b: &AnswerSheet, i: usize| a.get(i) != b.get(i) || a.off_options.get(i) != b.off_options.get(i);
    (0..n)
        .map(|i| {
            differs(&l.real, &p.real, i)
                || differs(&l.least, &p.least, i)
                || match (&l.most, &p.most) {
                    (Some(a), Some(b)) => differs(a, b, i),
                    (None, None) => false,
                    _ => true,
                }
        })
        .collect()
}

impl SessionUpdate {
    /// [`SessionUpdate::patch`] read back as a JSON object.
    pub fn patch_map(&self) -> JsonMap<String, Json> {
        serde_json::from_str(&self.patch).expect("the session writes the patch as a JSON object")
    }
}

/// The top-level fields of `new` that differ from `old` (all of them without an `old`), in
/// the report's JSON shape, as JSON text; `dimensions` holds only the dimensions that differ.
fn patch(old: Option<&Report>, new: &Report, findings: &mut FindingsJson) -> String {
    let mut out = String::from("{");
    let mut put = |key: &str, same: bool, json: &dyn Fn() -> String| {
        if !same {
            if out.len() > 1 {
                out.push(',');
            }
            out.push('"');
            out.push_str(key);
            out.push_str("\":");
            out.push_str(&json());
        }
    };
    let o = old;
    put("assessment", o.is_some_and(|o| o.assessment == new.assessment), &|| text(&new.assessment));
    put("overall", o.is_some_and(|o| o.overall == new.overall), &|| text(&new.overall));
    let dims: Vec<&crate::report::DimensionResult> = match o {
        Some(o) if o.dimensions.len() == new.dimensions.len() => {
            new.dimensions.iter().zip(&o.dimensions).filter(|(n, o)| n != o).map(|(n, _)| n).collect()
        }
        _ => new.dimensions.iter().collect(),
    };
    put("dimensions", dims.is_empty(), &|| text(&dims));
    put("scenes", o.is_some_and(|o| o.scenes == new.scenes), &|| text(&new.scenes));
    put("nextSteps", o.is_some_and(|o| o.next_steps == new.next_steps), &|| text(&new.next_steps));
    let same_findings = o.is_some_and(|o| o.findings == new.findings);
    let findings_json = if same_findings { String::new() } else { findings.write(o.map_or(&[], |o| &o.findings[..]), &new.findings) };
    put("findings", same_findings, &|| findings_json.clone());
    put("unanswered", o.is_some_and(|o| o.unanswered == new.unanswered), &|| text(&new.unanswered));
    put("undecided", o.is_some_and(|o| o.undecided == new.undecided), &|| text(&new.undecided));
    put("notApplicable", o.is_some_and(|o| o.not_applicable == new.not_applicable), &|| text(&new.not_applicable));
    put("texts", o.is_some_and(|o| o.texts == new.texts), &|| text(&new.texts));
    put("notes", o.is_some_and(|o| o.notes == new.notes), &|| text(&new.notes));
    put("diagnostics", o.is_some_and(|o| o.diagnostics == new.diagnostics), &|| text(&new.diagnostics));
    out.push('}');
    out
}

/// A part of the report as JSON text (the report's types serialise without fail: string keys,
/// finite numbers).
fn text<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// The findings' JSON, kept from one patch to the next: a finding comes with its advice and
/// sources (long pack texts, most of the patch's bytes), and most findings are the same after
/// one answer changes, though their priorities shift. Each is written once without its
/// priority and reused while it stays equal.
#[derive(Default)]
struct FindingsJson {
    /// The JSON of each finding of the last report (in its order), without its opening brace
    /// and its priority.
    bodies: Vec<String>,
}

/// The same finding but for its priority (every other field compared: a new field must be
/// added here, which the destructuring enforces).
fn same_but_priority(a: &Finding, b: &Finding) -> bool {
    let Finding { id, priority: _, severity, dimension, rule, items, title, advice, sources } = a;
    *id == b.id && *rule == b.rule && *severity == b.severity && *dimension == b.dimension && *items == b.items && *title == b.title && *advice == b.advice && *sources == b.sources
}

impl FindingsJson {
    /// The findings as a JSON array, reusing what the last call wrote for `old` (the findings
    /// it was given then).
    fn write(&mut self, old: &[Finding], findings: &[Finding]) -> String {
        let mut last: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::with_capacity(old.len());
        if self.bodies.len() == old.len() {
            for (j, f) in old.iter().enumerate() {
                last.entry((f.id.as_str(), f.rule.as_str())).or_insert(j);
            }
        }
        let mut bodies = Vec::with_capacity(findings.len());
        let mut out = String::from("[");
        for (i, f) in findings.iter().enumerate() {
            let reuse = last.get(&(f.id.as_str(), f.rule.as_str())).filter(|&&j| same_but_priority(&old[j], f));
            let body = match reuse {
                Some(&j) => std::mem::take(&mut self.bodies[j]),
                None => {
                    // `{"id":…,"priority":N,…}` without its `{` and the priority (no string in
                    // JSON holds an unescaped quote, so the first match is the field).
                    let text = serde_json::to_string(f).unwrap_or_default();
                    let text = text.replacen(&format!(",\"priority\":{}", f.priority), "", 1);
                    text.strip_prefix('{').unwrap_or(&text).to_owned()
                }
            };
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"priority\":");
            out.push_str(&f.priority.to_string());
            out.push(',');
            out.push_str(&body);
            bodies.push(body);
        }
        out.push(']');
        self.bodies = bodies;
        out
    }
}

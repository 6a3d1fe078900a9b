//! A pack's own test cases (`tests/*.json` in the pack): answers in, expected levels out.

use crate::answers::Assessment;
use super::Pack;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default = "full")]
    item_set: String,
    /// Answers for the items the case does not name: `"least"` or `"mature"` (each item's least
    /// or most mature answer), or none (left unanswered).
    #[serde(default)]
    base: Option<Base>,
    #[serde(default)]
    answers: serde_json::Map<String, serde_json::Value>,
    expect: Expect,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "camelCase")]
enum Base {
    Least,
    Mature,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Expect {
    /// Proven level per dimension (`null`: not rated).
    #[serde(default)]
    levels: BTreeMap<String, Option<u8>>,
    /// Highest reachable level per dimension.
    #[serde(default)]
    upper: BTreeMap<String, Option<u8>>,
    #[serde(default)]
    overall_level: Option<u8>,
    #[serde(default)]
    overall_upper: Option<u8>,
    #[serde(default)]
    stage: Option<String>,
    #[serde(default)]
    findings_include: Vec<String>,
    #[serde(default)]
    findings_exclude: Vec<String>,
}

fn full() -> String {
    "full".into()
}

/// The outcome of one test case.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    pub file: String,
    pub name: String,
    pub passed: bool,
    /// What differed, one line each (English; the ids make it clear in any language).
    pub failures: Vec<String>,
}

impl Pack {
    /// Run the pack's own test cases.
    /// Each case is one call (its own budget); all of them together may spend twice one call's
    /// operations and twice its time limit, after which the rest are reported as not run (the
    /// default pack's cases need about a tenth of that).
    pub fn run_tests(&self) -> Vec<CaseResult> {
        let start = crate::engine::now_ms();
        let cap_ms = 2.0 * self.limits.max_millis as f64;
        let cap_ops = self.limits.max_operations.saturating_mul(2);
        let mut ops = 0u64;
        self.tests
            .iter()
            .map(|(file, text)| {
                let why = if ops > cap_ops {
                    Some(format!("not run: the pack's test cases together spent more than {cap_ops} operations"))
                } else if crate::engine::now_ms() - start > cap_ms {
                    Some(format!("not run: the pack's test cases together ran past {cap_ms} ms"))
                } else {
                    None
                };
                if let Some(why) = why {
                    return CaseResult { file: file.clone(), name: file.clone(), passed: false, failures: vec![why] };
                }
                let r = self.run_case(file, text);
                ops = ops.saturating_add(self.operations_spent());
                r
            })
            .collect()
    }

    fn run_case(&self, file: &str, text: &str) -> CaseResult {
        let case: Case = match serde_json::from_str(text) {
            Ok(c) => c,
            Err(e) => {
                return CaseResult {
                    file: file.into(),
                    name: file.into(),
                    passed: false,
                    failures: vec![format!("cannot read the test case: {e}")],
                }
            }
        };
        let mut a = Assessment::empty(self.pack_ref(), &case.item_set);
        if let Some(base) = case.base {
            for item in &self.checklist.items {
                if let (false, Some((least, most))) = (case.answers.contains_key(&item.id), crate::answers::extremes(item)) {
                    let v = match base {
                        Base::Least => least,
                        Base::Mature => most,
                    };
                    a.answers.insert(item.id.clone(), v.to_json());
                }
            }
        }
        a.answers.extend(case.answers);
        let mut failures = Vec::new();
        for f in case.expect.findings_include.iter().chain(&case.expect.findings_exclude).filter(|f| !self.is_finding_id(f)) {
            failures.push(format!("unknown finding id '{f}': name an item id, or a gate and dimension like G1:D3"));
        }
        match self.score(&a) {
            Err(e) => failures.push(format!("scoring failed: {e}")),
            Ok(r) => compare(&case.expect, &r, &mut failures),
        }
        CaseResult { file: file.into(), name: case.name, passed: failures.is_empty(), failures }
    }
}

impl Pack {
    /// An id a finding can have: an item id, or `GATE:DIMENSION`.
    fn is_finding_id(&self, id: &str) -> bool {
        self.checklist.item(id).is_some()
            || id.split_once(':').is_some_and(|(g, d)| self.info.gates.iter().any(|x| x.id == g) && self.checklist.dimension(d).is_some())
    }
}

fn compare(expect: &Expect, r: &crate::Report, failures: &mut Vec<String>) {
    let dim = |id: &str| r.dimensions.iter().find(|d| d.id == id);
    for (which, map) in [("level", &expect.levels), ("upper", &expect.upper)] {
        for (id, want) in map {
            match dim(id) {
                None => failures.push(format!("{id}: no such dimension")),
                Some(d) => {
                    let got = if which == "level" { d.level } else { d.upper };
                    if got != *want {
                        failures.push(format!("{id}: {which} {got:?}, expected {want:?}"));
                    }
                }
            }
        }
    }
    if let Some(l) = expect.overall_level.filter(|l| r.overall.level != Some(*l)) {
        failures.push(format!("overall level {:?}, expected {l}", r.overall.level));
    }
    if let Some(l) = expect.overall_upper.filter(|l| r.overall.upper != Some(*l)) {
        failures.push(format!("overall upper {:?}, expected {l}", r.overall.upper));
    }
    if let Some(s) = &expect.stage {
        let got = r.overall.stage.as_ref().map(|s| s.id.as_str());
        if got != Some(s.as_str()) {
            failures.push(format!("stage {got:?}, expected {s}"));
        }
    }
    let has = |f: &str| r.findings.iter().any(|x| x.id == f || x.items.iter().any(|i| i == f));
    for f in expect.findings_include.iter().filter(|f| !has(f)) {
        failures.push(format!("expected a finding on {f}"));
    }
    for f in expect.findings_exclude.iter().filter(|f| has(f)) {
        failures.push(format!("expected no finding on {f}"));
    }
}

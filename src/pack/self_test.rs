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
    #[serde(default)]
    levels: BTreeMap<String, Option<u8>>,
    #[serde(default)]
    overall_level: Option<u8>,
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
    pub fn run_tests(&self) -> Vec<CaseResult> {
        self.tests.iter().map(|(file, text)| self.run_case(file, text)).collect()
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
        match self.score(&a) {
            Err(e) => failures.push(format!("scoring failed: {e}")),
            Ok(r) => {
                for (dim, want) in &case.expect.levels {
                    match r.dimensions.iter().find(|d| &d.id == dim) {
                        None => failures.push(format!("{dim}: no such dimension")),
                        Some(d) if d.level != *want => {
                            failures.push(format!("{dim}: level {:?}, expected {:?}", d.level, want))
                        }
                        _ => {}
                    }
                }
                if let Some(l) = case.expect.overall_level {
                    if r.overall.level != l {
                        failures.push(format!("overall level {}, expected {l}", r.overall.level));
                    }
                }
                if let Some(s) = &case.expect.stage {
                    let got = r.overall.stage.as_ref().map(|s| s.id.as_str());
                    if got != Some(s.as_str()) {
                        failures.push(format!("stage {got:?}, expected {s}"));
                    }
                }
                for f in &case.expect.findings_include {
                    if !r.findings.iter().any(|x| &x.id == f || x.items.contains(f)) {
                        failures.push(format!("expected a finding on {f}"));
                    }
                }
                for f in &case.expect.findings_exclude {
                    if r.findings.iter().any(|x| &x.id == f || x.items.contains(f)) {
                        failures.push(format!("expected no finding on {f}"));
                    }
                }
            }
        }
        CaseResult { file: file.into(), name: case.name, passed: failures.is_empty(), failures }
    }
}

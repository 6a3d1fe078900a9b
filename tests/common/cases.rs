//! The one runner for `tests/cases/NAME/` (tests/cases/README.md): used by the native test
//! (`tests/cases.rs`) and by the wasm test in Chromium (`tests/wasm.rs`). The release `pkg/` in
//! Node follows the same rules in `tests/lib/cases.mjs`.
//!
//! The list of cases is written at build time by `build.rs` (`$OUT_DIR/cases.rs`), so adding a
//! case is adding a folder, and the wasm test, which cannot read folders, sees the same list.

use super::jsondiff;
use renkei::{Assessment, Pack, Report};
use serde_json::Value;

include!(concat!(env!("OUT_DIR"), "/cases.rs"));

/// The files a case folder may hold; `assessment.json` and `expect.json` are required,
/// `report.json` is written by blessing.
pub const CASE_FILE_NAMES: [&str; 3] = ["assessment.json", "expect.json", "report.json"];

/// One case folder as the build saw it.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    pub name: &'static str,
    pub files: &'static [(&'static str, &'static str)],
}

impl Case {
    pub fn file(&self, name: &str) -> Option<&'static str> {
        self.files.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The assessment, parsed; an unreadable file is a failure of the case, not a panic.
    pub fn assessment(&self) -> Result<Assessment, String> {
        let text = self.file("assessment.json").ok_or_else(|| format!("{}: no assessment.json", self.name))?;
        Assessment::from_json(text).map_err(|e| format!("{}: assessment.json: {e}", self.name))
    }
}

/// Every case, in folder-name order.
pub fn all() -> Vec<Case> {
    CASE_FILES.iter().map(|(name, files)| Case { name, files }).collect()
}

/// The case called `name`; panics with the known names when there is none.
pub fn get(name: &str) -> Case {
    all().into_iter().find(|c| c.name == name).unwrap_or_else(|| {
        panic!("no tests/cases/{name}/ (cases: {})", all().iter().map(|c| c.name).collect::<Vec<_>>().join(", "))
    })
}

/// The pack the cases are judged with: the embedded default pack, or the pack folder named by
/// `RENKEI_PACK_DIR` (read at run time; the mutation check uses it to judge a changed copy of
/// `rules/default` without rebuilding). In wasm there is no environment: always the default.
pub fn pack() -> Pack {
    match pack_dir() {
        Some(dir) => Pack::from_dir(&dir).unwrap_or_else(|e| panic!("RENKEI_PACK_DIR={dir}: {e}")),
        None => Pack::default_pack().expect("the default pack compiles"),
    }
}

pub fn pack_dir() -> Option<String> {
    if cfg!(target_arch = "wasm32") {
        return None;
    }
    std::env::var("RENKEI_PACK_DIR").ok().filter(|d| !d.is_empty())
}

/// The report as goldens hold it: pretty JSON, a final newline, and no `pack.hash` (the hash
/// changes with every edit of the pack's text, scoring or not; tests/cases.rs checks it apart).
pub fn render(report: &Report) -> String {
    strip_pack_hash(&(serde_json::to_string_pretty(report).expect("report serialises") + "\n"))
}

/// Removes the `"hash"` line of the top-level `"pack"` object from a pretty-printed report,
/// leaving the rest byte for byte (the same cut as `stripPackHash` in tests/lib/cases.mjs).
pub fn strip_pack_hash(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut in_pack = false;
    for line in lines {
        if line == "  \"pack\": {" {
            in_pack = true;
        } else if in_pack && line.starts_with("  }") {
            in_pack = false;
        } else if in_pack && line.starts_with("    \"hash\": ") {
            if let Some(prev) = out.last_mut() {
                if let Some(p) = prev.strip_suffix(',') {
                    *prev = p.to_owned();
                }
            }
            continue;
        }
        out.push(line.to_owned());
    }
    out.join("\n")
}

/// What a golden comparison found: nothing, or lines to print.
pub fn compare_report(name: &str, want: &str, got: &str) -> Option<String> {
    if want == got {
        return None;
    }
    let parsed = (serde_json::from_str::<Value>(want), serde_json::from_str::<Value>(got));
    let body = match parsed {
        (Ok(w), Ok(g)) => {
            let lines = jsondiff::diff(&w, &g, 40);
            if lines.is_empty() {
                let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
                vec![format!("same JSON values, different bytes (key order or number format), first at line {line}")]
            } else {
                lines
            }
        }
        (Err(e), _) => vec![format!("report.json is not JSON: {e}")],
        (_, Err(e)) => vec![format!("the report is not JSON: {e}")],
    };
    Some(format!("{name}: report differs from tests/cases/{name}/report.json (golden → now):\n    {}", body.join("\n    ")))
}

/// Checks a report against the case's `expect.json`; returns one line per failure.
pub fn check_expect(name: &str, expect_text: &str, r: &Report) -> Vec<String> {
    let mut f = Vec::new();
    let expect: Value = match serde_json::from_str(expect_text) {
        Ok(v) => v,
        Err(e) => return vec![format!("{name}: expect.json is not JSON: {e}")],
    };
    let Some(obj) = expect.as_object() else { return vec![format!("{name}: expect.json must be an object")] };
    for k in obj.keys() {
        if !["levels", "overallLevel", "stage", "findingsInclude", "findingsExclude", "note"].contains(&k.as_str()) {
            f.push(format!("{name}: expect.json: unknown key '{k}'"));
        }
    }
    // Levels: every dimension of the report must be named (null = does not apply).
    match obj.get("levels").and_then(Value::as_object) {
        None => f.push(format!("{name}: expect.json needs \"levels\": {{ dimension: level or null }}")),
        Some(levels) => {
            for d in &r.dimensions {
                match levels.get(&d.id) {
                    None => f.push(format!("{name}: expect.json gives no level for {}", d.id)),
                    Some(want) => {
                        let want = if want.is_null() { None } else { want.as_u64() };
                        if want != d.level.map(u64::from) {
                            f.push(format!("{name}: {} level {} expected, got {}", d.id, show(want), show(d.level.map(u64::from))));
                        }
                    }
                }
            }
            for k in levels.keys() {
                if !r.dimensions.iter().any(|d| &d.id == k) {
                    f.push(format!("{name}: expect.json names {k}, which the report does not have"));
                }
            }
        }
    }
    // The overall level, or null when the report gives none.
    let got_overall = r.overall.level.map(u64::from);
    match obj.get("overallLevel").map(Value::as_u64) {
        None => f.push(format!("{name}: expect.json needs \"overallLevel\" (a level, or null for none)")),
        Some(want) if want != got_overall => {
            f.push(format!("{name}: overall level {} expected, got {}", show(want), show(got_overall)))
        }
        _ => {}
    }
    let got_stage = r.overall.stage.as_ref().map(|s| s.id.as_str());
    match obj.get("stage") {
        None => f.push(format!("{name}: expect.json needs \"stage\" (a stage id, or null for none)")),
        Some(want) if want.as_str() != got_stage => {
            f.push(format!("{name}: stage {} expected, got {}", short_opt(want.as_str()), short_opt(got_stage)))
        }
        _ => {}
    }
    // A finding "on X" is one whose id is X or that rests on item X (as in a pack's own tests).
    let on = |x: &str| r.findings.iter().any(|fi| fi.id == x || fi.items.iter().any(|i| i == x));
    for (key, must) in [("findingsInclude", true), ("findingsExclude", false)] {
        for x in obj.get(key).and_then(Value::as_array).into_iter().flatten() {
            let Some(x) = x.as_str() else {
                f.push(format!("{name}: {key} holds a non-string"));
                continue;
            };
            if on(x) != must {
                f.push(format!("{name}: {} finding on {x}", if must { "expected a" } else { "expected no" }));
            }
        }
    }
    f
}

fn show(v: Option<u64>) -> String {
    v.map_or("null".into(), |x| x.to_string())
}

fn short_opt(v: Option<&str>) -> String {
    v.map_or("null".into(), |s| format!("{s:?}"))
}

/// The outcome of one case.
pub struct Outcome {
    pub report: Option<Report>,
    /// The report as the golden holds it.
    pub rendered: Option<String>,
    pub failures: Vec<String>,
}

/// Runs one case: the folder's files, the scoring, `expect.json`, and `report.json`.
pub fn run(pack: &Pack, case: &Case) -> Outcome {
    let mut failures = Vec::new();
    for (file, _) in case.files {
        if !CASE_FILE_NAMES.contains(file) {
            failures.push(format!("{}: unexpected file {file} (a case holds {})", case.name, CASE_FILE_NAMES.join(", ")));
        }
    }
    let a = match case.assessment() {
        Ok(a) => a,
        Err(e) => return Outcome { report: None, rendered: None, failures: vec![e] },
    };
    let report = match pack.score(&a) {
        Ok(r) => r,
        Err(e) => {
            failures.push(format!("{}: scoring failed: {e}", case.name));
            return Outcome { report: None, rendered: None, failures };
        }
    };
    match case.file("expect.json") {
        Some(t) => failures.extend(check_expect(case.name, t, &report)),
        None => failures.push(format!("{}: no expect.json", case.name)),
    }
    let rendered = render(&report);
    match case.file("report.json") {
        Some(want) => failures.extend(compare_report(case.name, want, &rendered)),
        None => failures.push(format!("{}: no report.json (RENKEI_BLESS=1 cargo test --test cases writes it)", case.name)),
    }
    Outcome { report: Some(report), rendered: Some(rendered), failures }
}

//! The JavaScript surface (wasm-bindgen). Conversion only: every decision is in the core.
//! Without the `sources` feature (pkg/renkei_page.js, the assessment page's engine) there is no
//! `Scorer.fromSources`, `Scorer.fromBundle`, `validatePack` or `bundlePack`: it scores with the
//! pack embedded in it.

use crate::answers::Assessment;
use crate::error::Error;
use crate::pack::{Bundle, Pack};
#[cfg(feature = "sources")]
use crate::pack::PackSources;
use crate::ScoreOptions;
use js_sys::{Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Japanese first, English second. */
export interface Text { ja: string; en: string; }
/** A quoted phrase of a seed document (出典). */
export interface SourceRef { file: string; quote: string; }
/** A next step. basis: the id of one of the pack's bases (info().bases), saying what the quoted text is. */
export interface Advice { ja: string; en: string; basis: string; source: SourceRef; inferred?: boolean; }
export type AnswerType = "yes_no" | "single" | "multi" | "scenes" | "level" | "number" | "text";
/** When an item or option applies: decided by another item's answer (while it is unanswered, it applies). */
export interface Condition { item: string; is?: string[]; isNot?: string[]; }
export interface OptionDef { id: string; ja: string; en: string; points?: number | null; aliases?: string[]; appliesWhen?: Condition; }
export interface Anchor { ja: string; en: string; source?: SourceRef | null; inferred: boolean; }
export interface Item {
  id: string; dimension: string; type: AnswerType; question: Text; action: Text | null; help: Text | null; appliesWhen: Condition | null;
  weight: number; sets: string[]; inferred: boolean; inferredNote: Text | null; sources: SourceRef[]; options: OptionDef[];
  levels: Anchor[]; labels: { yes: Text; no: Text } | null; matureCount: number | null; matureIncludes: string[];
  unit: Text | null; matureAt: number | null; integer: boolean; min: number | null; max: number | null; advice: Advice[];
}
export interface Dimension { id: string; title: Text; short: Text; marker: boolean; weight: number; rule: string; requires: string[]; sources: SourceRef[]; levels: Anchor[]; items: string[]; }
/** A scene of the pack (日常の療養支援 …). */
export interface Scene { id: string; ja: string; en: string; }
/** What a form needs to render. */
export interface Checklist { dimensions: Dimension[]; items: Item[]; scenes: Scene[]; }
/** One answer: a value, null (unanswered), or an envelope. */
export type AnswerValue = boolean | string | number | string[];
export type Answer = null | AnswerValue | { value?: AnswerValue | null; status?: "answered" | "unanswered" | "undecided" | "na"; reason?: string; note?: string };
/** The assessment file (www/schema/assessment.schema.json). */
export interface Assessment {
  schemaVersion: 1; pack: { id: string; edition?: string; version?: string; hash?: string }; itemSet?: string;
  municipality?: { name?: string; prefecture?: string; code?: string }; fiscalYear?: number; createdAt?: string; updatedAt?: string;
  provenance?: string; notes?: string; scoredWith?: Summary; answers: Record<string, Answer>;
}
export type Cell = "yes" | "no" | "unknown" | "na" | "notAsked";
export type Severity = "high" | "medium" | "low";
/** rated: scored; unrated: 未評価 (nothing answered); notApplicable: 対象外; notAsked: no item in the set. */
export type DimensionStatus = "rated" | "unrated" | "notApplicable" | "notAsked";
/** level: proven; upper: the highest the open items could lead to; label only when level == upper. */
export interface DimensionResult { id: string; title: Text; marker: boolean; status: DimensionStatus; level: number | null; upper: number | null; open: number; partial: boolean; label: Text | null; score: number; max: number; rate: number | null; answered: number; total: number; caps: { gate: string; from: number; to: number }[]; }
export interface SceneRow { scene: string; label: Text; target: Cell; targetLevel: number | null; indicators: Cell; contract: Cell; council: Cell; }
export interface Stage { id: string; label: Text; }
export interface Finding { id: string; priority: number; severity: Severity; dimension: string; rule: string; items: string[]; title: Text; advice: Advice[]; sources: SourceRef[]; }
export interface Diagnostic { level: "info" | "warning" | "print" | "debug"; code: string; message: Text; rule: string | null; }
export interface TraceEntry { order: number; rule: string; read: string[]; returned: unknown; }
/** The report score() returns. */
export interface Report {
  schema: "renkei-report/1"; engine: { name: string; version: string };
  pack: { id: string; edition: string; version: string; hash: string };
  assessment: { municipality: string; prefecture: string; fiscalYear: number | null; itemSet: string; itemSetTitle: Text; asked: number; answered: number };
  overall: { score: number; scoreUpper: number; level: number | null; upper: number | null; provisional: boolean; label: Text | null; stage: Stage | null; stageRange: { lower: Stage | null; upper: Stage | null } | null };
  dimensions: DimensionResult[]; scenes: SceneRow[]; nextSteps: string[]; nextStepsOrder: Text | null; findings: Finding[];
  unanswered: string[]; undecided: string[]; notApplicable: { item: string; reason: string }[];
  texts: { item: string; text: string }[]; notes: { item: string; text: string }[]; diagnostics: Diagnostic[]; trace?: TraceEntry[];
}
/** Every problem code (rules/README.md, "Problem codes"). */
export type ProblemCode = "toml" | "io" | "missing-file" | "manifest" | "engine-version" | "levels" | "text" | "item-id" | "duplicate-id" | "item" | "unknown-reference" | "requires-cycle" | "script-syntax" | "duplicate-function" | "missing-rule" | "not-an-assessment" | "schema-version" | "pack-mismatch" | "unknown-set" | "fiscal-year" | "unknown-item" | "wrong-type" | "level-out-of-range" | "number-out-of-range" | "unknown-option" | "duplicate-option" | "missing-reason" | "bad-envelope" | "duplicate-key" | "bad-date" | "too-large" | "more-problems";
/** A problem with a pack file: where it is and what is wrong, in English and Japanese. */
export interface PackProblem { code: ProblemCode; file: string; line: number | null; column: number | null; item: string | null; message: string; messageJa: string; }
/** A problem with one answer. */
export interface AnswerProblem { item: string; code: ProblemCode; message: string; messageJa: string; }
/** Thrown by the scorer: `kind` is "pack", "answers" or "script"; `problems` lists every problem. */
export interface RenkeiError extends Error { kind: "pack" | "answers" | "script"; problems: Array<PackProblem | AnswerProblem | object>; messageJa: string; }
/** Facts about the pack: what info() returns. */
export interface Info {
  id: string; edition: string; version: string; hash: string; title: Text; description: Text | null; engine: string;
  levels: { ja: string; en: string; description: Text | null; sources: SourceRef[] }[];
  sets: { id: string; title: Text; description: Text | null; default?: boolean }[];
  gates: { id: string; title: Text; sources: SourceRef[]; advice: Advice[]; inferred: boolean }[];
  stages: { id: string; title: Text; description: Text | null; sources: SourceRef[] }[];
  sources: { file: string; title: Text; year: string | null }[];
  scenes: Scene[]; bases: { id: string; title: Text; description: Text | null }[];
  report: { nextSteps: number; fiscalYearMin: number; fiscalYearMax: number; gapMediumBelow: number; order: Text | null };
}
/** Options for score(). */
export interface ScoreOptions { trace?: boolean; }
/** One difference between two reports of the same answers (diffReports). */
export type Change =
  | { what: "overall"; old: number | null; new: number | null; oldUpper: number | null; newUpper: number | null }
  | { what: "stage"; old: string | null; new: string | null }
  | { what: "dimension"; id: string; old: number | null; new: number | null; oldUpper: number | null; newUpper: number | null }
  | { what: "findingAdded"; id: string }
  | { what: "findingRemoved"; id: string };
/** What a report is compared on (summarize); its fields are a subset of the report's. */
export interface Summary {
  pack: { id: string; edition: string; hash: string };
  overall: { level: number | null; upper: number | null; stage: { id: string } | null };
  dimensions: { id: string; level: number | null; upper: number | null }[];
  findings: { id: string }[];
}
/** Items one edition has and the other has not (editionChanges). */
export interface EditionChanges { added: string[]; removed: string[]; }
/** An assessment as another pack reads it (Scorer.rebase): the answers to items it lacks are dropped. */
export interface Rebased { assessment: Assessment; dropped: string[]; }
/** Outcome of one of a pack's own test cases. */
export interface CaseResult { file: string; name: string; passed: boolean; failures: string[]; }
"#;

fn to_js<T: Serialize + ?Sized>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("RenkeiError");
    let obj: &Object = err.as_ref();
    let problems = match e {
        Error::Pack(p) => to_js(p),
        Error::Answers(p) => to_js(p),
        Error::Script(p) => to_js(p),
    };
    let _ = Reflect::set(obj, &"kind".into(), &e.kind().into());
    let _ = Reflect::set(obj, &"problems".into(), &problems);
    let _ = Reflect::set(obj, &"messageJa".into(), &e.summary_ja().into());
    err.into()
}

fn input_error(what: &str, e: impl std::fmt::Display) -> JsValue {
    js_error(&Error::Answers(vec![crate::error::AnswerProblem {
        item: "(input)".into(),
        code: crate::error::Code::NotAnAssessment,
        message: format!("{what}: {e}"),
        message_ja: format!("入力を読めません（{what}）: {e}"),
    }]))
}

#[cfg(feature = "sources")]
fn sources_from_js(files: JsValue) -> Result<PackSources, JsValue> {
    let map: std::collections::BTreeMap<String, String> = serde_wasm_bindgen::from_value(files)
        .map_err(|e| input_error("pack files must be an object { path: text }", e))?;
    let mut s = PackSources::new();
    for (k, v) in map {
        s.insert(k, v);
    }
    Ok(s)
}

// Through JSON text both ways: the browser's JSON.stringify/parse are native and much faster for
// values this size than building them object by object across the boundary.
fn js_text(v: &JsValue, what: &str) -> Result<String, JsValue> {
    js_sys::JSON::stringify(v).ok().and_then(|s| s.as_string()).ok_or_else(|| input_error(what, "cannot be written as JSON"))
}

fn assessment_from_js(v: &JsValue) -> Result<Assessment, JsValue> {
    Assessment::from_json(&js_text(v, "not an assessment")?).map_err(|e| js_error(&e))
}

fn json_to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let out = serde_json::to_string(v).map_err(|e| input_error("serialise", e))?;
    js_sys::JSON::parse(&out).map_err(|_| input_error("serialise", "report"))
}

/// A compiled rule pack, ready to score any number of assessments.
#[wasm_bindgen]
pub struct Scorer {
    pack: std::rc::Rc<Pack>,
}

#[wasm_bindgen]
impl Scorer {
    /// A scorer on the default pack embedded in the engine.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Scorer, JsValue> {
        Pack::default_pack().map(|pack| Scorer { pack: std::rc::Rc::new(pack) }).map_err(|e| js_error(&e))
    }

    /// A scorer on a pack given as `{ "pack.toml": "…", "items/d1.toml": "…", … }`. Throws a
    /// RenkeiError (kind "pack") listing every problem with file, line and column.
    #[cfg(feature = "sources")]
    #[wasm_bindgen(js_name = fromSources)]
    pub fn from_sources(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] files: JsValue,
    ) -> Result<Scorer, JsValue> {
        let sources = sources_from_js(files)?;
        Pack::compile(&sources).map(|pack| Scorer { pack: std::rc::Rc::new(pack) }).map_err(|e| js_error(&e))
    }

    /// A scorer on a pack bundle's JSON text (`renkei-pack-bundle/1`, what `renkei bundle` and
    /// the editor write). Throws a RenkeiError (kind "pack") when the text is not a bundle, a
    /// path leaves the pack, a file does not compile, or the files no longer give the hash the
    /// bundle states.
    #[cfg(feature = "sources")]
    #[wasm_bindgen(js_name = fromBundle)]
    pub fn from_bundle(text: &str) -> Result<Scorer, JsValue> {
        Bundle::from_json(text).and_then(|b| b.compile()).map(|pack| Scorer { pack: std::rc::Rc::new(pack) }).map_err(|e| js_error(&e))
    }

    /// The assessment as this pack reads it: stamped with this pack, without the answers to items
    /// this pack does not have (their ids in `dropped`), on the default item set when its own set
    /// is not one of this pack's. For opening a file saved under another edition.
    #[wasm_bindgen(unchecked_return_type = "Rebased")]
    pub fn rebase(&self, #[wasm_bindgen(unchecked_param_type = "Assessment")] assessment: JsValue) -> Result<JsValue, JsValue> {
        let a = assessment_from_js(&assessment)?;
        let (assessment, dropped) = crate::diff::for_pack(&a, &self.pack);
        #[derive(Serialize)]
        struct Rebased {
            assessment: Assessment,
            dropped: Vec<String>,
        }
        Ok(to_js(&Rebased { assessment, dropped }))
    }

    /// Id, edition, version, content hash, titles, level labels, item sets, gates.
    #[wasm_bindgen(unchecked_return_type = "Info")]
    pub fn info(&self) -> JsValue {
        to_js(self.pack.info())
    }

    /// Everything a form needs to render: dimensions and items with their questions, help,
    /// options, level labels, sources and advice.
    #[wasm_bindgen(unchecked_return_type = "Checklist")]
    pub fn checklist(&self) -> JsValue {
        to_js(self.pack.checklist())
    }

    /// A new, empty assessment file for this pack and item set.
    #[wasm_bindgen(js_name = emptyAssessment, unchecked_return_type = "Assessment")]
    pub fn empty_assessment(&self, item_set: Option<String>) -> JsValue {
        to_js(&Assessment::empty(self.pack.pack_ref(), item_set.as_deref().unwrap_or("full")))
    }

    /// Score an assessment object; returns the report as a plain object. Throws a RenkeiError
    /// (kind "answers") listing every problem with its item id.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn score(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Assessment")] assessment: JsValue,
        // Typed `options?: ScoreOptions | null` by scripts/build.sh: wasm-bindgen would make an
        // annotated Option parameter required.
        options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        let trace = options
            .filter(|o| o.is_object())
            .and_then(|o| Reflect::get(&o, &"trace".into()).ok())
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let a = assessment_from_js(&assessment)?;
        let r = self.pack.score_with(&a, ScoreOptions { trace }).map_err(|e| js_error(&e))?;
        json_to_js(&r)
    }

    /// Score an assessment given as JSON text; returns the report as JSON text (pretty-printed,
    /// byte-identical to the native engine's output).
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, json: &str, trace: bool) -> Result<String, JsValue> {
        let a = Assessment::from_json(json).map_err(|e| js_error(&e))?;
        let r = self.pack.score_with(&a, ScoreOptions { trace }).map_err(|e| js_error(&e))?;
        serde_json::to_string_pretty(&r).map_err(|e| input_error("serialise", e))
    }

    /// Run the pack's own test cases; returns [{ file, name, passed, failures }]. (Not in the
    /// page's engine, feature `self-test`.)
    #[cfg(feature = "self-test")]
    #[wasm_bindgen(js_name = runTests, unchecked_return_type = "CaseResult[]")]
    pub fn run_tests(&self) -> JsValue {
        to_js(&self.pack.run_tests())
    }
}

/// Check a pack without keeping it: returns [] when it compiles, else every problem with file,
/// line and column. Never throws for a bad pack.
#[cfg(feature = "sources")]
#[wasm_bindgen(js_name = validatePack, unchecked_return_type = "PackProblem[]")]
pub fn validate_pack(#[wasm_bindgen(unchecked_param_type = "Record<string, string>")] files: JsValue) -> Result<JsValue, JsValue> {
    let sources = sources_from_js(files)?;
    Ok(match Pack::compile(&sources) {
        Ok(_) => to_js(&Vec::<u8>::new()),
        Err(Error::Pack(p)) => to_js(&p),
        Err(e) => return Err(js_error(&e)),
    })
}

/// Compile a pack's files and return its bundle's JSON text (what `renkei bundle` writes: every
/// file the manifest names, with the content hash). Throws a RenkeiError (kind "pack") when the
/// pack does not compile.
#[cfg(feature = "sources")]
#[wasm_bindgen(js_name = bundlePack)]
pub fn bundle_pack(#[wasm_bindgen(unchecked_param_type = "Record<string, string>")] files: JsValue) -> Result<String, JsValue> {
    let sources = sources_from_js(files)?;
    let pack = Pack::compile(&sources).map_err(|e| js_error(&e))?;
    Ok(Bundle::of(&pack, &sources).to_json())
}

/// The files of a pack bundle's JSON text, as `{ path: text }` (for an editor), after checking
/// the format and the paths; the files themselves are checked when compiled.
#[wasm_bindgen(js_name = bundleFiles, unchecked_return_type = "Record<string, string>")]
pub fn bundle_files(text: &str) -> Result<JsValue, JsValue> {
    Bundle::from_json(text).map(|b| to_js(&b.files)).map_err(|e| js_error(&e))
}

/// Every difference between two reports of the same answers: overall, stage, each dimension,
/// each finding added or removed. Either may be a whole report or its summary (`summarize`).
#[wasm_bindgen(js_name = diffReports, unchecked_return_type = "Change[]")]
pub fn diff_reports(
    #[wasm_bindgen(unchecked_param_type = "Report | Summary")] old: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Report | Summary")] new: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(to_js(&crate::diff::summaries(&summary_from_js(&old)?, &summary_from_js(&new)?)))
}

/// What a report is compared on (pack, overall level, top and stage, each dimension's level and
/// top, the findings' ids): a subset of the report, to keep in a saved assessment file.
#[wasm_bindgen(unchecked_return_type = "Summary")]
pub fn summarize(#[wasm_bindgen(unchecked_param_type = "Report | Summary")] report: JsValue) -> Result<JsValue, JsValue> {
    json_to_js(&summary_from_js(&report)?)
}

fn summary_from_js(v: &JsValue) -> Result<crate::diff::Summary, JsValue> {
    serde_json::from_str(&js_text(v, "not a report")?).map_err(|e| input_error("not a renkei report or its summary", e))
}

/// Items the new edition has that the old one has not, and the reverse.
#[wasm_bindgen(js_name = editionChanges, unchecked_return_type = "EditionChanges")]
pub fn edition_changes(old: &Scorer, new: &Scorer) -> JsValue {
    to_js(&crate::diff::editions(&old.pack, &new.pack))
}

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    crate::ENGINE_VERSION.to_owned()
}

// --- issue 11: a scoring session and levels-only scoring -----------------------------------

#[wasm_bindgen(typescript_custom_section)]
const TS_SESSION: &'static str = r#"
/** A report's levels only (Scorer.scoreLevels): no texts, no findings. */
export interface Levels {
  overall: { level: number | null; upper: number | null; score: number; stage: string | null; provisional: boolean };
  dimensions: { id: string; status: DimensionStatus; level: number | null; upper: number | null }[];
}
/** What one session update changed: the report's changed top-level fields (under `dimensions`, only the changed dimensions, each whole). */
export interface SessionUpdate { patch: Partial<Report>; rulesRun: number; rulesTotal: number; }
"#;

#[wasm_bindgen]
impl Scorer {
    /// The levels only (each dimension's status, proven level and top; overall level, top,
    /// score and stage), without building the report: for batches and overviews. Throws like
    /// `score`.
    #[wasm_bindgen(js_name = scoreLevels, unchecked_return_type = "Levels")]
    pub fn score_levels(&self, #[wasm_bindgen(unchecked_param_type = "Assessment")] assessment: JsValue) -> Result<JsValue, JsValue> {
        let a = assessment_from_js(&assessment)?;
        let l = self.pack.levels(&a).map_err(|e| js_error(&e))?;
        Ok(to_js(&l))
    }

    /// A scoring session on this assessment (scored in full once): `set(id, value)` then
    /// re-runs only the rules the change reaches and returns only what changed. Throws like
    /// `score`.
    pub fn session(&self, #[wasm_bindgen(unchecked_param_type = "Assessment")] assessment: JsValue) -> Result<Session, JsValue> {
        let a = assessment_from_js(&assessment)?;
        crate::ScoringSession::new(std::rc::Rc::clone(&self.pack), a).map(|inner| Session { inner }).map_err(|e| js_error(&e))
    }
}

/// One assessment kept inside the engine while it is answered (Scorer.session).
#[wasm_bindgen]
pub struct Session {
    inner: crate::ScoringSession,
}

#[wasm_bindgen]
impl Session {
    /// Set one answer (null clears it; any form an assessment file allows) and re-score.
    /// Returns the changed parts of the report. On an error (RenkeiError, as `score` throws)
    /// nothing changes.
    #[wasm_bindgen(unchecked_return_type = "SessionUpdate")]
    pub fn set(&mut self, id: &str, value: JsValue) -> Result<JsValue, JsValue> {
        let v: serde_json::Value = if value.is_undefined() { serde_json::Value::Null } else { serde_json::from_str(&js_text(&value, "not an answer")?).map_err(|e| input_error("not an answer", e))? };
        let u = self.inner.set(id, v).map_err(|e| js_error(&e))?;
        update_to_js(&u)
    }

    /// Replace the whole assessment and re-score (rules whose inputs did not change keep
    /// their results).
    #[wasm_bindgen(unchecked_return_type = "SessionUpdate")]
    pub fn replace(&mut self, #[wasm_bindgen(unchecked_param_type = "Assessment")] assessment: JsValue) -> Result<JsValue, JsValue> {
        let a = assessment_from_js(&assessment)?;
        let u = self.inner.replace(a).map_err(|e| js_error(&e))?;
        update_to_js(&u)
    }

    /// The whole report of the answers as they are now (as `score` returns it).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        json_to_js(self.inner.report())
    }

    /// The assessment as it is now.
    #[wasm_bindgen(unchecked_return_type = "Assessment")]
    pub fn assessment(&self) -> Result<JsValue, JsValue> {
        json_to_js(self.inner.assessment())
    }
}

fn update_to_js(u: &crate::SessionUpdate) -> Result<JsValue, JsValue> {
    // The patch is JSON text already: one JSON.parse for the whole update.
    let out = format!("{{\"patch\":{},\"rulesRun\":{},\"rulesTotal\":{}}}", u.patch, u.rules_run, u.rules_total);
    js_sys::JSON::parse(&out).map_err(|_| input_error("serialise", "session update"))
}

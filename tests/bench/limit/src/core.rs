//! The four-marker levels hand-written in plain Rust: a line-by-line port of
//! rules/default/scripts/d1…d4 (with common.rhai's `cap`, `at_most` and `council_exists`), and of
//! the applicability (items/*.toml's `applies_when`) of the items they read, reading only the
//! answers those scripts read. No interpreter, no report, no validation of the other answers: the
//! floor under what renkei does for the same levels.
//!
//! Input is `{ answers }` where `answers` are the facts of the shared harness
//! (tests/bench/lib/proven.mjs: each item read, with open items already at their least mature
//! answer, as renkei's proven pass sees them) — a JSON value natively, a JS object through
//! serde-wasm-bindgen in the browser. The harness also says which markers are 未評価 (no level);
//! that is left to it. An assessment file's own `answers` read the same way (envelopes included),
//! but without the harness open items stay unanswered. Option ids become symbols and lists become
//! bit masks while they are read, so scoring touches no strings.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The option ids the rules look at; every other option id is `Other` (it still counts).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Sym {
    Other,
    // ts_shared_with_stakeholders
    MedicalAssoc,
    Contractor,
    Houkatsu,
    Residents,
    // co_exists, co_function_defined
    Preparing,
    Established,
    EstablishedWithWg,
    PurposeSharing,
    SceneGapReview,
    WgDesign,
    WgEvaluation,
    // in_logic_model, ct_reporting_feedback
    None,
    // ct_outsourced, ct_spec_structure, ct_reporting_feedback
    Direct,
    ItemsBased,
    Mixed,
    SceneBased,
    ReportOnly,
    ReportAndFeedback,
}

impl Sym {
    fn of(s: &str) -> Sym {
        match s {
            "medical_assoc" => Sym::MedicalAssoc,
            "contractor" => Sym::Contractor,
            "houkatsu" => Sym::Houkatsu,
            "residents" => Sym::Residents,
            "preparing" => Sym::Preparing,
            "established" => Sym::Established,
            "established_with_wg" => Sym::EstablishedWithWg,
            "purpose_sharing" => Sym::PurposeSharing,
            "scene_gap_review" => Sym::SceneGapReview,
            "wg_design" => Sym::WgDesign,
            "wg_evaluation" => Sym::WgEvaluation,
            "none" => Sym::None,
            "direct" => Sym::Direct,
            "items_based" => Sym::ItemsBased,
            "mixed" => Sym::Mixed,
            "scene_based" => Sym::SceneBased,
            "report_only" => Sym::ReportOnly,
            "report_and_feedback" => Sym::ReportAndFeedback,
            _ => Sym::Other,
        }
    }
    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

/// One answer as the rules see it: no value (unanswered, 未定, 該当なし, missing) or a value.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Ans {
    #[default]
    Nothing,
    Bool(bool),
    Num(f64),
    Choice(Sym),
    /// A multi or scenes answer: which known symbols are among the chosen, and how many are chosen.
    List { mask: u32, len: u8 },
    Text,
}

impl Ans {
    fn answered(self) -> bool {
        !matches!(self, Ans::Nothing)
    }
    /// rhai `a.level(id)`: the level, or -1.
    fn level(self) -> i64 {
        match self {
            Ans::Num(n) => n as i64,
            _ => -1,
        }
    }
    fn count(self) -> i64 {
        match self {
            Ans::List { len, .. } => i64::from(len),
            _ => 0,
        }
    }
    fn has(self, s: Sym) -> bool {
        match self {
            Ans::Choice(c) => c == s,
            Ans::List { mask, .. } => mask & s.bit() != 0,
            _ => false,
        }
    }
    /// The answer without the options of `mask` (options that do not apply are dropped).
    fn without(self, drop: u32) -> Ans {
        match self {
            Ans::List { mask, len } => Ans::List { mask: mask & !drop, len: len - (mask & drop).count_ones() as u8 },
            other => other,
        }
    }
    fn yes(self) -> bool {
        self == Ans::Bool(true)
    }
    fn no(self) -> bool {
        self == Ans::Bool(false)
    }
}

struct SymDe(Sym);

impl<'de> Deserialize<'de> for SymDe {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = SymDe;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option id")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<SymDe, E> {
                Ok(SymDe(Sym::of(s)))
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for Ans {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ans;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Ans, E> {
                Ok(Ans::Nothing)
            }
            fn visit_none<E: de::Error>(self) -> Result<Ans, E> {
                Ok(Ans::Nothing)
            }
            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Ans, D2::Error> {
                Ans::deserialize(d)
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Ans, E> {
                Ok(Ans::Bool(b))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Ans, E> {
                Ok(Ans::Num(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Ans, E> {
                Ok(Ans::Num(n as f64))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Ans, E> {
                Ok(Ans::Num(n))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Ans, E> {
                Ok(Ans::Choice(Sym::of(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ans, A::Error> {
                let (mut mask, mut len) = (0u32, 0u8);
                while let Some(SymDe(s)) = seq.next_element()? {
                    mask |= s.bit();
                    len = len.saturating_add(1);
                }
                Ok(Ans::List { mask, len })
            }
            // The envelope: { value, note } / { status: "undecided" } / { status: "na", reason }.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ans, A::Error> {
                let mut value = None;
                let mut status = None;
                while let Some(k) = map.next_key::<Key>()? {
                    match k {
                        Key::Value => value = Some(map.next_value::<Ans>()?),
                        Key::Status => status = Some(map.next_value::<Status>()?),
                        Key::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(match (status, value) {
                    (Some(Status::Answered) | None, Some(v)) => v,
                    _ => Ans::Nothing,
                })
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Key {
    Value,
    Status,
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Answered,
    #[serde(other)]
    Other,
}

/// The answers the D1–D4 rules read; every other answer is skipped unread.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct Answers {
    pub ts_scenes_set: Ans,
    pub ts_status_level: Ans,
    pub ts_shared_with_stakeholders: Ans,
    pub co_exists: Ans,
    pub co_function_defined: Ans,
    pub co_value_judgment: Ans,
    pub co_discussion_quality: Ans,
    pub in_defined: Ans,
    pub in_outcome_per_scene: Ans,
    pub in_logic_model: Ans,
    pub in_not_just_activity_counts: Ans,
    pub ct_outsourced: Ans,
    pub ct_role_division: Ans,
    pub ct_spec_structure: Ans,
    pub ct_spec_status: Ans,
    pub ct_spec_process: Ans,
    pub ct_reporting_feedback: Ans,
    pub ct_regular_dialogue: Ans,
    pub ct_contract_not_formalistic: Ans,
}

/// An assessment file, reduced to what the rules read.
#[derive(Deserialize, Debug)]
pub struct Input {
    #[serde(default)]
    pub answers: Answers,
}

/// The four markers' levels; D4 is `None` when the program is run directly (直営).
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct Levels {
    pub D1: u8,
    pub D2: u8,
    pub D3: u8,
    pub D4: Option<u8>,
}

const ALL_STAKEHOLDERS: u32 = (1 << Sym::MedicalAssoc as u8) | (1 << Sym::Contractor as u8) | (1 << Sym::Houkatsu as u8) | (1 << Sym::Residents as u8);
const WG_OPTIONS: u32 = (1 << Sym::WgDesign as u8) | (1 << Sym::WgEvaluation as u8);

/// Score D1–D4. Every `min` is an `at_most` or a gate's cap (a cap only ever lowers a level).
pub fn levels(a: &Answers) -> Levels {
    let council_exists = a.co_exists.has(Sym::Established) || a.co_exists.has(Sym::EstablishedWithWg);
    let direct = a.ct_outsourced.has(Sym::Direct);

    // Applicability (an unanswered deciding item leaves the item asked): the council's items need
    // co_exists to be a council, its WG options a council with WGs; the 委託先 stakeholder needs
    // an outsourced program (the ct_* items too, but D4 has no level when run directly).
    let co_applies = !a.co_exists.answered() || council_exists;
    let wg_applies = !a.co_exists.answered() || a.co_exists.has(Sym::EstablishedWithWg);
    let (functions, quality, value_judgment) = if co_applies {
        let f = if wg_applies { a.co_function_defined } else { a.co_function_defined.without(WG_OPTIONS) };
        (f, a.co_discussion_quality, a.co_value_judgment)
    } else {
        (Ans::Nothing, Ans::Nothing, Ans::Nothing)
    };
    let stakeholders = if direct { ALL_STAKEHOLDERS & !Sym::Contractor.bit() } else { ALL_STAKEHOLDERS };

    // D1 目指す姿
    let scenes = a.ts_scenes_set.count();
    let ts_status = a.ts_status_level.level();
    let mut d1 = if ts_status >= 0 {
        ts_status
    } else if scenes == 4 {
        2
    } else if scenes > 0 {
        1
    } else {
        0
    };
    if a.ts_scenes_set.answered() && scenes == 0 {
        d1 = d1.min(1);
    }
    if a.ts_scenes_set.answered() && scenes < 4 {
        d1 = d1.min(2);
    }
    if let Ans::List { mask, .. } = a.ts_shared_with_stakeholders {
        if mask & stakeholders != stakeholders {
            d1 = d1.min(2);
        }
    } else if a.ts_shared_with_stakeholders.answered() {
        d1 = d1.min(2);
    }

    // D2 協議体
    let mut d2 = if council_exists {
        3
    } else if a.co_exists.has(Sym::Preparing) {
        1
    } else {
        0
    };
    if d2 == 3 && value_judgment.yes() && a.in_defined.level() >= 3 && quality.level() >= 4 {
        d2 = 4;
    }
    if quality.answered() && quality.level() < 3 {
        d2 = d2.min(2); // G4
    }
    if !quality.answered() {
        d2 = d2.min(2);
    }
    if functions.answered() && functions.count() == 0 {
        d2 = d2.min(2); // G4
    }
    if !(functions.has(Sym::PurposeSharing) && functions.has(Sym::SceneGapReview)) {
        d2 = d2.min(2);
    }
    if a.co_exists.has(Sym::EstablishedWithWg) && !functions.has(Sym::WgEvaluation) {
        d2 = d2.min(2);
    }

    // D3 評価指標
    let in_status = a.in_defined.level();
    let in_scenes = a.in_outcome_per_scene.count();
    let has_model = a.in_logic_model.answered() && !a.in_logic_model.has(Sym::None);
    let mut d3 = if in_status >= 0 {
        in_status
    } else if in_scenes == 4 || has_model || in_scenes > 0 {
        2
    } else {
        0
    };
    if (a.in_logic_model.answered() || a.in_outcome_per_scene.answered()) && !has_model && in_scenes == 0 {
        d3 = d3.min(1);
    }
    if a.in_outcome_per_scene.answered() && in_scenes < 4 {
        d3 = d3.min(2);
    }
    if a.ts_status_level.answered() || a.ts_scenes_set.answered() {
        d3 = d3.min(d1); // G1
    }
    if a.co_exists.answered() && !council_exists {
        d3 = d3.min(2); // G3
    }
    if a.in_not_just_activity_counts.no() {
        d3 = d3.min(2); // G6
    }

    // D4 委託契約・仕様書
    let d4 = if direct {
        None
    } else {
        let raw = match a.ct_spec_structure {
            Ans::Choice(s) => s,
            _ => Sym::Other,
        };
        let g2 = raw == Sym::SceneBased && a.ts_status_level.answered() && ts_status < 2;
        let structure = if g2 { Sym::Mixed } else { raw };
        let feedback = a.ct_reporting_feedback.has(Sym::ReportAndFeedback);
        let reports_only = a.ct_reporting_feedback.has(Sym::None) || a.ct_reporting_feedback.has(Sym::ReportOnly);
        let status = a.ct_spec_status.level();
        let mut d4 = if status >= 0 {
            status
        } else if structure == Sym::SceneBased && a.ct_spec_process.yes() && feedback {
            3
        } else if structure == Sym::SceneBased {
            2
        } else if structure == Sym::Mixed || a.ct_role_division.yes() || feedback {
            1
        } else {
            0
        };
        if structure == Sym::ItemsBased {
            d4 = d4.min(1);
        }
        if structure == Sym::Mixed && !g2 {
            d4 = d4.min(2);
        }
        if d4 >= 3 && (a.ct_spec_process.no() || reports_only) {
            d4 = d4.min(2);
        }
        if g2 {
            d4 = d4.min(2); // G2
        }
        if a.ct_contract_not_formalistic.no() {
            d4 = d4.min(1); // G5
        }
        if a.ct_regular_dialogue.no() && reports_only {
            d4 = d4.min(1); // G5
        }
        Some(d4 as u8)
    };
    Levels { D1: d1 as u8, D2: d2 as u8, D3: d3 as u8, D4: d4 }
}

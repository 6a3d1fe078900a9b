//! Scoring: validate the answers, run each rule, and assemble the report.

use crate::answers::{self, Answer, Assessment, Value, SCHEMA_VERSION};
use crate::error::{AnswerProblem, Error, Location, Result, ScriptFailure};
use crate::pack::checklist::SCENES;
use crate::pack::Pack;
use crate::report::*;
use crate::script_api::ScriptAnswers;
use crate::text::Text;
use rhai::{CallFnOptions, Dynamic, EvalAltResult, Map, Scope};
use std::cell::RefCell;
use std::rc::Rc;

/// How many findings the report puts first as next steps.
pub const NEXT_STEPS: usize = 5;

/// Options for one scoring run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Record, for each rule in order, the items it read and what it returned.
    pub trace: bool,
}

/// What one dimension function returned, checked.
struct DimOut {
    level: Option<u8>,
    score: f64,
    max: f64,
    gaps: Vec<(String, Severity)>,
    caps: Vec<(Cap, Vec<String>)>,
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

impl Pack {
    /// Score an assessment with default options.
    pub fn score(&self, assessment: &Assessment) -> Result<Report> {
        self.score_with(assessment, ScoreOptions::default())
    }

    /// Score an assessment. Answers are validated first; on any problem no script runs and the
    /// error lists every problem with its item id.
    pub fn score_with(&self, assessment: &Assessment, options: ScoreOptions) -> Result<Report> {
        let info = &self.info;
        let checklist = &self.checklist;
        let mut meta = Vec::new();
        if assessment.schema_version != SCHEMA_VERSION {
            meta.push(AnswerProblem {
                item: "schemaVersion".into(),
                code: "schema-version",
                message: format!(
                    "assessment file version {} is not supported (this engine reads {SCHEMA_VERSION})",
                    assessment.schema_version
                ),
                message_ja: format!(
                    "回答ファイルの形式 {} には対応していません（対応: {SCHEMA_VERSION}）",
                    assessment.schema_version
                ),
            });
        }
        if let Some(y) = assessment.fiscal_year {
            if !(2000..=2100).contains(&y) {
                meta.push(AnswerProblem {
                    item: "fiscalYear".into(),
                    code: "fiscal-year",
                    message: format!("fiscal year {y} is outside 2000–2100 (give the Western year the fiscal year starts in)"),
                    message_ja: format!("年度 {y} は範囲外です（2000〜2100 の西暦で、年度の始まる年を入れてください）"),
                });
            }
        }
        if assessment.pack.id != info.id {
            meta.push(AnswerProblem {
                item: "pack.id".into(),
                code: "pack-mismatch",
                message: format!("the answers were given for pack '{}', not '{}'", assessment.pack.id, info.id),
                message_ja: format!(
                    "この回答はルールパック「{}」用です（現在のパック: 「{}」）",
                    assessment.pack.id, info.id
                ),
            });
        }
        let Some(set) = info.sets.iter().find(|s| s.id == assessment.item_set) else {
            let known: Vec<&str> = info.sets.iter().map(|s| s.id.as_str()).collect();
            meta.push(AnswerProblem {
                item: "itemSet".into(),
                code: "unknown-set",
                message: format!("item set '{}' is not in this pack (sets: {})", assessment.item_set, known.join(", ")),
                message_ja: format!("設問セット「{}」はこのパックにありません", assessment.item_set),
            });
            return Err(Error::Answers(merge_problems(meta, answers::validate(checklist, &assessment.answers).err())));
        };
        let sheet = match answers::validate(checklist, &assessment.answers) {
            Ok(s) if meta.is_empty() => s,
            Ok(_) => return Err(Error::Answers(meta)),
            Err(e) => return Err(Error::Answers(merge_problems(meta, Some(e)))),
        };

        let mut diagnostics = Vec::new();
        if let Some(h) = &assessment.pack.hash {
            if h != &info.hash {
                diagnostics.push(Diagnostic {
                    level: "warning".into(),
                    code: "pack-changed".into(),
                    message: Text {
                        ja: format!(
                            "この回答は別の版のルールパック（{}）で入力されました。現在の版 {} で採点しています。",
                            assessment.pack.version.as_deref().unwrap_or("?"),
                            info.version
                        ),
                        en: format!(
                            "These answers were given against another edition of the pack ({}); scored with {}.",
                            assessment.pack.version.as_deref().unwrap_or("?"),
                            info.version
                        ),
                    },
                    rule: None,
                });
            }
        }

        let set_bit = checklist.set_bit(&set.id);
        let reads = options.trace.then(|| Rc::new(RefCell::new(Vec::new())));
        let sheet = Rc::new(sheet);
        let a = ScriptAnswers {
            checklist: Rc::clone(checklist),
            sheet: Rc::clone(&sheet),
            set: set.id.as_str().into(),
            set_bit,
            reads: reads.clone(),
        };
        self.sink.borrow_mut().clear();
        let mut trace = options.trace.then(Vec::new);
        // One shared map, filled as the dimensions are scored: rules read it without a copy.
        let mut dims = Dynamic::from_map(Map::new()).into_shared();
        let mut outs: Vec<Option<DimOut>> = Vec::with_capacity(checklist.dimensions.len());

        // Each dimension's asked items (checklist positions), used for scoring and the report.
        let asked: Vec<Vec<usize>> = checklist
            .dimensions
            .iter()
            .map(|d| d.positions.iter().copied().filter(|&p| checklist.items[p].in_mask(set_bit)).collect())
            .collect();
        for (dim, in_set) in checklist.dimensions.iter().zip(&asked) {
            let out = if in_set.is_empty() {
                None
            } else {
                let ret = self.call(&dim.rule, &a, &dims, trace.as_mut(), reads.as_ref())?;
                Some(self.dim_out(&dim.rule, ret)?)
            };
            let mut m = Map::new();
            let level = out.as_ref().and_then(|o| o.level);
            m.insert("level".into(), level.map_or(Dynamic::UNIT, |l| Dynamic::from(i64::from(l))));
            m.insert("assessed".into(), out.is_some().into());
            m.insert("score".into(), out.as_ref().map_or(0.0, |o| o.score).into());
            m.insert("max".into(), out.as_ref().map_or(0.0, |o| o.max).into());
            m.insert("weight".into(), dim.weight.into());
            m.insert("marker".into(), dim.marker.into());
            insert_dim(&mut dims, &dim.id, m);
            outs.push(out);
        }
        let scenes_ret = self.call(&self.entry.scenes, &a, &dims, trace.as_mut(), reads.as_ref())?;
        let scenes = self.scene_rows(scenes_ret)?;
        let overall_ret = self.call(&self.entry.overall, &a, &dims, trace.as_mut(), reads.as_ref())?;
        let overall = self.overall(overall_ret)?;

        // Dimensions and findings.
        let mut dimensions = Vec::with_capacity(outs.len());
        let mut findings: Vec<(FindingKey, Finding)> = Vec::new();
        let depths = checklist.depths();
        for (di, ((dim, out), in_set)) in checklist.dimensions.iter().zip(outs).zip(&asked).enumerate() {
            let answered = in_set.iter().filter(|&&p| !matches!(sheet.get(p), Answer::Unanswered)).count();
            let Some(out) = out else {
                dimensions.push(DimensionResult {
                    id: dim.id.clone(),
                    title: dim.title.clone(),
                    marker: dim.marker,
                    assessed: false,
                    level: None,
                    label: None,
                    score: 0.0,
                    max: 0.0,
                    rate: None,
                    answered: 0,
                    total: 0,
                    caps: Vec::new(),
                });
                continue;
            };
            let key = |severity: Severity, pos: usize| FindingKey {
                not_marker: !dim.marker,
                depth: depths[di],
                level: out.level.unwrap_or(4),
                dim: di,
                severity,
                pos,
            };
            for (item_id, severity) in &out.gaps {
                let Some(item) = checklist.item(item_id) else {
                    return Err(self.bad_return(&dim.rule, format!("gap names unknown item '{item_id}'")));
                };
                findings.push((
                    key(*severity, checklist.item_position(item_id).unwrap_or(0)),
                    Finding {
                        id: item_id.clone(),
                        priority: 0,
                        severity: *severity,
                        dimension: dim.id.clone(),
                        rule: dim.rule.clone(),
                        items: vec![item_id.clone()],
                        title: item.action.clone().unwrap_or_else(|| item.question.clone()),
                        advice: item.advice.clone(),
                        sources: item.sources.clone(),
                    },
                ));
            }
            for (cap, items) in &out.caps {
                let Some(gate) = self.info.gates.iter().find(|g| g.id == cap.gate) else {
                    return Err(self.bad_return(&dim.rule, format!("cap names gate '{}', not in pack.toml", cap.gate)));
                };
                findings.push((
                    key(Severity::High, 0),
                    Finding {
                        id: format!("{}:{}", gate.id, dim.id),
                        priority: 0,
                        severity: Severity::High,
                        dimension: dim.id.clone(),
                        rule: gate.id.clone(),
                        items: items.clone(),
                        title: gate.title.clone(),
                        advice: gate.advice.clone(),
                        sources: gate.sources.clone(),
                    },
                ));
            }
            // Every asked item answered "not applicable": the dimension does not apply here.
            let all_na = !in_set.is_empty() && in_set.iter().all(|&p| matches!(sheet.get(p), Answer::NotApplicable(_)));
            let level = if all_na { None } else { out.level };
            let label = level.and_then(|l| dim.levels.get(usize::from(l))).map(|a| Text::new(&a.ja, &a.en));
            dimensions.push(DimensionResult {
                id: dim.id.clone(),
                title: dim.title.clone(),
                marker: dim.marker,
                assessed: true,
                level,
                label,
                score: round1(out.score),
                max: round1(out.max),
                rate: (out.max > 0.0).then(|| round3(out.score / out.max)),
                answered,
                total: in_set.len(),
                caps: out.caps.into_iter().map(|(c, _)| c).collect(),
            });
        }
        findings.sort_by(|a, b| a.0.cmp(&b.0));
        let findings: Vec<Finding> = findings
            .into_iter()
            .enumerate()
            .map(|(i, (_, mut f))| {
                f.priority = i + 1;
                f
            })
            .collect();

        // Answers by state, in checklist order.
        let mut unanswered = Vec::new();
        let mut undecided = Vec::new();
        let mut not_applicable = Vec::new();
        let mut texts = Vec::new();
        let mut asked = 0;
        let mut answered_total = 0;
        let mut outside = 0;
        for (p, item) in checklist.items.iter().enumerate() {
            let ans = sheet.get(p);
            if !item.in_mask(set_bit) {
                if !matches!(ans, Answer::Unanswered) {
                    outside += 1;
                }
                continue;
            }
            asked += 1;
            match ans {
                Answer::Unanswered => unanswered.push(item.id.clone()),
                Answer::Undecided => undecided.push(item.id.clone()),
                Answer::NotApplicable(r) => not_applicable.push(NotApplicable { item: item.id.clone(), reason: r.clone() }),
                Answer::Given(Value::Text(t), _) => texts.push(ItemText { item: item.id.clone(), text: t.clone() }),
                Answer::Given(..) => {}
            }
            if !matches!(ans, Answer::Unanswered) {
                answered_total += 1;
            }
        }
        let notes = sheet
            .notes
            .iter()
            .filter(|(pos, _, _)| checklist.items[*pos].in_mask(set_bit))
            .map(|(_, id, n)| ItemText { item: id.clone(), text: n.clone() })
            .collect();
        if outside > 0 {
            diagnostics.push(Diagnostic {
                level: "info".into(),
                code: "not-asked".into(),
                message: Text {
                    ja: format!("選んだ設問セットにない{outside}問の回答は保存されていますが、採点には使っていません。"),
                    en: format!("{outside} answer(s) to items outside the chosen set are kept but not scored."),
                },
                rule: None,
            });
        }
        for (kind, text) in self.sink.borrow_mut().drain(..) {
            diagnostics.push(Diagnostic {
                level: kind.clone(),
                code: format!("script-{kind}"),
                message: Text { ja: text.clone(), en: text },
                rule: None,
            });
        }

        Ok(Report {
            schema: REPORT_SCHEMA,
            engine: EngineInfo { name: "renkei", version: crate::ENGINE_VERSION },
            pack: PackStamp {
                id: info.id.clone(),
                edition: info.edition.clone(),
                version: info.version.clone(),
                hash: info.hash.clone(),
            },
            assessment: AssessmentInfo {
                municipality: assessment.municipality.name.clone(),
                prefecture: assessment.municipality.prefecture.clone(),
                fiscal_year: assessment.fiscal_year,
                item_set: set.id.clone(),
                item_set_title: set.title.clone(),
                asked,
                answered: answered_total,
            },
            overall,
            dimensions,
            scenes,
            next_steps: findings.iter().take(NEXT_STEPS).map(|f| f.id.clone()).collect(),
            findings,
            unanswered,
            undecided,
            not_applicable,
            texts,
            notes,
            diagnostics,
            trace,
        })
    }

    fn call(
        &self,
        name: &str,
        a: &ScriptAnswers,
        dims: &Dynamic,
        trace: Option<&mut Vec<TraceEntry>>,
        reads: Option<&Rc<RefCell<Vec<String>>>>,
    ) -> Result<Dynamic> {
        if let Some(r) = reads {
            r.borrow_mut().clear();
        }
        let mut scope = Scope::new();
        let ret = self
            .engine
            .call_fn_with_options::<Dynamic>(
                CallFnOptions::new().eval_ast(false).rewind_scope(false),
                &mut scope,
                &self.ast,
                name,
                (a.clone(), dims.clone()),
            )
            .map_err(|e| self.script_error(name, &e))?;
        if let (Some(t), Some(r)) = (trace, reads) {
            t.push(TraceEntry {
                order: t.len() + 1,
                rule: name.to_owned(),
                read: r.borrow().clone(),
                returned: to_json(&ret),
            });
        }
        Ok(ret)
    }

    fn script_error(&self, rule: &str, err: &EvalAltResult) -> Error {
        // Walk down the chain of function calls to the innermost one: that is where it happened.
        let mut func = rule.to_owned();
        let mut e = err;
        let mut pos = err.position();
        while let EvalAltResult::ErrorInFunctionCall(name, _src, inner, p) = e {
            func = name.clone();
            if !p.is_none() {
                pos = *p;
            }
            e = inner;
            if !e.position().is_none() {
                pos = e.position();
            }
        }
        let file = self.fn_files.get(&func).cloned().unwrap_or_else(|| "(scripts)".into());
        let (en, ja) = match e {
            EvalAltResult::ErrorTooManyOperations(_) => (
                format!("{err} — the rule ran too long (operation limit)"),
                "採点ルールが処理回数の上限に達しました（無限ループの可能性）".to_owned(),
            ),
            EvalAltResult::ErrorStackOverflow(_) => (
                format!("{err} — calls nested too deeply"),
                "関数呼び出しが深すぎます（再帰の上限）".to_owned(),
            ),
            EvalAltResult::ErrorDataTooLarge(..) => (
                format!("{err} — a string, array or map grew past its limit"),
                "文字列・配列・マップが上限を超えました".to_owned(),
            ),
            _ => (err.to_string(), format!("採点ルール「{rule}」の実行中にエラーが発生しました: {e}")),
        };
        Error::Script(vec![ScriptFailure {
            rule: rule.to_owned(),
            location: Location::at(file, pos.line(), pos.position()),
            message: en,
            message_ja: ja,
        }])
    }

    fn bad_return(&self, rule: &str, what: String) -> Error {
        let file = self.fn_files.get(rule).cloned().unwrap_or_else(|| "(scripts)".into());
        Error::Script(vec![ScriptFailure {
            rule: rule.to_owned(),
            location: Location::file(file),
            message_ja: format!("採点ルール「{rule}」の戻り値が不正です: {what}"),
            message: format!("rule {rule} returned an invalid result: {what}"),
        }])
    }

    fn dim_out(&self, rule: &str, ret: Dynamic) -> Result<DimOut> {
        let Some(map) = ret.try_cast::<Map>() else {
            return Err(self.bad_return(rule, "expected a map #{ level, score, max, gaps, caps }".into()));
        };
        let level = match map.get("level") {
            None => return Err(self.bad_return(rule, "no 'level'".into())),
            Some(d) if d.is_unit() => None,
            Some(d) => match d.as_int() {
                Ok(l @ 0..=4) => Some(l as u8),
                _ => return Err(self.bad_return(rule, format!("level must be 0–4 or (), got {d}"))),
            },
        };
        let num = |k: &str| -> Result<f64> {
            match map.get(k) {
                Some(d) => d
                    .as_float()
                    .or_else(|_| d.as_int().map(|i| i as f64))
                    .ok()
                    .filter(|f| f.is_finite() && *f >= 0.0)
                    .ok_or_else(|| self.bad_return(rule, format!("'{k}' must be a number ≥ 0, got {d}"))),
                None => Err(self.bad_return(rule, format!("no '{k}'"))),
            }
        };
        let score = num("score")?;
        let max = num("max")?;
        if score > max + 1e-9 {
            return Err(self.bad_return(rule, format!("score {score} is above max {max}")));
        }
        let mut gaps = Vec::new();
        if let Some(g) = map.get("gaps") {
            let Some(arr) = g.clone().try_cast::<rhai::Array>() else {
                return Err(self.bad_return(rule, "'gaps' must be an array".into()));
            };
            for el in arr {
                let (item, sev) = if let Some(s) = el.clone().try_cast::<rhai::ImmutableString>() {
                    (s.to_string(), Severity::Medium)
                } else if let Some(m) = el.try_cast::<Map>() {
                    let item = m.get("item").map(|d| d.to_string()).unwrap_or_default();
                    let sev = match m.get("severity").map(|d| d.to_string()).as_deref() {
                        Some("high") => Severity::High,
                        Some("low") => Severity::Low,
                        Some("medium") | None => Severity::Medium,
                        Some(other) => {
                            return Err(self.bad_return(rule, format!("severity '{other}' (use high, medium or low)")))
                        }
                    };
                    (item, sev)
                } else {
                    return Err(self.bad_return(rule, "a gap must be an item id or #{ item, severity }".into()));
                };
                gaps.push((item, sev));
            }
        }
        let mut caps = Vec::new();
        if let Some(c) = map.get("caps") {
            let Some(arr) = c.clone().try_cast::<rhai::Array>() else {
                return Err(self.bad_return(rule, "'caps' must be an array".into()));
            };
            for el in arr {
                let Some(m) = el.try_cast::<Map>() else {
                    return Err(self.bad_return(rule, "a cap must be #{ gate, from, to }".into()));
                };
                let lvl = |k: &str| m.get(k).and_then(|d| d.as_int().ok()).filter(|l| (0..=4).contains(l)).map(|l| l as u8);
                let (Some(gate), Some(from), Some(to)) = (m.get("gate").map(|d| d.to_string()), lvl("from"), lvl("to"))
                else {
                    return Err(self.bad_return(rule, "a cap must be #{ gate, from: 0–4, to: 0–4 }".into()));
                };
                let items = m
                    .get("items")
                    .and_then(|d| d.clone().try_cast::<rhai::Array>())
                    .map(|a| a.into_iter().map(|d| d.to_string()).collect())
                    .unwrap_or_default();
                caps.push((Cap { gate, from, to }, items));
            }
        }
        Ok(DimOut { level, score, max, gaps, caps })
    }

    fn scene_rows(&self, ret: Dynamic) -> Result<Vec<SceneRow>> {
        let rule = self.entry.scenes.clone();
        let Some(map) = ret.try_cast::<Map>() else {
            return Err(self.bad_return(&rule, "expected a map of the four scenes".into()));
        };
        let cell = |m: &Map, k: &str| -> Result<Cell> {
            match m.get(k).map(|d| d.to_string()).as_deref() {
                Some("yes") => Ok(Cell::Yes),
                Some("no") => Ok(Cell::No),
                Some("na") => Ok(Cell::Na),
                Some("unknown") | None => Ok(Cell::Unknown),
                Some(o) => Err(self.bad_return(&rule, format!("{k} must be yes, no, unknown or na, got '{o}'"))),
            }
        };
        let mut rows = Vec::with_capacity(4);
        for (id, ja, en) in SCENES {
            let Some(m) = map.get(id).and_then(|d| d.clone().try_cast::<Map>()) else {
                return Err(self.bad_return(&rule, format!("no row for scene '{id}'")));
            };
            let target_level = m.get("target_level").and_then(|d| d.as_int().ok()).filter(|l| (0..=4).contains(l));
            rows.push(SceneRow {
                scene: id.to_owned(),
                label: Text::new(ja, en),
                target: cell(&m, "target")?,
                target_level: target_level.map(|l| l as u8),
                indicators: cell(&m, "indicators")?,
                contract: cell(&m, "contract")?,
                council: cell(&m, "council")?,
            });
        }
        Ok(rows)
    }

    fn overall(&self, ret: Dynamic) -> Result<Overall> {
        let rule = self.entry.overall.clone();
        let Some(map) = ret.try_cast::<Map>() else {
            return Err(self.bad_return(&rule, "expected #{ score, level }".into()));
        };
        let score = map
            .get("score")
            .and_then(|d| d.as_float().ok().or_else(|| d.as_int().ok().map(|i| i as f64)))
            .filter(|s| (0.0..=100.0).contains(s))
            .ok_or_else(|| self.bad_return(&rule, "score must be a number from 0 to 100".into()))?;
        let level = map
            .get("level")
            .and_then(|d| d.as_int().ok())
            .filter(|l| (0..=4).contains(l))
            .ok_or_else(|| self.bad_return(&rule, "level must be 0–4".into()))? as usize;
        let label = self.info.levels.get(level).map(|l| Text::new(&l.ja, &l.en)).unwrap_or_default();
        let stage = match map.get("stage") {
            None => None,
            Some(d) if d.is_unit() => None,
            Some(d) => {
                let id = d.to_string();
                let Some(s) = self.info.stages.iter().find(|s| s.id == id) else {
                    return Err(self.bad_return(&rule, format!("stage '{id}' is not declared in pack.toml")));
                };
                Some(Stage { id, label: s.title.clone() })
            }
        };
        Ok(Overall { score: round1(score), level: level as u8, label, stage })
    }
}

#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct FindingKey {
    /// Markers (D1–D4) first.
    not_marker: bool,
    /// Then prerequisites before what depends on them.
    depth: usize,
    /// Then the lowest levels first.
    level: u8,
    dim: usize,
    severity: Severity,
    pos: usize,
}

fn insert_dim(dims: &mut Dynamic, id: &str, m: Map) {
    if let Some(mut w) = dims.write_lock::<Map>() {
        w.insert(id.into(), m.into());
    }
}

fn merge_problems(mut meta: Vec<AnswerProblem>, rest: Option<Error>) -> Vec<AnswerProblem> {
    if let Some(Error::Answers(p)) = rest {
        meta.extend(p);
    }
    meta
}

/// A rhai value as JSON, for the trace.
fn to_json(d: &Dynamic) -> serde_json::Value {
    use serde_json::Value as J;
    if d.is_unit() {
        J::Null
    } else if let Ok(b) = d.as_bool() {
        J::Bool(b)
    } else if let Ok(i) = d.as_int() {
        J::from(i)
    } else if let Ok(f) = d.as_float() {
        serde_json::Number::from_f64(round3(f)).map_or(J::Null, J::Number)
    } else if d.is_string() {
        J::String(d.to_string())
    } else if let Some(arr) = d.read_lock::<rhai::Array>() {
        J::Array(arr.iter().map(to_json).collect())
    } else if let Some(map) = d.read_lock::<Map>() {
        J::Object(map.iter().map(|(k, v)| (k.to_string(), to_json(v))).collect())
    } else {
        J::String(d.to_string())
    }
}

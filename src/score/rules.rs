//! Stage 2: run the rules. Every call into rhai is here, with the print sink and the trace.

use super::contract::{self, DimOut, OverallOut};
use crate::error::{Error, Location, Result, ScriptFailure};
use crate::pack::Pack;
use crate::report::{Diagnostic, SceneRow, TraceEntry};
use crate::script_api::ScriptAnswers;
use crate::text::Text;
use rhai::Dynamic;
#[cfg(feature = "scripts")]
use rhai::{CallFnOptions, EvalAltResult, Map, Scope};

/// The results of one pass over all the rules.
pub(super) struct Pass {
    /// Per dimension: the rule's result, `None` when the dimension has no asked item.
    pub dims: Vec<Option<DimOut>>,
    /// The scene matrix (the first pass only).
    pub scenes: Vec<SceneRow>,
    pub overall: OverallOut,
    pub trace: Option<Vec<TraceEntry>>,
    pub printed: Vec<Diagnostic>,
}

/// Which dimensions a pass runs and how later rules see them.
pub(super) struct PassPlan<'a> {
    /// Per dimension: it has an asked item (its rule runs).
    pub run: &'a [bool],
    /// Per dimension: shown to later rules as assessed (unrated dimensions are not, in the
    /// proven pass, so the overall rule leaves them out).
    pub assessed: &'a [bool],
    /// Run the scene rule too.
    pub scenes: bool,
}

/// Run every dimension's rule in order, publishing each result for the rules after it, then
/// the scene rule (when asked for) and the overall rule.
pub(super) fn pass(pack: &Pack, answers: ScriptAnswers, plan: &PassPlan, trace: bool) -> Result<Pass> {
    run_pass(pack, answers, plan, trace, None).map(|(p, _)| p)
}

/// What a scoring session keeps of one pass, to run only the rules an answer change can reach
/// the next time (see `score::session`).
pub(super) struct Memo {
    /// Per rule (the dimensions in order, then the scene rule, then the overall rule): the
    /// checklist positions it looked at.
    pub reads: Vec<Vec<bool>>,
    /// Per dimension: what later rules saw of it (level, assessed, score, max).
    pub published: Vec<(Option<u8>, bool, f64, f64)>,
    pub dims: Vec<Option<DimOut>>,
    pub scenes: Vec<SceneRow>,
    pub overall: OverallOut,
    /// Some rule printed: the next update runs every rule again (prints are not kept per rule).
    pub printed: bool,
    /// Rules run in this pass (for the bench and the tests).
    pub calls: usize,
}

/// What decides, in a session, whether a rule's last result still holds.
pub(super) struct Reuse<'a> {
    /// The last pass's memo (`None`: run everything).
    pub prev: Option<&'a Memo>,
    /// Per checklist position: its answer changed in a sheet the rules see (or in the file).
    pub changed: &'a [bool],
    /// Per dimension: the plan changed for it (asked or assessed).
    pub plan_changed: &'a [bool],
}

impl Reuse<'_> {
    /// The last result of rule `rule` (as in `Memo::reads`) still holds: nothing it read
    /// changed, and it does not look at `dims` or no earlier result changed.
    fn holds(&self, pack: &Pack, rule: usize, dims_dirty: bool) -> Option<&Memo> {
        let m = self.prev?;
        let read = m.reads.get(rule)?;
        let touched = read.iter().zip(self.changed).any(|(r, c)| *r && *c);
        (!(touched || dims_dirty && reads_dims(pack, rule))).then_some(m)
    }
}

/// The rules' function names: the dimensions' in order, then the scene rule, then the overall rule.
pub(crate) fn rule_names(pack: &Pack) -> impl Iterator<Item = &str> {
    pack.checklist.dimensions.iter().map(|d| d.rule.as_str()).chain([pack.entry.scenes.as_str(), pack.entry.overall.as_str()])
}

/// Rule number `rule` (as in `Memo::reads`) may look at `dims`: its function refers to its
/// second parameter anywhere in its body (`Lowered::uses_dims`). A rule that does not is called
/// with an empty map there (it cannot tell), and in a session its result does not wait on
/// earlier ones.
fn reads_dims(pack: &Pack, rule: usize) -> bool {
    pack.uses_dims.get(rule).copied().unwrap_or(true)
}

/// [`pass`], and with `reuse` given, the session's form of it: a rule whose inputs did not
/// change keeps its last result, and the memo for the next update comes back.
pub(super) fn run_pass(pack: &Pack, answers: ScriptAnswers, plan: &PassPlan, trace: bool, reuse: Option<Reuse>) -> Result<(Pass, Option<Memo>)> {
    let tracked = reuse.is_some();
    let n_items = pack.checklist.items.len();
    let mut answers = answers;
    if tracked {
        answers.deps = Some(std::rc::Rc::new(std::cell::RefCell::new(vec![false; n_items])));
    }
    let mut run = Runner::new(pack, answers, trace);
    let n = pack.checklist.dimensions.len();
    let mut dims = Vec::with_capacity(n);
    let (mut reads, mut published) = (Vec::new(), Vec::new());
    let (mut dims_dirty, mut calls) = (false, 0usize);
    for (di, dim) in pack.checklist.dimensions.iter().enumerate() {
        let keep = reuse.as_ref().filter(|r| !r.plan_changed[di]).and_then(|r| r.holds(pack, di, dims_dirty));
        let out = if !plan.run[di] {
            reads.push(vec![false; if tracked { n_items } else { 0 }]);
            None
        } else if let Some(m) = keep {
            reads.push(m.reads[di].clone());
            m.dims[di].clone()
        } else {
            calls += 1;
            let out = Some(run.call(&dim.rule, di)?.into_dimension(pack, &dim.rule)?);
            reads.push(run.take_deps(n_items));
            out
        };
        let level = out.as_ref().and_then(|o| o.level);
        let shown = (level, out.is_some() && plan.assessed[di], out.as_ref().map_or(0.0, |o| o.score), out.as_ref().map_or(0.0, |o| o.max));
        if let Some(r) = &reuse {
            dims_dirty |= r.prev.is_none_or(|m| m.published.get(di) != Some(&shown));
        }
        run.publish(di, &dim.id, Published { level, assessed: shown.1, score: shown.2, max: shown.3, weight: dim.weight, marker: dim.marker });
        published.push(shown);
        dims.push(out);
    }
    let scenes = if !plan.scenes {
        reads.push(Vec::new());
        Vec::new()
    } else if let Some(m) = reuse.as_ref().and_then(|r| r.holds(pack, n, dims_dirty)).filter(|m| !m.reads[n].is_empty()) {
        reads.push(m.reads[n].clone());
        m.scenes.clone()
    } else {
        calls += 1;
        let rows = contract::scene_rows(pack, run.call(&pack.entry.scenes, n)?.into_dynamic())?;
        reads.push(run.take_deps(n_items));
        rows
    };
    let overall = if let Some(m) = reuse.as_ref().and_then(|r| r.holds(pack, n + 1, dims_dirty)) {
        reads.push(m.reads[n + 1].clone());
        m.overall.clone()
    } else {
        calls += 1;
        let o = contract::overall(pack, run.call(&pack.entry.overall, n + 1)?.into_dynamic())?;
        reads.push(run.take_deps(n_items));
        o
    };
    let printed = run.printed();
    let memo = tracked.then(|| Memo {
        reads,
        published,
        dims: dims.clone(),
        scenes: scenes.clone(),
        overall: overall.clone(),
        printed: !printed.is_empty(),
        calls,
    });
    Ok((Pass { dims, scenes, overall, printed, trace: run.trace }, memo))
}

/// Call the rule `name(a, dims)` of the pack's scripts on `engine` (the pack's own, or the copy
/// that finds where a limit was hit).
#[cfg(feature = "scripts")]
pub(super) fn call_rule(engine: &rhai::Engine, pack: &Pack, name: &str, args: impl rhai::FuncArgs) -> std::result::Result<Dynamic, Box<EvalAltResult>> {
    let options = CallFnOptions::new().eval_ast(false).rewind_scope(false);
    engine.call_fn_with_options::<Dynamic>(options, &mut Scope::new(), &pack.ast, name, args)
}

/// What a rule returned, from the fast evaluator or from rhai.
pub(super) enum Returned {
    Fast(super::fast::V),
    #[cfg(feature = "scripts")]
    Rhai(Dynamic),
}

impl Returned {
    /// A dimension rule's result, checked by the contract: a fast result as it is when it is
    /// plainly well formed, anything else through rhai's form and the contract's messages.
    fn into_dimension(self, pack: &Pack, rule: &str) -> Result<contract::DimOut> {
        #[cfg_attr(not(feature = "scripts"), allow(irrefutable_let_patterns))]
        if let Returned::Fast(v) = &self {
            if let Some(out) = contract::dimension_fast(pack, v) {
                return Ok(out);
            }
        }
        contract::dimension(pack, rule, self.into_dynamic())
    }

    fn into_dynamic(self) -> Dynamic {
        match self {
            // A fast result is plain data (`Program::run` checks), which always converts.
            Returned::Fast(v) => v.to_dynamic().unwrap_or_default(),
            #[cfg(feature = "scripts")]
            Returned::Rhai(d) => d,
        }
    }
}

/// What later rules see of a dimension's result.
#[derive(Clone, Copy)]
pub(super) struct Published {
    level: Option<u8>,
    assessed: bool,
    score: f64,
    max: f64,
    weight: f64,
    marker: bool,
}

thread_local! {
    static PUBLISHED_KEYS: [rhai::ImmutableString; 6] = ["assessed", "level", "marker", "max", "score", "weight"].map(super::fast::shared);
}

impl Published {
    /// `#{ assessed, level, marker, max, score, weight }` for the fast evaluator.
    fn to_fast(self) -> super::fast::V {
        use super::fast::V;
        let level = self.level.map_or(V::Unit, |l| V::Int(i64::from(l)));
        let values = [V::Bool(self.assessed), level, V::Bool(self.marker), V::Float(self.max), V::Float(self.score), V::Float(self.weight)];
        PUBLISHED_KEYS.with(|keys| V::map(keys.iter().cloned().zip(values).collect()))
    }

    /// The same map for rhai.
    #[cfg(feature = "scripts")]
    fn to_map(self) -> Map {
        let mut m = Map::new();
        m.insert("level".into(), self.level.map_or(Dynamic::UNIT, |l| Dynamic::from(i64::from(l))));
        m.insert("assessed".into(), self.assessed.into());
        m.insert("score".into(), self.score.into());
        m.insert("max".into(), self.max.into());
        m.insert("weight".into(), self.weight.into());
        m.insert("marker".into(), self.marker.into());
        m
    }
}

/// One scoring run's calls: the answers scripts read, the results so far, and the trace.
struct Runner<'p> {
    pub pack: &'p Pack,
    pub answers: ScriptAnswers,
    /// The results so far, as later rules see them. Each rule gets its own copy: what a rule
    /// does to it changes nothing for the engine or the rules after it.
    /// (What rhai's copy is built from, only when a rule runs in rhai.)
    #[cfg(feature = "scripts")]
    pub dims: Vec<(String, Published)>,
    /// The same, for the fast evaluator.
    pub fast_dims: std::rc::Rc<super::fast::Map>,
    pub trace: Option<Vec<TraceEntry>>,
}

impl<'p> Runner<'p> {
    pub fn new(pack: &'p Pack, answers: ScriptAnswers, trace: bool) -> Self {
        Runner {
            pack,
            answers,
            #[cfg(feature = "scripts")]
            dims: Vec::new(),
            fast_dims: Default::default(),
            trace: trace.then(Vec::new),
        }
    }

    /// Call one rule `name(a, dims)`, rule number `index` (as in `Memo::reads`). A rule that
    /// never refers to `dims` gets an empty map: the copy would cost more than the rule.
    pub fn call(&mut self, name: &str, index: usize) -> Result<Returned> {
        if let Some(r) = &self.answers.reads {
            r.borrow_mut().clear();
        }
        let with_dims = reads_dims(self.pack, index);
        let fast = self.pack.fast.has_rule(index).then(|| {
            let dims = if with_dims { super::fast::V::Map(std::rc::Rc::clone(&self.fast_dims)) } else { super::fast::V::map(Default::default()) };
            self.pack.fast.run(index, &mut self.answers, dims, &self.pack.budget, &self.pack.limits)
        });
        if let Some(v) = fast.flatten() {
            self.trace(name, || v.to_dynamic().map_or(serde_json::Value::Null, |d| to_json(&d)));
            return Ok(Returned::Fast(v));
        }
        self.call_rhai(name, with_dims)
    }

    /// Run rule `name` in rhai (the fast evaluator does not run it, or handed it back).
    #[cfg(feature = "scripts")]
    fn call_rhai(&mut self, name: &str, with_dims: bool) -> Result<Returned> {
        let dims = || if with_dims { self.dims.iter().map(|(id, p)| (id.as_str().into(), p.to_map().into())).collect() } else { Map::new() };
        let spent = self.pack.budget.spent();
        let ret = call_rule(&self.pack.engine, self.pack, name, (self.answers.clone(), Dynamic::from_map(dims()))).map_err(|e| {
            // A limit hit: find where, by running the rule again (src/score/locate.rs).
            let at = e.is_system_exception().then(|| {
                let args = (self.answers.clone(), Dynamic::from_map(dims()));
                #[cfg(feature = "limit-places")]
                return super::locate::stopped_at(self.pack, name, args, self.pack.budget.spent().saturating_sub(spent));
                #[cfg(not(feature = "limit-places"))]
                {
                    let _ = (args, spent);
                    None
                }
            });
            script_error(self.pack, name, &e, at.flatten())
        })?;
        // A value grown past the limits by index assignment and returned at once (never read
        // again, so the engine's check on reads did not see it).
        let l = &self.pack.limits;
        if let Some(what) = crate::engine::oversized(&ret, l.max_array_size, l.max_map_size, true) {
            return Err(script_error(self.pack, name, &EvalAltResult::ErrorDataTooLarge(what.into(), rhai::Position::NONE), None));
        }
        self.trace(name, || to_json(&ret));
        Ok(Returned::Rhai(ret))
    }

    /// Without rhai (the assessment page's engine): a rule the fast evaluator does not run to
    /// the end is an error, with the limit it reached when that is why.
    #[cfg(not(feature = "scripts"))]
    fn call_rhai(&mut self, name: &str, _with_dims: bool) -> Result<Returned> {
        Err(unrun(self.pack, name))
    }

    /// Record the call of `name` in the trace (when tracing): what it read and returned.
    fn trace(&mut self, name: &str, returned: impl FnOnce() -> serde_json::Value) {
        if let (Some(t), Some(r)) = (self.trace.as_mut(), &self.answers.reads) {
            t.push(TraceEntry { order: t.len() + 1, rule: name.to_owned(), read: r.borrow().clone(), returned: returned() });
        }
    }

    /// The positions the last call looked at (a session's dependency tracking), cleared for the
    /// next call; empty when not tracking.
    pub fn take_deps(&mut self, n: usize) -> Vec<bool> {
        match &self.answers.deps {
            Some(d) => std::mem::replace(&mut *d.borrow_mut(), vec![false; n]),
            None => Vec::new(),
        }
    }

    /// Record dimension number `di`'s result where later rules read it: `#{ level, assessed,
    /// score, max, weight, marker }`, for rhai and for the fast evaluator.
    pub fn publish(&mut self, di: usize, id: &str, p: Published) {
        if !self.pack.fast.is_empty() {
            std::rc::Rc::make_mut(&mut self.fast_dims).insert(self.pack.fast.dim_id(di), p.to_fast());
        }
        #[cfg(feature = "scripts")]
        match self.dims.iter_mut().find(|(i, _)| i == id) {
            Some(slot) => slot.1 = p,
            None => self.dims.push((id.to_owned(), p)),
        }
        #[cfg(not(feature = "scripts"))]
        let _ = id;
    }

    /// What the scripts printed in this call so far, as diagnostics; lines past the limits
    /// are counted in one more.
    pub fn printed(&self) -> Vec<Diagnostic> {
        let (lines, dropped) = self.pack.sink.take();
        let mut out: Vec<Diagnostic> = lines
            .into_iter()
            .map(|(level, text)| Diagnostic {
                code: format!("script-{}", level.as_str()),
                level,
                message: Text { ja: text.clone(), en: text },
                rule: None,
            })
            .collect();
        if dropped > 0 {
            out.push(Diagnostic {
                code: "script-print-limit".into(),
                level: crate::report::DiagnosticLevel::Warning,
                message: Text {
                    ja: format!("スクリプトの出力がさらに{dropped}行ありましたが、上限を超えたため省略しました。"),
                    en: format!("{dropped} more line(s) of script output were left out (over the limit)."),
                },
                rule: None,
            });
        }
        out
    }
}

/// The message of rule `rule` stopped in `func` by a limit: `stop` is the budget's reason
/// (`engine::STOP_TIME`, `STOP_MEMORY`; anything else: the operations).
fn limit_text(pack: &Pack, rule: &str, func: &str, location: &Location, stop: &str) -> (String, String) {
    match stop {
        crate::engine::STOP_TIME => (
            format!("rule {rule} stopped in {func}: the call ran past its time limit of {} ms ({location})", pack.limits.max_millis),
            format!("採点ルール「{rule}」が関数「{func}」の実行中に時間の上限（{}ミリ秒）を超えたため停止しました", pack.limits.max_millis),
        ),
        crate::engine::STOP_MEMORY => (
            format!("rule {rule} stopped in {func}: the call grew memory past its limit of {} bytes ({location})", pack.limits.max_memory_growth),
            format!("採点ルール「{rule}」が関数「{func}」の実行中にメモリの上限（{}バイト）を超えたため停止しました", pack.limits.max_memory_growth),
        ),
        _ => (
            format!("rule {rule} stopped in {func}: the call reached its operation limit of {} operations, counted across all rules and callbacks (an endless loop?) ({location})", pack.limits.max_operations),
            format!("採点ルール「{rule}」が関数「{func}」の実行中に処理回数の上限（{}回）に達したため停止しました（無限ループの可能性）", pack.limits.max_operations),
        ),
    }
}

/// Without rhai (the assessment page's engine): the failure of a rule that the fast evaluator
/// handed back, which only rhai could have run or explained.
#[cfg(not(feature = "scripts"))]
fn unrun(pack: &Pack, rule: &str) -> Error {
    let location = pack.fn_files.get(rule).cloned().unwrap_or_else(|| Location::file("(scripts)"));
    let (en, ja) = match pack.budget.stopped() {
        Some(stop) => limit_text(pack, rule, rule, &location, stop),
        None => (
            format!("rule {rule} could not be run to the end by the assessment page's engine, which runs only what its fast evaluator can (score the file with the full engine — the pack editor, the npm package or the CLI — to see why) ({location})"),
            format!("採点ルール「{rule}」は評価ページ用のエンジンでは最後まで実行できませんでした（理由は完全版のエンジン — パック編集画面、npm パッケージ、CLI — で採点すると表示されます）"),
        ),
    };
    Error::Script(vec![ScriptFailure { rule: rule.to_owned(), location, message: en, message_ja: ja }])
}

/// A rhai error as a script failure, placed at the innermost function call; `at`: the function
/// and place a limit was hit in, when known (src/score/locate.rs).
#[cfg(feature = "scripts")]
fn script_error(pack: &Pack, rule: &str, err: &EvalAltResult, at: Option<(String, rhai::Position)>) -> Error {
    let mut func = rule.to_owned();
    let mut e = err;
    let mut pos = err.position();
    // The innermost script function that the pack defines by name: a closure, which has none,
    // lives in the file of the function that made it.
    while let EvalAltResult::ErrorInFunctionCall(name, _src, inner, p) = e {
        if pack.fn_files.contains_key(name.as_str()) {
            func = name.clone();
        }
        if !p.is_none() {
            pos = *p;
        }
        e = inner;
        if !e.position().is_none() {
            pos = e.position();
        }
    }
    // rhai moves a limit error (a "system" error) to each call site as it unwinds, so the place
    // where it was hit is lost at the rule's own level: name the function it stopped in instead.
    if let Some((f, p)) = at {
        func = f;
        pos = p;
    }
    let def = pack.fn_files.get(&func).cloned().unwrap_or_else(|| Location::file("(scripts)"));
    let file = def.file.clone();
    let location = if pos.is_none() { def } else { Location::at(file.clone(), pos.line(), pos.position()) };
    let (en, ja) = match e {
        EvalAltResult::ErrorTerminated(token, _) => limit_text(pack, rule, &func, &location, &token.to_string()),
        EvalAltResult::ErrorTooManyOperations(_) => (
            format!("{err} — the rule reached its operation limit of {} operations (an endless loop?)", pack.limits.max_operations),
            "採点ルールが処理回数の上限に達しました（無限ループの可能性）".to_owned(),
        ),
        EvalAltResult::ErrorStackOverflow(_) => (
            format!("rule {rule} stopped in {func}: calls nested too deeply, more than {} nested calls (endless recursion?) ({location})", pack.limits.max_call_levels),
            format!("採点ルール「{rule}」の関数「{func}」で、関数呼び出しが上限（{}段）より深くなりました（無限の再帰の可能性）", pack.limits.max_call_levels),
        ),
        EvalAltResult::ErrorDataTooLarge(what, _) => (
            format!("rule {rule} stopped in {func}: {what} grew too large, past its limit (strings {} characters, arrays {} elements, maps {} properties) ({location})", pack.limits.max_string_size, pack.limits.max_array_size, pack.limits.max_map_size),
            format!("採点ルール「{rule}」の関数「{func}」で、文字列・配列・マップが上限（文字列 {} 文字、配列 {} 要素、マップ {} 項目）を超えました", pack.limits.max_string_size, pack.limits.max_array_size, pack.limits.max_map_size),
        ),
        _ => (err.to_string(), format!("採点ルール「{rule}」の実行中にエラーが発生しました: {e}")),
    };
    Error::Script(vec![ScriptFailure {
        rule: rule.to_owned(),
        location,
        message: en,
        message_ja: ja,
    }])
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
        serde_json::Number::from_f64(super::round3(f)).map_or(J::Null, J::Number)
    } else if d.is_string() {
        J::String(d.to_string())
    } else if let Some(arr) = d.read_lock::<rhai::Array>() {
        J::Array(arr.iter().map(to_json).collect())
    } else if let Some(map) = d.read_lock::<rhai::Map>() {
        J::Object(map.iter().map(|(k, v)| (k.to_string(), to_json(v))).collect())
    } else {
        J::String(d.to_string())
    }
}

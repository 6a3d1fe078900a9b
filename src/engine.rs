//! The only place a rhai engine is built: the packages scripts get, the limits, and the sandbox.
//!
//! Every call into the engine (one scoring, one pack test case) gets one [`Budget`]: the
//! operations of all its rules, callbacks of `map`/`filter`/`sort` included, count against one
//! total, and a clock stops a single slow operation. Both are checked from rhai's progress hook,
//! which rhai calls for every operation even inside callbacks (whose own count restarts); the
//! engine keeps its own total, so the limit is the same natively and in wasm.

use crate::report::DiagnosticLevel;
#[cfg(feature = "scripts")]
use crate::script_api;
#[cfg(feature = "scripts")]
use rhai::packages::{BasicArrayPackage, BasicMapPackage, CorePackage, Package};
use rhai::Dynamic;
#[cfg(feature = "scripts")]
use rhai::{Array, Engine, EvalAltResult, FnPtr, NativeCallContext};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Limits on what one call into the engine may do. A pack that goes past one stops with an error
/// naming the limit, the rule, the file, line and column; the engine never hangs or exhausts
/// memory on a pack. A pack may lower these in `[limits]`, never raise them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Operations of one call (all rules of one scoring, callbacks included). Default 500,000
    /// (the default pack needs about 5,000).
    pub max_operations: u64,
    /// Wall-clock milliseconds of one call, checked every 64 operations. Default 3,000.
    pub max_millis: u64,
    /// Depth of nested function calls. Default 32.
    pub max_call_levels: usize,
    /// Expression nesting at the top level of a script. Default 64.
    pub max_expr_depth: usize,
    /// Expression nesting inside functions. Default 64.
    pub max_fn_expr_depth: usize,
    /// Characters in one string. Default 10,000.
    pub max_string_size: usize,
    /// Elements in one array. Default 2,000.
    pub max_array_size: usize,
    /// Properties in one object map. Default 500.
    pub max_map_size: usize,
    /// `print`/`debug` lines kept per call; the rest are counted. Default 100.
    pub max_prints: usize,
    /// Bytes of `print`/`debug` output kept per call. Default 16,384.
    pub max_print_bytes: usize,
    /// Bytes of one script file. Default 65,536 (rhai's parser slows faster than a script
    /// grows: about 0.2 s natively for a file this size full of functions).
    pub max_script_bytes: usize,
    /// Bytes of all a pack's scripts together. Default 262,144.
    pub max_scripts_bytes: usize,
    /// Bytes of one pack file of any kind. Default 1,048,576.
    pub max_file_bytes: usize,
    /// Bytes of all a pack's files together. Default 4,194,304.
    pub max_pack_bytes: usize,
    /// Problems listed in one error; the rest are counted. Default 100.
    pub max_problems: usize,
    /// Bytes the wasm memory may grow by during one call (checked every 64 operations; natively
    /// the operation and size limits bound memory). Default 268,435,456.
    pub max_memory_growth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 500_000,
            max_millis: 3_000,
            max_call_levels: 32,
            max_expr_depth: 64,
            max_fn_expr_depth: 64,
            max_string_size: 10_000,
            max_array_size: 2_000,
            max_map_size: 500,
            max_prints: 100,
            max_print_bytes: 16_384,
            max_script_bytes: 65_536,
            max_scripts_bytes: 262_144,
            max_file_bytes: 1_048_576,
            max_pack_bytes: 4_194_304,
            max_problems: 100,
            max_memory_growth: 268_435_456,
        }
    }
}

impl Limits {
    /// These limits, lowered where the pack's `[limits]` asks for less (never raised).
    pub(crate) fn lowered_by(&self, pack: &crate::pack::model::LimitsDef) -> Limits {
        let lo = |ours: u64, theirs: Option<u64>| theirs.map_or(ours, |t| t.min(ours));
        let lu = |ours: usize, theirs: Option<u64>| theirs.map_or(ours, |t| usize::try_from(t).unwrap_or(usize::MAX).min(ours));
        Limits {
            max_operations: lo(self.max_operations, pack.max_operations),
            max_millis: lo(self.max_millis, pack.max_millis),
            max_call_levels: lu(self.max_call_levels, pack.max_call_levels),
            max_expr_depth: lu(self.max_expr_depth, pack.max_expr_depth),
            max_fn_expr_depth: lu(self.max_fn_expr_depth, pack.max_fn_expr_depth),
            max_string_size: lu(self.max_string_size, pack.max_string_size),
            max_array_size: lu(self.max_array_size, pack.max_array_size),
            max_map_size: lu(self.max_map_size, pack.max_map_size),
            max_prints: lu(self.max_prints, pack.max_prints),
            max_print_bytes: lu(self.max_print_bytes, pack.max_print_bytes),
            ..*self
        }
    }
}

/// Milliseconds on the host's clock (wasm32 has no `std::time::Instant`).
#[cfg(target_arch = "wasm32")]
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn now_ms() -> f64 {
    use std::sync::OnceLock;
    static EPOCH: OnceLock<std::time::Instant> = OnceLock::new();
    EPOCH.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// What stopped a call.
pub(crate) const STOP_OPERATIONS: &str = "renkei:operations";
pub(crate) const STOP_TIME: &str = "renkei:time";
pub(crate) const STOP_MEMORY: &str = "renkei:memory";

/// Bytes of wasm linear memory (wasm memory only grows); 0 natively, where the process's own
/// memory is not measured.
fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    return core::arch::wasm32::memory_size(0) * 65_536;
    #[cfg(not(target_arch = "wasm32"))]
    0
}

/// The operations and time one call may still spend.
#[derive(Debug)]
pub(crate) struct Budget {
    ops: Cell<u64>,
    started: Cell<f64>,
    memory_at_start: Cell<usize>,
    max_ops: u64,
    max_ms: f64,
    max_growth: usize,
    /// The limit the call reached, once one is (`STOP_*`): for the page's engine's message when
    /// the fast evaluator stops (with rhai, its error says which).
    #[cfg(not(feature = "scripts"))]
    stopped: Cell<Option<&'static str>>,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        Budget {
            ops: Cell::new(0),
            started: Cell::new(now_ms()),
            memory_at_start: Cell::new(memory_bytes()),
            max_ops: limits.max_operations,
            max_ms: limits.max_millis as f64,
            max_growth: limits.max_memory_growth,
            #[cfg(not(feature = "scripts"))]
            stopped: Cell::new(None),
        }
    }

    /// Start a new call: the full budget again.
    pub(crate) fn restart(&self) {
        self.ops.set(0);
        #[cfg(not(feature = "scripts"))]
        self.stopped.set(None);
        self.started.set(now_ms());
        self.memory_at_start.set(memory_bytes());
    }

    /// Operations spent in this call so far.
    pub(crate) fn spent(&self) -> u64 {
        self.ops.get()
    }

    /// Put the count back to `to` (a call the fast evaluator handed back to rhai is counted
    /// once, by rhai).
    pub(crate) fn rewind(&self, to: u64) {
        self.ops.set(to);
    }

    /// One operation: `Some(reason)` when a limit is reached.
    #[inline]
    pub(crate) fn tick(&self) -> Option<Dynamic> {
        let n = self.ops.get() + 1;
        self.ops.set(n);
        if n > self.max_ops || n % 64 == 0 {
            return self.tick_slow(n);
        }
        None
    }

    /// The rarer half of [`Budget::tick`] (kept out of line: the common one is two compares).
    #[cold]
    #[inline(never)]
    fn tick_slow(&self, n: u64) -> Option<Dynamic> {
        let stop = if n > self.max_ops {
            STOP_OPERATIONS
        } else if now_ms() - self.started.get() > self.max_ms {
            STOP_TIME
        } else if memory_bytes().saturating_sub(self.memory_at_start.get()) > self.max_growth {
            STOP_MEMORY
        } else {
            return None;
        };
        #[cfg(not(feature = "scripts"))]
        self.stopped.set(Some(stop));
        Some(stop.into())
    }

    /// The limit this call reached, if it reached one.
    #[cfg(not(feature = "scripts"))]
    pub(crate) fn stopped(&self) -> Option<&'static str> {
        self.stopped.get()
    }
}

/// What scripts printed during one call: `print` and `debug` output goes here, never to a
/// console, within a count and a size; the rest is counted.
#[derive(Debug)]
pub(crate) struct Sink {
    lines: RefCell<Vec<(DiagnosticLevel, String)>>,
    bytes: Cell<usize>,
    dropped: Cell<usize>,
    #[cfg_attr(not(feature = "scripts"), allow(dead_code))] // only scripts print
    max_lines: usize,
    #[cfg_attr(not(feature = "scripts"), allow(dead_code))]
    max_bytes: usize,
}

impl Sink {
    fn new(limits: &Limits) -> Self {
        Sink { lines: RefCell::new(Vec::new()), bytes: Cell::new(0), dropped: Cell::new(0), max_lines: limits.max_prints, max_bytes: limits.max_print_bytes }
    }

    #[cfg(feature = "scripts")]
    fn push(&self, level: DiagnosticLevel, text: String) {
        let mut lines = self.lines.borrow_mut();
        if lines.len() >= self.max_lines || self.bytes.get() + text.len() > self.max_bytes {
            self.dropped.set(self.dropped.get() + 1);
            return;
        }
        self.bytes.set(self.bytes.get() + text.len());
        lines.push((level, text));
    }

    /// Empty the sink: what was kept, and how many lines were not.
    pub(crate) fn take(&self) -> (Vec<(DiagnosticLevel, String)>, usize) {
        self.bytes.set(0);
        (std::mem::take(&mut *self.lines.borrow_mut()), self.dropped.replace(0))
    }
}

/// The engine and what it shares with the calls that run on it.
pub(crate) struct Sandbox {
    #[cfg(feature = "scripts")]
    pub engine: Engine,
    pub sink: Rc<Sink>,
    pub budget: Rc<Budget>,
}

/// Without rhai (no `scripts` feature: the assessment page's engine, whose rules run only in the
/// fast evaluator): the budget and the print sink.
#[cfg(not(feature = "scripts"))]
pub(crate) fn build(limits: &Limits) -> Sandbox {
    Sandbox { sink: Rc::new(Sink::new(limits)), budget: Rc::new(Budget::new(limits)) }
}

/// Build the sandboxed engine: no file or module access, no `eval`, strict variables, limits set,
/// only the packages the rule language needs, plus the answer-reading API.
#[cfg(feature = "scripts")]
pub(crate) fn build(limits: &Limits) -> Sandbox {
    let mut engine = Engine::new_raw();
    engine.register_global_module(CorePackage::new().as_shared_module());
    engine.register_global_module(BasicArrayPackage::new().as_shared_module());
    engine.register_global_module(BasicMapPackage::new().as_shared_module());

    engine
        .set_max_operations(0) // counted by the budget below, across rules and callbacks
        .set_max_call_levels(limits.max_call_levels)
        .set_max_expr_depths(limits.max_expr_depth, limits.max_fn_expr_depth)
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true);
    engine.disable_symbol("eval");

    let budget = Rc::new(Budget::new(limits));
    let b = Rc::clone(&budget);
    engine.on_progress(move |_| b.tick());

    let sink = Rc::new(Sink::new(limits));
    let out = Rc::clone(&sink);
    engine.on_print(move |s| out.push(DiagnosticLevel::Print, clip(s)));
    let out = Rc::clone(&sink);
    engine.on_debug(move |s, _src, pos| {
        let at = match (pos.line(), pos.position()) {
            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
            _ => String::new(),
        };
        out.push(DiagnosticLevel::Debug, format!("{}{at}", clip(s)));
    });

    // rhai's own sort drops a comparator's errors and relies on a panic being caught, which a
    // wasm build with panic = "abort" cannot do: ours is a merge sort that never panics,
    // whatever the comparator returns, and stops at the comparator's first error.
    engine.register_fn("sort", sort_by);
    engine.register_fn("sort_by", sort_by);
    engine.register_fn("order", order_by);
    engine.register_fn("order_by", order_by);
    // rhai's dedup with a comparator drops its errors too.
    engine.register_fn("dedup", dedup_by);
    // rhai's pad checks the new size with unchecked arithmetic (a huge length overflows it,
    // and on wasm32 slips past it): ours refuses any length above the array limit first.
    let max_array = limits.max_array_size;
    engine.register_fn("pad", move |array: &mut Array, len: rhai::INT, item: Dynamic| -> Res<()> {
        if len <= 0 {
            return Ok(());
        }
        let len = usize::try_from(len).unwrap_or(usize::MAX); // on wasm32 a large length does not fit
        if len > max_array {
            return Err(Box::new(EvalAltResult::ErrorDataTooLarge("Size of array".into(), rhai::Position::NONE)));
        }
        if len > array.len() {
            array.resize(len, item);
        }
        Ok(())
    });

    // rhai checks a map's size when a function or an operator grows it, but not when
    // `m[key] = v` adds a key (the index assignment checks only the value assigned): a map grown
    // that way is caught here, when the script next reads the variable that holds it — the
    // variable's own size at once (O(1)), everything inside it every 64th read.
    let (max_array, max_map) = (limits.max_array_size, limits.max_map_size);
    let reads = std::cell::Cell::new(0u32);
    #[allow(deprecated)] // on_var is marked volatile, not deprecated
    engine.on_var(move |name, _, ctx| {
        let Some(v) = ctx.scope().get(name) else { return Ok(None) };
        let n = reads.get().wrapping_add(1);
        reads.set(n);
        let deep = n % 64 == 0;
        match oversized(v, max_array, max_map, deep) {
            Some(what) => Err(Box::new(EvalAltResult::ErrorDataTooLarge(what.into(), rhai::Position::NONE))),
            None => Ok(None),
        }
    });

    script_api::register(&mut engine);
    Sandbox { engine, sink, budget }
}

/// Which limit a value breaks, if any: a map with more than `max_map` properties or an array
/// with more than `max_array` elements — the value itself, or (when `deep`) anything inside it.
#[cfg(feature = "scripts")]
pub(crate) fn oversized(v: &Dynamic, max_array: usize, max_map: usize, deep: bool) -> Option<&'static str> {
    if let Some(m) = v.read_lock::<rhai::Map>().filter(|_| v.is_map()) {
        if max_map > 0 && m.len() > max_map {
            return Some("Size of object map");
        }
        return if deep { m.values().find_map(|x| oversized(x, max_array, max_map, true)) } else { None };
    }
    if let Some(a) = v.read_lock::<Array>().filter(|_| v.is_array()) {
        if max_array > 0 && a.len() > max_array {
            return Some("Size of array");
        }
        return if deep { a.iter().find_map(|x| oversized(x, max_array, max_map, true)) } else { None };
    }
    None
}

/// One printed line, at most 1,000 characters.
#[cfg(feature = "scripts")]
fn clip(s: &str) -> String {
    match s.char_indices().nth(1000) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(feature = "scripts")]
type Res<T> = Result<T, Box<EvalAltResult>>;

#[cfg(feature = "scripts")]
fn compare(ctx: &NativeCallContext, f: &FnPtr, a: &Dynamic, b: &Dynamic) -> Res<bool> {
    let v: Dynamic = f.call_raw(ctx, None, [a.clone(), b.clone()])?;
    // `a` goes first when the comparator says a < b (negative, or `true`).
    if let Ok(i) = v.as_int() {
        return Ok(i <= 0);
    }
    v.as_bool().map_err(|t| {
        Box::new(EvalAltResult::ErrorMismatchOutputType("integer or bool".into(), t.into(), rhai::Position::NONE))
    })
}

#[cfg(feature = "scripts")]
fn sort_by(ctx: NativeCallContext, array: &mut Array, f: FnPtr) -> Res<()> {
    let items = std::mem::take(array);
    *array = merge_sort(&ctx, &f, items)?;
    Ok(())
}

#[cfg(feature = "scripts")]
fn order_by(ctx: NativeCallContext, array: &mut Array, f: FnPtr) -> Res<Array> {
    merge_sort(&ctx, &f, array.clone())
}

#[cfg(feature = "scripts")]
fn dedup_by(ctx: NativeCallContext, array: &mut Array, f: FnPtr) -> Res<()> {
    let mut out: Array = Array::with_capacity(array.len());
    for x in std::mem::take(array) {
        let same = match out.last() {
            Some(prev) => f.call_raw(&ctx, None, [prev.clone(), x.clone()])?.as_bool().unwrap_or(false),
            None => false,
        };
        if !same {
            out.push(x);
        }
    }
    *array = out;
    Ok(())
}

#[cfg(feature = "scripts")]
fn merge_sort(ctx: &NativeCallContext, f: &FnPtr, mut v: Array) -> Res<Array> {
    if v.len() <= 1 {
        return Ok(v);
    }
    let right = v.split_off(v.len() / 2);
    let (left, right) = (merge_sort(ctx, f, v)?, merge_sort(ctx, f, right)?);
    let mut out = Array::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        let take_left = compare(ctx, f, a, b)?;
        out.extend(if take_left { l.next() } else { r.next() });
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}


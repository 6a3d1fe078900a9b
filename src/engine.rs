//! The only place a rhai engine is built: the packages scripts get, the limits, and the sandbox.

use crate::report::DiagnosticLevel;
use crate::script_api;
use rhai::packages::{BasicArrayPackage, BasicMapPackage, CorePackage, Package};
use rhai::Engine;
use std::cell::RefCell;
use std::rc::Rc;

/// Limits on what one scoring run may do. A script that goes past one stops with an error that
/// names the rule; the engine itself never hangs or exhausts memory on a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Operations per rule call (each rule function is one call). Default 500,000.
    pub max_operations: u64,
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
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_operations: 500_000,
            max_call_levels: 32,
            max_expr_depth: 64,
            max_fn_expr_depth: 64,
            max_string_size: 10_000,
            max_array_size: 2_000,
            max_map_size: 500,
        }
    }
}

/// What scripts printed during one run: `print` and `debug` output goes here, never to a console.
pub(crate) type PrintSink = Rc<RefCell<Vec<(DiagnosticLevel, String)>>>;

/// Build the sandboxed engine: no file or module access, no `eval`, strict variables, limits set,
/// only the packages the rule language needs, plus the answer-reading API.
pub(crate) fn build(limits: &Limits, sink: &PrintSink) -> Engine {
    let mut engine = Engine::new_raw();
    engine.register_global_module(CorePackage::new().as_shared_module());
    engine.register_global_module(BasicArrayPackage::new().as_shared_module());
    engine.register_global_module(BasicMapPackage::new().as_shared_module());

    engine
        .set_max_operations(limits.max_operations)
        .set_max_call_levels(limits.max_call_levels)
        .set_max_expr_depths(limits.max_expr_depth, limits.max_fn_expr_depth)
        .set_max_string_size(limits.max_string_size)
        .set_max_array_size(limits.max_array_size)
        .set_max_map_size(limits.max_map_size)
        .set_strict_variables(true)
        .set_fail_on_invalid_map_property(true);
    engine.disable_symbol("eval");

    let out = Rc::clone(sink);
    engine.on_print(move |s| out.borrow_mut().push((DiagnosticLevel::Print, s.to_owned())));
    let out = Rc::clone(sink);
    engine.on_debug(move |s, _src, pos| {
        let at = match (pos.line(), pos.position()) {
            (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
            _ => String::new(),
        };
        out.borrow_mut().push((DiagnosticLevel::Debug, format!("{s}{at}")));
    });

    script_api::register(&mut engine);
    engine
}

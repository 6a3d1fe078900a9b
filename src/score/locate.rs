//! Where a rule stopped when it hit a limit. rhai moves a limit error (a "system" error: the
//! operation, time and memory budget, the call depth, a value too large) to each call site as
//! it unwinds, so the place where the limit was hit, and the function it was hit in, are lost
//! by the time the error reaches the rule. Only then, and only for that rule, the call is run
//! again on a copy of the sandbox with rhai's debugger following each step, with the same
//! arguments and the operations the rule had spent, so that it stops where it stopped before;
//! the last step seen is the place. The copy has its own budget (the operations the rule
//! spent, and twice the pack's time, so that a slow operation stops it too) and prints nowhere.

use crate::engine::{self, Limits};
use crate::pack::Pack;
use rhai::debugger::{DebuggerCommand, DebuggerEvent};
use rhai::{FuncArgs, ImmutableString, Position};
use std::cell::RefCell;
use std::rc::Rc;

/// The innermost function the pack defines that was running, and the position of the last step
/// there, when the rule `name` is run again with `args` and `ops` operations to spend.
pub(super) fn stopped_at(pack: &Pack, name: &str, args: impl FuncArgs, ops: u64) -> Option<(String, Position)> {
    // The operations it spent are what stop the copy where the rule stopped; the clock only
    // guards against a slow step, with twice the time (stepping under the debugger is slower,
    // and on a loaded machine the copy would otherwise stop earlier than the rule did).
    let limits = Limits { max_operations: ops.max(1), max_millis: pack.limits.max_millis.saturating_mul(2), ..pack.limits };
    let mut sandbox = engine::build(&limits);
    // The last step's position and the call stack's function names then (rebuilt only when
    // the stack changed: most steps of a loop are at the same depth in the same function).
    let last: Rc<RefCell<(Position, Vec<ImmutableString>)>> = Rc::new(RefCell::new((Position::NONE, Vec::new())));
    let seen = Rc::clone(&last);
    #[allow(deprecated)] // register_debugger is marked volatile, not deprecated
    sandbox.engine.register_debugger(
        |_, debugger| debugger,
        move |ctx, event, _node, _source, pos| {
            // Steps only: the exit events of the unwinding come after the place and carry none.
            if matches!(event, DebuggerEvent::Step) && !pos.is_none() {
                let stack = ctx.global_runtime_state().debugger().call_stack();
                let mut seen = seen.borrow_mut();
                seen.0 = pos;
                if stack.len() != seen.1.len() || stack.last().map(|f| &f.fn_name) != seen.1.last() {
                    seen.1 = stack.iter().map(|f| f.fn_name.clone()).collect();
                }
            }
            Ok(DebuggerCommand::StepInto)
        },
    );
    let _ = super::rules::call_rule(&sandbox.engine, pack, name, args);
    let (pos, stack) = std::mem::take(&mut *last.borrow_mut());
    if pos.is_none() {
        return None;
    }
    // The innermost frame that is one of the pack's functions (a closure has no name of its own:
    // it is placed in the function that made it).
    let f = stack.iter().rev().find(|n| !n.starts_with("anon$") && pack.fn_files.contains_key(n.as_str())).map_or(name, |n| n.as_str());
    Some((f.to_owned(), pos))
}

//! A fast evaluator for the plain part of rhai that rule packs are written in.
//!
//! rhai walks its AST with dynamic values, resolving every function call by hash at run time;
//! for rules like the default pack's, that is about 2,000 machine instructions per operation.
//! When a pack is compiled, each of its script functions is also lowered into a small tree
//! (src/score/fast/lower.rs) with variables in slots, calls by number and the answer API called
//! directly. A rule whose function, and everything it calls, lowered runs here; any other rule,
//! and any call that meets an error, a limit or something unusual, runs in rhai, whose result is
//! the one that counts (src/score/rules.rs). Reports are the same either way: tests/fast.rs
//! checks that on every case, on random assessments and on scripts written to probe rhai's
//! semantics.
//!
//! The assessment page's engine is built without rhai (Cargo feature `scripts` off): build.rs
//! lowers the default pack's scripts with this same code and embeds the result
//! (src/score/fast/image.rs), which start-up reads instead of parsing scripts. There a rule the
//! evaluator hands back fails with a message; the default pack's never do (tests/fast.rs,
//! tests/page_engine.rs).

mod eval;
mod ir;
#[cfg(feature = "scripts")]
mod lower;
mod ops;
mod value;

pub(crate) use value::{shared, Map, V};

use crate::engine::{Budget, Limits};
use crate::script_api::ScriptAnswers;
pub(crate) use ir::Lowered;
#[cfg(feature = "scripts")]
pub(crate) use lower::all as lower_all;
use ir::Func;
pub(crate) mod image;
use rhai::ImmutableString;


/// A pack's script functions, lowered where they can be.
#[derive(Default)]
pub(crate) struct Program {
    /// By function number; `None`: not lowered.
    funcs: Vec<Option<Func>>,
    /// Name and number of parameters → function number.
    index: ir::FnIndex,
    /// Function names by number, for pointers.
    names: Vec<ImmutableString>,
    /// Per rule (as `Memo::reads` numbers them): its function, when it and everything it reaches
    /// lowered.
    rules: Vec<Option<u32>>,
    /// The checklist's item ids and scene ids by position, shared by the values built from them.
    item_ids: Vec<ImmutableString>,
    scene_ids: Vec<ImmutableString>,
    /// The dimensions' ids by position: the keys of `dims` as the rules see it.
    dim_ids: Vec<ImmutableString>,
    /// Calls run to the end here, and calls handed back to rhai (for the tests and the bench).
    pub(crate) ran: std::cell::Cell<(u64, u64)>,
}

impl Program {
    /// Lower the AST's functions; `rules`: the rule function names in rule order.
    #[cfg(feature = "scripts")]
    pub(crate) fn new<'n>(ast: &rhai::AST, rules: impl Iterator<Item = &'n str>, checklist: &crate::pack::checklist::Checklist) -> Program {
        Program::link(lower::all(ast), rules, checklist)
    }

    /// The program of functions already lowered (from a pack's AST, or from the image build.rs
    /// made of the default pack's: `image::decode`), for `rules` (the rule function names in
    /// rule order) and the checklist.
    pub(crate) fn link<'n>(lowered: Lowered, rules: impl Iterator<Item = &'n str>, checklist: &crate::pack::checklist::Checklist) -> Program {
        let index = lowered.index();
        let Lowered { names, funcs, .. } = lowered;
        let runnable = |start: u32| -> bool {
            let mut seen = vec![false; funcs.len()];
            let mut todo = vec![start];
            while let Some(f) = todo.pop() {
                let Some(Some(func)) = funcs.get(f as usize) else { return false };
                if std::mem::replace(&mut seen[f as usize], true) {
                    continue;
                }
                todo.extend(&func.calls);
            }
            true
        };
        let rules = rules
            .map(|name| index.get(&(ImmutableString::from(name), 2)).copied().filter(|&f| runnable(f)))
            .collect();
        let item_ids = checklist.items.iter().map(|i| shared(&i.id)).collect();
        let scene_ids = checklist.scenes.iter().map(|s| shared(&s.id)).collect();
        let dim_ids = checklist.dimensions.iter().map(|d| shared(&d.id)).collect();
        Program { funcs, index, names, rules, item_ids, scene_ids, dim_ids, ran: Default::default() }
    }

    /// Rule number `rule` runs here.
    pub(crate) fn has_rule(&self, rule: usize) -> bool {
        matches!(self.rules.get(rule), Some(Some(_)))
    }

    /// Dimension number `di`'s id, as a key of `dims` (one copy per pack, shared).
    pub(crate) fn dim_id(&self, di: usize) -> ImmutableString {
        self.dim_ids[di].clone()
    }

    /// No rule runs here.
    pub(crate) fn is_empty(&self) -> bool {
        self.rules.iter().all(Option::is_none)
    }

    /// How many of the rules run here (for the bench and the tests).
    pub(crate) fn rules_lowered(&self) -> usize {
        self.rules.iter().flatten().count()
    }

    /// Run rule number `rule` with `a` and `dims`; `None`: run it in rhai instead (the budget is
    /// then as it was before this call).
    pub(crate) fn run(&self, rule: usize, a: &mut ScriptAnswers, dims: V, budget: &Budget, limits: &Limits) -> Option<V> {
        let f = (*self.rules.get(rule)?)?;
        let before = budget.spent();
        let mut cx = eval::Cx { prog: self, a, budget, limits, depth: 0 };
        // What rhai's caller checks of a result (`engine::oversized`) holds here by construction:
        // every array and map the evaluator grows or receives is checked against the limits.
        let out = cx.call(f, vec![V::Answers, dims]).ok().filter(V::is_plain);
        let (ran, back) = self.ran.get();
        if out.is_none() {
            budget.rewind(before);
            self.ran.set((ran, back + 1));
        } else {
            self.ran.set((ran + 1, back));
        }
        out
    }
}


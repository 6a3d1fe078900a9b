//! The fast evaluator's program: a pack's script functions lowered from rhai's AST into a tree
//! whose variables are slots, whose calls are function numbers and whose answer-reading calls
//! are resolved, so that running it does no name lookup and no hashing.

use super::ops::Op;
use super::value::V;
use rhai::ImmutableString;

/// A method of the rule's `a` (src/script_api.rs), resolved at compile time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AnswerFn {
    Answered,
    Value,
    Level,
    Yes,
    No,
    Has,
    Count,
    Number,
    Na,
    Ratio,
    Weight,
    Points,
    Items,
    Exists,
    ItemPoints,
    BelowMature,
    Gaps,
    SceneCells,
}

impl AnswerFn {
    /// Every method, in a fixed order (src/score/fast/image.rs numbers them by it).
    pub(crate) const ALL: [AnswerFn; 18] = {
        use AnswerFn::*;
        [Answered, Value, Level, Yes, No, Has, Count, Number, Na, Ratio, Weight, Points, Items, Exists, ItemPoints, BelowMature, Gaps, SceneCells]
    };

    /// The method of this name taking `args` arguments besides `a`.
    #[cfg_attr(not(feature = "scripts"), allow(dead_code))] // used by the lowering (src/score/fast/lower.rs)
    pub(crate) fn named(name: &str, args: usize) -> Option<AnswerFn> {
        use AnswerFn::*;
        let (f, n) = match name {
            "answered" => (Answered, 1),
            "value" => (Value, 1),
            "level" => (Level, 1),
            "yes" => (Yes, 1),
            "no" => (No, 1),
            "has" => (Has, 2),
            "count" => (Count, 1),
            "number" => (Number, 1),
            "na" => (Na, 1),
            "ratio" => (Ratio, 1),
            "weight" => (Weight, 1),
            "points" => (Points, 2),
            "items" => (Items, 1),
            "exists" => (Exists, 1),
            "item_points" => (ItemPoints, 1),
            "below_mature" => (BelowMature, 1),
            "gaps" => (Gaps, 2),
            "scene_cells" => (SceneCells, 1),
            _ => return None,
        };
        (n == args).then_some(f)
    }
}

/// A method of arrays, maps and function pointers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ValueFn {
    Len,
    IsEmpty,
    Keys,
    Values,
    Contains,
    /// `f.call(args…)` on a function pointer.
    Call,
}

impl ValueFn {
    /// Every method, in a fixed order (src/score/fast/image.rs numbers them by it).
    pub(crate) const ALL: [ValueFn; 6] = [ValueFn::Len, ValueFn::IsEmpty, ValueFn::Keys, ValueFn::Values, ValueFn::Contains, ValueFn::Call];

    #[cfg_attr(not(feature = "scripts"), allow(dead_code))] // used by the lowering (src/score/fast/lower.rs)
    pub(crate) fn named(name: &str, args: usize) -> Option<ValueFn> {
        use ValueFn::*;
        Some(match (name, args) {
            ("len", 0) => Len,
            ("is_empty", 0) => IsEmpty,
            ("keys", 0) => Keys,
            ("values", 0) => Values,
            ("contains", 1) => Contains,
            ("call", _) => Call,
            _ => return None,
        })
    }
}

/// One step of a chain after its root: `.name` or `[index]`.
#[derive(Debug)]
pub(crate) enum Step {
    Prop(ImmutableString),
    Index(Expr),
}

#[derive(Debug)]
pub(crate) enum Expr {
    Const(V),
    Local(u16),
    Array(Vec<Expr>),
    Map(Vec<(ImmutableString, Expr)>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Coalesce(Vec<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    /// A script function, by number.
    Call(u32, Vec<Expr>),
    /// `a.method(args…)`: the receiver is evaluated (it must turn out to be `a`).
    Answers(Box<Expr>, AnswerFn, Vec<Expr>),
    Method(Box<Expr>, ValueFn, Vec<Expr>),
    /// `x in m`: rhai's `contains(m, x)`.
    In(Box<Expr>, Box<Expr>),
    Prop(Box<Expr>, ImmutableString),
    Index(Box<Expr>, Box<Expr>),
    /// `place.push(x)`, writing into the variable.
    Push(Place, Box<Expr>),
    /// A statement block used as a value (its last statement's).
    Block(Vec<Stmt>),
}

/// A variable, or a part of one, that an assignment or `push` writes into.
#[derive(Debug)]
pub(crate) struct Place {
    pub slot: u16,
    pub path: Vec<Step>,
}

#[derive(Debug)]
pub(crate) enum Stmt {
    Expr(Expr),
    Let(u16, Expr),
    Assign(Place, Option<Op>, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `while cond { … }` (`None`: `loop`).
    While(Option<Expr>, Vec<Stmt>),
    /// `for x in iterable { … }`, with the optional counter's slot.
    For(u16, Option<u16>, Expr, Vec<Stmt>),
    Break,
    Continue,
    Return(Option<Expr>),
}

/// The pack's script functions: name and number of parameters → function number.
pub(crate) type FnIndex = std::collections::HashMap<(ImmutableString, usize), u32>;

/// A pack's script functions as lowered (`lower::all`), before they are linked to the rules
/// of a checklist (`Program::link`); what src/score/fast/image.rs writes and reads.
#[derive(Default)]
pub(crate) struct Lowered {
    /// Every script function's name, by function number.
    pub names: Vec<ImmutableString>,
    /// By function number: its number of parameters.
    pub params: Vec<usize>,
    /// By function number: its lowered body, `None` when it did not lower.
    pub funcs: Vec<Option<Func>>,
    /// By function number: it refers to its second parameter (a rule's `dims`) anywhere in
    /// its body (see `Lowered::uses_dims`).
    pub dims_param: Vec<bool>,
}

impl Lowered {
    /// Name and number of parameters → function number (the first of that signature).
    pub(crate) fn index(&self) -> FnIndex {
        let mut index = FnIndex::new();
        for (i, (name, &n)) in self.names.iter().zip(&self.params).enumerate() {
            index.entry((name.clone(), n)).or_insert(i as u32);
        }
        index
    }

    /// Per rule name: whether that rule (a function of two parameters) refers to `dims`; a rule
    /// that is not defined counts as referring to it.
    pub(crate) fn uses_dims<'n>(&self, rules: impl Iterator<Item = &'n str>) -> Vec<bool> {
        let index = self.index();
        rules.map(|name| index.get(&(ImmutableString::from(name), 2)).is_none_or(|&f| self.dims_param[f as usize])).collect()
    }
}

#[derive(Debug)]
pub(crate) struct Func {
    pub params: usize,
    /// Slots of the frame: the parameters, then every variable declared in the body.
    pub slots: usize,
    pub body: Vec<Stmt>,
    /// The functions it calls or points to (by number), to know which rules can run here.
    pub calls: Vec<u32>,
}

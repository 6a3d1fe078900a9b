//! Lowering rhai's AST into the fast evaluator's program (src/score/fast/ir.rs).
//!
//! Only the part of the language whose meaning is plain is lowered: variables, `let`, `if`,
//! `while`/`loop`, `for` over arrays, `break`/`continue`/`return`, literals, rhai's built-in
//! operators, calls of the pack's own functions and of closures that capture nothing, property and
//! index chains, `push`, a few array and map methods, and the methods of `a`. A function holding
//! anything else (`print`, `switch`, `try`, `this`, captured variables, other registered
//! functions…) is not lowered, and every rule that reaches it runs in rhai.

use super::ir::*;
use super::ops::Op;
use super::value::{shared, V};
use rhai::{ASTFlags, Expr as RExpr, FnCallExpr, ImmutableString, Stmt as RStmt};

pub(crate) struct Lower<'a> {
    fns: &'a FnIndex,
    /// Names of every function, for pointers (`Fn("name")`, closures) resolved at call time.
    names: &'a [ImmutableString],
    scope: Vec<ImmutableString>,
    slots: usize,
    calls: Vec<u32>,
}

/// Lower every script function of `ast`, numbered in the AST's order (that of a hash table, so
/// not the same in build.rs as in the library: src/score/fast/image.rs compares them in an order
/// of its own).
pub(crate) fn all(ast: &rhai::AST) -> Lowered {
    let defs: Vec<_> = ast.iter_fn_def().collect();
    let names: Vec<ImmutableString> = defs.iter().map(|d| d.name.clone()).collect();
    let params: Vec<usize> = defs.iter().map(|d| d.params.len()).collect();
    let mut l = Lowered { names, params, funcs: Vec::new(), dims_param: defs.iter().map(|d| refers_to_param(d, 1)).collect() };
    let index = l.index();
    l.funcs = defs.iter().map(|d| function(d, &index, &l.names)).collect();
    l
}

/// Function `def` has a parameter number `i` and refers to it anywhere in its body: a
/// variable of that name (the parameter, or one that shadows it — either way, counted — or one
/// a closure captures, passed where the closure is made).
fn refers_to_param(def: &rhai::Shared<rhai::ScriptFuncDef>, i: usize) -> bool {
    let Some(param) = def.params.get(i) else { return false };
    let mut found = false;
    function_ast(def).walk(&mut |nodes: &[rhai::ASTNode]| {
        if let Some(rhai::ASTNode::Expr(RExpr::Variable(x, ..))) = nodes.last() {
            found |= x.1.as_str() == param.as_str();
        }
        !found
    });
    found
}

/// Lower one function, or `None` when it holds what the fast evaluator does not run.
fn function(def: &rhai::Shared<rhai::ScriptFuncDef>, fns: &FnIndex, names: &[ImmutableString]) -> Option<Func> {
    if def.this_type.is_some() {
        return None;
    }
    let mut l = Lower { fns, names, scope: def.params.iter().cloned().collect(), slots: def.params.len(), calls: Vec::new() };
    // The body's statements, in order: rhai does not name the type that holds them, so they
    // are read as the top level of a walk over an AST of this one function.
    let mut body = Some(Vec::new());
    function_ast(def).walk(&mut |nodes: &[rhai::ASTNode]| {
        if let [rhai::ASTNode::Stmt(s)] = nodes {
            body = body.take().and_then(|mut b| {
                b.push(l.stmt(s)?);
                Some(b)
            });
        }
        body.is_some()
    });
    // The walk leaves the body's own scope open: its variables end with it.
    let body = body?;
    Some(Func { params: def.params.len(), slots: l.slots, body, calls: l.calls })
}

/// An AST holding only this function (rhai's `clone_functions_only_filtered` keeps every
/// function when it copies into an empty module, so it cannot pick one out).
pub(crate) fn function_ast(def: &rhai::Shared<rhai::ScriptFuncDef>) -> rhai::AST {
    let mut module = rhai::Module::new();
    module.set_script_fn(rhai::Shared::clone(def));
    rhai::AST::new_from_module(module)
}

enum Raw<'e> {
    Prop(&'e ImmutableString),
    Method(&'e FnCallExpr),
    Index(&'e RExpr),
}

impl Lower<'_> {
    fn declare(&mut self, name: &ImmutableString) -> Option<u16> {
        self.scope.push(name.clone());
        self.slots = self.slots.max(self.scope.len());
        u16::try_from(self.scope.len() - 1).ok()
    }

    fn local(&self, name: &str) -> Option<u16> {
        self.scope.iter().rposition(|n| n.as_str() == name).and_then(|i| u16::try_from(i).ok())
    }

    fn block(&mut self, stmts: &[RStmt]) -> Option<Vec<Stmt>> {
        let mark = self.scope.len();
        let out = stmts.iter().map(|s| self.stmt(s)).collect::<Option<Vec<_>>>();
        self.scope.truncate(mark);
        out
    }

    fn stmt(&mut self, s: &RStmt) -> Option<Stmt> {
        Some(match s {
            RStmt::Noop(_) => Stmt::Expr(Expr::Const(V::Unit)),
            RStmt::If(flow, _) => Stmt::If(self.expr(&flow.expr)?, self.block(flow.body.statements())?, self.block(flow.branch.statements())?),
            RStmt::While(flow, _) => {
                let cond = if matches!(flow.expr, RExpr::Unit(_)) { None } else { Some(self.expr(&flow.expr)?) };
                Stmt::While(cond, self.block(flow.body.statements())?)
            }
            RStmt::For(x, _) => {
                let (var, counter, flow) = &**x;
                let iter = self.expr(&flow.expr)?;
                let mark = self.scope.len();
                let v = self.declare(&var.name)?;
                let c = match counter {
                    Some(c) => Some(self.declare(&c.name)?),
                    None => None,
                };
                let body = self.block(flow.body.statements());
                self.scope.truncate(mark);
                Stmt::For(v, c, iter, body?)
            }
            RStmt::Var(x, flags, _) if !flags.contains(ASTFlags::EXPORTED) => {
                let value = self.expr(&x.1)?;
                Stmt::Let(self.declare(&x.0.name)?, value)
            }
            RStmt::Assignment(x) => {
                let (op, bin) = &**x;
                let op = match op.get_op_assignment_info() {
                    Some((_, _, _, _, op, _)) => Some(Op::from_token(op)?),
                    None => None,
                };
                let value = self.expr(&bin.rhs)?;
                Stmt::Assign(self.place(&bin.lhs)?, op, value)
            }
            RStmt::FnCall(f, _) => Stmt::Expr(self.call(f)?),
            RStmt::Block(b) => Stmt::Expr(Expr::Block(self.block(b.statements())?)),
            RStmt::Expr(e) => Stmt::Expr(self.expr(e)?),
            RStmt::BreakLoop(None, flags, _) => {
                if flags.contains(ASTFlags::BREAK) {
                    Stmt::Break
                } else {
                    Stmt::Continue
                }
            }
            RStmt::Return(value, flags, _) if !flags.contains(ASTFlags::BREAK) => Stmt::Return(match value {
                Some(v) => Some(self.expr(v)?),
                None => None,
            }),
            _ => return None,
        })
    }

    fn exprs(&mut self, es: &[RExpr]) -> Option<Vec<Expr>> {
        es.iter().map(|e| self.expr(e)).collect()
    }

    /// A call's arguments: an array or map literal of constants is one value, as rhai takes it
    /// (and counts it: one operation).
    fn args(&mut self, es: &[RExpr]) -> Option<Vec<Expr>> {
        es.iter()
            .map(|e| {
                Some(match self.expr(e)? {
                    Expr::Array(items) if items.iter().all(|x| matches!(x, Expr::Const(_))) => {
                        Expr::Const(V::Arr(std::rc::Rc::new(items.into_iter().map(|x| if let Expr::Const(v) = x { v } else { V::Unit }).collect())))
                    }
                    other => other,
                })
            })
            .collect()
    }

    fn expr(&mut self, e: &RExpr) -> Option<Expr> {
        Some(match e {
            RExpr::DynamicConstant(d, _) => Expr::Const(self.constant(d)?),
            RExpr::BoolConstant(b, _) => Expr::Const(V::Bool(*b)),
            RExpr::IntegerConstant(i, _) => Expr::Const(V::Int(*i)),
            RExpr::FloatConstant(f, _) => Expr::Const(V::Float(**f)),
            RExpr::StringConstant(s, _) => Expr::Const(V::Str(shared(s.as_str()))),
            RExpr::Unit(_) => Expr::Const(V::Unit),
            RExpr::Array(items, _) => Expr::Array(self.exprs(items)?),
            RExpr::Map(x, _) => {
                let (items, template) = &**x;
                let mut keys: Vec<(ImmutableString, Expr)> = Vec::new();
                for (k, v) in template {
                    keys.push((shared(k.as_str()), Expr::Const(self.constant(v)?)));
                }
                for (ident, value) in items {
                    let value = self.expr(value)?;
                    match keys.iter_mut().find(|(k, _)| k.as_str() == ident.name.as_str()) {
                        Some(slot) => slot.1 = value,
                        None => keys.push((shared(ident.name.as_str()), value)),
                    }
                }
                Expr::Map(keys)
            }
            RExpr::Variable(x, _, _) => Expr::Local(self.local(x.1.as_str())?),
            RExpr::Stmt(b) => Expr::Block(self.block(b.statements())?),
            RExpr::FnCall(f, _) => self.call(f)?,
            RExpr::Dot(..) | RExpr::Index(..) => self.chain(e)?,
            RExpr::And(x, _) => Expr::And(self.exprs(x)?),
            RExpr::Or(x, _) => Expr::Or(self.exprs(x)?),
            RExpr::Coalesce(x, _) => Expr::Coalesce(self.exprs(x)?),
            _ => return None,
        })
    }

    /// A constant of plain data (or a pointer to one of the pack's functions).
    fn constant(&mut self, d: &rhai::Dynamic) -> Option<V> {
        let used = std::cell::RefCell::new(Vec::new());
        let names = self.names;
        let v = V::from_dynamic(d, &|name: &str| {
            let i = names.iter().position(|n| n.as_str() == name)?;
            used.borrow_mut().push(name.to_owned());
            u32::try_from(i).ok()
        })?;
        for name in used.into_inner() {
            self.point_to(&name);
        }
        Some(v.with_shared_strings())
    }

    /// Every function of this name is reachable through a pointer.
    fn point_to(&mut self, name: &str) {
        let mut all: Vec<u32> = self.fns.iter().filter(|((n, _), _)| n.as_str() == name).map(|(_, &i)| i).collect();
        all.sort_unstable();
        self.calls.extend(all);
    }

    fn call(&mut self, f: &FnCallExpr) -> Option<Expr> {
        if f.capture_parent_scope {
            return None;
        }
        let n = f.args.len();
        if let Some(tok) = &f.op_token {
            use rhai::Token as T;
            return Some(match (tok, n) {
                (T::Bang, 1) => Expr::Not(Box::new(self.expr(&f.args[0])?)),
                (T::UnaryMinus | T::Minus, 1) => Expr::Neg(Box::new(self.expr(&f.args[0])?)),
                (_, 2) => {
                    let op = Op::from_token(tok)?;
                    Expr::Binary(op, Box::new(self.expr(&f.args[0])?), Box::new(self.expr(&f.args[1])?))
                }
                _ => return None,
            });
        }
        if let Some(&i) = self.fns.get(&(f.name.clone(), n)) {
            self.calls.push(i);
            return Some(Expr::Call(i, self.args(&f.args)?));
        }
        match (f.name.as_str(), n) {
            ("contains", 2) => Some(Expr::In(Box::new(self.expr(&f.args[0])?), Box::new(self.expr(&f.args[1])?))),
            ("Fn", 1) => match &f.args[0] {
                RExpr::StringConstant(s, _) => {
                    let i = self.names.iter().position(|x| x == s)?;
                    self.point_to(s);
                    Some(Expr::Const(V::Fn(u32::try_from(i).ok()?)))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// A property/index/method chain as a value.
    fn chain(&mut self, e: &RExpr) -> Option<Expr> {
        let (root, steps) = flatten(e)?;
        let last = steps.len() - 1;
        if let Raw::Method(f) = steps[last] {
            if f.name.as_str() == "push" && f.args.len() == 1 && !self.is_script_method(f) {
                let place = self.place_of(root, &steps[..last])?;
                return Some(Expr::Push(place, Box::new(self.expr(&f.args[0])?)));
            }
        }
        let mut out = self.expr(root)?;
        for step in steps {
            out = match step {
                Raw::Prop(p) => Expr::Prop(Box::new(out), shared(p.as_str())),
                Raw::Index(i) => Expr::Index(Box::new(out), Box::new(self.expr(i)?)),
                Raw::Method(f) => {
                    if self.is_script_method(f) || f.capture_parent_scope {
                        return None;
                    }
                    let n = f.args.len();
                    if let Some(af) = AnswerFn::named(&f.name, n) {
                        Expr::Answers(Box::new(out), af, self.args(&f.args)?)
                    } else if let Some(vf) = ValueFn::named(&f.name, n) {
                        Expr::Method(Box::new(out), vf, self.args(&f.args)?)
                    } else {
                        return None;
                    }
                }
            };
        }
        Some(out)
    }

    /// `x.f(…)` where the pack defines `f` with one more parameter: rhai would call that.
    fn is_script_method(&self, f: &FnCallExpr) -> bool {
        self.fns.contains_key(&(f.name.clone(), f.args.len() + 1))
    }

    /// The left side of an assignment.
    fn place(&mut self, e: &RExpr) -> Option<Place> {
        match e {
            RExpr::Variable(x, _, _) => Some(Place { slot: self.local(x.1.as_str())?, path: Vec::new() }),
            RExpr::Dot(..) | RExpr::Index(..) => {
                let (root, steps) = flatten(e)?;
                self.place_of(root, &steps)
            }
            _ => None,
        }
    }

    fn place_of(&mut self, root: &RExpr, steps: &[Raw]) -> Option<Place> {
        let RExpr::Variable(x, _, _) = root else { return None };
        let slot = self.local(x.1.as_str())?;
        let mut path = Vec::new();
        for s in steps {
            path.push(match s {
                Raw::Prop(p) => Step::Prop(shared(p.as_str())),
                Raw::Index(i) => Step::Index(self.expr(i)?),
                Raw::Method(_) => return None,
            });
        }
        Some(Place { slot, path })
    }
}

/// A chain `root.a[b].c(…)` as its root and its steps, from rhai's right-nested form: a `Dot`'s
/// right side is the last step or a further `Dot`/`Index` whose left side is the next step; an
/// `Index` marked `BREAK` holds the last index, otherwise a further `Dot`/`Index` whose left
/// side is the index.
fn flatten(e: &RExpr) -> Option<(&RExpr, Vec<Raw<'_>>)> {
    let mut steps = Vec::new();
    let root = match e {
        RExpr::Dot(bin, _, _) => {
            rest_dot(&bin.rhs, &mut steps)?;
            &bin.lhs
        }
        RExpr::Index(bin, flags, _) => {
            rest_index(&bin.rhs, *flags, &mut steps)?;
            &bin.lhs
        }
        _ => return None,
    };
    (!steps.is_empty()).then_some((root, steps))
}

fn dot_step(e: &RExpr) -> Option<Raw<'_>> {
    match e {
        RExpr::Property(p, _) => Some(Raw::Prop(&p.2)),
        RExpr::MethodCall(f, _) => Some(Raw::Method(f)),
        _ => None,
    }
}

fn rest_dot<'e>(rhs: &'e RExpr, steps: &mut Vec<Raw<'e>>) -> Option<()> {
    match rhs {
        RExpr::Dot(bin, _, _) => {
            steps.push(dot_step(&bin.lhs)?);
            rest_dot(&bin.rhs, steps)
        }
        RExpr::Index(bin, flags, _) => {
            steps.push(dot_step(&bin.lhs)?);
            rest_index(&bin.rhs, *flags, steps)
        }
        other => {
            steps.push(dot_step(other)?);
            Some(())
        }
    }
}

fn rest_index<'e>(rhs: &'e RExpr, flags: ASTFlags, steps: &mut Vec<Raw<'e>>) -> Option<()> {
    if flags.contains(ASTFlags::BREAK) {
        steps.push(Raw::Index(rhs));
        return Some(());
    }
    match rhs {
        RExpr::Dot(bin, _, _) => {
            steps.push(Raw::Index(&bin.lhs));
            rest_dot(&bin.rhs, steps)
        }
        RExpr::Index(bin, f2, _) => {
            steps.push(Raw::Index(&bin.lhs));
            rest_index(&bin.rhs, *f2, steps)
        }
        _ => None,
    }
}

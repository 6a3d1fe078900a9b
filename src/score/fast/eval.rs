//! Running a lowered rule. Every expression and statement counts one operation against the
//! call's shared budget (as rhai counts them), and the clock and memory are checked as rhai's
//! progress hook checks them. Anything out of the ordinary — an error, a limit, a value or an
//! operation this evaluator does not handle — stops it with [`Stop::Back`], and the rule runs
//! again in rhai, whose result or error is the one that counts.

use super::ir::*;
use super::ops::{self, Op};
use super::value::{Map, V};
use super::Program;
use crate::engine::{Budget, Limits};
use crate::script_api::{self as api, ScriptAnswers};
use rhai::ImmutableString;
use std::rc::Rc;

pub(crate) enum Stop {
    /// Hand the call to rhai.
    Back,
    Return(V),
    Break,
    Continue,
}

type R<T> = Result<T, Stop>;

pub(crate) struct Cx<'p, 'a> {
    pub prog: &'p Program,
    pub a: &'a mut ScriptAnswers,
    pub budget: &'p Budget,
    pub limits: &'p Limits,
    pub depth: usize,
}

fn back<T>() -> R<T> {
    Err(Stop::Back)
}

fn str_arg(v: &V) -> R<&str> {
    match v {
        V::Str(s) => Ok(s.as_str()),
        _ => back(),
    }
}

/// A script API error: rhai will raise it with its own message.
fn or_back<T, E>(r: Result<T, E>) -> R<T> {
    r.map_err(|_| Stop::Back)
}

impl Cx<'_, '_> {
    fn tick(&self) -> R<()> {
        match self.budget.tick() {
            None => Ok(()),
            Some(_) => back(),
        }
    }

    pub(crate) fn call(&mut self, f: u32, mut args: Vec<V>) -> R<V> {
        // rhai refuses a call nested deeper than the limit; at the limit, let rhai say so.
        if self.depth + 1 >= self.limits.max_call_levels {
            return back();
        }
        let prog = self.prog;
        let Some(func) = prog.funcs.get(f as usize).and_then(Option::as_ref) else { return back() };
        if args.len() != func.params {
            return back();
        }
        self.tick()?;
        args.resize(func.slots, V::Unit);
        self.depth += 1;
        let r = self.block(&func.body, &mut args);
        self.depth -= 1;
        match r {
            Ok(v) | Err(Stop::Return(v)) => Ok(v),
            Err(Stop::Back) => back(),
            Err(Stop::Break | Stop::Continue) => back(),
        }
    }

    fn block(&mut self, stmts: &[Stmt], f: &mut Vec<V>) -> R<V> {
        let mut last = V::Unit;
        for s in stmts {
            last = self.stmt(s, f)?;
        }
        Ok(last)
    }

    fn cond(&mut self, e: &Expr, f: &mut Vec<V>) -> R<bool> {
        match self.eval(e, f)? {
            V::Bool(b) => Ok(b),
            _ => back(),
        }
    }

    /// `n` operations.
    fn ticks(&self, n: usize) -> R<()> {
        for _ in 0..n {
            self.tick()?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt, f: &mut Vec<V>) -> R<V> {
        self.tick()?;
        match s {
            Stmt::Expr(e) => self.eval(e, f),
            Stmt::Let(slot, e) => {
                let v = self.eval(e, f)?;
                f[*slot as usize] = v;
                Ok(V::Unit)
            }
            Stmt::Assign(place, op, e) => self.assign(place, *op, e, f),
            Stmt::If(c, then, other) => {
                if self.cond(c, f)? {
                    self.block(then, f)
                } else {
                    self.block(other, f)
                }
            }
            Stmt::While(c, body) => {
                loop {
                    // rhai counts an iteration's condition and body, or the iteration itself
                    // when there is neither.
                    if c.is_none() && body.is_empty() {
                        self.tick()?;
                    }
                    if let Some(c) = c {
                        if !self.cond(c, f)? {
                            break;
                        }
                    }
                    if !self.iteration(body, f)? {
                        break;
                    }
                }
                Ok(V::Unit)
            }
            Stmt::For(var, counter, iter, body) => {
                let V::Arr(items) = self.eval(iter, f)? else { return back() };
                for (i, x) in items.iter().enumerate() {
                    if body.is_empty() {
                        self.tick()?;
                    }
                    f[*var as usize] = x.clone();
                    if let Some(c) = counter {
                        f[*c as usize] = V::Int(i as i64);
                    }
                    if !self.iteration(body, f)? {
                        break;
                    }
                }
                Ok(V::Unit)
            }
            Stmt::Break => Err(Stop::Break),
            Stmt::Continue => Err(Stop::Continue),
            Stmt::Return(e) => Err(Stop::Return(match e {
                Some(e) => self.eval(e, f)?,
                None => V::Unit,
            })),
        }
    }

    /// One pass of a loop's body: `false` when it broke out of the loop.
    fn iteration(&mut self, body: &[Stmt], f: &mut Vec<V>) -> R<bool> {
        match self.block(body, f) {
            Ok(_) | Err(Stop::Continue) => Ok(true),
            Err(Stop::Break) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `place = e`, or `place op= e`.
    fn assign(&mut self, place: &Place, op: Option<Op>, e: &Expr, f: &mut Vec<V>) -> R<V> {
        let v = self.eval(e, f)?;
        // rhai counts the left side too, and the properties on its way.
        let props = place.path.iter().filter(|s| matches!(s, Step::Prop(_))).count();
        let indexes = place.path.iter().filter(|s| matches!(s, Step::Index(e) if !matches!(e, Expr::Const(_)))).count();
        self.ticks(1 + props + 2 * indexes + if op.is_some() && !place.path.is_empty() { 2 } else { 0 })?;
        let keys = self.keys(place, f)?;
        let target = target(&mut f[place.slot as usize], &keys, self.limits.max_map_size)?;
        let v = match op {
            Some(op) => ops::binary(op, target, &v, self.limits.max_string_size).ok_or(Stop::Back)?,
            None => v,
        };
        *target = v;
        Ok(V::Unit)
    }

    /// The index values of a place's path, evaluated before it is written.
    fn keys(&mut self, place: &Place, f: &mut Vec<V>) -> R<Vec<Key>> {
        place
            .path
            .iter()
            .map(|s| match s {
                Step::Prop(p) => Ok(Key::Prop(p.clone())),
                Step::Index(e) => Ok(Key::Index(self.eval(e, f)?)),
            })
            .collect()
    }

    fn evals(&mut self, es: &[Expr], f: &mut Vec<V>) -> R<Vec<V>> {
        es.iter().map(|x| self.eval(x, f)).collect()
    }

    fn eval(&mut self, e: &Expr, f: &mut Vec<V>) -> R<V> {
        self.tick()?;
        Ok(match e {
            Expr::Const(v) => v.clone(),
            Expr::Local(s) => f[*s as usize].clone(),
            Expr::Array(items) => {
                let out = self.evals(items, f)?;
                if over(out.len(), self.limits.max_array_size) {
                    return back();
                }
                V::Arr(Rc::new(out))
            }
            Expr::Map(items) => self.map_literal(items, f)?,
            Expr::And(xs) => self.until(xs, false, f)?,
            Expr::Or(xs) => self.until(xs, true, f)?,
            Expr::Coalesce(xs) => {
                let mut v = V::Unit;
                for x in xs {
                    v = self.eval(x, f)?;
                    if !matches!(v, V::Unit) {
                        break;
                    }
                }
                v
            }
            Expr::Binary(op, x, y) => {
                let (x, y) = (self.eval(x, f)?, self.eval(y, f)?);
                ops::binary(*op, &x, &y, self.limits.max_string_size).ok_or(Stop::Back)?
            }
            Expr::Not(x) => match self.eval(x, f)? {
                V::Bool(b) => V::Bool(!b),
                _ => return back(),
            },
            Expr::Neg(x) => ops::negate(&self.eval(x, f)?).ok_or(Stop::Back)?,
            Expr::Call(i, args) => {
                // The callee's frame, made once at its full size.
                let slots = self.prog.funcs.get(*i as usize).and_then(Option::as_ref).map_or(0, |g| g.slots);
                let mut frame = Vec::with_capacity(slots.max(args.len()));
                for x in args {
                    frame.push(self.eval(x, f)?);
                }
                self.call(*i, frame)?
            }
            Expr::Answers(recv, m, args) => {
                // rhai counts the chain and the call besides the receiver and the arguments.
                self.ticks(2)?;
                if !matches!(self.eval(recv, f)?, V::Answers) {
                    return back();
                }
                // At most two arguments (an item id, an option or a list): no vector for them.
                let mut given = [V::Unit, V::Unit];
                if args.len() > given.len() {
                    return back();
                }
                for (slot, x) in given.iter_mut().zip(args) {
                    *slot = self.eval(x, f)?;
                }
                let v = self.answers(*m, &given[..args.len()])?;
                self.sized(v)?
            }
            Expr::Method(recv, m, args) => {
                self.tick()?; // the call
                let recv = self.eval(recv, f)?;
                let args = self.evals(args, f)?;
                let v = self.method(recv, *m, args)?;
                self.sized(v)?
            }
            Expr::In(container, needle) => {
                self.tick()?; // the call
                let (c, n) = (self.eval(container, f)?, self.eval(needle, f)?);
                contains(&c, &n)?
            }
            Expr::Prop(obj, name) => self.prop(obj, name, f)?,
            Expr::Index(obj, idx) => self.index(obj, idx, f)?,
            Expr::Push(place, x) => self.push(place, x, f)?,
            Expr::Block(stmts) => self.block(stmts, f)?,
        })
    }

    /// `&&` (`stop` false) or `||` (`stop` true): the conditions in turn until one is `stop`.
    fn until(&mut self, xs: &[Expr], stop: bool, f: &mut Vec<V>) -> R<V> {
        for x in xs {
            if self.cond(x, f)? == stop {
                return Ok(V::Bool(stop));
            }
        }
        Ok(V::Bool(!stop))
    }

    fn map_literal(&mut self, items: &[(ImmutableString, Expr)], f: &mut Vec<V>) -> R<V> {
        let mut m = Map::with_capacity(items.len());
        for (k, x) in items {
            let v = self.eval(x, f)?;
            m.insert(k.clone(), v);
        }
        if over(m.len(), self.limits.max_map_size) {
            return back();
        }
        Ok(V::map(m))
    }

    /// `obj.name`: a map's property, or `a.set`.
    fn prop(&mut self, obj: &Expr, name: &ImmutableString, f: &mut Vec<V>) -> R<V> {
        // rhai counts each step of a chain two or three times.
        self.ticks(if matches!(obj, Expr::Prop(..) | Expr::Index(..)) { 2 } else { 1 })?;
        match self.eval(obj, f)? {
            V::Map(m) => m.get_key(name).cloned().ok_or(Stop::Back),
            V::Answers if name.as_str() == "set" => Ok(V::Str(self.a.set.clone())),
            _ => back(),
        }
    }

    /// `obj[idx]`: a map's key or an array's element.
    fn index(&mut self, obj: &Expr, idx: &Expr, f: &mut Vec<V>) -> R<V> {
        // rhai counts an index that is not a literal twice more.
        if !matches!(idx, Expr::Const(_)) {
            self.ticks(2)?;
        }
        let (o, i) = (self.eval(obj, f)?, self.eval(idx, f)?);
        match (&o, &i) {
            (V::Map(m), V::Str(k)) => m.get_key(k).cloned().ok_or(Stop::Back),
            (V::Arr(a), V::Int(i)) => Ok(a[array_index(a.len(), *i)?].clone()),
            _ => back(),
        }
    }

    /// `place.push(x)`, into the variable.
    fn push(&mut self, place: &Place, x: &Expr, f: &mut Vec<V>) -> R<V> {
        // rhai counts the chain's root, each step and the call.
        self.ticks(3 + 2 * place.path.len())?;
        let v = self.eval(x, f)?;
        let keys = self.keys(place, f)?;
        let V::Arr(a) = target(&mut f[place.slot as usize], &keys, self.limits.max_map_size)? else { return back() };
        let a = Rc::make_mut(a);
        a.push(v);
        if over(a.len(), self.limits.max_array_size) {
            return back();
        }
        Ok(V::Unit)
    }

    /// What a registered function returned, within the size limits (rhai checks them there).
    fn sized(&self, v: V) -> R<V> {
        let size = match &v {
            V::Arr(a) => (a.len(), self.limits.max_array_size),
            V::Map(m) => (m.len(), self.limits.max_map_size),
            _ => (0, 0),
        };
        if over(size.0, size.1) {
            return back();
        }
        Ok(v)
    }

    fn method(&mut self, recv: V, m: ValueFn, args: Vec<V>) -> R<V> {
        Ok(match (m, &recv) {
            (ValueFn::Len, V::Arr(a)) => V::Int(a.len() as i64),
            (ValueFn::Len, V::Map(m)) => V::Int(m.len() as i64),
            (ValueFn::IsEmpty, V::Arr(a)) => V::Bool(a.is_empty()),
            (ValueFn::IsEmpty, V::Map(m)) => V::Bool(m.is_empty()),
            (ValueFn::Keys, V::Map(m)) => V::Arr(Rc::new(m.keys().map(|k| V::Str(k.clone())).collect())),
            (ValueFn::Values, V::Map(m)) => V::Arr(Rc::new(m.values().cloned().collect())),
            (ValueFn::Contains, _) => contains(&recv, &args[0])?,
            (ValueFn::Call, V::Fn(name)) => {
                let prog = self.prog;
                let name = prog.names.get(*name as usize).ok_or(Stop::Back)?;
                let &i = prog.index.get(&(name.clone(), args.len())).ok_or(Stop::Back)?;
                self.call(i, args)?
            }
            _ => return back(),
        })
    }

    fn answers(&mut self, m: AnswerFn, args: &[V]) -> R<V> {
        let a = &mut *self.a;
        let id = str_arg(&args[0])?;
        Ok(match m {
            AnswerFn::Answered => V::Bool(or_back(api::answered(a, id))?),
            AnswerFn::Value => or_back(api::value(a, id))?.try_into_v()?,
            AnswerFn::Level => V::Int(or_back(api::level(a, id))?),
            AnswerFn::Yes => V::Bool(or_back(api::yes(a, id))?),
            AnswerFn::No => V::Bool(or_back(api::no(a, id))?),
            AnswerFn::Has => V::Bool(or_back(api::has(a, id, str_arg(&args[1])?))?),
            AnswerFn::Count => V::Int(or_back(api::count(a, id))?),
            AnswerFn::Number => V::Float(or_back(api::number(a, id))?),
            AnswerFn::Na => V::Bool(or_back(api::na(a, id))?),
            AnswerFn::Ratio => V::Float(or_back(api::item_ratio(a, id))?),
            AnswerFn::Weight => V::Float(or_back(api::weight(a, id))?),
            AnswerFn::Points => V::Float(or_back(api::option_points(a, id, str_arg(&args[1])?))?),
            AnswerFn::Items => or_back(api::items(a, id))?.try_into_v()?,
            AnswerFn::Exists => V::Bool(api::exists(a, id)),
            AnswerFn::ItemPoints => {
                let (score, max) = or_back(api::points_of(a, id))?;
                let mut m = Map::with_capacity(2);
                m.insert(word("max"), V::Float(max));
                m.insert(word("score"), V::Float(score));
                V::map(m)
            }
            AnswerFn::BelowMature => {
                let list = or_back(a.below_mature(id))?;
                let ids = &self.prog.item_ids;
                V::Arr(Rc::new(list.into_iter().map(|(pos, r)| pair("item", V::Str(ids[pos].clone()), "ratio", V::Float(r))).collect()))
            }
            AnswerFn::Gaps => {
                // rhai's `gaps` takes an array (its non-strings are ignored).
                let V::Arr(keys) = &args[1] else { return back() };
                let keys: Vec<&str> = keys.iter().filter_map(|k| if let V::Str(s) = k { Some(s.as_str()) } else { None }).collect();
                let list = or_back(api::gap_list(a, id, &keys))?;
                let ids = &self.prog.item_ids;
                V::Arr(Rc::new(list.into_iter().map(|(pos, sev)| pair("item", V::Str(ids[pos].clone()), "severity", V::Str(word(sev)))).collect()))
            }
            AnswerFn::SceneCells => {
                let list = or_back(api::scene_list(a, id))?;
                let scenes = &self.prog.scene_ids;
                if list.len() != scenes.len() {
                    return back();
                }
                V::map(list.into_iter().zip(scenes).map(|((_, cell), scene)| (scene.clone(), V::Str(word(cell)))).collect())
            }
        })
    }
}

fn pair(k1: &'static str, v1: V, k2: &'static str, v2: V) -> V {
    let mut m = Map::with_capacity(2);
    m.insert(word(k1), v1);
    m.insert(word(k2), v2);
    V::map(m)
}

thread_local! {
    static WORDS: std::cell::RefCell<Vec<(&'static str, ImmutableString)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A word the answer helpers put in maps (a key, a severity, a cell), as [`super::value::shared`]
/// has it; remembered here by the word's own address, which is cheaper than hashing its text.
fn word(w: &'static str) -> ImmutableString {
    WORDS.with(|words| {
        let mut words = words.borrow_mut();
        // By address (each literal of the program's is one entry: there are a few dozen),
        // then by text.
        if let Some((_, s)) = words.iter().find(|(x, _)| std::ptr::eq(*x, w)) {
            return s.clone();
        }
        let s = match words.iter().find(|(x, _)| *x == w) {
            Some((_, s)) => s.clone(),
            None => super::value::shared(w),
        };
        words.push((w, s.clone()));
        s
    })
}

trait IntoV {
    fn try_into_v(self) -> R<V>;
}

impl IntoV for rhai::Dynamic {
    fn try_into_v(self) -> R<V> {
        V::from_dynamic(&self, &|_| None).ok_or(Stop::Back)
    }
}

impl IntoV for rhai::Array {
    fn try_into_v(self) -> R<V> {
        rhai::Dynamic::from_array(self).try_into_v()
    }
}

fn over(n: usize, max: usize) -> bool {
    max > 0 && n > max
}

/// rhai's array index: from the end when negative; out of bounds is an error.
fn array_index(len: usize, i: i64) -> R<usize> {
    let len = i64::try_from(len).map_err(|_| Stop::Back)?;
    let i = if i < 0 { len + i } else { i };
    if (0..len).contains(&i) {
        Ok(i as usize)
    } else {
        back()
    }
}

/// `needle in container`: a map's key, or an array element equal to it.
fn contains(container: &V, needle: &V) -> R<V> {
    match (container, needle) {
        (V::Map(m), V::Str(k)) => Ok(V::Bool(m.contains_key(k))),
        (V::Arr(a), n) => {
            for x in a.iter() {
                match ops::binary(Op::Eq, x, n, 0) {
                    Some(V::Bool(true)) => return Ok(V::Bool(true)),
                    Some(V::Bool(false)) => {}
                    _ => return back(),
                }
            }
            Ok(V::Bool(false))
        }
        _ => back(),
    }
}

/// An evaluated step of a place's path.
pub(crate) enum Key {
    Prop(ImmutableString),
    Index(V),
}

/// The value a place names, for writing: a property or map key that is missing is added (as
/// rhai does on assignment), an array index must exist.
fn target<'v>(root: &'v mut V, keys: &[Key], max_map: usize) -> R<&'v mut V> {
    let mut cur = root;
    for k in keys {
        cur = match (cur, k) {
            (V::Map(m), Key::Prop(p) | Key::Index(V::Str(p))) => {
                let m = Rc::make_mut(m);
                if !m.contains_key(p) {
                    m.insert(p.clone(), V::Unit);
                    if over(m.len(), max_map) {
                        return back();
                    }
                }
                m.get_key_mut(p).ok_or(Stop::Back)?
            }
            (V::Arr(a), Key::Index(V::Int(i))) => {
                let a = Rc::make_mut(a);
                let i = array_index(a.len(), *i)?;
                &mut a[i]
            }
            _ => return back(),
        };
    }
    Ok(cur)
}

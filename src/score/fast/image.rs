//! A lowered program as bytes: build.rs lowers the default pack's scripts and writes them in this
//! form, and the assessment page's engine (built without the `scripts` feature, so without rhai's
//! parser and interpreter) reads them back at start-up instead of compiling the scripts.
//!
//! The bytes come from our own build, never from a user; still, reading checks every tag, count
//! and function number and gives `None` on anything it does not expect, and `Pack::compile` then
//! refuses the pack with a message.
//!
//! Layout: the pack hash the program was lowered for; then per function its name, whether it
//! refers to its second parameter (`dims`), and its lowered body or a marker that it did not
//! lower. Numbers are LEB128; strings their length, then UTF-8.
// Each half serves one build: writing, build.rs (and the tests); reading, the page's engine
// (and the tests).
#![allow(dead_code)]

use super::ir::*;
use super::ops::Op;
use super::value::{shared, V};
use rhai::ImmutableString;
use std::rc::Rc;

/// Bump when the layout or any enum's order changes: an image of another version is refused.
const VERSION: u32 = 1;

struct W(Vec<u8>);

impl W {
    fn n(&mut self, mut x: u64) {
        loop {
            let b = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }

    fn s(&mut self, s: &str) {
        self.n(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn tag(&mut self, t: u8) {
        self.0.push(t);
    }

    fn v(&mut self, v: &V) {
        match v {
            V::Unit => self.tag(0),
            V::Bool(b) => self.tag(if *b { 2 } else { 1 }),
            V::Int(i) => {
                self.tag(3);
                self.0.extend_from_slice(&i.to_le_bytes());
            }
            V::Float(f) => {
                self.tag(4);
                self.0.extend_from_slice(&f.to_le_bytes());
            }
            V::Str(s) => {
                self.tag(5);
                self.s(s);
            }
            V::Arr(a) => {
                self.tag(6);
                self.n(a.len() as u64);
                a.iter().for_each(|x| self.v(x));
            }
            V::Map(m) => {
                self.tag(7);
                self.n(m.len() as u64);
                for (k, x) in m.iter() {
                    self.s(k);
                    self.v(x);
                }
            }
            V::Answers => self.tag(8),
            V::Fn(f) => {
                self.tag(9);
                self.n(u64::from(*f));
            }
        }
    }

    fn exprs(&mut self, es: &[Expr]) {
        self.n(es.len() as u64);
        es.iter().for_each(|e| self.expr(e));
    }

    fn expr(&mut self, e: &Expr) {
        self.tag(expr_tag(e));
        match e {
            Expr::Const(v) => self.v(v),
            Expr::Local(s) => self.n(u64::from(*s)),
            Expr::Array(xs) | Expr::And(xs) | Expr::Or(xs) | Expr::Coalesce(xs) => self.exprs(xs),
            Expr::Map(kv) => {
                self.n(kv.len() as u64);
                for (k, x) in kv {
                    self.s(k);
                    self.expr(x);
                }
            }
            Expr::Binary(op, x, y) => {
                self.tag(index_of(&Op::ALL, op));
                self.expr(x);
                self.expr(y);
            }
            Expr::Not(x) | Expr::Neg(x) => self.expr(x),
            Expr::Call(f, args) => {
                self.n(u64::from(*f));
                self.exprs(args);
            }
            Expr::Answers(r, f, args) => {
                self.expr(r);
                self.tag(index_of(&AnswerFn::ALL, f));
                self.exprs(args);
            }
            Expr::Method(r, f, args) => {
                self.expr(r);
                self.tag(index_of(&ValueFn::ALL, f));
                self.exprs(args);
            }
            Expr::In(x, y) | Expr::Index(x, y) => {
                self.expr(x);
                self.expr(y);
            }
            Expr::Prop(x, p) => {
                self.expr(x);
                self.s(p);
            }
            Expr::Push(p, x) => {
                self.place(p);
                self.expr(x);
            }
            Expr::Block(b) => self.block(b),
        }
    }

    fn place(&mut self, p: &Place) {
        self.n(u64::from(p.slot));
        self.n(p.path.len() as u64);
        for step in &p.path {
            match step {
                Step::Prop(name) => {
                    self.tag(0);
                    self.s(name);
                }
                Step::Index(e) => {
                    self.tag(1);
                    self.expr(e);
                }
            }
        }
    }

    fn block(&mut self, b: &[Stmt]) {
        self.n(b.len() as u64);
        b.iter().for_each(|s| self.stmt(s));
    }

    fn opt_slot(&mut self, s: Option<u16>) {
        self.n(s.map_or(0, |s| u64::from(s) + 1));
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Expr(e) => {
                self.tag(0);
                self.expr(e);
            }
            Stmt::Let(slot, e) => {
                self.tag(1);
                self.n(u64::from(*slot));
                self.expr(e);
            }
            Stmt::Assign(p, op, e) => {
                self.tag(2);
                self.place(p);
                self.tag(op.as_ref().map_or(0, |op| index_of(&Op::ALL, op) + 1));
                self.expr(e);
            }
            Stmt::If(c, yes, no) => {
                self.tag(3);
                self.expr(c);
                self.block(yes);
                self.block(no);
            }
            Stmt::While(c, body) => {
                self.tag(4);
                match c {
                    Some(c) => {
                        self.tag(1);
                        self.expr(c);
                    }
                    None => self.tag(0),
                }
                self.block(body);
            }
            Stmt::For(v, c, iter, body) => {
                self.tag(5);
                self.n(u64::from(*v));
                self.opt_slot(*c);
                self.expr(iter);
                self.block(body);
            }
            Stmt::Break => self.tag(6),
            Stmt::Continue => self.tag(7),
            Stmt::Return(e) => match e {
                Some(e) => {
                    self.tag(9);
                    self.expr(e);
                }
                None => self.tag(8),
            },
        }
    }
}

/// The tag of each kind of expression, as `R::expr` reads it.
fn expr_tag(e: &Expr) -> u8 {
    match e {
        Expr::Const(_) => 0,
        Expr::Local(_) => 1,
        Expr::Array(_) => 2,
        Expr::Map(_) => 3,
        Expr::And(_) => 4,
        Expr::Or(_) => 5,
        Expr::Coalesce(_) => 6,
        Expr::Binary(..) => 7,
        Expr::Not(_) => 8,
        Expr::Neg(_) => 9,
        Expr::Call(..) => 10,
        Expr::Answers(..) => 11,
        Expr::Method(..) => 12,
        Expr::In(..) => 13,
        Expr::Prop(..) => 14,
        Expr::Index(..) => 15,
        Expr::Push(..) => 16,
        Expr::Block(_) => 17,
    }
}

fn index_of<T: PartialEq>(all: &[T], x: &T) -> u8 {
    all.iter().position(|y| y == x).expect("every variant is listed in ALL") as u8
}

/// The image of `lowered`, for the pack whose content hash is `hash`.
pub(crate) fn encode(lowered: &Lowered, hash: &str) -> Vec<u8> {
    let mut w = W(Vec::new());
    w.n(u64::from(VERSION));
    w.s(hash);
    w.n(lowered.names.len() as u64);
    for (i, name) in lowered.names.iter().enumerate() {
        w.s(name);
        w.n(lowered.params[i] as u64);
        w.tag(u8::from(lowered.dims_param[i]));
        match &lowered.funcs[i] {
            None => w.tag(0),
            Some(f) => {
                w.tag(1);
                w.n(f.params as u64);
                w.n(f.slots as u64);
                w.block(&f.body);
                w.n(f.calls.len() as u64);
                f.calls.iter().for_each(|c| w.n(u64::from(*c)));
            }
        }
    }
    w.0
}

struct R<'b> {
    b: &'b [u8],
    at: usize,
    /// Functions in the image: every function number read must be below it.
    funcs: u64,
    /// Nesting, bounded (an image is our own, but reading it must not overflow the stack).
    depth: u32,
    /// The highest variable slot the function being read uses (each must be inside its frame).
    top_slot: usize,
}

const MAX_DEPTH: u32 = 512;

impl R<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.b.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn n(&mut self) -> Option<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(x);
            }
        }
        None
    }

    fn len(&mut self) -> Option<usize> {
        // No count can exceed the bytes left: a bad one fails here, not in an allocation.
        usize::try_from(self.n()?).ok().filter(|&n| n <= self.b.len() - self.at)
    }

    fn slot(&mut self) -> Option<u16> {
        let s = u16::try_from(self.n()?).ok()?;
        self.top_slot = self.top_slot.max(usize::from(s) + 1);
        Some(s)
    }

    fn func(&mut self) -> Option<u32> {
        let f = self.n()?;
        (f < self.funcs).then_some(f as u32)
    }

    fn s(&mut self) -> Option<&str> {
        let n = self.len()?;
        let s = std::str::from_utf8(self.b.get(self.at..self.at + n)?).ok()?;
        self.at += n;
        Some(s)
    }

    fn word(&mut self) -> Option<ImmutableString> {
        self.s().map(shared)
    }

    fn bytes8(&mut self) -> Option<[u8; 8]> {
        let b = self.b.get(self.at..self.at + 8)?.try_into().ok()?;
        self.at += 8;
        Some(b)
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.depth += 1;
        let out = if self.depth > MAX_DEPTH { None } else { f(self) };
        self.depth -= 1;
        out
    }

    fn v(&mut self) -> Option<V> {
        self.nested(|r| {
            Some(match r.byte()? {
                0 => V::Unit,
                1 => V::Bool(false),
                2 => V::Bool(true),
                3 => V::Int(i64::from_le_bytes(r.bytes8()?)),
                4 => V::Float(f64::from_le_bytes(r.bytes8()?)),
                5 => V::Str(r.word()?),
                6 => {
                    let n = r.len()?;
                    V::Arr(Rc::new((0..n).map(|_| r.v()).collect::<Option<_>>()?))
                }
                7 => {
                    let n = r.len()?;
                    let mut m = super::value::Map::with_capacity(n);
                    for _ in 0..n {
                        let k = r.word()?;
                        m.insert(k, r.v()?);
                    }
                    V::map(m)
                }
                8 => V::Answers,
                9 => V::Fn(r.func()?),
                _ => return None,
            })
        })
    }

    fn exprs(&mut self) -> Option<Vec<Expr>> {
        let n = self.len()?;
        (0..n).map(|_| self.expr()).collect()
    }

    fn boxed(&mut self) -> Option<Box<Expr>> {
        self.expr().map(Box::new)
    }

    fn pick<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(usize::from(self.byte()?)).copied()
    }

    fn expr(&mut self) -> Option<Expr> {
        self.nested(|r| {
            Some(match r.byte()? {
                0 => Expr::Const(r.v()?),
                1 => Expr::Local(r.slot()?),
                2 => Expr::Array(r.exprs()?),
                3 => {
                    let n = r.len()?;
                    Expr::Map((0..n).map(|_| Some((r.word()?, r.expr()?))).collect::<Option<_>>()?)
                }
                4 => Expr::And(r.exprs()?),
                5 => Expr::Or(r.exprs()?),
                6 => Expr::Coalesce(r.exprs()?),
                7 => Expr::Binary(r.pick(&Op::ALL)?, r.boxed()?, r.boxed()?),
                8 => Expr::Not(r.boxed()?),
                9 => Expr::Neg(r.boxed()?),
                10 => Expr::Call(r.func()?, r.exprs()?),
                11 => Expr::Answers(r.boxed()?, r.pick(&AnswerFn::ALL)?, r.exprs()?),
                12 => Expr::Method(r.boxed()?, r.pick(&ValueFn::ALL)?, r.exprs()?),
                13 => Expr::In(r.boxed()?, r.boxed()?),
                14 => Expr::Prop(r.boxed()?, r.word()?),
                15 => Expr::Index(r.boxed()?, r.boxed()?),
                16 => Expr::Push(r.place()?, r.boxed()?),
                17 => Expr::Block(r.block()?),
                _ => return None,
            })
        })
    }

    fn place(&mut self) -> Option<Place> {
        let slot = self.slot()?;
        let n = self.len()?;
        let path = (0..n)
            .map(|_| match self.byte()? {
                0 => Some(Step::Prop(self.word()?)),
                1 => Some(Step::Index(self.expr()?)),
                _ => None,
            })
            .collect::<Option<_>>()?;
        Some(Place { slot, path })
    }

    fn block(&mut self) -> Option<Vec<Stmt>> {
        let n = self.len()?;
        (0..n).map(|_| self.stmt()).collect()
    }

    fn stmt(&mut self) -> Option<Stmt> {
        self.nested(|r| {
            Some(match r.byte()? {
                0 => Stmt::Expr(r.expr()?),
                1 => Stmt::Let(r.slot()?, r.expr()?),
                2 => {
                    let p = r.place()?;
                    let op = match r.byte()? {
                        0 => None,
                        i => Some(*Op::ALL.get(usize::from(i) - 1)?),
                    };
                    Stmt::Assign(p, op, r.expr()?)
                }
                3 => Stmt::If(r.expr()?, r.block()?, r.block()?),
                4 => {
                    let c = match r.byte()? {
                        0 => None,
                        1 => Some(r.expr()?),
                        _ => return None,
                    };
                    Stmt::While(c, r.block()?)
                }
                5 => {
                    let v = r.slot()?;
                    let c = match r.n()? {
                        0 => None,
                        c => Some(u16::try_from(c - 1).ok()?),
                    };
                    r.top_slot = r.top_slot.max(c.map_or(0, |c| usize::from(c) + 1));
                    Stmt::For(v, c, r.expr()?, r.block()?)
                }
                6 => Stmt::Break,
                7 => Stmt::Continue,
                8 => Stmt::Return(None),
                9 => Stmt::Return(Some(r.expr()?)),
                _ => return None,
            })
        })
    }
}

/// The program and the pack hash it was lowered for, from an image [`encode`] wrote; `None`
/// when the bytes are not such an image (of this version).
pub(crate) fn decode(bytes: &[u8]) -> Option<(Lowered, String)> {
    let mut r = R { b: bytes, at: 0, funcs: 0, depth: 0, top_slot: 0 };
    if r.n()? != u64::from(VERSION) {
        return None;
    }
    let hash = r.s()?.to_owned();
    let n = r.len()?;
    r.funcs = n as u64;
    let mut out = Lowered { names: Vec::with_capacity(n), params: Vec::with_capacity(n), funcs: Vec::with_capacity(n), dims_param: Vec::with_capacity(n) };
    for _ in 0..n {
        out.names.push(ImmutableString::from(r.s()?));
        out.params.push(usize::from(u16::try_from(r.n()?).ok()?));
        out.dims_param.push(match r.byte()? {
            0 => false,
            1 => true,
            _ => return None,
        });
        out.funcs.push(match r.byte()? {
            0 => None,
            1 => {
                let params = usize::from(u16::try_from(r.n()?).ok()?);
                if params != out.params[out.params.len() - 1] {
                    return None;
                }
                let slots = usize::from(u16::try_from(r.n()?).ok()?).max(params);
                r.top_slot = 0;
                let body = r.block()?;
                if r.top_slot > slots {
                    return None;
                }
                let k = r.len()?;
                let calls = (0..k).map(|_| r.func()).collect::<Option<_>>()?;
                Some(Func { params, slots, body, calls })
            }
            _ => return None,
        });
    }
    (r.at == bytes.len()).then_some((out, hash))
}

#[cfg(all(test, feature = "scripts"))]
mod tests {
    use super::super::ir::*;
    use super::super::value::V;
    use super::{decode, encode};
    use crate::pack::embedded::DEFAULT_PACK_FAST as BUILT;

    /// `l` with its functions in an order that does not depend on rhai's hashing: the named
    /// ones by name and number of parameters, then each closure where it is first called or
    /// pointed to; closures named `anon`. (rhai names a closure by a hash of a seed drawn per
    /// process, and orders functions by a hash table.)
    fn canonical(l: &Lowered) -> Vec<u8> {
        let n = l.names.len();
        let anon = |i: usize| l.names[i].starts_with("anon$");
        let mut order: Vec<usize> = (0..n).filter(|&i| !anon(i)).collect();
        order.sort_by(|&x, &y| (l.names[x].as_str(), l.params[x]).cmp(&(l.names[y].as_str(), l.params[y])));
        let mut k = 0;
        while k < order.len() {
            for &c in l.funcs[order[k]].as_ref().map_or(&[][..], |f| &f.calls[..]) {
                if !order.contains(&(c as usize)) {
                    order.push(c as usize);
                }
            }
            k += 1;
        }
        assert_eq!(order.len(), n, "every closure is reached from a named function");
        let mut new = vec![0u32; n];
        for (to, &from) in order.iter().enumerate() {
            new[from] = to as u32;
        }
        let mut out = Lowered::default();
        for &i in &order {
            out.names.push(if anon(i) { "anon".into() } else { l.names[i].clone() });
            out.params.push(l.params[i]);
            out.dims_param.push(l.dims_param[i]);
            out.funcs.push(l.funcs[i].as_ref().map(|f| Func {
                params: f.params,
                slots: f.slots,
                body: f.body.iter().map(|s| stmt(s, &new)).collect(),
                calls: f.calls.iter().map(|&c| new[c as usize]).collect(),
            }));
        }
        encode(&out, "")
    }

    fn v(x: &V, new: &[u32]) -> V {
        match x {
            V::Fn(f) => V::Fn(new[*f as usize]),
            V::Arr(a) => V::Arr(std::rc::Rc::new(a.iter().map(|x| v(x, new)).collect())),
            V::Map(m) => V::map(m.iter().map(|(k, x)| (k.clone(), v(x, new))).collect()),
            x => x.clone(),
        }
    }

    fn exprs(es: &[Expr], new: &[u32]) -> Vec<Expr> {
        es.iter().map(|e| expr(e, new)).collect()
    }

    fn expr(e: &Expr, new: &[u32]) -> Expr {
        let b = |e: &Expr| Box::new(expr(e, new));
        match e {
            Expr::Const(x) => Expr::Const(v(x, new)),
            Expr::Local(s) => Expr::Local(*s),
            Expr::Array(xs) => Expr::Array(exprs(xs, new)),
            Expr::Map(kv) => Expr::Map(kv.iter().map(|(k, x)| (k.clone(), expr(x, new))).collect()),
            Expr::And(xs) => Expr::And(exprs(xs, new)),
            Expr::Or(xs) => Expr::Or(exprs(xs, new)),
            Expr::Coalesce(xs) => Expr::Coalesce(exprs(xs, new)),
            Expr::Binary(op, x, y) => Expr::Binary(*op, b(x), b(y)),
            Expr::Not(x) => Expr::Not(b(x)),
            Expr::Neg(x) => Expr::Neg(b(x)),
            Expr::Call(f, args) => Expr::Call(new[*f as usize], exprs(args, new)),
            Expr::Answers(r, f, args) => Expr::Answers(b(r), *f, exprs(args, new)),
            Expr::Method(r, f, args) => Expr::Method(b(r), *f, exprs(args, new)),
            Expr::In(x, m) => Expr::In(b(x), b(m)),
            Expr::Prop(x, p) => Expr::Prop(b(x), p.clone()),
            Expr::Index(x, i) => Expr::Index(b(x), b(i)),
            Expr::Push(p, x) => Expr::Push(place(p, new), b(x)),
            Expr::Block(body) => Expr::Block(body.iter().map(|s| stmt(s, new)).collect()),
        }
    }

    fn place(p: &Place, new: &[u32]) -> Place {
        let path = p.path.iter().map(|s| match s {
            Step::Prop(n) => Step::Prop(n.clone()),
            Step::Index(e) => Step::Index(expr(e, new)),
        });
        Place { slot: p.slot, path: path.collect() }
    }

    fn stmt(s: &Stmt, new: &[u32]) -> Stmt {
        let block = |b: &[Stmt]| b.iter().map(|s| stmt(s, new)).collect();
        match s {
            Stmt::Expr(e) => Stmt::Expr(expr(e, new)),
            Stmt::Let(slot, e) => Stmt::Let(*slot, expr(e, new)),
            Stmt::Assign(p, op, e) => Stmt::Assign(place(p, new), *op, expr(e, new)),
            Stmt::If(c, y, n) => Stmt::If(expr(c, new), block(y), block(n)),
            Stmt::While(c, body) => Stmt::While(c.as_ref().map(|c| expr(c, new)), block(body)),
            Stmt::For(x, c, it, body) => Stmt::For(*x, *c, expr(it, new), block(body)),
            Stmt::Break => Stmt::Break,
            Stmt::Continue => Stmt::Continue,
            Stmt::Return(e) => Stmt::Return(e.as_ref().map(|e| expr(e, new))),
        }
    }

    #[test]
    fn the_image_build_rs_made_is_what_the_library_lowers_from_the_scripts_it_parses() {
        let pack = crate::Pack::default_pack().expect("the default pack");
        let lowered = super::super::lower_all(&pack.ast);
        assert!(lowered.funcs.iter().filter(|f| f.is_some()).count() > 20);
        let (built, hash) = decode(BUILT).expect("the image reads back");
        assert_eq!(hash, pack.info.hash);
        assert!(encode(&built, &hash) == BUILT, "reading and writing the image again changed it");
        assert!(canonical(&built) == canonical(&lowered), "build.rs lowered the default pack's scripts differently from the library");
        assert_eq!(built.uses_dims(crate::score::rule_names(&pack)), pack.uses_dims);
    }

    #[test]
    fn the_places_build_rs_embedded_are_the_librarys() {
        // What the page's engine names a failing rule's file and line by (src/pack/scripts.rs).
        let pack = crate::Pack::default_pack().expect("the default pack");
        let mut built = std::collections::HashMap::new();
        for (name, file, line, col) in crate::pack::embedded::DEFAULT_PACK_FUNCTIONS {
            built.insert(*name, crate::error::Location::at(*file, Some(*line), Some(*col)));
        }
        // (The library also lists its closures, `anon$…`, at their file: they have no name to find.)
        let named: Vec<_> = pack.fn_files.iter().filter(|(n, _)| !n.starts_with("anon$")).collect();
        assert!(named.len() > 20 && built.len() == named.len(), "{} embedded, {} named", built.len(), named.len());
        for (name, at) in named {
            assert_eq!(built.get(name.as_str()), Some(at), "{name}");
        }
    }

    #[test]
    fn a_changed_script_would_be_told_apart() {
        // The comparison above can fail: one constant changed in one function changes it.
        let pack = crate::Pack::default_pack().expect("the default pack");
        let mut lowered = super::super::lower_all(&pack.ast);
        let before = canonical(&lowered);
        let f = lowered.funcs.iter_mut().flatten().next().expect("a lowered function");
        f.body.push(Stmt::Expr(Expr::Const(V::Int(7))));
        assert!(canonical(&lowered) != before);
    }

    #[test]
    fn a_cut_or_damaged_image_is_refused_or_read_without_a_panic() {
        for n in 0..BUILT.len() {
            assert!(decode(&BUILT[..n]).is_none(), "an image cut at {n} of {} bytes was read", BUILT.len());
        }
        let mut bytes = BUILT.to_vec();
        for i in (0..bytes.len()).step_by(7) {
            for x in [0u8, 0x7f, 0x80, 0xff] {
                let keep = std::mem::replace(&mut bytes[i], x);
                let _ = decode(&bytes);
                bytes[i] = keep;
            }
        }
    }
}

//! rhai's built-in operators on the fast evaluator's values, with rhai's results: checked
//! integer arithmetic, integers widened to floats beside a float, floats compared within
//! `f64::EPSILON` of each other (rhai's checked build), and values of different non-numeric types
//! unequal and unordered. `None`: rhai would raise an error or call a registered function; the
//! call goes back to rhai, which decides.

use super::value::V;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Op {
    /// Every operator, in a fixed order (src/score/fast/image.rs numbers them by it).
    pub(crate) const ALL: [Op; 11] = [Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Rem, Op::Eq, Op::Ne, Op::Gt, Op::Ge, Op::Lt, Op::Le];

    #[cfg_attr(not(feature = "scripts"), allow(dead_code))] // used by the lowering (src/score/fast/lower.rs)
    pub(crate) fn from_token(t: &rhai::Token) -> Option<Op> {
        use rhai::Token as T;
        Some(match t {
            T::Plus | T::PlusAssign => Op::Add,
            T::Minus | T::MinusAssign => Op::Sub,
            T::Multiply | T::MultiplyAssign => Op::Mul,
            T::Divide | T::DivideAssign => Op::Div,
            T::Modulo | T::ModuloAssign => Op::Rem,
            T::EqualsTo => Op::Eq,
            T::NotEqualsTo => Op::Ne,
            T::GreaterThan => Op::Gt,
            T::GreaterThanEqualsTo => Op::Ge,
            T::LessThan => Op::Lt,
            T::LessThanEqualsTo => Op::Le,
            _ => return None,
        })
    }

    fn compares(self) -> bool {
        matches!(self, Op::Eq | Op::Ne | Op::Gt | Op::Ge | Op::Lt | Op::Le)
    }
}

/// `x op y` as rhai computes it; `max_string`: the string size limit.
pub(crate) fn binary(op: Op, x: &V, y: &V, max_string: usize) -> Option<V> {
    use V::*;
    match (x, y) {
        (Int(a), Int(b)) => int(op, *a, *b),
        (Float(a), Float(b)) => float(op, *a, *b),
        (Int(a), Float(b)) => float(op, *a as f64, *b),
        (Float(a), Int(b)) => float(op, *a, *b as f64),
        (Bool(a), Bool(b)) => op.compares().then(|| Bool(ordered(op, a.cmp(b)))),
        (Str(a), Str(b)) => match op {
            Op::Add => {
                let n = a.len() + b.len();
                (max_string == 0 || n <= max_string).then(|| Str(a.clone() + b.as_str()))
            }
            _ if op.compares() => Some(Bool(ordered(op, a.as_str().cmp(b.as_str())))),
            _ => None,
        },
        (Unit, Str(s)) | (Str(s), Unit) if op == Op::Add => Some(Str(s.clone())),
        (Unit, Unit) => op.compares().then_some(Bool(matches!(op, Op::Eq))),
        // Different non-numeric types: unequal, and neither above the other. (Two maps or two
        // arrays go to rhai's registered functions.)
        _ if same_kind(x, y) => None,
        _ if op.compares() && !matches!(x, Answers | Fn(_)) && !matches!(y, Answers | Fn(_)) => Some(Bool(op == Op::Ne)),
        _ => None,
    }
}

fn same_kind(x: &V, y: &V) -> bool {
    std::mem::discriminant(x) == std::mem::discriminant(y)
}

fn ordered(op: Op, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        Op::Eq => o == Equal,
        Op::Ne => o != Equal,
        Op::Gt => o == Greater,
        Op::Ge => o != Less,
        Op::Lt => o == Less,
        Op::Le => o != Greater,
        _ => false,
    }
}

fn int(op: Op, a: i64, b: i64) -> Option<V> {
    Some(match op {
        Op::Add => V::Int(a.checked_add(b)?),
        Op::Sub => V::Int(a.checked_sub(b)?),
        Op::Mul => V::Int(a.checked_mul(b)?),
        Op::Div => V::Int(if b == 0 { return None } else { a.checked_div(b)? }),
        Op::Rem => V::Int(if b == 0 { return None } else { a.checked_rem(b)? }),
        _ => V::Bool(ordered(op, a.cmp(&b))),
    })
}

fn float(op: Op, x: f64, y: f64) -> Option<V> {
    // rhai's checked build compares floats relative to the larger of the two.
    let max = if x * y == 0.0 { 1.0 } else { x.abs().max(y.abs()) };
    Some(match op {
        Op::Add => V::Float(x + y),
        Op::Sub => V::Float(x - y),
        Op::Mul => V::Float(x * y),
        Op::Div => V::Float(x / y),
        Op::Rem => V::Float(x % y),
        Op::Eq => V::Bool(max == 0.0 || (x - y).abs() / max <= f64::EPSILON),
        Op::Ne => V::Bool(max != 0.0 && (x - y).abs() / max > f64::EPSILON),
        Op::Gt => V::Bool(max != 0.0 && (x - y) / max > f64::EPSILON),
        Op::Ge => V::Bool(max == 0.0 || (x - y) / max > -f64::EPSILON),
        Op::Lt => V::Bool(max != 0.0 && (y - x) / max > f64::EPSILON),
        Op::Le => V::Bool(max == 0.0 || (y - x) / max > -f64::EPSILON),
    })
}

/// `-x`.
pub(crate) fn negate(x: &V) -> Option<V> {
    match x {
        V::Int(i) => i.checked_neg().map(V::Int),
        V::Float(f) => Some(V::Float(-f)),
        _ => None,
    }
}

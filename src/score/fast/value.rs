//! The fast evaluator's values, and their conversions to and from rhai's.
//!
//! Arrays and maps are shared and copied on write (`Rc::make_mut`), which gives rhai's value
//! semantics — a map passed to a function or stored in a variable is a copy — without copying
//! until something writes. Maps are ordered by key, as rhai's are, so a loop over `keys()` visits
//! them in the same order and sums floats in the same order.

use rhai::{Dynamic, ImmutableString};
use std::rc::Rc;

/// An object map: its entries sorted by key (rhai's order). The maps of rules are small (a
/// result, a dimension's fields, the sixteen dimensions): a sorted vector is one allocation, and
/// far less code than a B-tree in the `.wasm`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Map(Vec<(ImmutableString, V)>);

impl Map {
    pub(crate) fn new() -> Map {
        Map(Vec::new())
    }

    pub(crate) fn with_capacity(n: usize) -> Map {
        Map(Vec::with_capacity(n))
    }

    fn find(&self, k: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.as_str().cmp(k))
    }

    /// [`Map::find`], first by identity: keys and the names that look them up mostly come from
    /// [`shared`], and a few pointer compares cost less than comparing the text.
    fn find_key(&self, k: &ImmutableString) -> Result<usize, usize> {
        match self.0.iter().position(|(x, _)| x.ptr_eq(k)) {
            Some(i) => Ok(i),
            None => self.find(k.as_str()),
        }
    }

    pub(crate) fn get_key(&self, k: &ImmutableString) -> Option<&V> {
        self.find_key(k).ok().map(|i| &self.0[i].1)
    }

    pub(crate) fn get_key_mut(&mut self, k: &ImmutableString) -> Option<&mut V> {
        self.find_key(k).ok().map(move |i| &mut self.0[i].1)
    }

    pub(crate) fn contains_key(&self, k: &ImmutableString) -> bool {
        self.find_key(k).is_ok()
    }

    /// The value of key `k`, looked up by its text.
    pub(crate) fn get(&self, k: &str) -> Option<&V> {
        self.find(k).ok().map(|i| &self.0[i].1)
    }

    pub(crate) fn insert(&mut self, k: ImmutableString, v: V) {
        // Maps are mostly built in key order (results, published dimensions, helper pairs): a
        // key after the last one is appended without searching.
        if self.0.last().is_none_or(|(last, _)| last.as_str() < k.as_str()) {
            self.0.push((k, v));
            return;
        }
        match self.find_key(&k) {
            Ok(i) => self.0[i].1 = v,
            Err(i) => self.0.insert(i, (k, v)),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&ImmutableString, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &ImmutableString> {
        self.0.iter().map(|(k, _)| k)
    }

    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl FromIterator<(ImmutableString, V)> for Map {
    fn from_iter<I: IntoIterator<Item = (ImmutableString, V)>>(items: I) -> Map {
        let items = items.into_iter();
        let mut m = Map::with_capacity(items.size_hint().0);
        for (k, v) in items {
            m.insert(k, v);
        }
        m
    }
}

/// How many distinct strings [`shared`] keeps (a hostile pack could name any number of keys;
/// past this, names are simply not shared).
const SHARED_MAX: usize = 4096;

thread_local! {
    /// Sorted by text: a binary search, and no hashing code in the `.wasm`.
    static SHARED: std::cell::RefCell<Vec<ImmutableString>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// One copy of `s` for every map key and property name of that text that the evaluator, its
/// answer helpers and the published results make, so that a lookup usually matches by pointer.
pub(crate) fn shared(s: &str) -> ImmutableString {
    SHARED.with(|t| {
        let mut t = t.borrow_mut();
        match t.binary_search_by(|x| x.as_str().cmp(s)) {
            Ok(i) => t[i].clone(),
            Err(i) => {
                let x = ImmutableString::from(s);
                if t.len() < SHARED_MAX {
                    t.insert(i, x.clone());
                }
                x
            }
        }
    })
}

#[derive(Clone, Debug)]
pub(crate) enum V {
    Unit,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(ImmutableString),
    Arr(Rc<Vec<V>>),
    Map(Rc<Map>),
    /// The rule's `a`: there is one per call, held by the evaluator.
    Answers,
    /// A function pointer to a compiled function (a closure that captures nothing, or `Fn("name")`).
    Fn(u32),
}

impl V {
    pub(crate) fn map(m: Map) -> V {
        V::Map(Rc::new(m))
    }

    /// Plain data all through: no function pointer and no `a` inside (what [`V::to_dynamic`]
    /// converts).
    pub(crate) fn is_plain(&self) -> bool {
        match self {
            V::Arr(a) => a.iter().all(V::is_plain),
            V::Map(m) => m.values().all(V::is_plain),
            V::Answers | V::Fn(_) => false,
            _ => true,
        }
    }

    /// The same value with its strings (inside arrays and maps too) from [`shared`]: for the
    /// constants of lowered code, which are often map keys.
    #[cfg_attr(not(feature = "scripts"), allow(dead_code))] // used by the lowering (src/score/fast/lower.rs)
    pub(crate) fn with_shared_strings(self) -> V {
        match self {
            V::Str(s) => V::Str(shared(s.as_str())),
            V::Arr(a) => V::Arr(Rc::new(a.iter().cloned().map(V::with_shared_strings).collect())),
            V::Map(m) => V::map(m.iter().map(|(k, v)| (shared(k.as_str()), v.clone().with_shared_strings())).collect()),
            v => v,
        }
    }

    /// This value as rhai's; `None` for what has no plain rhai form here (function pointers and
    /// `a` inside a result), which sends the call back to rhai.
    pub(crate) fn to_dynamic(&self) -> Option<Dynamic> {
        Some(match self {
            V::Unit => Dynamic::UNIT,
            V::Bool(b) => (*b).into(),
            V::Int(i) => (*i).into(),
            V::Float(f) => (*f).into(),
            V::Str(s) => s.clone().into(),
            V::Arr(a) => a.iter().map(V::to_dynamic).collect::<Option<rhai::Array>>()?.into(),
            V::Map(m) => {
                let mut out = rhai::Map::new();
                for (k, v) in m.iter() {
                    out.insert(k.as_str().into(), v.to_dynamic()?);
                }
                out.into()
            }
            V::Answers | V::Fn(_) => return None,
        })
    }

    /// A rhai value as ours: plain data only (`fns` resolves a function pointer's name).
    pub(crate) fn from_dynamic(d: &Dynamic, fns: &dyn Fn(&str) -> Option<u32>) -> Option<V> {
        if d.is_unit() {
            return Some(V::Unit);
        }
        if let Ok(b) = d.as_bool() {
            return Some(V::Bool(b));
        }
        if let Ok(i) = d.as_int() {
            return Some(V::Int(i));
        }
        if let Ok(f) = d.as_float() {
            return Some(V::Float(f));
        }
        if d.is_string() {
            return d.read_lock::<ImmutableString>().map(|s| V::Str(s.clone()));
        }
        if d.is_array() {
            let a = d.read_lock::<rhai::Array>()?;
            return Some(V::Arr(Rc::new(a.iter().map(|x| V::from_dynamic(x, fns)).collect::<Option<Vec<_>>>()?)));
        }
        if d.is_map() {
            let m = d.read_lock::<rhai::Map>()?;
            let mut out = Map::new();
            for (k, v) in m.iter() {
                out.insert(shared(k.as_str()), V::from_dynamic(v, fns)?);
            }
            return Some(V::map(out));
        }
        if d.is_fnptr() {
            let f = d.read_lock::<rhai::FnPtr>()?;
            if f.curry().is_empty() {
                return fns(f.fn_name()).map(V::Fn);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(m: &Map) -> Vec<(&str, i64)> {
        m.iter().map(|(k, v)| (k.as_str(), if let V::Int(i) = v { *i } else { -1 })).collect()
    }

    /// A map made from entries, or by inserting them in turn (appending when a key comes after
    /// the last): sorted by key, each key once with its last value, whatever their order.
    #[test]
    fn a_map_made_from_entries_is_sorted_and_keeps_each_keys_last_value() {
        let orders: [&[(&str, i64)]; 4] = [
            &[("caps", 1), ("gaps", 2), ("level", 3)],
            &[("level", 1), ("score", 2), ("max", 3), ("gaps", 4), ("caps", 5)],
            &[("b", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5)],
            &[("x", 1), ("x", 2)],
        ];
        for entries in orders {
            let made: Map = entries.iter().map(|(k, v)| (ImmutableString::from(*k), V::Int(*v))).collect();
            let mut inserted = Map::new();
            for (k, v) in entries {
                inserted.insert(ImmutableString::from(*k), V::Int(*v));
            }
            let mut want: Vec<(&str, i64)> = Vec::new();
            for (k, v) in entries.iter().copied() {
                match want.iter_mut().find(|(x, _)| *x == k) {
                    Some(slot) => slot.1 = v,
                    None => want.push((k, v)),
                }
            }
            want.sort();
            assert_eq!(keys(&made), want, "{entries:?}");
            assert_eq!(keys(&inserted), want, "{entries:?}");
        }
    }
}

//! Reading an assessment file strictly: every key once (a JSON object with a key given twice is
//! an error, where most parsers keep the last), and every error naming the field it is in.

use crate::error::{AnswerProblem, Code, Error, Result};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::map::Entry;
use serde_json::{Map, Value};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::thread::LocalKey;

const DUPLICATE: &str = "duplicate key ";

/// Parse `text` as `T`; on error, one problem naming the field's path, line and column.
///
/// Each object's keys are checked for a repeat once, at its end. The full engine (the one
/// that scores batches) reads a file plainly first and tracks the path only when that fails;
/// the assessment page's engine, built for size, always tracks it (one deserialiser of the file
/// instead of two). A file with a repeated key is read once more, checking each key as it comes,
/// to name the line the repeat stands on.
pub(super) fn parse<T: de::DeserializeOwned>(text: &str) -> Result<T> {
    #[cfg(feature = "sources")]
    if let Ok(v) = serde_json::from_str::<T>(text) {
        return Ok(v);
    }
    match parse_tracked(text) {
        Err(Error::Answers(p)) if p.first().is_some_and(|p| p.code == Code::DuplicateKey) => EXACT.with(|exact| {
            exact.set(true);
            let r = parse_tracked(text);
            exact.set(false);
            r
        }),
        r => r,
    }
}

thread_local! {
    /// Set while [`parse`] reads a file the second time: objects then check each key as it comes.
    static EXACT: Cell<bool> = const { Cell::new(false) };
    /// The elements of the arrays being read, innermost last: each array takes its own off the
    /// top when it ends, in a vector of its exact size (a vector grown element by element would
    /// be copied several times on the way).
    static ELEMENTS: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    /// The same for the entries of the objects being read.
    static ENTRIES: RefCell<Vec<(String, Value)>> = const { RefCell::new(Vec::new()) };
}

fn parse_tracked<T: de::DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        // serde_path_to_error writes `?` for a place it could not name (a syntax error before
        // any key): leave those segments out.
        let path = e.path().to_string().split('.').filter(|s| !s.is_empty() && *s != "?").collect::<Vec<_>>().join(".");
        (if path.is_empty() { "(file)".to_owned() } else { path }, e.into_inner())
    });
    let parsed = parsed.and_then(|v| de.end().map(|()| v).map_err(|e| ("(file)".to_owned(), e)));
    parsed.map_err(|(field, inner)| {
        let msg = inner.to_string();
        let code = if msg.starts_with(DUPLICATE) { Code::DuplicateKey } else { Code::NotAnAssessment };
        let (line, col) = (inner.line(), inner.column());
        Error::Answers(vec![AnswerProblem::new(
            &field,
            code,
            format!("{field}: {msg}"),
            format!("{field}: 回答ファイルとして読めません（{line}行 {col}列）: {msg}"),
        )])
    })
}

/// A JSON object whose keys are all different, at every depth.
pub(super) fn object<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Map<String, Value>, D::Error> {
    match d.deserialize_any(Strict)? {
        Value::Object(m) => Ok(m),
        other => Err(de::Error::invalid_type(unexpected(&other), &"an object of answers by item id")),
    }
}

fn unexpected(v: &Value) -> de::Unexpected<'_> {
    match v {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

struct Strict;

struct StrictValue(Value);

impl<'de> de::Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(Strict).map(StrictValue)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let out = gathered(&ELEMENTS, |_| {
            while let Some(StrictValue(v)) = seq.next_element()? {
                ELEMENTS.with(|s| s.borrow_mut().push(v));
            }
            Ok(())
        })?;
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        if EXACT.with(Cell::get) {
            let mut out = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                match out.entry(key) {
                    Entry::Occupied(e) => return Err(duplicate(e.key())),
                    Entry::Vacant(e) => {
                        let StrictValue(v) = map.next_value()?;
                        e.insert(v);
                    }
                }
            }
            return Ok(Value::Object(out));
        }
        // The keys in a list, sorted (if they did not come so) and checked for repeats once:
        // a map built from sorted keys is built without searching it for each key.
        let mut sorted = true;
        let mut out = gathered(&ENTRIES, |start| {
            while let Some(key) = map.next_key::<String>()? {
                let StrictValue(v) = map.next_value()?;
                // The value's own entries are off the stack again: the top is this map's last key.
                ENTRIES.with(|s| {
                    let mut s = s.borrow_mut();
                    sorted = sorted && s[start..].last().is_none_or(|(last, _)| *last < key);
                    s.push((key, v));
                });
            }
            Ok(())
        })?;
        if !sorted {
            out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            if let Some(w) = out.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(duplicate(&w[0].0));
            }
        }
        Ok(Value::Object(out.into_iter().collect()))
    }
}

/// Run `read`, which pushes one array's elements or one object's entries onto `stack` (it is
/// given where they start), then take them off, in a vector of their own: also when `read`
/// fails, so that the stack is left as it was. The stack keeps its room, unless a very large
/// file made it grow.
fn gathered<T, E>(stack: &'static LocalKey<RefCell<Vec<T>>>, read: impl FnOnce(usize) -> std::result::Result<(), E>) -> std::result::Result<Vec<T>, E> {
    let start = stack.with(|s| s.borrow().len());
    let r = read(start);
    let out = stack.with(|s| {
        let mut s = s.borrow_mut();
        let out = s.drain(start..).collect();
        if start == 0 {
            s.shrink_to(1024);
        }
        out
    });
    r.map(|()| out)
}

fn duplicate<E: de::Error>(key: &str) -> E {
    de::Error::custom(format!("{DUPLICATE}'{key}': give each key once"))
}

/// An RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`.
pub(super) fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok()).unwrap_or(99);
    if b.len() < 20 || !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return false;
    }
    if !(matches!(b[10], b'T' | b't' | b' ') && digits(11..13) && b[13] == b':' && digits(14..16) && b[16] == b':' && digits(17..19)) {
        return false;
    }
    let (month, day, hour, min, sec) = (num(5..7), num(8..10), num(11..13), num(14..16), num(17..19));
    if !((1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && min < 60 && sec <= 60) {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => i + 6 == b.len() && digits(i + 1..i + 3) && b[i + 3] == b':' && digits(i + 4..i + 6) && num(i + 1..i + 3) < 24,
        _ => false,
    }
}

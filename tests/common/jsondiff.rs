//! A small JSON differ for the golden comparisons: one line per JSON path that changed
//! (`dimensions[2].level: 3 → 2`), instead of two walls of JSON. Arrays whose elements are all
//! objects with distinct string `id`s are matched by id, so one finding more or less is one line,
//! not a shift of every finding after it. Its twin for Node is `tests/lib/jsondiff.mjs`.

use serde_json::Value;

/// The lines that turn `want` (the golden) into `got` (the report now), at most `limit` of them
/// plus a line saying how many were left out.
pub fn diff(want: &Value, got: &Value, limit: usize) -> Vec<String> {
    let mut out = Vec::new();
    walk("", want, got, &mut out);
    if out.len() > limit {
        let more = out.len() - limit;
        out.truncate(limit);
        out.push(format!("… and {more} more"));
    }
    out
}

/// A value on one line, long strings and containers shortened.
pub fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 80 {
        let head: String = s.chars().take(77).collect();
        format!("{head}…")
    } else {
        s
    }
}

fn key_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (path.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{key:?}]"),
    }
}

fn at(path: &str) -> &str {
    if path.is_empty() {
        "(root)"
    } else {
        path
    }
}

/// `Some(ids)` when every element is an object with a string `id` and the ids are distinct.
fn ids(items: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = items.iter().map(|v| v.get("id").and_then(Value::as_str)).collect::<Option<_>>()?;
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    (sorted.len() == ids.len()).then_some(ids)
}

fn walk(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => walk(&key_path(path, k), wv, gv, out),
                    None => out.push(format!("{}: removed (was {})", key_path(path, k), short(wv))),
                }
            }
            for (k, gv) in g {
                if !w.contains_key(k) {
                    out.push(format!("{}: added {}", key_path(path, k), short(gv)));
                }
            }
        }
        (Value::Array(w), Value::Array(g)) => match (ids(w), ids(g)) {
            (Some(wi), Some(gi)) if !w.is_empty() && !g.is_empty() => {
                for (i, id) in wi.iter().enumerate() {
                    if !gi.contains(id) {
                        out.push(format!("{}[{i}]: removed {}", at(path), short(&w[i])));
                    }
                }
                for (j, id) in gi.iter().enumerate() {
                    match wi.iter().position(|x| x == id) {
                        Some(i) => walk(&format!("{path}[{j}]"), &w[i], &g[j], out),
                        None => out.push(format!("{path}[{j}]: added {}", short(&g[j]))),
                    }
                }
                let common_w: Vec<&&str> = wi.iter().filter(|x| gi.contains(x)).collect();
                let common_g: Vec<&&str> = gi.iter().filter(|x| wi.contains(x)).collect();
                if common_w != common_g {
                    out.push(format!("{}: order changed, ids now {}", at(path), short(&serde_json::json!(gi))));
                }
            }
            _ => {
                for i in 0..w.len().max(g.len()) {
                    match (w.get(i), g.get(i)) {
                        (Some(a), Some(b)) => walk(&format!("{path}[{i}]"), a, b, out),
                        (Some(a), None) => out.push(format!("{path}[{i}]: removed {}", short(a))),
                        (None, Some(b)) => out.push(format!("{path}[{i}]: added {}", short(b))),
                        (None, None) => {}
                    }
                }
            }
        },
        _ => {
            if !same_scalar(want, got) {
                out.push(format!("{}: {} → {}", at(path), short(want), short(got)));
            }
        }
    }
}

/// Numbers compare by value (`1` and `1.0` are the same number); everything else exactly.
fn same_scalar(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) if a.is_number() && b.is_number() => x == y,
        _ => a == b,
    }
}

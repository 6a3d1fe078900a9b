//! The contract for what a script may return (rules/README.md, "What a rule returns"): each
//! result is checked here, and anything else is a script failure that names the rule.

use crate::error::{Error, Location, ScriptFailure};
use crate::pack::Pack;
use crate::report::{Cap, Cell, SceneRow, Severity, Stage};
use crate::text::Text;
use super::fast::{self, V};
use rhai::{Array, Dynamic, ImmutableString, Map};

type Result<T> = std::result::Result<T, Error>;

/// What one dimension rule returned, checked.
#[derive(Clone)]
pub(super) struct DimOut {
    pub level: Option<u8>,
    pub score: f64,
    pub max: f64,
    pub gaps: Vec<(String, Severity)>,
    pub caps: Vec<(Cap, Vec<String>)>,
}

/// A rule's result that breaks the contract.
pub(super) fn bad_return(pack: &Pack, rule: &str, what: String) -> Error {
    let location = pack.fn_files.get(rule).cloned().unwrap_or_else(|| Location::file("(scripts)"));
    Error::Script(vec![ScriptFailure {
        rule: rule.to_owned(),
        location,
        message_ja: format!("採点ルール「{rule}」の戻り値が不正です: {what}"),
        message: format!("rule {rule} returned an invalid result: {what}"),
    }])
}

fn level_0_4(d: &Dynamic) -> Option<u8> {
    d.as_int().ok().filter(|l| (0..=4).contains(l)).map(|l| l as u8)
}

/// `#{ level, score, max, gaps, caps }` from a dimension rule.
pub(super) fn dimension(pack: &Pack, rule: &str, ret: Dynamic) -> Result<DimOut> {
    let bad = |what: String| bad_return(pack, rule, what);
    let Some(map) = ret.try_cast::<Map>() else {
        return Err(bad("expected a map #{ level, score, max, gaps, caps }".into()));
    };
    let level = match map.get("level") {
        None => return Err(bad("no 'level'".into())),
        Some(d) if d.is_unit() => None,
        Some(d) => Some(level_0_4(d).ok_or_else(|| bad(format!("level must be 0–4 (an integer) or (), got {} ({})", shown(d), d.type_name())))?),
    };
    let num = |k: &str| -> Result<f64> {
        let d = map.get(k).ok_or_else(|| bad(format!("no '{k}'")))?;
        d.as_float()
            .or_else(|_| d.as_int().map(|i| i as f64))
            .ok()
            .filter(|f| f.is_finite() && *f >= 0.0)
            .ok_or_else(|| bad(format!("'{k}' must be a number ≥ 0, got {} ({})", shown(d), d.type_name())))
    };
    let (score, max) = (num("score")?, num("max")?);
    if score > max + 1e-9 {
        return Err(bad(format!("score {score} is above max {max}")));
    }
    if let Some(k) = map.keys().find(|k| !matches!(k.as_str(), "level" | "score" | "max" | "gaps" | "caps")) {
        return Err(bad(format!("unexpected key '{k}' (a dimension rule returns level, score, max, gaps, caps)")));
    }
    let mut gaps: Vec<(String, Severity)> = Vec::new();
    for el in list(map.get("gaps"), "gaps", &bad)? {
        let (item, sev) = gap(el, &bad)?;
        if pack.checklist.item(&item).is_none() {
            return Err(bad(format!("gap names unknown item '{item}'")));
        }
        // The same item named twice is one gap, at its highest severity.
        match gaps.iter_mut().find(|(i, _)| *i == item) {
            Some((_, s)) => *s = (*s).min(sev),
            None => gaps.push((item, sev)),
        }
    }
    let mut caps = Vec::new();
    for el in list(map.get("caps"), "caps", &bad)? {
        let (c, items) = cap(el, &bad)?;
        if !pack.info.gates.iter().any(|g| g.id == c.gate) {
            return Err(bad(format!("cap names gate '{}', not declared in pack.toml", c.gate)));
        }
        if c.to > c.from {
            return Err(bad(format!("cap {} raises the level ({} → {}); a cap only lowers it", c.gate, c.from, c.to)));
        }
        if let Some(i) = items.iter().find(|i| pack.checklist.item(i).is_none()) {
            return Err(bad(format!("cap {} names unknown item '{i}'", c.gate)));
        }
        caps.push((c, items));
    }
    Ok(DimOut { level, score, max, gaps, caps })
}

/// [`dimension`] for a result of the fast evaluator, without making it a rhai value first:
/// `None` unless the result is well formed in the plainest way (strings where strings belong),
/// and then [`dimension`] decides, with its messages.
pub(super) fn dimension_fast(pack: &Pack, ret: &V) -> Option<DimOut> {
    let V::Map(map) = ret else { return None };
    // One look at each field (a result has these five and no other).
    let (mut level, mut score, mut max, mut gap_list, mut cap_list) = (None, None, None, Some(&[][..]), Some(&[][..]));
    for (k, v) in map.iter() {
        match k.as_str() {
            "level" => level = Some(v),
            "score" => score = Some(v),
            "max" => max = Some(v),
            "gaps" => gap_list = if let V::Arr(a) = v { Some(&a[..]) } else { None },
            "caps" => cap_list = if let V::Arr(a) = v { Some(&a[..]) } else { None },
            _ => return None,
        }
    }
    let level = match level? {
        V::Unit => None,
        V::Int(l) if (0..=4).contains(l) => Some(*l as u8),
        _ => return None,
    };
    let num = |v: Option<&V>| match v? {
        V::Float(f) => Some(*f),
        V::Int(i) => Some(*i as f64),
        _ => None,
    }
    .filter(|f| f.is_finite() && *f >= 0.0);
    let (score, max) = (num(score)?, num(max)?);
    if score > max + 1e-9 {
        return None;
    }
    // A string field: `Some(None)` when missing, `None` when not a string.
    fn text<'m>(m: &'m fast::Map, k: &str) -> Option<Option<&'m str>> {
        match m.get(k) {
            Some(V::Str(s)) => Some(Some(s.as_str())),
            None => Some(None),
            Some(_) => None,
        }
    }
    let mut gaps: Vec<(String, Severity)> = Vec::new();
    for el in gap_list? {
        let (item, sev) = match el {
            V::Str(s) => (s.as_str(), Severity::Medium),
            V::Map(m) => {
                let sev = match text(m, "severity")? {
                    Some("high") => Severity::High,
                    Some("low") => Severity::Low,
                    Some("medium") | None => Severity::Medium,
                    Some(_) => return None,
                };
                (text(m, "item")??, sev)
            }
            _ => return None,
        };
        pack.checklist.item(item)?;
        match gaps.iter_mut().find(|(i, _)| i == item) {
            Some((_, s)) => *s = (*s).min(sev),
            None => gaps.push((item.to_owned(), sev)),
        }
    }
    let mut caps = Vec::new();
    for el in cap_list? {
        let V::Map(m) = el else { return None };
        let lvl = |k: &str| match m.get(k) {
            Some(V::Int(l)) if (0..=4).contains(l) => Some(*l as u8),
            _ => None,
        };
        let (gate, from, to) = (text(m, "gate")??, lvl("from")?, lvl("to")?);
        let items: Vec<String> = match m.get("items") {
            None => Vec::new(),
            Some(V::Arr(a)) => a.iter().map(|i| if let V::Str(s) = i { Some(s.to_string()) } else { None }).collect::<Option<_>>()?,
            Some(_) => return None,
        };
        if !pack.info.gates.iter().any(|g| g.id == gate) || to > from || items.iter().any(|i| pack.checklist.item(i).is_none()) {
            return None;
        }
        caps.push((Cap { gate: gate.to_owned(), from, to }, items));
    }
    Some(DimOut { level, score, max, gaps, caps })
}

/// A value as a message shows it: strings quoted, so "2" and 2 differ.
fn shown(d: &Dynamic) -> String {
    if d.is_string() {
        format!("{:?}", d.to_string())
    } else {
        d.to_string()
    }
}

fn list(d: Option<&Dynamic>, key: &str, bad: &dyn Fn(String) -> Error) -> Result<Array> {
    match d {
        None => Ok(Array::new()),
        Some(d) => d.clone().try_cast::<Array>().ok_or_else(|| bad(format!("'{key}' must be an array"))),
    }
}

fn gap(el: Dynamic, bad: &dyn Fn(String) -> Error) -> Result<(String, Severity)> {
    if let Some(s) = el.clone().try_cast::<ImmutableString>() {
        return Ok((s.to_string(), Severity::Medium));
    }
    let Some(m) = el.try_cast::<Map>() else {
        return Err(bad("a gap must be an item id or #{ item, severity }".into()));
    };
    let item = m.get("item").map(|d| d.to_string()).unwrap_or_default();
    let sev = match m.get("severity").map(|d| d.to_string()).as_deref() {
        Some("high") => Severity::High,
        Some("low") => Severity::Low,
        Some("medium") | None => Severity::Medium,
        Some(other) => return Err(bad(format!("severity '{other}' (use high, medium or low)"))),
    };
    Ok((item, sev))
}

fn cap(el: Dynamic, bad: &dyn Fn(String) -> Error) -> Result<(Cap, Vec<String>)> {
    let Some(m) = el.try_cast::<Map>() else {
        return Err(bad("a cap must be #{ gate, from, to }".into()));
    };
    let lvl = |k: &str| m.get(k).and_then(level_0_4);
    let (Some(gate), Some(from), Some(to)) = (m.get("gate").map(|d| d.to_string()), lvl("from"), lvl("to")) else {
        return Err(bad("a cap must be #{ gate, from: 0–4, to: 0–4 }".into()));
    };
    let items = m
        .get("items")
        .and_then(|d| d.clone().try_cast::<Array>())
        .map(|a| a.into_iter().map(|d| d.to_string()).collect())
        .unwrap_or_default();
    Ok((Cap { gate, from, to }, items))
}

/// One row per pack scene from the scene rule: `#{ <scene>: #{ target, target_level, indicators,
/// contract, council } }`, each cell "yes", "no", "unknown", "na" or "notAsked".
pub(super) fn scene_rows(pack: &Pack, ret: Dynamic) -> Result<Vec<SceneRow>> {
    let rule = pack.entry.scenes.as_str();
    let bad = |what: String| bad_return(pack, rule, what);
    let Some(map) = ret.try_cast::<Map>() else {
        return Err(bad("expected a map with one row per scene".into()));
    };
    let cell = |m: &Map, k: &str| -> Result<Cell> {
        match m.get(k).map(|d| d.to_string()).as_deref() {
            Some("yes") => Ok(Cell::Yes),
            Some("no") => Ok(Cell::No),
            Some("na") => Ok(Cell::Na),
            Some("notAsked") => Ok(Cell::NotAsked),
            Some("unknown") | None => Ok(Cell::Unknown),
            Some(o) => Err(bad(format!("{k} must be yes, no, unknown, na or notAsked, got '{o}'"))),
        }
    };
    let mut rows = Vec::with_capacity(pack.checklist.scenes.len());
    for s in &pack.checklist.scenes {
        let Some(m) = map.get(s.id.as_str()).and_then(|d| d.clone().try_cast::<Map>()) else {
            return Err(bad(format!("no row for scene '{}'", s.id)));
        };
        rows.push(SceneRow {
            scene: s.id.clone(),
            label: Text::new(&s.ja, &s.en),
            target: cell(&m, "target")?,
            target_level: m.get("target_level").and_then(level_0_4),
            indicators: cell(&m, "indicators")?,
            contract: cell(&m, "contract")?,
            council: cell(&m, "council")?,
        });
    }
    Ok(rows)
}

/// What the overall rule returned, checked.
#[derive(Clone)]
pub(super) struct OverallOut {
    pub score: f64,
    pub level: u8,
    pub stage: Option<Stage>,
}

/// `#{ score, level, stage }` from the overall rule.
pub(super) fn overall(pack: &Pack, ret: Dynamic) -> Result<OverallOut> {
    let rule = pack.entry.overall.as_str();
    let bad = |what: String| bad_return(pack, rule, what);
    let Some(map) = ret.try_cast::<Map>() else {
        return Err(bad("expected #{ score, level }".into()));
    };
    let score = map
        .get("score")
        .and_then(|d| d.as_float().ok().or_else(|| d.as_int().ok().map(|i| i as f64)))
        .filter(|s| (0.0..=100.0).contains(s))
        .ok_or_else(|| bad("score must be a number from 0 to 100".into()))?;
    let level = map.get("level").and_then(level_0_4).ok_or_else(|| bad("level must be 0–4".into()))?;
    let stage = match map.get("stage") {
        None => None,
        Some(d) if d.is_unit() => None,
        Some(d) => {
            let id = d.to_string();
            let s = pack.info.stages.iter().find(|s| s.id == id).ok_or_else(|| bad(format!("stage '{id}' is not declared in pack.toml")))?;
            Some(Stage { id, label: s.title.clone() })
        }
    };
    Ok(OverallOut { score: super::round1(score), level, stage })
}

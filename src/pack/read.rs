//! Reading a pack's TOML: into the model (or from the packed form the build made of it), and finding
//! where a key stands, from the TOML parser's spans, when a problem must name its place.
//!
//! The TOML parser is the `sources` feature (default on). Without it (the assessment page's
//! .wasm, scripts/build.sh) the engine reads only files converted at build time — the
//! embedded default pack — and refuses TOML text with a problem that says so.

use super::sources::PackSources;
use crate::error::{Code, Location, PackProblem};
#[cfg(feature = "sources")]
use toml::de::{DeTable, DeValue};

/// Parse one TOML file of the pack into `T`; a problem (with line and column) otherwise.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(
    sources: &PackSources,
    file: &str,
    problems: &mut Vec<PackProblem>,
) -> Option<T> {
    if let Some(packed) = sources.parsed(file) {
        return super::packed::from_str::<T>(packed)
            .map_err(|e| {
                problems.push(PackProblem::new(
                    Code::Toml,
                    Location::file(file),
                    None,
                    format!("pre-parsed file: {e}"),
                    format!("変換済みファイルを読めません: {e}"),
                ))
            })
            .ok();
    }
    from_toml(sources.get(file).unwrap_or(""), file, problems)
}

#[cfg(feature = "sources")]
fn from_toml<T: serde::de::DeserializeOwned>(text: &str, file: &str, problems: &mut Vec<PackProblem>) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let loc = match e.span() {
                Some(span) => Location::at_offset(file, text, span.start),
                None => Location::file(file),
            };
            let msg = e.message().trim().to_owned();
            problems.push(PackProblem::new(
                Code::Toml,
                loc,
                None,
                format!("TOML: {msg}"),
                format!("TOMLの書式または項目に誤りがあります: {msg}"),
            ));
            None
        }
    }
}

#[cfg(not(feature = "sources"))]
fn from_toml<T>(_text: &str, file: &str, problems: &mut Vec<PackProblem>) -> Option<T> {
    problems.push(PackProblem::new(
        Code::Toml,
        Location::file(file),
        None,
        "this engine was built without its TOML reader (the assessment page's engine): it scores the pack built into it; packs given as files are compiled by the full engine (pkg/renkei.js)".into(),
        "このエンジンは TOML を読む機能なしで作られています（自己点検ページ用）。組み込みのルールパックだけで採点します。ファイルのルールパックは完全版のエンジン（pkg/renkei.js）で読み込みます".into(),
    ));
    None
}

/// The files a manifest names (items, scripts, tests, changelog), read leniently: what a folder reader
/// needs before the manifest is checked. A manifest that does not parse names nothing.
#[cfg(feature = "sources")]
pub(crate) fn manifest_files(text: &str) -> Vec<String> {
    let Ok(doc) = DeTable::parse(text) else { return Vec::new() };
    let mut out = Vec::new();
    for key in ["items", "scripts", "tests"] {
        let Some(list) = entry(doc.get_ref(), key).and_then(DeValue::as_array) else { continue };
        out.extend(list.iter().filter_map(|v| v.get_ref().as_str().map(str::to_owned)));
    }
    out.extend(entry(doc.get_ref(), "changelog").and_then(|v| v.as_str()).map(str::to_owned));
    out
}

/// One step of a path into a TOML document: a key, or an index into an array.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "sources"), allow(dead_code))]
pub(crate) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Where the value at `path` starts in `file` (for `[[item]]` arrays, `Index` counts the
/// entries); the file as a whole when the text does not parse or the path is not there.
#[cfg(feature = "sources")]
pub(crate) fn locate(sources: &PackSources, file: &str, path: &[Step]) -> Location {
    let Some(text) = sources.get(file) else { return Location::file(file) };
    let Ok(doc) = DeTable::parse(text) else { return Location::file(file) };
    let mut span = doc.span();
    let mut here: Option<&DeValue> = None;
    let root = doc.get_ref();
    for (i, step) in path.iter().enumerate() {
        let next = match (*step, here) {
            (Step::Key(k), None) if i == 0 => root.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v),
            (Step::Key(k), Some(v)) => v.as_table().and_then(|t| t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v)),
            (Step::Index(n), Some(v)) => v.as_array().and_then(|a| a.get(n)),
            _ => None,
        };
        let Some(next) = next else { break };
        span = next.span();
        here = Some(next.get_ref());
    }
    Location::at_offset(file, text, span.start)
}

/// Without the TOML reader the only files are the build's packed ones, which have no places: the file.
#[cfg(not(feature = "sources"))]
pub(crate) fn locate(_sources: &PackSources, file: &str, _path: &[Step]) -> Location {
    Location::file(file)
}

#[cfg(feature = "sources")]
fn entry<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeValue<'i>> {
    table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.get_ref())
}

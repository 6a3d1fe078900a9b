//! A pack bundle: all of a pack's files in one JSON document, with the pack's content hash, so
//! a prefecture can hand out one file (`renkei bundle`, the editor's "publish"):
//!
//! ```json
//! { "format": "renkei-pack-bundle/1", "id": "…", "edition": "…", "version": "…",
//!   "hash": "sha256:…", "files": { "pack.toml": "…", "items/d1.toml": "…" } }
//! ```
//!
//! Reading one checks the format, every path (inside the pack, no `..`), the sizes, and, once
//! compiled, that the files still give the hash the bundle states (a damaged or hand-edited
//! bundle is refused).

use super::sources::PackSources;
use super::Pack;
use crate::error::{Code, Error, Location, PackProblem, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The format tag of a bundle.
pub const BUNDLE_FORMAT: &str = "renkei-pack-bundle/1";

/// A bundle as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub id: String,
    pub edition: String,
    pub version: String,
    pub hash: String,
    pub files: BTreeMap<String, String>,
}

fn problem(en: String, ja: String) -> Error {
    Error::Pack(vec![PackProblem::new(Code::Manifest, Location::file("(bundle)"), None, en, ja)])
}

impl Bundle {
    /// Read a bundle's JSON text (its files are checked when compiled).
    pub fn from_json(text: &str) -> Result<Bundle> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let b: Bundle = serde_json::from_str(text).map_err(|e| {
            problem(format!("not a renkei pack bundle: {e}"), format!("ルールパックのバンドルとして読めません（{}行 {}列）: {e}", e.line(), e.column()))
        })?;
        if b.format != BUNDLE_FORMAT {
            return Err(problem(
                format!("bundle format '{}' is not supported (this engine reads {BUNDLE_FORMAT})", b.format),
                format!("バンドルの形式「{}」には対応していません（対応: {BUNDLE_FORMAT}）", b.format),
            ));
        }
        if let Some(bad) = b.files.keys().find(|p| !safe_path(p)) {
            return Err(Error::Pack(vec![PackProblem::new(
                Code::Io,
                Location::file(bad.clone()),
                None,
                format!("'{bad}' is not a path inside a pack"),
                format!("「{bad}」はルールパック内のパスではありません"),
            )]));
        }
        Ok(b)
    }

    /// The bundle's files.
    pub fn sources(&self) -> PackSources {
        let mut s = PackSources::new();
        for (p, t) in &self.files {
            s.insert(p.clone(), t.clone());
        }
        s
    }

    /// Compile the bundle's pack and check it still has the hash the bundle states.
    pub fn compile(&self) -> Result<Pack> {
        let pack = Pack::compile(&self.sources())?;
        if pack.info.hash != self.hash {
            return Err(problem(
                format!("the bundle's files give hash {} but the bundle states {}: it was damaged or edited by hand", pack.info.hash, self.hash),
                "バンドルの内容が記載のハッシュと一致しません（破損しているか、手で編集されています）".into(),
            ));
        }
        Ok(pack)
    }

    /// The bundle of a compiled pack's files: the manifest and every file it names.
    pub fn of(pack: &Pack, sources: &PackSources) -> Bundle {
        let files = pack.paths.iter().filter_map(|p| Some((p.clone(), sources.get(p)?.to_owned()))).collect();
        Bundle {
            format: BUNDLE_FORMAT.into(),
            id: pack.info.id.clone(),
            edition: pack.info.edition.clone(),
            version: pack.info.version.clone(),
            hash: pack.info.hash.clone(),
            files,
        }
    }

    /// Pretty JSON, as a file holds it.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn safe_path(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains(':')
        && p.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

//! A pack's files: given by the caller, read from a folder through its manifest, or embedded in
//! the engine at build time (the default pack, with its TOML already converted to JSON and its
//! content hash already computed).

#[cfg(feature = "sources")]
use crate::error::{Code, Error, Location, PackProblem, Result};
use std::collections::BTreeMap;
#[cfg(feature = "sources")]
use std::path::{Component, Path};

/// The files of a pack, by path relative to the pack folder (`pack.toml`, `items/…`). Line endings
/// are normalised to `\n` on insert.
#[derive(Debug, Clone, Default)]
pub struct PackSources {
    files: BTreeMap<String, String>,
    /// TOML files already converted at build time (the embedded pack), in the compact form of
    /// `packed.rs`, which start-up reads faster than TOML or JSON text.
    parsed: BTreeMap<String, &'static str>,
    /// (paths hashed, content hash) computed at build time for the embedded pack; used when the
    /// manifest names exactly those paths.
    known_hash: Option<(&'static [&'static str], &'static str)>,
}

impl PackSources {
    /// An empty set of files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add or replace a file.
    pub fn insert(&mut self, path: impl Into<String>, text: impl Into<String>) -> &mut Self {
        let text: String = text.into();
        let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text };
        self.files.insert(path.into().replace('\\', "/"), text);
        // The build-time hash was of the files as built: a changed or added file is hashed anew.
        self.known_hash = None;
        self
    }

    /// The file at `path`, if present.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Paths held.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The default pack's files as the engine embeds them (for the tests).
    #[doc(hidden)]
    pub fn built_in() -> Self {
        Self::embedded()
    }

    /// The default pack, embedded at build time.
    pub(crate) fn embedded() -> Self {
        let mut s = PackSources::new();
        for (path, text) in super::embedded::DEFAULT_PACK {
            s.insert(*path, *text);
        }
        for (path, packed) in super::embedded::DEFAULT_PACK_PACKED {
            s.parsed.insert((*path).to_owned(), packed);
        }
        s.known_hash = Some((super::embedded::DEFAULT_PACK_HASHED, super::embedded::DEFAULT_PACK_HASH));
        s
    }

    /// Each file's size in bytes (as text, or packed as the build made it).
    pub(crate) fn sizes(&self) -> impl Iterator<Item = (&str, usize)> {
        self.files.iter().map(|(p, t)| (p.as_str(), t.len())).chain(self.parsed.iter().map(|(p, t)| (p.as_str(), t.len())))
    }

    /// Whether the pack has this file (as text, or converted at build time).
    pub(crate) fn has(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.parsed.contains_key(path)
    }

    /// The build-time packed value of a TOML file, for the embedded pack.
    pub(crate) fn parsed(&self, path: &str) -> Option<&'static str> {
        self.parsed.get(path).copied()
    }

    /// The build-time hash, when it covers exactly `paths`.
    pub(crate) fn known_hash(&self, paths: &[&str]) -> Option<&'static str> {
        self.known_hash.filter(|(p, _)| *p == paths).map(|(_, h)| h)
    }

    /// Read a pack folder through its manifest: `pack.toml`, then exactly the files it names.
    /// A path that leaves the folder (absolute, `..`, or a link pointing out) is refused; files
    /// the manifest does not name are never read. (Feature `sources`: reading the manifest
    /// needs the TOML parser.)
    #[cfg(feature = "sources")]
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let mut out = PackSources::new();
        let manifest = read_in(dir, "pack.toml")?;
        let names = super::read::manifest_files(&manifest);
        out.insert("pack.toml", manifest);
        let mut problems = Vec::new();
        for name in names {
            match read_in(dir, &name) {
                Ok(text) => {
                    out.insert(name, text);
                }
                Err(Error::Pack(p)) if p.iter().all(|p| p.code == Code::MissingFile) => {}
                Err(Error::Pack(p)) => problems.extend(p),
                Err(e) => return Err(e),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(Error::Pack(problems))
        }
    }
}

/// One file of a pack folder, as text; only inside the folder.
#[cfg(feature = "sources")]
fn read_in(dir: &Path, name: &str) -> Result<String> {
    let io = |en: String, ja: String| Error::Pack(vec![PackProblem::new(Code::Io, Location::file(name), None, en, ja)]);
    let rel = Path::new(name);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Err(io(
            format!("'{name}' is not a path inside the pack folder"),
            format!("「{name}」はルールパックのフォルダ内のパスではありません"),
        ));
    }
    let root = dir.canonicalize().map_err(|e| {
        io(format!("cannot open the pack folder {}: {e}", dir.display()), format!("ルールパックのフォルダを開けません: {e}"))
    })?;
    let path = match root.join(rel).canonicalize() {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Pack(vec![PackProblem::new(
                Code::MissingFile,
                Location::file(name),
                None,
                format!("the pack has no file '{name}'"),
                format!("ファイル「{name}」がありません"),
            )]))
        }
        Err(e) => return Err(io(format!("cannot read '{name}': {e}"), format!("「{name}」を読めません: {e}"))),
    };
    if !path.starts_with(&root) || !path.is_file() {
        return Err(io(
            format!("'{name}' leads outside the pack folder or is not a file"),
            format!("「{name}」はルールパックのフォルダの外を指しているか、ファイルではありません"),
        ));
    }
    let bytes = std::fs::read(&path).map_err(|e| io(format!("cannot read '{name}': {e}"), format!("「{name}」を読めません: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        io(
            format!("'{name}' is not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            format!("「{name}」は UTF-8 のテキストではありません（{}バイト目）", e.utf8_error().valid_up_to()),
        )
    })
}

/// The paths the content hash covers: the manifest and every file it names, sorted.
pub(crate) fn hashed_paths(manifest: &super::model::Manifest) -> Vec<&str> {
    let mut names: Vec<&str> = vec!["pack.toml"];
    names.extend(manifest.items.iter().map(String::as_str));
    names.extend(manifest.scripts.iter().map(String::as_str));
    names.extend(manifest.tests.iter().map(String::as_str));
    names.extend(manifest.changelog.as_deref());
    names.sort_unstable();
    names.dedup();
    names
}

/// The content hash of the manifest and every file it names (rules/README.md, "Content hash").
pub fn content_hash(sources: &PackSources, manifest: &super::model::Manifest) -> String {
    super::hash::hash_files(hashed_paths(manifest).into_iter().map(|n| (n, sources.get(n).unwrap_or(""))))
}

//! Rule packs: read the files, check them, compile the scripts once.

pub mod checklist;
pub(crate) mod hash;
pub mod model;

use crate::engine::{self, Limits, PrintSink};
use crate::error::{Error, Location, PackProblem, Result};
use crate::text::Text;
use checklist::{scene_options, Checklist, Dimension, Item};
use model::{AnchorDef, AnswerType, ItemFile, Manifest};
use rhai::{Engine, AST};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The files of a pack, by path relative to the pack folder (`pack.toml`, `items/…`). Line endings
/// are normalised to `\n` on insert.
#[derive(Debug, Clone, Default)]
pub struct PackSources {
    files: BTreeMap<String, String>,
    /// TOML files already converted to JSON (the embedded pack, at build time): read with
    /// serde_json, which is several times faster than parsing the TOML at start-up.
    parsed: BTreeMap<String, &'static str>,
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
        self
    }

    /// The file at `path`, if present.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Record a TOML file's content already converted to JSON.
    pub(crate) fn insert_parsed(&mut self, path: &str, json: &'static str) {
        self.parsed.insert(path.to_owned(), json);
    }

    fn has(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.parsed.contains_key(path)
    }

    /// Paths held.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Read a pack folder: every `.toml`, `.rhai` and `.json` file below it.
    pub fn from_dir(dir: impl AsRef<Path>) -> std::io::Result<Self> {
        fn walk(root: &Path, dir: &Path, out: &mut PackSources) -> std::io::Result<()> {
            let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::result::Result<_, _>>()?;
            entries.sort_by_key(|e| e.path());
            for e in entries {
                let p = e.path();
                if p.is_dir() {
                    walk(root, &p, out)?;
                } else if matches!(p.extension().and_then(|x| x.to_str()), Some("toml" | "rhai" | "json")) {
                    let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                    out.insert(rel, std::fs::read_to_string(&p)?);
                }
            }
            Ok(())
        }
        let mut out = PackSources::new();
        walk(dir.as_ref(), dir.as_ref(), &mut out)?;
        Ok(out)
    }
}

/// Facts about a compiled pack, as the report and the form show them.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackInfo {
    pub id: String,
    pub edition: String,
    pub version: String,
    /// `sha256:<hex>` over the pack's files (rules/README.md, "Content hash").
    pub hash: String,
    pub title: Text,
    pub description: Option<Text>,
    pub engine: String,
    pub levels: Vec<model::LevelLabel>,
    pub sets: Vec<model::ItemSetDef>,
    pub gates: Vec<model::Gate>,
    pub stages: Vec<model::StageDef>,
    /// Titles of the documents that sources cite.
    pub sources: Vec<model::SourceDoc>,
}

/// A compiled pack: checklist, scripts and a sandboxed engine, ready to score any number of
/// assessments.
pub struct Pack {
    pub(crate) info: PackInfo,
    pub(crate) checklist: std::rc::Rc<Checklist>,
    pub(crate) entry: model::Entry,
    pub(crate) engine: Engine,
    pub(crate) ast: AST,
    pub(crate) sink: PrintSink,
    /// Function name → the script file that defines it, for error locations.
    pub(crate) fn_files: HashMap<String, String>,
    pub(crate) tests: Vec<(String, String)>,
}

impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pack").field("info", &self.info).finish_non_exhaustive()
    }
}

fn problem(code: &'static str, location: Location, item: Option<&str>, en: String, ja: String) -> PackProblem {
    PackProblem { code, location, item: item.map(str::to_owned), message: en, message_ja: ja }
}

/// The paths the content hash covers: the manifest and every file it names, sorted.
fn hashed_paths(manifest: &Manifest) -> Vec<&str> {
    let mut names: Vec<&str> = vec!["pack.toml"];
    names.extend(manifest.items.iter().map(String::as_str));
    names.extend(manifest.scripts.iter().map(String::as_str));
    names.extend(manifest.tests.iter().map(String::as_str));
    names.sort_unstable();
    names.dedup();
    names
}

/// The content hash of the manifest and every file it names.
pub fn content_hash(sources: &PackSources, manifest: &Manifest) -> String {
    hash::hash_files(hashed_paths(manifest).into_iter().map(|n| (n, sources.get(n).unwrap_or(""))))
}

fn parse_toml<T: serde::de::DeserializeOwned>(
    sources: &PackSources,
    file: &str,
    text: &str,
    problems: &mut Vec<PackProblem>,
) -> Option<T> {
    if let Some(json) = sources.parsed.get(file) {
        return match serde_json::from_str::<T>(json) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(problem(
                    "toml",
                    Location::file(file),
                    None,
                    format!("pre-parsed file: {e}"),
                    format!("変換済みファイルを読めません: {e}"),
                ));
                None
            }
        };
    }
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let loc = match e.span() {
                Some(span) => Location::at_offset(file, text, span.start),
                None => Location::file(file),
            };
            let msg = e.message().trim().to_owned();
            problems.push(problem(
                "toml",
                loc,
                None,
                format!("TOML: {msg}"),
                format!("TOMLの書式または項目に誤りがあります: {msg}"),
            ));
            None
        }
    }
}

fn id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && id.as_bytes()[0].is_ascii_lowercase()
}

impl Pack {
    /// The pack compiled into the engine (`rules/default`). Its content hash was computed at
    /// build time over the same files, so start-up does not hash 260 KB again.
    pub fn default_pack() -> Result<Pack> {
        let (sources, known) = crate::bundled::default_sources();
        Pack::compile_inner(&sources, &Limits::default(), Some(known))
    }

    /// Check and compile a pack from its files, with the default limits.
    pub fn compile(sources: &PackSources) -> Result<Pack> {
        Pack::compile_with_limits(sources, &Limits::default())
    }

    /// Check and compile a pack from a folder.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Pack> {
        let dir = dir.as_ref();
        let sources = PackSources::from_dir(dir).map_err(|e| {
            Error::Pack(vec![problem(
                "io",
                Location::file(dir.display().to_string()),
                None,
                format!("cannot read the pack folder: {e}"),
                format!("ルールパックのフォルダを読めません: {e}"),
            )])
        })?;
        Pack::compile(&sources)
    }

    /// Check and compile a pack. Every problem found is returned, each with its file, line and
    /// column where there is one.
    pub fn compile_with_limits(sources: &PackSources, limits: &Limits) -> Result<Pack> {
        Pack::compile_inner(sources, limits, None)
    }

    /// `known`: (paths hashed, hash) computed at build time for the embedded pack; used when the
    /// manifest names exactly those paths.
    fn compile_inner(sources: &PackSources, limits: &Limits, known: Option<(&[&str], &str)>) -> Result<Pack> {
        let mut problems = Vec::new();
        let Some(manifest_text) = sources.get("pack.toml").or(sources.has("pack.toml").then_some("")) else {
            return Err(Error::Pack(vec![problem(
                "missing-file",
                Location::file("pack.toml"),
                None,
                "the pack has no pack.toml manifest".into(),
                "マニフェスト pack.toml がありません".into(),
            )]));
        };
        let Some(manifest) = parse_toml::<Manifest>(sources, "pack.toml", manifest_text, &mut problems) else {
            return Err(Error::Pack(problems));
        };
        check_manifest(&manifest, manifest_text, &mut problems);

        // Items.
        let general: Vec<AnchorDef> = manifest
            .levels
            .iter()
            .map(|l| AnchorDef { ja: l.ja.clone(), en: l.en.clone(), source: None, inferred: false })
            .collect();
        let set_ids: Vec<String> = if manifest.sets.is_empty() {
            vec!["full".into()]
        } else {
            manifest.sets.iter().map(|s| s.id.clone()).collect()
        };
        let mut dimensions: Vec<Dimension> = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for file in &manifest.items {
            if !sources.has(file) {
                problems.push(missing(file));
                continue;
            }
            let text = sources.get(file).unwrap_or("");
            let Some(parsed) = parse_toml::<ItemFile>(sources, file, text, &mut problems) else { continue };
            let d = parsed.dimension;
            let dim_loc = Location::at_offset(file, text, text.find("[dimension]").unwrap_or(0));
            if dimensions.iter().any(|x| x.id == d.id) {
                problems.push(problem(
                    "duplicate-id",
                    dim_loc.clone(),
                    Some(&d.id),
                    format!("dimension '{}' is defined twice", d.id),
                    format!("観点「{}」が二重に定義されています", d.id),
                ));
            }
            if !d.levels.is_empty() && d.levels.len() != 5 {
                problems.push(problem(
                    "levels",
                    dim_loc.clone(),
                    Some(&d.id),
                    format!("a dimension needs exactly five level anchors (0–4), found {}", d.levels.len()),
                    format!("観点の段階（levels）は0〜4の5つが必要です（{}個あります）", d.levels.len()),
                ));
            }
            if d.title.is_incomplete() {
                problems.push(problem(
                    "text",
                    dim_loc.clone(),
                    Some(&d.id),
                    "dimension title needs ja and en".into(),
                    "観点の名称には日本語と英語が必要です".into(),
                ));
            }
            let mut ids = Vec::new();
            let mut cursor = 0;
            for it in parsed.items {
                // Where the item is: looked up only when there is a problem to report.
                // Where the item is (its `id = "…"` line, searched from the previous item on);
                // the line and column are counted only when there is a problem to report.
                let key = format!("id = \"{}\"", it.id);
                let found = text.get(cursor..).and_then(|rest| rest.find(&key)).map(|i| cursor + i);
                if let Some(at) = found {
                    cursor = at + key.len();
                }
                let loc = || match found {
                    Some(at) => Location::at_offset(file, text, at),
                    None => Location::file(file),
                };
                let id = it.id.clone();
                if !id_ok(&id) {
                    problems.push(problem(
                        "item-id",
                        loc(),
                        Some(&id),
                        format!("item id '{id}' must start with a–z and hold only a–z, 0–9 and _"),
                        format!("設問ID「{id}」は英小文字で始め、英小文字・数字・_ のみで書いてください"),
                    ));
                }
                if !seen.insert(id.clone()) {
                    problems.push(problem(
                        "duplicate-id",
                        loc(),
                        Some(&id),
                        format!("item id '{id}' is used twice"),
                        format!("設問ID「{id}」が重複しています"),
                    ));
                }
                let item = check_item(it, &d.id, &general, &set_ids, &loc, &mut problems);
                ids.push(id);
                items.push(item);
            }
            dimensions.push(Dimension {
                id: d.id,
                short: d.short.unwrap_or_else(|| d.title.clone()),
                title: d.title,
                marker: d.marker,
                weight: d.weight,
                rule: d.rule,
                requires: d.requires,
                sources: d.sources,
                levels: if d.levels.is_empty() { general.clone() } else { d.levels },
                items: ids,
                positions: Vec::new(),
            });
        }

        // Scripts: each file compiled alone (so errors name the file), then merged.
        let sink = PrintSink::default();
        let engine = engine::build(limits, &sink);
        let mut ast = AST::empty();
        let mut fn_files = HashMap::new();
        for file in &manifest.scripts {
            let Some(text) = sources.get(file) else {
                problems.push(missing(file));
                continue;
            };
            match engine.compile(text) {
                Ok(mut part) => {
                    part.set_source(file.as_str());
                    for f in part.iter_functions() {
                        if let Some(prev) = fn_files.insert(f.name.to_owned(), file.clone()) {
                            if prev != *file {
                                problems.push(problem(
                                    "duplicate-function",
                                    Location::file(file.clone()),
                                    None,
                                    format!("function '{}' is also defined in {prev}", f.name),
                                    format!("関数「{}」は {prev} でも定義されています", f.name),
                                ));
                            }
                        }
                    }
                    ast = ast.merge(&part);
                }
                Err(e) => {
                    let pos = e.position();
                    problems.push(problem(
                        "script-syntax",
                        Location::at(file.clone(), pos.line(), pos.position()),
                        None,
                        format!("script error: {}", e.err_type()),
                        format!("スクリプトの構文エラー: {}", e.err_type()),
                    ));
                }
            }
        }
        let needs: Vec<(&str, usize, Option<&str>)> = dimensions
            .iter()
            .map(|d| (d.rule.as_str(), 2, Some(d.id.as_str())))
            .chain([(manifest.entry.scenes.as_str(), 2, None), (manifest.entry.overall.as_str(), 2, None)])
            .collect();
        let defined: HashMap<String, usize> = ast.iter_functions().map(|f| (f.name.to_owned(), f.params.len())).collect();
        if problems.iter().all(|p| p.code != "script-syntax") {
            for (name, arity, dim) in needs {
                if defined.get(name) != Some(&arity) {
                    problems.push(problem(
                        "missing-rule",
                        Location::file("pack.toml"),
                        dim,
                        format!("no script defines fn {name}(a, dims) (two parameters)"),
                        format!("スクリプトに関数 {name}(a, dims)（引数2つ）が定義されていません"),
                    ));
                }
            }
        }

        let mut tests = Vec::new();
        for file in &manifest.tests {
            match sources.get(file) {
                Some(t) => tests.push((file.clone(), t.to_owned())),
                None => problems.push(missing(file)),
            }
        }

        if !problems.is_empty() {
            return Err(Error::Pack(problems));
        }
        let hash = match known {
            Some((paths, h)) if hashed_paths(&manifest) == paths => h.to_owned(),
            _ => content_hash(sources, &manifest),
        };
        let info = PackInfo {
            hash,
            id: manifest.id,
            edition: manifest.edition,
            version: manifest.version,
            title: manifest.title,
            description: manifest.description,
            engine: manifest.engine,
            levels: manifest.levels,
            sets: if manifest.sets.is_empty() {
                vec![model::ItemSetDef { id: "full".into(), title: Text::new("応用（全項目）", "Full"), description: None, default: true }]
            } else {
                manifest.sets
            },
            gates: manifest.gates,
            stages: manifest.stages,
            sources: manifest.sources,
        };
        Ok(Pack {
            info,
            checklist: std::rc::Rc::new(Checklist::new(dimensions, items, set_ids)),
            entry: manifest.entry,
            engine,
            ast,
            sink,
            fn_files,
            tests,
        })
    }

    /// Id, version, hash, labels.
    pub fn info(&self) -> &PackInfo {
        &self.info
    }

    /// The checklist: what a form needs to render.
    pub fn checklist(&self) -> &Checklist {
        &self.checklist
    }
}

fn missing(file: &str) -> PackProblem {
    problem(
        "missing-file",
        Location::file(file),
        None,
        format!("the manifest names '{file}' but the pack has no such file"),
        format!("マニフェストに書かれたファイル「{file}」がありません"),
    )
}

fn check_manifest(m: &Manifest, text: &str, problems: &mut Vec<PackProblem>) {
    let at = |key: &str| {
        let off = text.find(&format!("\n{key}")).map_or(0, |i| i + 1);
        Location::at_offset("pack.toml", text, off)
    };
    if m.id.trim().is_empty() {
        problems.push(problem("manifest", at("id"), None, "id is empty".into(), "id が空です".into()));
    }
    if semver::Version::parse(&m.version).is_err() {
        problems.push(problem(
            "manifest",
            at("version"),
            None,
            format!("version '{}' is not a semantic version (like 1.0.0)", m.version),
            format!("version「{}」は 1.0.0 のような形式で書いてください", m.version),
        ));
    }
    match semver::VersionReq::parse(&m.engine) {
        Ok(req) => {
            let ours = semver::Version::parse(crate::ENGINE_VERSION).unwrap_or(semver::Version::new(0, 0, 0));
            if !req.matches(&ours) {
                problems.push(problem(
                    "engine-version",
                    at("engine"),
                    None,
                    format!("the pack needs engine {} but this is engine {}", m.engine, crate::ENGINE_VERSION),
                    format!("このパックはエンジン {} 用です（このエンジンは {}）", m.engine, crate::ENGINE_VERSION),
                ));
            }
        }
        Err(e) => problems.push(problem(
            "manifest",
            at("engine"),
            None,
            format!("engine '{}' is not a version requirement: {e}", m.engine),
            format!("engine「{}」はバージョン条件として読めません", m.engine),
        )),
    }
    if m.levels.len() != 5 {
        problems.push(problem(
            "levels",
            at("[[level]]"),
            None,
            format!("the manifest needs exactly five [[level]] entries (0–4), found {}", m.levels.len()),
            format!("[[level]] は0〜4の5つが必要です（{}個あります）", m.levels.len()),
        ));
    }
    if m.title.is_incomplete() {
        problems.push(problem("text", at("title"), None, "title needs ja and en".into(), "title には日本語と英語が必要です".into()));
    }
}

fn check_item(
    it: model::ItemDef,
    dim: &str,
    general: &[AnchorDef],
    set_ids: &[String],
    loc: &dyn Fn() -> Location,
    problems: &mut Vec<PackProblem>,
) -> Item {
    let id = it.id.clone();
    let mut bad = |en: String, ja: String| problems.push(problem("item", loc(), Some(&id), en, ja));
    if it.question.is_incomplete() {
        bad("the question needs ja and en".into(), "設問文には日本語と英語が必要です".into());
    }
    let weight = it.weight.unwrap_or(if it.kind == AnswerType::Text { 0.0 } else { 1.0 });
    if !(weight.is_finite() && weight >= 0.0) {
        bad(format!("weight must be 0 or more, got {weight}"), format!("weight は0以上にしてください（{weight}）"));
    }
    let sets = it.sets.unwrap_or_else(|| vec![set_ids.last().cloned().unwrap_or_else(|| "full".into())]);
    for s in &sets {
        if !set_ids.contains(s) {
            bad(
                format!("set '{s}' is not declared in pack.toml (declared: {})", set_ids.join(", ")),
                format!("セット「{s}」は pack.toml に宣言されていません"),
            );
        }
    }
    let mut options = it.options;
    match it.kind {
        AnswerType::Single | AnswerType::Multi => {
            if options.is_empty() {
                bad("a single/multi item needs options".into(), "選択式の設問には options が必要です".into());
            }
            let mut ids = HashSet::new();
            for o in &options {
                if !ids.insert(o.id.as_str()) {
                    bad(format!("option '{}' is listed twice", o.id), format!("選択肢「{}」が重複しています", o.id));
                }
                if o.ja.trim().is_empty() || o.en.trim().is_empty() {
                    bad(format!("option '{}' needs ja and en", o.id), format!("選択肢「{}」に日本語と英語が必要です", o.id));
                }
                if let Some(p) = o.points {
                    if !(0.0..=1.0).contains(&p) {
                        bad(
                            format!("option '{}' points must be 0–1, got {p}", o.id),
                            format!("選択肢「{}」の points は0〜1にしてください（{p}）", o.id),
                        );
                    }
                }
            }
        }
        AnswerType::Scenes => {
            if !options.is_empty() {
                bad(
                    "a scenes item takes no options: the four scenes are fixed".into(),
                    "scenes 型の選択肢は4場面で固定です（options は書かないでください）".into(),
                );
            }
            options = scene_options();
        }
        _ => {
            if !options.is_empty() {
                bad("only single/multi items take options".into(), "options は選択式の設問にだけ書けます".into());
            }
        }
    }
    for m in &it.mature_includes {
        if !options.iter().any(|o| &o.id == m) {
            bad(
                format!("mature_includes names '{m}', which is not an option"),
                format!("mature_includes の「{m}」は選択肢にありません"),
            );
        }
    }
    let levels = if it.kind == AnswerType::Level {
        if it.levels.is_empty() {
            general.to_vec()
        } else {
            if it.levels.len() != 5 {
                bad(
                    format!("a level item needs five labels (0–4), found {}", it.levels.len()),
                    format!("段階の設問には0〜4の5つのラベルが必要です（{}個）", it.levels.len()),
                );
            }
            it.levels
        }
    } else {
        it.levels
    };
    if let Some(m) = it.mature_at {
        if m <= 0.0 {
            bad("mature_at must be above 0".into(), "mature_at は0より大きくしてください".into());
        }
    }
    Item {
        id: id.clone(),
        dimension: dim.to_owned(),
        kind: it.kind,
        question: it.question,
        action: it.action,
        help: it.help,
        applies_when: it.applies_when,
        weight,
        sets,
        inferred: it.inferred,
        inferred_note: it.inferred_note,
        sources: it.sources,
        options,
        levels,
        labels: it.labels,
        mature_count: it.mature_count,
        mature_includes: it.mature_includes,
        unit: it.unit,
        mature_at: it.mature_at,
        integer: it.integer,
        min: it.min,
        max: it.max,
        advice: it.advice,
        set_mask: 0,
    }
}

//! `Pack::compile`: the stages that turn a pack's files into a compiled pack — read the
//! manifest, check it, read the checklist, check its references, compile the scripts — each
//! collecting every problem it finds.

use super::checklist::{scene_options, Checklist, Dimension, Item};
use super::checks::{self, ItemContext, Place};
use super::model::{AnchorDef, ItemFile, ItemSetDef, Manifest};
use super::read::{parse_toml, Step};
use super::sources::PackSources;
use super::sources::{content_hash, hashed_paths};
use super::{scripts, Pack, PackInfo};
use crate::engine::{self, Limits};
use crate::error::{Code, Error, Location, PackProblem, Result};
use crate::text::Text;
use std::collections::HashSet;
#[cfg(feature = "sources")]
use std::path::Path;

impl Pack {
    /// The pack compiled into the engine (`rules/default`). Its content hash was computed at
    /// build time over the same files, so start-up does not hash 260 KB again.
    pub fn default_pack() -> Result<Pack> {
        Pack::compile(&PackSources::embedded())
    }

    /// Check and compile a pack from its files, with the default limits.
    pub fn compile(sources: &PackSources) -> Result<Pack> {
        Pack::compile_with_limits(sources, &Limits::default())
    }

    /// Check and compile a pack from a folder, reading only the files its manifest names.
    #[cfg(feature = "sources")]
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Pack> {
        Pack::compile(&PackSources::from_dir(dir)?)
    }

    /// Check and compile a pack. Every problem found is returned, each with its file, line and
    /// column where there is one.
    pub fn compile_with_limits(sources: &PackSources, limits: &Limits) -> Result<Pack> {
        let mut problems = Vec::new();
        checks::sizes(sources, limits, &mut problems);
        if !problems.is_empty() {
            return Err(Error::pack(problems, limits));
        }
        let manifest = read_manifest(sources, &mut problems)?;
        let limits = limits.lowered_by(&manifest.limits);
        // The checks of the pack as a whole (the manifest, missing files, references, the rules
        // scripts must define). Without the `sources` feature the only pack the engine can read is
        // the default one converted at build time, which the full engine checks (the tests; the
        // site's build compiles it): the page's engine leaves them out, and their code with them.
        let whole = cfg!(feature = "sources");
        if whole {
            checks::manifest(&manifest, sources, &mut problems);
            missing_files(sources, &manifest, &mut problems);
        }
        let (dims, items) = read_checklist(sources, &manifest, &mut problems);
        if whole {
            checks::references(&manifest, &dims, &items, &mut problems);
        }
        let info = info(sources, &manifest);
        let sandbox = engine::build(&limits);
        #[cfg(feature = "scripts")]
        let scripts = scripts::compile(&sandbox.engine, sources, &manifest, &limits, &mut problems);
        #[cfg(feature = "scripts")]
        if whole {
            scripts::check_rules(&scripts, &manifest, &dims, sources, &mut problems);
        }
        #[cfg(not(feature = "scripts"))]
        let scripts = scripts::prebuilt(&manifest, &info.hash, &mut problems);
        if !problems.is_empty() {
            return Err(Error::pack(problems, &limits));
        }
        let tests = manifest.tests.iter().filter_map(|f| Some((f.clone(), sources.get(f)?.to_owned()))).collect();
        let paths = hashed_paths(&manifest).into_iter().map(str::to_owned).collect();
        let set_ids = info.sets.iter().map(|s| s.id.clone()).collect();
        let checklist = Checklist::new(
            dims.into_iter().map(|(d, _)| d).collect(),
            items.into_iter().map(|(i, _)| i).collect(),
            set_ids,
            manifest.scenes.clone(),
        );
        let mut pack = Pack {
            info,
            checklist: std::rc::Rc::new(checklist),
            entry: manifest.entry,
            #[cfg(feature = "scripts")]
            engine: sandbox.engine,
            #[cfg(feature = "scripts")]
            ast: scripts.ast,
            sink: sandbox.sink,
            budget: sandbox.budget,
            limits,
            fn_files: scripts.fn_files,
            tests,
            paths,
            uses_dims: Vec::new(),
            fast: Default::default(),
        };
        #[cfg(feature = "scripts")]
        let lowered = crate::score::fast::lower_all(&pack.ast);
        #[cfg(not(feature = "scripts"))]
        let lowered = scripts.lowered;
        pack.uses_dims = lowered.uses_dims(crate::score::rule_names(&pack));
        pack.fast = crate::score::fast::Program::link(lowered, crate::score::rule_names(&pack), &pack.checklist);
        Ok(pack)
    }
}

fn read_manifest(sources: &PackSources, problems: &mut Vec<PackProblem>) -> Result<Manifest> {
    if !sources.has("pack.toml") {
        return Err(Error::Pack(vec![PackProblem::new(
            Code::MissingFile,
            Location::file("pack.toml"),
            None,
            "the pack has no pack.toml manifest".into(),
            "マニフェスト pack.toml がありません".into(),
        )]));
    }
    parse_toml::<Manifest>(sources, "pack.toml", problems).ok_or_else(|| Error::Pack(std::mem::take(problems)))
}

fn missing_files(sources: &PackSources, m: &Manifest, problems: &mut Vec<PackProblem>) {
    for (key, list) in [("items", &m.items), ("scripts", &m.scripts), ("tests", &m.tests)] {
        for (i, file) in list.iter().enumerate().filter(|(_, f)| !sources.has(f)) {
            let place = Place { sources, file: "pack.toml", path: vec![Step::Key(key), Step::Index(i)] };
            problems.push(PackProblem::new(
                Code::MissingFile,
                place.location(),
                None,
                format!("the manifest names '{file}' but the pack has no such file"),
                format!("マニフェストに書かれたファイル「{file}」がありません"),
            ));
        }
    }
    if let Some(file) = m.changelog.as_ref().filter(|f| !sources.has(f)) {
        let place = Place { sources, file: "pack.toml", path: vec![Step::Key("changelog")] };
        problems.push(PackProblem::new(
            Code::MissingFile,
            place.location(),
            None,
            format!("the manifest names the changelog '{file}' but the pack has no such file"),
            format!("マニフェストに書かれた変更履歴のファイル「{file}」がありません"),
        ));
    }
}

type Placed<'a, T> = Vec<(T, Place<'a>)>;

/// Every item file: its dimension and items, checked, each with its place.
fn read_checklist<'a>(sources: &'a PackSources, m: &'a Manifest, problems: &mut Vec<PackProblem>) -> (Placed<'a, Dimension>, Placed<'a, Item>) {
    let general: Vec<AnchorDef> =
        m.levels.iter().map(|l| AnchorDef { ja: l.ja.clone(), en: l.en.clone(), source: None, inferred: false }).collect();
    let set_ids: Vec<String> = sets(m).into_iter().map(|s| s.id).collect();
    let scenes = scene_options(&m.scenes);
    let mut dims: Placed<Dimension> = Vec::new();
    let mut items: Placed<Item> = Vec::new();
    let mut seen = HashSet::new();
    for file in m.items.iter().filter(|f| sources.has(f)) {
        let Some(parsed) = parse_toml::<ItemFile>(sources, file, problems) else { continue };
        let place = Place { sources, file, path: vec![Step::Key("dimension")] };
        let dim = Dimension::from_def(parsed.dimension, &general);
        let twice = dims.iter().any(|(d, _)| d.id == dim.id);
        checks::dimension(&dim, &place, twice, problems);
        let cx = ItemContext { dimension: &dim.id, general: &general, set_ids: &set_ids, scenes: &scenes };
        let mut ids = Vec::new();
        for (i, it) in parsed.items.into_iter().enumerate() {
            let place = Place { sources, file, path: vec![Step::Key("item"), Step::Index(i), Step::Key("id")] };
            let item = checks::item(it, &cx, &place, &mut seen, problems);
            ids.push(item.id.clone());
            items.push((item, place));
        }
        let mut dim = dim;
        dim.items = ids;
        dims.push((dim, place));
    }
    (dims, items)
}

/// The manifest's item sets, or one "full" set when it declares none.
fn sets(m: &Manifest) -> Vec<ItemSetDef> {
    if m.sets.is_empty() {
        vec![ItemSetDef { id: "full".into(), title: Text::new("全項目", "Full"), description: None, default: true }]
    } else {
        m.sets.clone()
    }
}

fn info(sources: &PackSources, m: &Manifest) -> PackInfo {
    let paths = hashed_paths(m);
    let hash = sources.known_hash(&paths).map_or_else(|| content_hash(sources, m), str::to_owned);
    let mut sets = sets(m);
    if !sets.iter().any(|s| s.default) {
        if let Some(last) = sets.last_mut() {
            last.default = true;
        }
    }
    PackInfo {
        hash,
        id: m.id.clone(),
        edition: m.edition.clone(),
        version: m.version.clone(),
        title: m.title.clone(),
        description: m.description.clone(),
        engine: m.engine.clone(),
        levels: m.levels.clone(),
        sets,
        gates: m.gates.clone(),
        stages: m.stages.clone(),
        sources: m.sources.clone(),
        scenes: m.scenes.clone(),
        bases: m.bases.clone(),
        report: m.report.clone(),
    }
}

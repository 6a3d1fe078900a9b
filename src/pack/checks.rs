//! The checks a pack must pass before it is compiled: the manifest, each dimension and item, and
//! the references between them (`requires`, `applies_when`, `mature_includes`, advice bases).
//! Every problem names its file, line and column, from the TOML parser's spans.

use super::checklist::{Dimension, Item};
use super::model::{AnchorDef, AnswerType, Condition, ItemDef, Manifest, OptionDef};
use super::read::{locate, Step};
use super::sources::PackSources;
use crate::error::{Code, Location, PackProblem};
use std::collections::{HashMap, HashSet};

/// Where a problem is: a file and a path of keys into it, resolved to a line only when needed.
pub(crate) struct Place<'a> {
    pub sources: &'a PackSources,
    pub file: &'a str,
    pub path: Vec<Step<'a>>,
}

impl Place<'_> {
    pub(crate) fn location(&self) -> Location {
        locate(self.sources, self.file, &self.path)
    }

    fn push(&self, problems: &mut Vec<PackProblem>, code: Code, item: Option<&str>, en: String, ja: String) {
        problems.push(PackProblem::new(code, self.location(), item, en, ja));
    }
}

fn at<'a>(sources: &'a PackSources, file: &'a str, path: &[Step<'a>]) -> Place<'a> {
    Place { sources, file, path: path.to_vec() }
}

/// No file, script or pack larger than the engine reads (a parser slows far faster than its
/// input grows; a pack is someone else's code).
pub(crate) fn sizes(sources: &PackSources, limits: &crate::Limits, problems: &mut Vec<PackProblem>) {
    let (mut total, mut scripts) = (0usize, 0usize);
    for (path, len) in sources.sizes() {
        total += len;
        scripts += if path.ends_with(".rhai") { len } else { 0 };
        let cap = if path.ends_with(".rhai") { limits.max_script_bytes } else { limits.max_file_bytes };
        if len > cap {
            problems.push(PackProblem::new(
                Code::TooLarge,
                Location::file(path),
                None,
                format!("'{path}' is {len} bytes; the engine reads at most {cap} bytes for such a file"),
                format!("「{path}」は{len}バイトあります（この種類のファイルの上限は{cap}バイト）"),
            ));
        }
    }
    if scripts > limits.max_scripts_bytes {
        problems.push(PackProblem::new(
            Code::TooLarge,
            Location::file("(pack)"),
            None,
            format!("the pack's scripts total {scripts} bytes; the engine reads at most {}", limits.max_scripts_bytes),
            format!("ルールパックのスクリプトは合計{scripts}バイトあります（上限は{}バイト）", limits.max_scripts_bytes),
        ));
    }
    if total > limits.max_pack_bytes {
        problems.push(PackProblem::new(
            Code::TooLarge,
            Location::file("(pack)"),
            None,
            format!("the pack's files total {total} bytes; the engine reads at most {}", limits.max_pack_bytes),
            format!("ルールパックのファイルは合計{total}バイトあります（上限は{}バイト）", limits.max_pack_bytes),
        ));
    }
}

/// Manifest fields: id, versions, level scale, title, sets, scenes.
pub(crate) fn manifest(m: &Manifest, sources: &PackSources, problems: &mut Vec<PackProblem>) {
    let key = |k: &'static str| at(sources, "pack.toml", &[Step::Key(k)]);
    if m.id.trim().is_empty() {
        key("id").push(problems, Code::Manifest, None, "id is empty".into(), "id が空です".into());
    }
    if semver::Version::parse(&m.version).is_err() {
        key("version").push(
            problems,
            Code::Manifest,
            None,
            format!("version '{}' is not a semantic version (like 1.0.0)", m.version),
            format!("version「{}」は 1.0.0 のような形式で書いてください", m.version),
        );
    }
    engine_requirement(m, &key("engine"), problems);
    if m.levels.len() != 5 {
        key("level").push(
            problems,
            Code::Levels,
            None,
            format!("the manifest needs exactly five [[level]] entries (0–4), found {}", m.levels.len()),
            format!("[[level]] は0〜4の5つが必要です（{}個あります）", m.levels.len()),
        );
    }
    if m.title.is_incomplete() {
        key("title").push(problems, Code::Text, None, "title needs ja and en".into(), "title には日本語と英語が必要です".into());
    }
    if m.sets.iter().filter(|s| s.default).count() > 1 {
        key("set").push(problems, Code::Manifest, None, "more than one set is marked default".into(), "default の設問セットが複数あります".into());
    }
    unique(m.sets.iter().map(|s| s.id.as_str()), "set", sources, problems);
    unique(m.scenes.iter().map(|s| s.id.as_str()), "scene", sources, problems);
    unique(m.bases.iter().map(|s| s.id.as_str()), "basis", sources, problems);
    unique(m.gates.iter().map(|s| s.id.as_str()), "gate", sources, problems);
    unique(m.stages.iter().map(|s| s.id.as_str()), "stage", sources, problems);
}

fn engine_requirement(m: &Manifest, place: &Place, problems: &mut Vec<PackProblem>) {
    match semver::VersionReq::parse(&m.engine) {
        Ok(req) => {
            let ours = semver::Version::parse(crate::ENGINE_VERSION).unwrap_or(semver::Version::new(0, 0, 0));
            if !req.matches(&ours) {
                place.push(
                    problems,
                    Code::EngineVersion,
                    None,
                    format!("the pack needs engine {} but this is engine {}", m.engine, crate::ENGINE_VERSION),
                    format!("このパックはエンジン {} 用です（このエンジンは {}）", m.engine, crate::ENGINE_VERSION),
                );
            }
        }
        Err(e) => place.push(
            problems,
            Code::Manifest,
            None,
            format!("engine '{}' is not a version requirement: {e}", m.engine),
            format!("engine「{}」はバージョン条件として読めません", m.engine),
        ),
    }
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>, table: &'static str, sources: &PackSources, problems: &mut Vec<PackProblem>) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            at(sources, "pack.toml", &[Step::Key(table), Step::Index(i), Step::Key("id")]).push(
                problems,
                Code::DuplicateId,
                Some(id),
                format!("[[{table}]] id '{id}' is declared twice"),
                format!("[[{table}]] の id「{id}」が二重に宣言されています"),
            );
        }
    }
}

/// A dimension's own fields; `twice`: an earlier item file already defined its id.
pub(crate) fn dimension(d: &Dimension, place: &Place, twice: bool, problems: &mut Vec<PackProblem>) {
    if !(d.weight.is_finite() && d.weight >= 0.0) {
        place.push(
            problems,
            Code::Item,
            Some(&d.id),
            format!("dimension weight must be a number 0 or more, got {}", d.weight),
            format!("観点の weight は0以上の数にしてください（{}）", d.weight),
        );
    }
    if twice {
        place.push(
            problems,
            Code::DuplicateId,
            Some(&d.id),
            format!("dimension '{}' is defined twice", d.id),
            format!("観点「{}」が二重に定義されています", d.id),
        );
    }
    if d.levels.len() != 5 {
        place.push(
            problems,
            Code::Levels,
            Some(&d.id),
            format!("a dimension needs exactly five level anchors (0–4), found {}", d.levels.len()),
            format!("観点の段階（levels）は0〜4の5つが必要です（{}個あります）", d.levels.len()),
        );
    }
    if d.title.is_incomplete() {
        place.push(problems, Code::Text, Some(&d.id), "dimension title needs ja and en".into(), "観点の名称には日本語と英語が必要です".into());
    }
}

fn id_ok(id: &str) -> bool {
    id.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// What an item needs besides its definition: the pack's level scale, sets and scenes.
pub(crate) struct ItemContext<'a> {
    pub dimension: &'a str,
    pub general: &'a [AnchorDef],
    pub set_ids: &'a [String],
    pub scenes: &'a [OptionDef],
}

/// Check one item and fill in its defaults.
pub(crate) fn item(it: ItemDef, cx: &ItemContext, place: &Place, seen: &mut HashSet<String>, problems: &mut Vec<PackProblem>) -> Item {
    let id = it.id.clone();
    let mut bad = |code: Code, en: String, ja: String| place.push(problems, code, Some(&id), en, ja);
    if !id_ok(&id) {
        bad(
            Code::ItemId,
            format!("item id '{id}' must start with a–z and hold only a–z, 0–9 and _"),
            format!("設問ID「{id}」は英小文字で始め、英小文字・数字・_ のみで書いてください"),
        );
    }
    if !seen.insert(id.clone()) {
        bad(Code::DuplicateId, format!("item id '{id}' is used twice"), format!("設問ID「{id}」が重複しています"));
    }
    if it.question.is_incomplete() {
        bad(Code::Item, "the question needs ja and en".into(), "設問文には日本語と英語が必要です".into());
    }
    let weight = it.weight.unwrap_or(if it.kind == AnswerType::Text { 0.0 } else { 1.0 });
    if !(weight.is_finite() && weight >= 0.0) {
        bad(Code::Item, format!("weight must be 0 or more, got {weight}"), format!("weight は0以上にしてください（{weight}）"));
    }
    let sets = it.sets.clone().unwrap_or_else(|| vec![cx.set_ids.last().cloned().unwrap_or_else(|| "full".into())]);
    for s in sets.iter().filter(|s| !cx.set_ids.contains(s)) {
        bad(
            Code::UnknownReference,
            format!("set '{s}' is not declared in pack.toml (declared: {})", cx.set_ids.join(", ")),
            format!("セット「{s}」は pack.toml に宣言されていません"),
        );
    }
    let (options, levels) = crate::answers::check_definition(&it, cx.general, cx.scenes, &mut |en, ja| bad(Code::Item, en, ja));
    Item::from_def(it, cx.dimension, weight, sets, options, levels)
}

/// References across the checklist: `requires` (known, no cycle), `applies_when` (a known item
/// and its options), and advice bases (declared, when the pack declares any).
pub(crate) fn references(m: &Manifest, dims: &[(Dimension, Place)], items: &[(Item, Place)], problems: &mut Vec<PackProblem>) {
    let dim_ids: HashMap<&str, usize> = dims.iter().enumerate().map(|(i, (d, _))| (d.id.as_str(), i)).collect();
    for (d, place) in dims {
        for r in d.requires.iter().filter(|r| !dim_ids.contains_key(r.as_str())) {
            place.push(
                problems,
                Code::UnknownReference,
                Some(&d.id),
                format!("requires names '{r}', which is not a dimension of this pack"),
                format!("requires の「{r}」はこのパックの観点ではありません"),
            );
        }
    }
    requires_cycles(dims, &dim_ids, problems);
    let by_id: HashMap<&str, &Item> = items.iter().map(|(i, _)| (i.id.as_str(), i)).collect();
    applies_cycles(items, &by_id, problems);
    for (item, place) in items {
        let conds = item.applies_when.iter().chain(item.options.iter().filter_map(|o| o.applies_when.as_ref()));
        for c in conds {
            condition(c, item, &by_id, place, problems);
        }
        for a in item.advice.iter().filter(|a| !m.bases.is_empty() && !m.bases.iter().any(|b| b.id == a.basis)) {
            place.push(
                problems,
                Code::UnknownReference,
                Some(&item.id),
                format!("advice basis '{}' is not declared with [[basis]] in pack.toml", a.basis),
                format!("助言の basis「{}」は pack.toml の [[basis]] に宣言されていません", a.basis),
            );
        }
    }
}

fn condition(c: &Condition, item: &Item, by_id: &HashMap<&str, &Item>, place: &Place, problems: &mut Vec<PackProblem>) {
    let mut bad = |en: String, ja: String| place.push(problems, Code::UnknownReference, Some(&item.id), en, ja);
    let Some(decider) = by_id.get(c.item.as_str()) else {
        return bad(
            format!("applies_when names '{}', which is not an item", c.item),
            format!("applies_when の「{}」は設問IDではありません", c.item),
        );
    };
    if decider.id == item.id {
        return bad("applies_when cannot name the item itself".into(), "applies_when に設問自身は指定できません".into());
    }
    let yes_no = decider.kind == AnswerType::YesNo;
    for o in c.is.iter().chain(&c.is_not) {
        let known = decider.option(o).is_some() || (yes_no && matches!(o.as_str(), "yes" | "no"));
        if !known {
            bad(
                format!("applies_when: item '{}' has no option '{o}'", c.item),
                format!("applies_when: 設問「{}」に選択肢「{o}」はありません", c.item),
            );
        }
    }
    if c.is.is_empty() == c.is_not.is_empty() {
        bad("applies_when needs exactly one of `is` and `is_not`".into(), "applies_when には is か is_not のどちらか一方を書いてください".into());
    }
}

/// An item whose `applies_when` chain comes back to it (A applies when B…, B when A…).
fn applies_cycles(items: &[(Item, Place)], by_id: &HashMap<&str, &Item>, problems: &mut Vec<PackProblem>) {
    for (item, place) in items {
        let mut seen = vec![item.id.as_str()];
        // An item naming itself is reported by `condition`.
        let mut next = item.applies_when.as_ref().map(|c| c.item.as_str()).filter(|d| *d != item.id);
        while let Some(id) = next {
            if id == item.id {
                seen.push(id);
                place.push(
                    problems,
                    Code::UnknownReference,
                    Some(&item.id),
                    format!("applies_when forms a cycle: {}", seen.join(" → ")),
                    format!("applies_when が循環しています: {}", seen.join(" → ")),
                );
                break;
            }
            if seen.contains(&id) {
                break; // a cycle that does not pass through this item: reported at its own items
            }
            seen.push(id);
            next = by_id.get(id).and_then(|i| i.applies_when.as_ref()).map(|c| c.item.as_str());
        }
    }
}

fn requires_cycles(dims: &[(Dimension, Place)], ids: &HashMap<&str, usize>, problems: &mut Vec<PackProblem>) {
    // Depth-first search; 0 unvisited, 1 on the path, 2 done.
    fn visit(i: usize, dims: &[(Dimension, Place)], ids: &HashMap<&str, usize>, state: &mut [u8], path: &mut Vec<usize>) -> Option<Vec<usize>> {
        state[i] = 1;
        path.push(i);
        for r in &dims[i].0.requires {
            let Some(&j) = ids.get(r.as_str()) else { continue };
            if state[j] == 1 {
                let from = path.iter().position(|&p| p == j).unwrap_or(0);
                return Some(path[from..].to_vec());
            }
            if state[j] == 0 {
                if let Some(c) = visit(j, dims, ids, state, path) {
                    return Some(c);
                }
            }
        }
        path.pop();
        state[i] = 2;
        None
    }
    let mut state = vec![0u8; dims.len()];
    for i in 0..dims.len() {
        if state[i] != 0 {
            continue;
        }
        if let Some(cycle) = visit(i, dims, ids, &mut state, &mut Vec::new()) {
            let names: Vec<&str> = cycle.iter().chain(cycle.first()).map(|&k| dims[k].0.id.as_str()).collect();
            let (d, place) = &dims[cycle[0]];
            place.push(
                problems,
                Code::RequiresCycle,
                Some(&d.id),
                format!("requires forms a cycle: {}", names.join(" → ")),
                format!("requires が循環しています: {}", names.join(" → ")),
            );
            return;
        }
    }
}

//! A pack's rhai scripts: each file compiled alone (so that errors name the file), merged into
//! one AST, and checked for the rule functions the pack needs.

#[cfg(feature = "scripts")]
use super::checklist::Dimension;
#[cfg(feature = "scripts")]
use super::checks::Place;
use super::model::Manifest;
#[cfg(feature = "scripts")]
use super::read::Step;
#[cfg(feature = "scripts")]
use super::sources::PackSources;
use crate::error::{Code, Location, PackProblem};
#[cfg(feature = "scripts")]
use rhai::{Engine, AST};
use std::collections::HashMap;

/// The compiled scripts and, for error locations, where each function is defined.
#[cfg(feature = "scripts")]
pub(crate) struct Scripts {
    pub ast: AST,
    pub fn_files: HashMap<String, Location>,
}

/// Where each function of `file` is defined (src/pack/defs.rs).
#[cfg(feature = "scripts")]
fn definitions(file: &str, text: &str) -> HashMap<String, Location> {
    super::defs::definitions(text).into_iter().map(|(name, (l, c))| (name, Location::at(file, Some(l), Some(c)))).collect()
}

/// Compile every script the manifest names.
#[cfg(feature = "scripts")]
pub(crate) fn compile(engine: &Engine, sources: &PackSources, m: &Manifest, limits: &crate::Limits, problems: &mut Vec<PackProblem>) -> Scripts {
    let mut ast = AST::empty();
    let mut fn_files: HashMap<String, Location> = HashMap::new();
    for file in &m.scripts {
        let Some(text) = sources.get(file) else { continue }; // reported as a missing file
        if text.len() > limits.max_script_bytes {
            continue; // reported by the size check
        }
        match engine.compile(text) {
            Ok(mut part) => {
                part.set_source(file.as_str());
                let defs = definitions(file, text);
                for f in part.iter_functions() {
                    let here = defs.get(f.name).cloned().unwrap_or_else(|| Location::file(file.as_str()));
                    match fn_files.insert(f.name.to_owned(), here.clone()) {
                        Some(prev) if prev.file != *file => problems.push(PackProblem::new(
                            Code::DuplicateFunction,
                            here,
                            None,
                            format!("function '{}' is also defined in {prev}", f.name),
                            format!("関数「{}」は {prev} でも定義されています", f.name),
                        )),
                        _ => {}
                    }
                }
                ast = ast.merge(&part);
            }
            Err(e) => {
                let pos = e.position();
                problems.push(PackProblem::new(
                    Code::ScriptSyntax,
                    Location::at(file.clone(), pos.line(), pos.position()),
                    None,
                    format!("script error: {}", e.err_type()),
                    format!("スクリプトの構文エラー: {}", e.err_type()),
                ));
            }
        }
    }
    Scripts { ast, fn_files }
}

/// Every rule the engine will call is defined with two parameters `(a, dims)`: each
/// dimension's `rule`, and the manifest's `[entry]` functions.
#[cfg(feature = "scripts")]
pub(crate) fn check_rules(scripts: &Scripts, m: &Manifest, dims: &[(Dimension, Place)], sources: &PackSources, problems: &mut Vec<PackProblem>) {
    if problems.iter().any(|p| p.code == Code::ScriptSyntax) {
        return; // the functions of a file that does not parse are unknown
    }
    let defined: HashMap<&str, usize> = scripts.ast.iter_functions().map(|f| (f.name, f.params.len())).collect();
    let entries = [("scenes", m.entry.scenes.as_str()), ("overall", m.entry.overall.as_str())];
    let needs = dims
        .iter()
        .map(|(d, place)| (d.rule.as_str(), Some(d.id.as_str()), place_of_rule(place)))
        .chain(entries.iter().map(|(k, name)| (*name, None, Place { sources, file: "pack.toml", path: vec![Step::Key("entry"), Step::Key(k)] })));
    for (name, dim, place) in needs {
        if defined.get(name) != Some(&2) {
            problems.push(PackProblem::new(
                Code::MissingRule,
                place.location(),
                dim,
                format!("no script defines fn {name}(a, dims) (two parameters)"),
                format!("スクリプトに関数 {name}(a, dims)（引数2つ）が定義されていません"),
            ));
        }
    }
}

#[cfg(feature = "scripts")]
fn place_of_rule<'a>(p: &Place<'a>) -> Place<'a> {
    Place { sources: p.sources, file: p.file, path: vec![Step::Key("dimension"), Step::Key("rule")] }
}

/// Without rhai (no `scripts` feature: the assessment page's engine): the default pack's script
/// functions as build.rs lowered them (src/score/fast/image.rs), and where each is defined.
#[cfg(not(feature = "scripts"))]
pub(crate) struct Prebuilt {
    pub fn_files: HashMap<String, Location>,
    pub lowered: crate::score::fast::Lowered,
}

/// The scripts of the pack whose content hash is `hash`, from the image build.rs made of the
/// default pack's: any other pack is refused (this engine cannot compile scripts).
#[cfg(not(feature = "scripts"))]
pub(crate) fn prebuilt(m: &Manifest, hash: &str, problems: &mut Vec<PackProblem>) -> Prebuilt {
    // Where each function is defined, as build.rs found it (the page's engine does not embed the
    // scripts themselves); a later file's definition wins, as the compiler's merge does.
    let mut fn_files = HashMap::new();
    for (name, file, line, col) in super::embedded::DEFAULT_PACK_FUNCTIONS {
        fn_files.insert((*name).to_owned(), Location::at(*file, Some(*line), Some(*col)));
    }
    let image = crate::score::fast::image::decode(super::embedded::DEFAULT_PACK_FAST);
    let lowered = match image {
        Some((lowered, of)) if of == hash => lowered,
        _ => {
            let file = m.scripts.first().map_or("pack.toml", String::as_str);
            problems.push(PackProblem::new(
                Code::ScriptSyntax,
                Location::file(file),
                None,
                "this engine (the assessment page's, without the script compiler) runs only the scripts of its built-in pack, compiled when it was built: compile this pack with the full engine (pkg/renkei.js)".into(),
                "このエンジン（評価ページ用。スクリプトのコンパイラを含みません）は、組み込みのパックのスクリプトだけを実行できます。このパックは完全版のエンジン（pkg/renkei.js）でコンパイルしてください".into(),
            ));
            crate::score::fast::Lowered::default()
        }
    };
    Prebuilt { fn_files, lowered }
}

//! Embeds the default rule pack (`rules/default/`) into the library: the browser has no filesystem.

#[path = "src/pack/hash.rs"]
mod hash;

#[path = "src/pack/defs.rs"]
mod defs;

// The fast evaluator's program and its lowering from rhai's AST (src/score/fast/): build.rs
// lowers the default pack's scripts once, so that the assessment page's engine (built without
// the `scripts` feature) carries no rhai parser or interpreter and compiles nothing at start-up.
#[path = "src/score/fast/image.rs"]
mod image;
#[allow(dead_code)]
#[path = "src/score/fast/ir.rs"]
mod ir;
#[allow(dead_code)]
#[path = "src/score/fast/lower.rs"]
mod lower;
#[allow(dead_code)]
#[path = "src/score/fast/ops.rs"]
mod ops;
#[allow(dead_code)]
#[path = "src/score/fast/value.rs"]
mod value;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The manifest and every file it names (items, scripts, tests, changelog), sorted: exactly what the
/// library reads and hashes, so a stray file in the folder changes neither. Second: the test cases among them.
fn manifest_files(pack: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let text = fs::read_to_string(pack.join("pack.toml")).expect("rules/default/pack.toml");
    let manifest: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("rules/default/pack.toml: {e}"));
    let mut out = vec![pack.join("pack.toml")];
    let mut tests = Vec::new();
    for key in ["items", "scripts", "tests"] {
        for name in manifest.get(key).and_then(|v| v.as_array()).into_iter().flatten() {
            let path = pack.join(name.as_str().expect("file names are strings"));
            if key == "tests" {
                tests.push(path.clone());
            }
            out.push(path);
        }
    }
    if let Some(name) = manifest.get("changelog").and_then(|v| v.as_str()) {
        out.push(pack.join(name));
    }
    out.sort();
    out.dedup();
    (out, tests)
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let pack = root.join("rules").join("default");
    println!("cargo:rerun-if-changed={}", pack.display());
    for f in ["image", "ir", "lower", "ops", "value"] {
        println!("cargo:rerun-if-changed=src/score/fast/{f}.rs");
    }
    let (files, tests) = manifest_files(&pack);
    // Without the `self-test` feature (the assessment page's engine) the pack's test cases are not
    // embedded: nothing there runs them. The hash below still covers them (it is the pack's).
    let self_test = std::env::var_os("CARGO_FEATURE_SELF_TEST").is_some();
    let scripts = std::env::var_os("CARGO_FEATURE_SCRIPTS").is_some();
    let script_files = script_paths(&pack);
    // Scripts and test cases are embedded as text; TOML files as their value in a compact binary
    // form (`encode`; src/pack/packed.rs reads it), which start-up reads faster than TOML or JSON
    // text. A TOML error fails the build with its place.
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut code = String::from("/// Files of the default pack: (path inside the pack, text).\npub(crate) static DEFAULT_PACK: &[(&str, &str)] = &[\n");
    let mut packed_code = String::from(
        "/// The default pack's TOML files, packed (src/pack/packed.rs): (path, packed text).\npub(crate) static DEFAULT_PACK_PACKED: &[(&str, &str)] = &[\n",
    );
    let mut index = 0;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&pack).expect("under the pack").to_string_lossy().replace('\\', "/");
        if !self_test && tests.contains(f) {
            continue;
        }
        // Without the `scripts` feature (the page's engine) the scripts are not embedded either:
        // their lowered image and their functions' places are (`lower_scripts`).
        if !scripts && script_files.contains(f) {
            continue;
        }
        if rel.ends_with(".toml") {
            let text = fs::read_to_string(f).expect("read a pack file");
            let value: serde_json::Value = match toml::from_str(&text) {
                Ok(v) => v,
                Err(e) => panic!("rules/default/{rel}: {e}"),
            };
            let mut packed = String::new();
            encode(&value, &mut packed);
            let file = out_dir.join(format!("pack-{index}.txt"));
            index += 1;
            fs::write(&file, packed).expect("write OUT_DIR/pack-N.txt");
            packed_code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", file.display().to_string()));
        } else {
            code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.display().to_string()));
        }
    }
    code.push_str("];\n");
    packed_code.push_str("];\n");
    code.push_str(&packed_code);
    // The content hash over every embedded file (rules/README.md); the library uses it when the
    // manifest names exactly these files, which a test checks against a hash computed at run time.
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&pack).expect("under the pack").to_string_lossy().replace('\\', "/");
            let text = fs::read_to_string(f).expect("read a pack file").replace("\r\n", "\n");
            (rel, text)
        })
        .collect();
    let mut sorted: Vec<&(String, String)> = texts.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let digest = hash::hash_files(sorted.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    code.push_str(&format!("/// Content hash of the files above.\npub(crate) static DEFAULT_PACK_HASH: &str = {digest:?};\n"));
    code.push_str("/// The paths that hash covers, sorted.\npub(crate) static DEFAULT_PACK_HASHED: &[&str] = &[");
    for (p, _) in &sorted {
        code.push_str(&format!("{p:?}, "));
    }
    code.push_str("];\n");
    code.push_str(&format!(
        "/// The default pack's script functions, lowered at build time (src/score/fast/image.rs).\n#[allow(dead_code)]\npub(crate) static DEFAULT_PACK_FAST: &[u8] = include_bytes!({:?});\n",
        lower_scripts(&script_files, &digest, &out_dir).display().to_string()
    ));
    code.push_str("/// Where each of its functions is defined: (name, file, line, column), file by file in the manifest's order.\n#[allow(dead_code)]\npub(crate) static DEFAULT_PACK_FUNCTIONS: &[(&str, &str, usize, usize)] = &[\n");
    for f in &script_files {
        let rel = f.strip_prefix(&pack).expect("under the pack").to_string_lossy().replace('\\', "/");
        let mut defs: Vec<(String, (usize, usize))> = defs::definitions(&fs::read_to_string(f).expect("read a script")).into_iter().collect();
        defs.sort();
        for (name, (line, col)) in defs {
            code.push_str(&format!("    ({name:?}, {rel:?}, {line}, {col}),\n"));
        }
    }
    code.push_str("];\n");
    let out = out_dir.join("default_pack.rs");
    let mut fh = fs::File::create(out).expect("write OUT_DIR/default_pack.rs");
    fh.write_all(code.as_bytes()).expect("write OUT_DIR/default_pack.rs");
    write_case_list(&root);
}

/// The manifest's scripts, in its order.
fn script_paths(pack: &Path) -> Vec<PathBuf> {
    let text = fs::read_to_string(pack.join("pack.toml")).expect("rules/default/pack.toml");
    let manifest: toml::Table = toml::from_str(&text).expect("rules/default/pack.toml");
    let names = manifest.get("scripts").and_then(|v| v.as_array()).into_iter().flatten();
    names.map(|n| pack.join(n.as_str().expect("file names are strings"))).collect()
}

/// Parse the default pack's scripts as the library does (each file alone, in the manifest's order,
/// merged into one AST; src/pack/scripts.rs) and write their lowered image, for the pack of
/// content hash `digest`. The library's tests check that it equals what the library lowers from
/// the scripts it parses itself (src/score/fast/image.rs).
fn lower_scripts(script_files: &[PathBuf], digest: &str, out_dir: &Path) -> PathBuf {
    let mut engine = rhai::Engine::new_raw();
    // The default limits (src/engine.rs `Limits::default`): the library checks the pack against them.
    engine.set_strict_variables(true).set_fail_on_invalid_map_property(true).set_max_expr_depths(64, 64);
    engine.disable_symbol("eval");
    let mut ast = rhai::AST::empty();
    for path in script_files {
        let name = path.display();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let part = engine.compile(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        ast = ast.merge(&part);
    }
    let bytes = image::encode(&lower::all(&ast), digest);
    let file = out_dir.join("default_pack_fast.bin");
    fs::write(&file, bytes).expect("write OUT_DIR/default_pack_fast.bin");
    file
}

/// One value in the form src/pack/packed.rs reads (its table of tags): text, every byte outside
/// the strings ASCII.
fn encode(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    fn uint(mut n: u64, out: &mut String) {
        loop {
            let digit = (n & 0x3f) as u8;
            n >>= 6;
            if n == 0 {
                out.push(char::from(digit));
                return;
            }
            out.push(char::from(digit | 0x40));
        }
    }
    fn str(s: &str, out: &mut String) {
        assert!(!s.contains('\u{0}'), "rules/default: a string with a NUL character cannot be embedded: {s:?}");
        out.push_str(s);
        out.push('\u{0}');
    }
    match v {
        Value::Null => out.push('\u{0}'),
        Value::Bool(false) => out.push('\u{1}'),
        Value::Bool(true) => out.push('\u{2}'),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                out.push('\u{3}');
                uint(u, out);
            } else if let Some(i) = n.as_i64() {
                out.push('\u{4}');
                str(&i.to_string(), out);
            } else {
                // Debug gives the shortest text that reads back as the same f64.
                out.push('\u{5}');
                str(&format!("{:?}", n.as_f64().expect("a finite number")), out);
            }
        }
        Value::String(s) => {
            out.push('\u{6}');
            str(s, out);
        }
        Value::Array(a) => {
            out.push('\u{7}');
            uint(a.len() as u64, out);
            for x in a {
                encode(x, out);
            }
        }
        Value::Object(m) => {
            out.push('\u{8}');
            uint(m.len() as u64, out);
            for (k, x) in m {
                str(k, out);
                encode(x, out);
            }
        }
    }
}

/// The test cases (`tests/cases/NAME/*.json`) as a list for the test runners, which in wasm cannot
/// read folders: `$OUT_DIR/cases.rs` holds `CASE_FILES`, (case name, [(file name, text)]), sorted.
/// The library does not use it; a packaged crate (no `tests/`) gets an empty list.
fn write_case_list(root: &Path) {
    let dir = root.join("tests").join("cases");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut cases: Vec<PathBuf> = match fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect(),
        Err(_) => Vec::new(),
    };
    cases.sort();
    let mut code = String::from("/// Test cases from tests/cases/ (written by build.rs): (name, [(file, text)]).\n");
    code.push_str("pub static CASE_FILES: &[(&str, &[(&str, &str)])] = &[\n");
    for case in &cases {
        let name = case.file_name().expect("a folder name").to_string_lossy().to_string();
        let mut files: Vec<PathBuf> = fs::read_dir(case)
            .expect("read a case folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().and_then(|x| x.to_str()) == Some("json"))
            .collect();
        files.sort();
        code.push_str(&format!("    ({name:?}, &[\n"));
        for f in &files {
            let file = f.file_name().expect("a file name").to_string_lossy().to_string();
            code.push_str(&format!("        ({file:?}, include_str!({:?})),\n", f.display().to_string()));
        }
        code.push_str("    ]),\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("cases.rs");
    fs::write(out, code).expect("write OUT_DIR/cases.rs");
}

//! Embeds the default rule pack (`rules/default/`) into the library: the browser has no filesystem.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if matches!(p.extension().and_then(|x| x.to_str()), Some("toml" | "rhai" | "json")) {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let pack = root.join("rules").join("default");
    println!("cargo:rerun-if-changed={}", pack.display());
    let mut files = Vec::new();
    walk(&pack, &mut files);
    let mut code = String::from("/// Files of the default pack: (path inside the pack, text).\npub(crate) static DEFAULT_PACK: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&pack).expect("under the pack").to_string_lossy().replace('\\', "/");
        code.push_str(&format!("    ({rel:?}, include_str!({:?})),\n", f.display().to_string()));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("default_pack.rs");
    let mut fh = fs::File::create(out).expect("write OUT_DIR/default_pack.rs");
    fh.write_all(code.as_bytes()).expect("write OUT_DIR/default_pack.rs");
}

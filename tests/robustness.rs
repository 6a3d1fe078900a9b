//! The engine never panics on input: random answers, random envelopes, truncated and corrupted
//! pack files. Every outcome must be a report or an error value.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use renkei::{Assessment, Pack, PackSources};
use serde_json::{json, Value};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_value(rng: &mut Rng, options: &[String], depth: u32) -> Value {
    match rng.below(if depth > 1 { 9 } else { 11 }) {
        0 => Value::Null,
        1 => json!(rng.below(2) == 0),
        2 => json!(rng.below(7) as i64 - 2),
        3 => json!((rng.next() % 10_000) as f64 / 7.0 - 100.0),
        4 => json!(options.get(rng.below(options.len().max(1))).cloned().unwrap_or_default()),
        5 => json!(options.iter().filter(|_| rng.below(2) == 0).cloned().collect::<Vec<_>>()),
        6 => json!(["daily", "night", "eol", "daily"]),
        7 => json!("自由記述 ✓ \u{0} \u{FFFF}"),
        8 => json!(f64::MAX),
        9 => {
            let status = ["na", "undecided", "answered", "weird"][rng.below(4)];
            json!({ "status": status, "reason": "", "value": random_value(rng, options, depth + 1) })
        }
        _ => json!({ "value": random_value(rng, options, depth + 1), "note": 3, "extra": true }),
    }
}

#[test]
fn random_answers_never_panic() {
    let pack = pack();
    let items: Vec<(String, Vec<String>)> =
        pack.checklist().items.iter().map(|i| (i.id.clone(), i.options.iter().map(|o| o.id.clone()).collect())).collect();
    let mut rng = Rng(0x5eed_1741);
    let (mut ok, mut refused) = (0, 0);
    for _ in 0..400 {
        let mut a = Assessment::empty(pack.pack_ref(), if rng.below(2) == 0 { "core" } else { "full" });
        for _ in 0..rng.below(60) {
            let (id, opts) = &items[rng.below(items.len())];
            let id = if rng.below(30) == 0 { format!("{id}_x") } else { id.clone() };
            a.answers.insert(id, random_value(&mut rng, opts, 0));
        }
        match pack.score(&a) {
            Ok(r) => {
                ok += 1;
                assert!((0.0..=100.0).contains(&r.overall.score));
            }
            Err(e) => {
                refused += 1;
                assert!(!e.is_empty());
            }
        }
    }
    assert!(ok > 0 && refused > 0, "the generator should produce both valid and invalid files ({ok}/{refused})");
}

#[test]
fn random_files_never_panic_the_parser() {
    let mut rng = Rng(42);
    let good = include_str!("cases/mito_after/assessment.json");
    for _ in 0..300 {
        let cut = rng.below(good.len());
        let mut s: String = good.char_indices().filter(|(i, _)| *i < cut).map(|(_, c)| c).collect();
        if rng.below(2) == 0 {
            s.push_str("}}]");
        }
        let _ = Assessment::from_json(&s);
    }
}

#[test]
fn corrupted_packs_never_panic() {
    let sources = renkei::pack::PackSources::new();
    assert!(Pack::compile(&sources).is_err());
    let base = {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/default");
        PackSources::from_dir(dir).unwrap()
    };
    let paths: Vec<String> = base.paths().map(str::to_owned).collect();
    let mut rng = Rng(7);
    for _ in 0..60 {
        let mut s = base.clone();
        let p = &paths[rng.below(paths.len())];
        let text = s.get(p).unwrap().to_owned();
        let cut = rng.below(text.len().max(1));
        let broken: String = text.char_indices().filter(|(i, _)| *i < cut).map(|(_, c)| c).collect();
        s.insert(p.clone(), broken + ["", "\"", "[[", "fn (", "#{", "\u{3000}"][rng.below(6)]);
        if let Ok(pack) = Pack::compile(&s) {
            let _ = pack.score(&fixture("mito_after"));
        }
    }
}

//! Native benchmarks (divan): pack compile, one score (core and full set), the batch of 1,741
//! synthetic assessments, the parts of one score that can be timed from outside the engine, and
//! the four-marker row against the hand-written Rust limit (tests/bench/limit/src/core.rs, included
//! below). Inputs come from `node tests/bench/prepare.mjs` (target/bench/data/, or
//! $RENKEI_BENCH_DATA). Run: `cargo bench --bench native` (scripts/bench.sh does both).
//!
//! Before anything is timed, the limit must give the same D1–D4 levels as renkei's four-marker
//! pack on every fixture and every synthetic assessment; otherwise the harness stops. The limit
//! scores what the peers' shared harness (tests/bench/lib/proven.mjs, run by prepare.mjs) makes of
//! each input — the facts with open items at their least mature answer, and the markers left
//! without a level (four-*-proven.json) — so that harness's work is not in the limit's time here
//! (in Chromium it is: tests/bench/web/bench.mjs).

#[path = "limit/src/core.rs"]
#[allow(dead_code)]
mod limit;

use divan::{black_box, Bencher};
use renkei::{Assessment, Pack, PackSources};
use serde::Deserialize;
use std::collections::BTreeMap;

fn data_dir() -> String {
    std::env::var("RENKEI_BENCH_DATA").unwrap_or_else(|_| format!("{}/target/bench/data", env!("CARGO_MANIFEST_DIR")))
}

fn read(name: &str) -> String {
    let p = format!("{}/{name}", data_dir());
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e} (run `node tests/bench/prepare.mjs` first)"))
}

fn value(name: &str) -> serde_json::Value {
    serde_json::from_str(&read(name)).expect("benchmark data is JSON")
}

fn assessment(name: &str) -> Assessment {
    Assessment::from_json(&read(name)).expect("an assessment file")
}

fn assessments(name: &str) -> Vec<Assessment> {
    serde_json::from_str(&read(name)).expect("an array of assessment files")
}

fn four_marker_pack() -> Pack {
    let files: BTreeMap<String, String> = serde_json::from_str(&read("fourmarker-pack.json")).expect("pack files");
    let mut s = PackSources::new();
    for (k, v) in files {
        s.insert(k, v);
    }
    Pack::compile(&s).expect("the four-marker pack compiles")
}

fn default_pack() -> Pack {
    Pack::default_pack().expect("the default pack compiles")
}

/// The limit's levels of one `{ facts, blank }` of the shared harness, D1–D4.
fn limit_levels(v: &serde_json::Value) -> [Option<u8>; 4] {
    let answers = limit::Answers::deserialize(&v["facts"]).expect("the limit reads the facts");
    let l = limit::levels(&answers);
    let mut out = [Some(l.D1), Some(l.D2), Some(l.D3), l.D4];
    for b in v["blank"].as_array().expect("blank: the markers without a level") {
        let i = ["D1", "D2", "D3", "D4"].iter().position(|d| Some(*d) == b.as_str()).expect("a marker");
        out[i] = None;
    }
    out
}

fn main() {
    // The limit agrees with renkei before it is timed.
    let pack = four_marker_pack();
    let mut n = 0;
    for (file, proven) in [("four-fixtures.json", "four-fixtures-proven.json"), ("four-synthetic.json", "four-synthetic-proven.json")] {
        let values: Vec<serde_json::Value> = serde_json::from_value(value(file)).expect("array");
        let facts: Vec<serde_json::Value> = serde_json::from_value(value(proven)).expect("array");
        assert_eq!(values.len(), facts.len(), "{proven} does not match {file}: run `node tests/bench/prepare.mjs`");
        for (v, p) in values.iter().zip(&facts) {
            let a: Assessment = serde_json::from_value(v.clone()).expect("assessment");
            let r = pack.score(&a).expect("renkei scores it");
            let want: Vec<Option<u8>> = r.dimensions.iter().take(4).map(|d| d.level).collect();
            let got = limit_levels(p).to_vec();
            assert_eq!(got, want, "the hand-written limit disagrees with renkei on {}", a.municipality.name);
            n += 1;
        }
    }
    eprintln!("[bench] native: the hand-written limit gives renkei's D1–D4 levels on all {n} inputs");
    divan::main();
}

mod pack_compile {
    use super::*;

    #[divan::bench(sample_count = 30, sample_size = 1)]
    fn default() -> Pack {
        default_pack()
    }

    #[divan::bench(sample_count = 30, sample_size = 1)]
    fn four_marker(b: Bencher) {
        let files: BTreeMap<String, String> = serde_json::from_str(&read("fourmarker-pack.json")).expect("pack files");
        let mut s = PackSources::new();
        for (k, v) in files {
            s.insert(k, v);
        }
        b.bench_local(|| Pack::compile(black_box(&s)).expect("compiles"));
    }
}

mod score {
    use super::*;

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn core(b: Bencher) {
        let pack = default_pack();
        let a = assessment("mito-core.json");
        b.bench_local(|| pack.score(black_box(&a)).expect("scores"));
    }

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn full(b: Bencher) {
        let pack = default_pack();
        let a = assessment("mito-full.json");
        b.bench_local(|| pack.score(black_box(&a)).expect("scores"));
    }
}

/// The parts of one full-set score that the public API lets us time separately.
mod score_parts {
    use super::*;

    /// JSON text → Assessment (what `scoreJson` does first).
    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn parse_json(b: Bencher) {
        let text = read("mito-full.json");
        b.bench_local(|| Assessment::from_json(black_box(&text)).expect("parses"));
    }

    /// Checking every answer against the checklist (the first step of `score`).
    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn validate(b: Bencher) {
        let pack = default_pack();
        let a = assessment("mito-full.json");
        b.bench_local(|| renkei::answers::validate(pack.checklist(), black_box(&a.answers)).expect("valid"));
    }

    /// Report → JSON text, pretty (what `scoreJson` returns).
    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn report_to_json(b: Bencher) {
        let pack = default_pack();
        let r = pack.score(&assessment("mito-full.json")).expect("scores");
        b.bench_local(|| serde_json::to_string_pretty(black_box(&r)).expect("serialises"));
    }

    /// The whole of `scoreJson`: parse, score, serialise.
    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn score_json(b: Bencher) {
        let pack = default_pack();
        let text = read("mito-full.json");
        b.bench_local(|| {
            let a = Assessment::from_json(black_box(&text)).expect("parses");
            serde_json::to_string_pretty(&pack.score(&a).expect("scores")).expect("serialises")
        });
    }
}

/// The fully answered assessment (tests/cases/mature): a full score, the levels only, and a
/// scoring session taking the per-change sequence (changes.json) one answer at a time.
mod mature {
    use super::*;

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn score(b: Bencher) {
        let pack = default_pack();
        let a = assessment("mature.json");
        b.bench_local(|| pack.score(black_box(&a)).expect("scores"));
    }

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn levels(b: Bencher) {
        let pack = default_pack();
        let a = assessment("mature.json");
        b.bench_local(|| pack.levels(black_box(&a)).expect("scores"));
    }

    fn changes() -> Vec<(String, serde_json::Value)> {
        let v: Vec<serde_json::Value> = serde_json::from_value(value("changes.json")).expect("changes");
        v.into_iter().map(|c| (c["id"].as_str().expect("id").to_owned(), c["value"].clone())).collect()
    }

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn per_change_score(b: Bencher) {
        let pack = default_pack();
        let mut a = assessment("mature.json");
        let ch = changes();
        let mut i = 0;
        b.bench_local(|| {
            let (id, v) = &ch[i % ch.len()];
            i += 1;
            a.answers.insert(id.clone(), v.clone());
            pack.score(black_box(&a)).expect("scores")
        });
    }

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn per_change_session(b: Bencher) {
        let pack = std::rc::Rc::new(default_pack());
        let mut s = renkei::ScoringSession::new(pack, assessment("mature.json")).expect("session");
        let ch = changes();
        let mut i = 0;
        b.bench_local(|| {
            let (id, v) = &ch[i % ch.len()];
            i += 1;
            s.set(id, v.clone()).expect("scores").rules_run
        });
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn batch_1741(b: Bencher) {
    let pack = default_pack();
    let all = assessments("synthetic.json");
    assert_eq!(all.len(), 1741);
    b.bench_local(|| {
        for a in &all {
            black_box(pack.score(black_box(a)).expect("scores"));
        }
    });
}

/// The four-marker work (D1–D4 with gates), renkei's four-marker pack against the limit.
mod four_marker {
    use super::*;

    #[divan::bench(sample_count = 200, sample_size = 10)]
    fn renkei_one(b: Bencher) {
        let pack = four_marker_pack();
        let a = assessment("four-mito.json");
        b.bench_local(|| pack.score(black_box(&a)).expect("scores"));
    }

    #[divan::bench(sample_count = 200, sample_size = 100)]
    fn limit_one(b: Bencher) {
        let v = value("four-mito-proven.json");
        b.bench_local(|| limit_levels(black_box(&v)));
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn renkei_batch_1741(b: Bencher) {
        let pack = four_marker_pack();
        let all = assessments("four-synthetic.json");
        b.bench_local(|| {
            for a in &all {
                black_box(pack.score(black_box(a)).expect("scores"));
            }
        });
    }

    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn limit_batch_1741(b: Bencher) {
        let all: Vec<serde_json::Value> = serde_json::from_value(value("four-synthetic-proven.json")).expect("array");
        b.bench_local(|| {
            for v in &all {
                black_box(limit_levels(black_box(v)));
            }
        });
    }
}

//! The complete maturity model: item sets, relations between real and synthetic profiles,
//! content completeness. These assert relations, not only numbers.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use renkei::report::Report;
use renkei::{Assessment, Pack};
use std::collections::BTreeMap;

const MARKERS: [&str; 4] = ["D1", "D2", "D3", "D4"];

fn all_fixtures() -> Vec<(String, Assessment)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            let a = Assessment::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, a)
        })
        .collect()
}

fn levels(r: &Report) -> BTreeMap<String, Option<u8>> {
    r.dimensions.iter().map(|d| (d.id.clone(), d.level)).collect()
}

/// Dimensions on which the assessment answers at least one scored item.
fn evidenced(pack: &Pack, a: &Assessment) -> Vec<String> {
    let c = pack.checklist();
    c.dimensions
        .iter()
        .filter(|d| {
            d.items.iter().any(|id| {
                c.item(id).is_some_and(|i| i.weight > 0.0)
                    && a.answers.get(id).is_some_and(|v| !v.is_null() && v.get("status").is_none())
            })
        })
        .map(|d| d.id.clone())
        .collect()
}

#[test]
fn core_set_is_short_and_covers_every_dimension() {
    let pack = pack();
    let c = pack.checklist();
    let core: Vec<_> = c.items.iter().filter(|i| i.in_set("core")).collect();
    assert!(core.len() <= 35, "core set has {} items", core.len());
    for d in &c.dimensions {
        assert!(core.iter().any(|i| i.dimension == d.id), "{} has no core item", d.id);
    }
    assert!(c.items.iter().all(|i| i.in_set("full")), "the full set asks every item");
}

#[test]
fn core_and_full_give_the_four_markers_the_same_levels() {
    let pack = pack();
    let mut cases = all_fixtures();
    cases.push(("mature".into(), mature(&pack)));
    for (name, a) in cases {
        let mut core = a.clone();
        core.item_set = "core".into();
        let mut full = a;
        full.item_set = "full".into();
        let (rc, rf) = (pack.score(&core).unwrap(), pack.score(&full).unwrap());
        for m in MARKERS {
            let (c, f) = (rc.dimensions.iter().find(|d| d.id == m).unwrap(), rf.dimensions.iter().find(|d| d.id == m).unwrap());
            if c.status == renkei::report::DimensionStatus::Unrated {
                // Only items outside the core set are answered: the core set claims nothing.
                assert!(c.level.is_none() && c.label.is_none(), "{name}: {m}");
                continue;
            }
            assert_eq!((c.level, c.upper), (f.level, f.upper), "{name}: {m} differs between core and full");
        }
        assert_eq!(rc.assessment.item_set, "core");
        assert!(rc.assessment.asked < rf.assessment.asked);
    }
}

#[test]
fn a_dimension_with_no_asked_item_is_not_assessed_rather_than_0() {
    // A pack whose core set leaves one dimension out: that dimension is reported as not assessed.
    let mut s = renkei::PackSources::new();
    let src = mini_pack("fn dim(a, dims) { #{ level: 0, score: 0, max: 0 } }");
    for p in src.paths() {
        s.insert(p, src.get(p).unwrap());
    }
    s.insert("pack.toml", src.get("pack.toml").unwrap().to_owned() + "[[set]]\nid = \"core\"\ntitle = { ja = \"基本\", en = \"Core\" }\n[[set]]\nid = \"full\"\ntitle = { ja = \"応用\", en = \"Full\" }\n");
    let pack = Pack::compile(&s).unwrap();
    let r = pack.score(&Assessment::empty(pack.pack_ref(), "core")).unwrap();
    assert_eq!(r.dimensions[0].status, renkei::report::DimensionStatus::NotAsked);
    assert_eq!(r.dimensions[0].level, None);
    assert_eq!(r.dimensions[0].total, 0);
    let r = pack.score(&Assessment::empty(pack.pack_ref(), "full")).unwrap();
    assert_ne!(r.dimensions[0].status, renkei::report::DimensionStatus::NotAsked);
}

#[test]
fn after_is_at_or_above_before_where_the_brief_reports_improvement() {
    let pack = pack();
    for (case, improved) in [
        ("mito", &["D1", "D2", "D3", "D4", "D5", "D6"][..]),
        ("hirado", &["D2", "D6", "D12"][..]),
    ] {
        let b = levels(&pack.score(&fixture(&format!("{case}_before"))).unwrap());
        let a = levels(&pack.score(&fixture(&format!("{case}_after"))).unwrap());
        for d in improved {
            assert!(a[*d] >= b[*d], "{case}: {d} fell from {:?} to {:?}", b[*d], a[*d]);
        }
        for d in b.keys() {
            assert!(a[d] >= b[d], "{case}: {d} fell from {:?} to {:?}", b[d], a[d]);
        }
        assert!(improved.iter().any(|d| a[*d] > b[*d]), "{case}: nothing improved");
    }
}

#[test]
fn no_mature_reference_profile_ranks_below_any_before() {
    // §3.3 profiles carry positive evidence only; compare them on the dimensions they evidence.
    // Their files leave most items open, so what they prove can be low; what their evidence
    // allows (the top of the range) never ranks below what a "before" file proves.
    let pack = pack();
    let all = all_fixtures();
    let befores: Vec<_> = all.iter().filter(|(n, _)| n.ends_with("_before")).collect();
    let refs: Vec<_> = all.iter().filter(|(n, _)| n.starts_with("ref_")).collect();
    assert!(refs.len() >= 8 && befores.len() >= 2);
    for (rn, ra) in &refs {
        let rl: BTreeMap<String, Option<u8>> = pack.score(ra).unwrap().dimensions.iter().map(|d| (d.id.clone(), d.upper)).collect();
        let dims = evidenced(&pack, ra);
        assert!(!dims.is_empty(), "{rn} evidences nothing");
        for (bn, ba) in &befores {
            let bl = levels(&pack.score(ba).unwrap());
            for d in &dims {
                let (r, b) = (rl[d].unwrap_or(0), bl[d].unwrap_or(0));
                assert!(r >= b, "{rn} ranks below {bn} on {d}: {r} < {b}");
            }
        }
    }
}

#[test]
fn synthetic_edge_cases_hold_the_gates() {
    let pack = pack();
    let get = |n: &str| {
        let (_, a) = all_fixtures().into_iter().find(|(x, _)| x == n).unwrap();
        pack.score(&a).unwrap()
    };
    let mature = pack.score(&mature(&pack)).unwrap();
    let no_targets = get("synthetic_yes_without_targets");
    assert_eq!(levels(&no_targets)["D3"], Some(0), "G1");
    assert!(levels(&no_targets)["D4"] <= Some(2), "G2");
    assert!(no_targets.overall.level.unwrap() <= 1 && no_targets.overall.score < mature.overall.score - 15.0);
    let council = get("synthetic_report_only_council");
    assert_eq!(levels(&council)["D2"], Some(2));
    assert!(council.dimensions[1].caps.iter().any(|c| c.gate == "G4"));
    let contract = get("synthetic_contract_left_alone");
    assert_eq!(levels(&contract)["D4"], Some(1));
    assert!(contract.dimensions[3].caps.iter().any(|c| c.gate == "G5"));
    let none = get("synthetic_all_unanswered");
    assert!(none.dimensions.iter().all(|d| d.level.is_none() && d.status == renkei::report::DimensionStatus::Unrated));
    assert!(none.findings.is_empty() && none.overall.stage.is_none());
}

#[test]
fn every_finding_carries_advice_and_the_top_five_come_first() {
    let pack = pack();
    for (name, a) in all_fixtures() {
        let r = pack.score(&a).unwrap();
        for f in &r.findings {
            assert!(!f.advice.is_empty(), "{name}: {} has no advice", f.id);
            assert!(f.advice.iter().all(|x| !x.ja.trim().is_empty() && !x.en.trim().is_empty() && !x.source.quote.is_empty()));
        }
        let first: Vec<_> = r.findings.iter().take(5).map(|f| f.id.clone()).collect();
        assert_eq!(r.next_steps, first, "{name}");
    }
}

#[test]
fn next_steps_put_markers_and_prerequisites_first() {
    let pack = pack();
    let dims = pack.checklist();
    let depth: BTreeMap<_, _> = dims.dimensions.iter().map(|d| d.id.clone()).zip(dims.depths()).collect();
    for (name, a) in all_fixtures() {
        let r = pack.score(&a).unwrap();
        let lv = levels(&r);
        let key = |f: &renkei::report::Finding| {
            let marker = MARKERS.contains(&f.dimension.as_str());
            (!marker, depth[&f.dimension], f.severity, lv[&f.dimension].unwrap_or(4))
        };
        for w in r.findings.windows(2) {
            assert!(key(&w[0]) <= key(&w[1]), "{name}: {} before {}", w[0].id, w[1].id);
        }
    }
    // Setting target states comes before defining indicators.
    let r = pack.score(&fixture("mito_before")).unwrap();
    let pos = |id: &str| r.findings.iter().position(|f| f.id == id);
    assert!(pos("ts_status_level") < pos("in_defined"));
}

#[test]
fn development_stage_follows_the_brief() {
    let pack = pack();
    let stage = |a: &Assessment| pack.score(a).unwrap().overall.stage.map(|s| s.id);
    assert_eq!(stage(&fixture("mito_before")).as_deref(), Some("initial"));
    assert_eq!(stage(&fixture("mito_after")).as_deref(), Some("initial"));
    assert_eq!(stage(&mature(&pack)).as_deref(), Some("established"));
    let mut mid = mature(&pack);
    mid.answers.insert("in_defined".into(), serde_json::json!(2));
    assert_eq!(stage(&mid).as_deref(), Some("expansion"));
}

#[test]
fn items_marked_inferred_in_the_brief_are_marked_in_the_pack() {
    let pack = pack();
    for id in ["ts_needs_basis", "in_data_sources_linked", "ct_spec_scenes", "co_scenes_discussed", "ct_spec_status"] {
        assert!(pack.checklist().item(id).unwrap().inferred, "{id}");
    }
}

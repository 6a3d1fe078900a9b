//! Any bytes as an assessment file: parsed, checked and scored with the default pack, in both
//! item sets. Never a panic; a report always keeps its own promises.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renkei::report::DimensionStatus;
use renkei::{Assessment, Pack};

thread_local! {
    static PACK: Pack = Pack::default_pack().expect("the default pack compiles");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut a) = Assessment::from_json(text) else { return };
    a.pack = PACK.with(|p| p.pack_ref());
    for set in ["full", "core"] {
        a.item_set = set.into();
        PACK.with(|p| {
            if let Ok(r) = p.score(&a) {
                for d in &r.dimensions {
                    assert!(d.level <= d.upper, "{}: level above its range", d.id);
                    assert!(d.status == DimensionStatus::Rated || d.level.is_none(), "{}: a level while not rated", d.id);
                    assert!(d.label.is_none() || d.level == d.upper, "{}: a label for an open range", d.id);
                }
                assert!(r.overall.level <= r.overall.upper);
                let _ = serde_json::to_string(&r).expect("the report serialises");
            }
        });
    }
});

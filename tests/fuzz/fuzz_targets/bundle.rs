//! Any bytes as a pack bundle file: read, compiled (with the hash check) and, when it compiles,
//! scored on an empty assessment. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renkei::{Assessment, Bundle};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(bundle) = Bundle::from_json(text) else { return };
    let _ = bundle.sources();
    if let Ok(pack) = bundle.compile() {
        let _ = pack.score(&Assessment::empty(pack.pack_ref(), "full"));
    }
});

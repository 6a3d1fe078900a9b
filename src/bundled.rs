//! The default pack, embedded at build time from `rules/default/` (see build.rs).

use crate::pack::PackSources;

include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

/// The default pack's files.
pub fn default_sources() -> PackSources {
    let mut s = PackSources::new();
    for (path, text) in DEFAULT_PACK {
        s.insert(*path, *text);
    }
    s
}

//! The default pack, embedded at build time from `rules/default/` (see build.rs), with its
//! content hash computed there by the same function the library uses.

use crate::pack::PackSources;

include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

/// The default pack's files, and (the paths hashed, their content hash).
pub(crate) fn default_sources() -> (PackSources, (&'static [&'static str], &'static str)) {
    let mut s = PackSources::new();
    for (path, text) in DEFAULT_PACK {
        s.insert(*path, *text);
    }
    for (path, json) in DEFAULT_PACK_JSON {
        s.insert_parsed(path, json);
    }
    (s, (DEFAULT_PACK_HASHED, DEFAULT_PACK_HASH))
}

//! The default pack, embedded at build time from `rules/default/` (see build.rs), with its
//! content hash computed there by the same function the library uses.

include!(concat!(env!("OUT_DIR"), "/default_pack.rs"));

//! The content hash of a pack's files (rules/README.md, "Content hash"). Shared with build.rs,
//! which hashes the embedded default pack at build time, so the two can never disagree.

use sha2::{Digest, Sha256};

/// `sha256:<hex>` over `(path, text)` pairs, which must come sorted by path: for each file its
/// path, a zero byte, its length as 8 bytes little-endian, then its bytes.
pub fn hash_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut h = Sha256::new();
    for (path, text) in files {
        h.update(path.as_bytes());
        h.update([0u8]);
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    let digest = h.finalize();
    let mut hex = String::with_capacity(71);
    hex.push_str("sha256:");
    for b in digest.iter() {
        hex.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    hex
}

#!/usr/bin/env bash
# Where the size of a release .wasm goes. Builds the crate for wasm32 as scripts/build.sh does
# (the release profile, its panic strategy (scripts/wasm-panic.sh), the given cargo arguments), runs wasm-bindgen and wasm-opt with the
# release flags from Cargo.toml plus -g (which keeps the function names), and prints the
# breakdown of tests/bench/size-by-crate.mjs. Usage:
#   bash scripts/size-profile.sh NAME [CARGO_ARGS…]      e.g.  bash scripts/size-profile.sh page --no-default-features
# Output: target/size/NAME/renkei_bg.wasm (names kept; larger than the shipped file by its name
# section) and target/size/NAME.txt (the breakdown).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TC="$(cat target/.wasm-toolchain 2>/dev/null || echo debian-web)"
NAME="${1:?usage: bash scripts/size-profile.sh NAME [CARGO_ARGS…]}"
shift
source scripts/wasm-panic.sh
RUSTUP_TOOLCHAIN="$TC" cargo build --quiet --lib --release --target wasm32-unknown-unknown "${WASM_CARGO_ARGS[@]}" "$@"
OUT="target/size/$NAME"
rm -rf "$OUT"
mkdir -p "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name renkei target/wasm32-unknown-unknown/release/renkei.wasm
OPT_FLAGS=($(sed -n '/^\[package.metadata.wasm-pack.profile.release\]/,/^\[/s/^wasm-opt = \[\(.*\)\]/\1/p' Cargo.toml | tr -d '",'))
wasm-opt "${OPT_FLAGS[@]}" -g "$OUT/renkei_bg.wasm" -o "$OUT/renkei_bg.wasm"
node tests/bench/size-by-crate.mjs "$OUT/renkei_bg.wasm" --top 40 | tee "target/size/$NAME.txt"

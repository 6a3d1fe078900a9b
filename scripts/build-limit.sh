#!/usr/bin/env bash
# Builds the hand-written Rust limit (tests/bench/limit) for wasm into target/bench/limit-pkg,
# which the peers' agreement test (tests/bench/peers.test.mjs) checks as one more independent
# oracle of the D1–D4 levels. Skips the build when the package is newer than its sources.
# (The same build as the limit step of scripts/bench.sh.)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TC="$(cat target/.wasm-toolchain 2>/dev/null || echo debian-web)"
LIMIT_PKG=target/bench/limit-pkg
if [ -f "$LIMIT_PKG/renkei_bench_limit_bg.wasm" ] && [ -z "$(find tests/bench/limit -newer "$LIMIT_PKG/renkei_bench_limit_bg.wasm" -print -quit)" ]; then
  echo "[build-limit] $LIMIT_PKG is up to date" >&2
  exit 0
fi
mkdir -p target/bench
(cd tests/bench/limit && CARGO_TARGET_DIR="$ROOT/target/bench/limit-target" RUSTUP_TOOLCHAIN="$TC" \
  wasm-pack build --release --target web --out-dir "$ROOT/$LIMIT_PKG" --no-pack 2>&1 | grep -v '^\s*$' >&2)
rm -f "$LIMIT_PKG/.gitignore"

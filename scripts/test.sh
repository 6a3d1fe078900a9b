#!/usr/bin/env bash
# The README's second command: installs what is missing, then runs every test —
# native (cargo test), wasm in headless Chromium (wasm-pack test), and the release pkg/ in Node.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TC="$(cat target/.wasm-toolchain)"

step() { printf '\n\033[1;34m== %s\033[0m\n' "$*"; }

step "native tests (cargo test)"
cargo test --quiet 2>&1

step "wasm tests in headless Chromium (wasm-pack test)"
CHROMEDRIVER=/usr/bin/chromedriver RUSTUP_TOOLCHAIN="$TC" \
  wasm-pack test --headless --chrome -- --test wasm 2>&1 | grep -v '^\[INFO\]'

step "size budget of the shipped .wasm (tests/bench/budget.json)"
bash scripts/build.sh
node tests/bench/size-check.mjs

step "release pkg/ in Node and the page in Chromium (the build the page ships)"
node --test tests/web/ 2>&1

#!/usr/bin/env bash
# The benchmark command (not part of the test command): speed and size of the scorer, side by
# side with peer engines, natively and in headless Chromium; writes BENCHMARKS.md (keeping its
# History section). About 6–9 minutes on 2 cores once everything is built.
#
#   bash scripts/bench.sh                      measure, rewrite BENCHMARKS.md
#   bash scripts/bench.sh --history "note"     the same, and add this run to BENCHMARKS.md's History
#   bash scripts/bench.sh --profile            also a CPU profile of one score and the size by crate
#                                              (builds target/bench/pkg-profiling: +1 minute)
#   bash scripts/bench.sh --quick              a smoke run with few samples; leaves BENCHMARKS.md alone
#
# Everything lives in tests/bench/ (see BENCHMARKS.md, "Reproduce"); intermediate results go to
# target/bench/. Speed never fails the command; a peer that disagrees with renkei does (it is not
# timed), and so does a failing build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

QUICK=0 PROFILE=0 HISTORY=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --profile) PROFILE=1 ;;
    --history) HISTORY=(--history "${2:-}"); shift ;;
    *) echo "usage: bash scripts/bench.sh [--quick] [--profile] [--history NOTE]" >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n\033[1;34m== %s\033[0m (%ss)\n' "$*" "$SECONDS" >&2; }
bash scripts/setup.sh
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export NODE_NO_WARNINGS=1
TC="$(cat target/.wasm-toolchain 2>/dev/null || echo debian-web)"
mkdir -p target/bench

step "release pkg/ (scripts/build.sh)"
bash scripts/build.sh

step "the site for click → paint (scripts/site.sh, from this pkg/)"
RENKEI_SITE_NO_BUILD=1 bash scripts/site.sh >&2

step "size (tests/bench/size-check.mjs; the budget is enforced by the test command, reported here)"
node tests/bench/size-check.mjs || echo "[bench] over the size budget: reported, the run goes on" >&2

step "the hand-written Rust limit, for wasm (tests/bench/limit)"
LIMIT_PKG=target/bench/limit-pkg
if [ -f "$LIMIT_PKG/renkei_bench_limit_bg.wasm" ] && [ -z "$(find tests/bench/limit -newer "$LIMIT_PKG/renkei_bench_limit_bg.wasm" -print -quit)" ]; then
  echo "[bench] $LIMIT_PKG is up to date" >&2
else
  (cd tests/bench/limit && CARGO_TARGET_DIR="$ROOT/target/bench/limit-target" RUSTUP_TOOLCHAIN="$TC" \
    wasm-pack build --release --target web --out-dir "$ROOT/$LIMIT_PKG" --no-pack 2>&1 | grep -v '^\s*$' >&2)
  rm -f "$LIMIT_PKG/.gitignore"
fi

if [ $PROFILE = 1 ]; then
  # The release build's own wasm (cargo output, names still in it), through wasm-bindgen and
  # wasm-opt with the release flags from Cargo.toml plus -g, which keeps the function names.
  step "profiling build of renkei (release code, function names kept) → target/bench/pkg-profiling"
  WASM_IN="$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')/wasm32-unknown-unknown/release/renkei.wasm"
  OPT_FLAGS=($(sed -n '/^\[package.metadata.wasm-pack.profile.release\]/,/^\[/s/^wasm-opt = \[\(.*\)\]/\1/p' Cargo.toml | tr -d '",'))
  rm -rf target/bench/pkg-profiling
  wasm-bindgen --target web --out-dir target/bench/pkg-profiling --out-name renkei "$WASM_IN"
  wasm-opt "${OPT_FLAGS[@]}" -g target/bench/pkg-profiling/renkei_bg.wasm -o target/bench/pkg-profiling/renkei_bg.wasm
fi

step "inputs: fixtures, 1,741 synthetic assessments, the four-marker pack; the peers for the browser"
node tests/bench/prepare.mjs
node tests/bench/web/vendor.mjs

step "before timing any peer: every implementation gives renkei's D1–D4 levels (node --test tests/bench/)"
if ! node --test tests/bench/ > target/bench/peers-test.txt 2>&1; then
  cat target/bench/peers-test.txt >&2
  echo "[bench] a peer disagrees with renkei: nothing is timed until it agrees (node --test tests/bench/)" >&2
  exit 1
fi
grep -E '^(not )?ok |^# (pass|fail|skipped)' target/bench/peers-test.txt >&2

# Natively, speed is what matters: the release profile is tuned for the .wasm's size (opt-level
# "s"/"z"), so the native harness is built at opt-level 3 (LTO as in the release profile).
step "native (divan): cargo bench --bench native, opt-level 3"
if [ $QUICK = 1 ]; then DIVAN=(--sample-count 3); else DIVAN=(); fi
export RENKEI_BENCH_NATIVE_OPT=3
CARGO_PROFILE_BENCH_OPT_LEVEL=$RENKEI_BENCH_NATIVE_OPT cargo bench --quiet --bench native -- "${DIVAN[@]}" > target/bench/native.txt
cat target/bench/native.txt >&2

step "Chromium (tests/bench/browser.mjs)"
BROWSER_ARGS=()
[ $QUICK = 1 ] && BROWSER_ARGS+=(--quick)
[ $PROFILE = 1 ] && BROWSER_ARGS+=(--profile)
node tests/bench/browser.mjs "${BROWSER_ARGS[@]}"

if [ $QUICK = 1 ]; then
  step "quick run: BENCHMARKS.md left as it is (results in target/bench/)"
else
  step "BENCHMARKS.md"
  node tests/bench/report.mjs "${HISTORY[@]}"
fi
echo "[bench] done in ${SECONDS}s" >&2

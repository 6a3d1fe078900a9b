#!/usr/bin/env bash
# The long fuzz runs (not part of the test command): each target for SECONDS (default 600).
#   bash scripts/fuzz.sh [SECONDS] [TARGET…]      targets: assessment pack bundle
# Needs the nightly toolchain (on these machines) and cargo-fuzz (installed here when missing).
# Corpora live in target/fuzz/corpus/TARGET (seeded from tests/cases and rules/default);
# a crash is written to tests/fuzz/artifacts/TARGET/ — turn each into a regression test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
SECONDS_EACH="${1:-600}"
shift || true
if [ $# -gt 0 ]; then TARGETS=("$@"); else TARGETS=(assessment pack bundle); fi
command -v cargo-fuzz >/dev/null || cargo +stable install -q cargo-fuzz
corpus="$ROOT/target/fuzz/corpus"
mkdir -p "$corpus/assessment" "$corpus/pack" "$corpus/bundle"
for d in tests/cases/*/; do cp -n "$d/assessment.json" "$corpus/assessment/$(basename "$d").json"; done
for f in rules/default/scripts/*.rhai; do printf '\000' | cat - "$f" > "$corpus/pack/script-$(basename "$f")"; done
for f in rules/default/items/*.toml; do printf '\001' | cat - "$f" > "$corpus/pack/items-$(basename "$f")"; done
printf '\002' | cat - rules/default/pack.toml > "$corpus/pack/manifest"
[ -f "$corpus/bundle/valid.json" ] || cargo run -q --bin renkei -- bundle tests/packs/valid -o "$corpus/bundle/valid.json" >/dev/null
for t in "${TARGETS[@]}"; do
  echo "== fuzz $t for ${SECONDS_EACH}s"
  CARGO_TARGET_DIR="$ROOT/target/fuzz/build" cargo +nightly fuzz run --fuzz-dir tests/fuzz "$t" "$corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 2>&1 | tee "target/fuzz/$t.log" | grep -E '^#[0-9]+.*(DONE|pulse)|^stat::|SUMMARY|ERROR' || true
done

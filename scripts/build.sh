#!/usr/bin/env bash
# Builds the release wasm package into pkg/ (wasm-pack, binaryen's wasm-opt from node_modules),
# then makes it a complete npm package (scripts/package.mjs; `npm pack pkg` gives the tarball).
# Two builds of the engine (Cargo.toml, feature `sources`):
#   pkg/renkei.js, renkei_bg.wasm            the full engine: also compiles packs from their files
#                                            (the editor, the pack worker, the npm package's main)
#   pkg/renkei_page.js, renkei_page_bg.wasm  without the TOML compiler (--no-default-features):
#                                            the assessment page's engine, on the default pack
# Skips the build when pkg/ is newer than every source it is built from.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TC="$(cat target/.wasm-toolchain 2>/dev/null || echo debian-web)"
stamp=pkg/renkei_bg.wasm
page_stamp=pkg/renkei_page_bg.wasm
# The package's own files (package.json, node.js, element.js, the manifest, LICENSE): cheap, so
# they are always made again, from Cargo.toml and www/js.
package() {
  # src/wasm.rs types score()'s assessment; wasm-bindgen would make an annotated optional
  # parameter required, so its options become `ScoreOptions` here.
  sed -i -E 's/^    score\(assessment: (any|Assessment), options\?: any \| null\): Report;$/    score(assessment: Assessment, options?: ScoreOptions | null): Report;/' pkg/renkei.d.ts pkg/renkei_page.d.ts
  node scripts/bundle.mjs element pkg
  node scripts/package.mjs pkg
}
if [ -f "$stamp" ] && [ -f "$page_stamp" ] && [ -z "$(find src rules Cargo.toml Cargo.lock build.rs -newer "$stamp" -print -quit 2>/dev/null)" ] \
  && [ -z "$(find src rules Cargo.toml Cargo.lock build.rs -newer "$page_stamp" -print -quit 2>/dev/null)" ]; then
  echo "[build] pkg/ is up to date" >&2
  package
  exit 0
fi
source scripts/wasm-panic.sh
# Optimisation, chosen per build by measurement (BENCHMARKS.md's history, 2026-12-03). The full
# engine scores batches, the pack worker's editions and other sites' calls: renkei's own code (the
# answers, the rule evaluator, the report) at opt-level 2, what it depends on (rhai's parser,
# serde, the standard library) at "z" as in Cargo.toml. Measured on the page's engine built both
# ways (Node 20, wasm-opt -Oz): mito_after's levels 607 -> 355 µs, the fully answered report
# 518 -> 330 µs, a change in a session 207 -> 134 µs, for 546 -> 611 kB gzip; renkei at 3 was no
# faster, at "s" half the gain; all at 3 was 714 kB. The page's engine stays all at "z": so built
# it started later in Chromium (first report, medians of 2 x 11 fresh loads: 246/235 -> 282/273
# ms, at 4x 606/558 -> 761/697 ms: V8 compiles each larger function on its first call), and a
# click's scoring is a small part of its paint.
FULL_SPEED=(--config 'profile.release.opt-level=2' --config 'profile.release.package."*".opt-level="z"')
echo "[build] wasm-pack build --release (toolchain $TC)" >&2
RUSTUP_TOOLCHAIN="$TC" wasm-pack build --release --target web --out-dir pkg --no-pack . -- "${FULL_SPEED[@]}" "${WASM_CARGO_ARGS[@]}" 2>&1 | grep -v '^\s*$' >&2
echo "[build] wasm-pack build --release, without the TOML compiler: the page's engine" >&2
rm -rf target/pkg-page
RUSTUP_TOOLCHAIN="$TC" wasm-pack build --release --target web --out-dir target/pkg-page --out-name renkei_page --no-pack . \
  -- --no-default-features "${WASM_CARGO_ARGS[@]}" 2>&1 | grep -v '^\s*$' >&2
cp target/pkg-page/renkei_page.js target/pkg-page/renkei_page.d.ts target/pkg-page/renkei_page_bg.wasm target/pkg-page/renkei_page_bg.wasm.d.ts pkg/
rm -f pkg/.gitignore
# wasm-bindgen declares `[Symbol.dispose]()`, which only compiles with lib esnext.disposable; the
# method is set at run time only where Symbol.dispose exists, so the type drops it and the
# declarations compile under a plain `lib: ["es2022", "dom"]` (`free()` stays).
sed -i '/^    \[Symbol\.dispose\](): void;$/d' pkg/renkei.d.ts pkg/renkei_page.d.ts
package

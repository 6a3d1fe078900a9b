#!/usr/bin/env bash
# Builds the release wasm package into pkg/ (wasm-pack, binaryen's wasm-opt from node_modules),
# then makes it a complete npm package (scripts/package.mjs; `npm pack pkg` gives the tarball).
# Skips the build when pkg/ is newer than every source it is built from.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TC="$(cat target/.wasm-toolchain 2>/dev/null || echo debian-web)"
stamp=pkg/renkei_bg.wasm
# The package's own files (package.json, node.js, element.js, the manifest, LICENSE): cheap, so
# they are always made again, from Cargo.toml and www/js.
package() {
  # src/wasm.rs types score()'s assessment; wasm-bindgen would make an annotated optional
  # parameter required, so its options become `ScoreOptions` here.
  sed -i -E 's/^    score\(assessment: (any|Assessment), options\?: any \| null\): Report;$/    score(assessment: Assessment, options?: ScoreOptions | null): Report;/' pkg/renkei.d.ts
  node scripts/bundle.mjs element pkg
  node scripts/package.mjs pkg
}
if [ -f "$stamp" ] && [ -z "$(find src rules Cargo.toml Cargo.lock build.rs -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "[build] pkg/ is up to date" >&2
  package
  exit 0
fi
echo "[build] wasm-pack build --release (toolchain $TC)" >&2
RUSTUP_TOOLCHAIN="$TC" wasm-pack build --release --target web --out-dir pkg --no-pack 2>&1 | grep -v '^\s*$' >&2
rm -f pkg/.gitignore
# wasm-bindgen declares `[Symbol.dispose]()`, which only compiles with lib esnext.disposable; the
# method is set at run time only where Symbol.dispose exists, so the type drops it and the
# declarations compile under a plain `lib: ["es2022", "dom"]` (`free()` stays).
sed -i '/^    \[Symbol\.dispose\](): void;$/d' pkg/renkei.d.ts
package

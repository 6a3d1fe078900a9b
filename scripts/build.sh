#!/usr/bin/env bash
# Builds the release wasm package into pkg/ (wasm-pack, binaryen's wasm-opt from node_modules).
# Skips the build when pkg/ is newer than every source it is built from.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
TC="$(cat target/.wasm-toolchain 2>/dev/null || echo debian-web)"
stamp=pkg/renkei_bg.wasm
if [ -f "$stamp" ] && [ -z "$(find src rules Cargo.toml Cargo.lock build.rs -newer "$stamp" -print -quit 2>/dev/null)" ]; then
  echo "[build] pkg/ is up to date" >&2
  exit 0
fi
echo "[build] wasm-pack build --release (toolchain $TC)" >&2
RUSTUP_TOOLCHAIN="$TC" wasm-pack build --release --target web --out-dir pkg --no-pack 2>&1 | grep -v '^\s*$' >&2
rm -f pkg/.gitignore
# wasm-bindgen declares `[Symbol.dispose]()`, which only compiles with lib esnext.disposable; the
# method is set at run time only where Symbol.dispose exists, so the type drops it and the
# declarations compile under a plain `lib: ["es2022", "dom"]` (`free()` stays).
sed -i '/^    \[Symbol\.dispose\](): void;$/d' pkg/renkei.d.ts

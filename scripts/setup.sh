#!/usr/bin/env bash
# Installs what building and testing renkei needs, and skips what is already there.
# Called by scripts/serve.sh and scripts/test.sh; safe to run any number of times.
#
# Route (see ../shared/TOOLCHAIN.md of the project): use a rustup toolchain that already
# has the wasm32 target; otherwise Debian's Rust (rustc-web) plus a wasm32 standard
# library built once from its sources, linked into rustup as the toolchain "debian-web".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated = 0 ]; then say "apt-get update"; $SUDO apt-get update -qq >/dev/null; apt_updated=1; fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# --- 1. A Rust toolchain that can build wasm32 ------------------------------------
WASM_TOOLCHAIN=""
for tc in ${RENKEI_TOOLCHAIN:-} stable; do
  if rustup target list --toolchain "$tc" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    WASM_TOOLCHAIN="$tc"; break
  fi
done
if [ -z "$WASM_TOOLCHAIN" ]; then
  WASM_TOOLCHAIN=debian-web
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  SYSROOT_LIB=/usr/lib/rustlib/wasm32-unknown-unknown/lib
  if ! ls "$SYSROOT_LIB"/libstd-*.rlib >/dev/null 2>&1 || ! ls "$SYSROOT_LIB"/libtest-*.rlib >/dev/null 2>&1; then
    say "building the wasm32 standard library from Debian's Rust sources (once)"
    tmp="$(mktemp -d)"
    mkdir -p "$tmp/src"
    printf '[package]\nname = "sysroot-seed"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' > "$tmp/Cargo.toml"
    : > "$tmp/src/lib.rs"
    (cd "$tmp" && RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc RUSTFLAGS=-Cembed-bitcode=yes \
       CARGO_TARGET_DIR="$tmp/target" /usr/bin/cargo build -q --release \
       --target wasm32-unknown-unknown -Z build-std=std,panic_abort,test)
    $SUDO mkdir -p "$SYSROOT_LIB"
    find "$tmp/target/wasm32-unknown-unknown/release/deps" -name '*.rlib' ! -name 'libsysroot_seed*' \
      -exec $SUDO cp {} "$SYSROOT_LIB/" \;
    rm -rf "$tmp"
  fi
  if ! rustup toolchain list | grep -q '^debian-web'; then
    rustup toolchain link debian-web /usr
  fi
fi

# --- 2. wasm-pack and wasm-bindgen-cli (at the exact crate version) ----------------
export PATH="$HOME/.cargo/bin:$PATH"
WASM_PACK_VERSION=0.15.1   # the version measured in TOOLCHAIN.md; pinned so a new release cannot change the build
if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "cargo install wasm-pack $WASM_PACK_VERSION"
  cargo +stable install -q --force wasm-pack --version "$WASM_PACK_VERSION"
fi
WB_VERSION="$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9.]*\)".*/\1/p; s/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -1)"
if [ -z "$WB_VERSION" ]; then echo "setup: no exact wasm-bindgen pin (=X.Y.Z) in Cargo.toml" >&2; exit 1; fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WB_VERSION"
  cargo +stable install -q --force wasm-bindgen-cli --version "$WB_VERSION"
fi

# --- 3. Chromium for browser tests, Node packages (binaryen's wasm-opt, Playwright) --
apt_install chromium chromium-driver fonts-noto-cjk poppler-utils firefox-esr
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.renkei-lock; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.renkei-lock
fi

mkdir -p "$ROOT/target" && echo "$WASM_TOOLCHAIN" > "$ROOT/target/.wasm-toolchain"

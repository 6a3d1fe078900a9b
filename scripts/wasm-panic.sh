# Sourced by scripts/build.sh and scripts/size-profile.sh (after TC is set): how release builds
# for wasm32 panic. With panic=abort alone the standard library still formats a panic's message
# for its hook, which on wasm32-unknown-unknown has nowhere to write, then traps. With
# `-Cpanic=immediate-abort` a panic traps at once — the same `RuntimeError: unreachable` in
# JavaScript (no panic hook is installed: the message was never shown) — and that code is left
# out: measured on the page's engine, 1,625.0 → 1,537.6 kB raw, 572.3 → 539.1 kB gzip -9. The
# standard library must be built with it (-Zbuild-std, from the toolchain's own library sources,
# which the Debian route of scripts/setup.sh installs; cargo keeps it in target/ after the first
# build, about a minute); RUSTC_BOOTSTRAP lets that stable compiler take the unstable flags, as
# setup.sh's one-time build of the wasm32 standard library does. A toolchain without its library
# sources keeps panic=abort (a larger .wasm: the size check will say so).
WASM_CARGO_ARGS=()
WASM_SYSROOT="$(RUSTUP_TOOLCHAIN="$TC" rustc --print sysroot 2>/dev/null || true)"
if [ -n "$WASM_SYSROOT" ] && [ -f "$WASM_SYSROOT/lib/rustlib/src/rust/library/std/Cargo.toml" ]; then
  export RUSTC_BOOTSTRAP=1
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Zunstable-options -Cpanic=immediate-abort"
  WASM_CARGO_ARGS=(-Zbuild-std=std,panic_abort)
else
  echo "[build] no library sources under '$WASM_SYSROOT': panics keep the standard library's machinery (panic=abort), a larger .wasm" >&2
fi

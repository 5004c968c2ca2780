#!/usr/bin/env bash
# Obtain FerretDB 1.24 (MongoDB wire protocol over SQLite) from the Go module
# proxy. Prints the path of the binary on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/common.sh"

version="${FERRETDB_VERSION:-1.24.2}"
out="$TICKLER_CACHE/ferretdb-$version"
if [ -x "$out/ferretdb" ] && "$out/ferretdb" --version >/dev/null 2>&1; then reuse "ferretdb $version" "$out/ferretdb"; fi
need go
mkdir -p "$out"
build="$TICKLER_CACHE/build/ferretdb-$version"
mkdir -p "$build"
progress "ferretdb $version: building from the Go module proxy (first time only, a few minutes)"
# FerretDB's version package panics unless build/version/version.txt (a
# generated file absent from module zips) holds the version, and the go
# command refuses overlays inside the module cache. So the build uses a
# writable copy of the module from the cache with that one file written,
# wired in by a replace directive of a tiny wrapper module.
(
  cd "$build" &&
  go mod download -json "github.com/FerretDB/FerretDB@v$version" >download.json &&
  rm -rf src && cp -r "$(jq -r .Dir download.json)" src && chmod -R u+w src &&
  echo "v$version" >src/build/version/version.txt &&
  printf 'module tickler.local/ferretdbbuild\n\ngo 1.24\n\nrequire github.com/FerretDB/FerretDB v%s\n\nreplace github.com/FerretDB/FerretDB => ./src\n' "$version" >go.mod &&
  cp src/go.sum go.sum &&
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/ferretdb.partial" \
    github.com/FerretDB/FerretDB/cmd/ferretdb
) >"$build/build.log" 2>&1 || fail "ferretdb: build failed; see $build/build.log"
mv "$out/ferretdb.partial" "$out/ferretdb"
"$out/ferretdb" --version >/dev/null 2>&1 || fail "ferretdb: the built binary does not start; see $build/build.log"
progress "ferretdb $version: ready in $out"
echo "$out/ferretdb"

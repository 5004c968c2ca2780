# Build Go commands of a published module through a wrapper module (sourced by
# the obtain scripts of the cluster's pieces: etcd, CoreDNS, Traefik,
# local-path-provisioner).
#
# `go install pkg@version` refuses a module whose go.mod has replace
# directives; a wrapper module that requires the module at its version builds
# it. Upstream's replaces are repeated from the downloaded go.mod (read, never
# hand-copied): a replace to another module version is kept as is, a replace
# to a directory inside the module is pointed at that directory of the
# downloaded (read-only) module, and a replace to a sibling directory (../x: a
# module of the same repository, published on its own) is dropped so that the
# published version is used. Each command is resumable (a done-stamp).
#
# gobuild_module <name> <module> <version> <out-dir> <ldflags> <pkg>[=<binary>]...
# Requires common.sh to be sourced first.
gobuild_module() {
  local name="$1" module="$2" version="$3" out="$4" ldflags="$5"
  shift 5
  need go
  need jq
  local build="$TICKLER_CACHE/build/$name-$version"
  local log="$build/build.log"
  mkdir -p "$build" "$out"
  progress "$name $version: building from the Go module proxy (first time only; build log: $log)"
  local info gomod dir
  # Into the module cache first, with retries; the -json read below is then local.
  (cd "$build" && GOFLAGS=-mod=mod retry "$name: downloading $module@v$version" go mod download "$module@v$version" >/dev/null 2>&1) || true
  info="$(cd "$build" && GOFLAGS=-mod=mod go mod download -json "$module@v$version")" \
    || fail "$name: cannot download $module@v$version from the Go module proxy"
  gomod="$(jq -r .GoMod <<<"$info")"
  dir="$(jq -r .Dir <<<"$info")"
  {
    echo "module tickler.local/${name}build"
    echo
    grep -m1 '^go ' "$gomod" || echo "go 1.24"
    echo
    echo "require $module v$version"
    echo
    # Every replace of upstream, one per line, local paths made absolute.
    sed -n '/^replace (/,/^)/{/^replace (/d;/^)/d;p}' "$gomod"
    sed -n 's/^replace \([^(].*\)/\1/p' "$gomod"
    # and its excludes (they steer the resolution of the same graph)
    echo
    sed -n '/^exclude (/,/^)/p' "$gomod"
    grep -E '^exclude [^(]' "$gomod" || true
  } | awk -v dir="$dir" '
      /=>/ && !/^module|^require|^go / {
        split($0, side, "=>"); target = side[2]; gsub(/^[ \t]+|[ \t]+$/, "", target)
        if (target ~ /^\.\.\//) next
        if (target ~ /^\.\//) { sub(/^\.\//, "", target); target = dir "/" target }
        if (target ~ /FORBIDDEN/) next
        gsub(/^[ \t]+|[ \t]+$/, "", side[1]); print "replace " side[1] " => " target; next }
      /^[ \t]*\/\// { next }
      { print }' >"$build/go.mod"
  local spec pkg bin n=0 total=$# start
  for spec in "$@"; do
    n=$((n + 1))
    pkg="${spec%%=*}"
    bin="${spec#*=}"
    [ "$bin" != "$spec" ] || bin="$(basename "$pkg")"
    if [ -x "$out/$bin" ] && [ -f "$out/.$bin.done" ]; then
      progress "$name $version: [$n/$total] $bin already built"
      continue
    fi
    progress "$name $version: [$n/$total] resolving and building $bin"
    start=$(date +%s)
    (cd "$build" && GOFLAGS=-mod=mod CGO_ENABLED=0 retry "$name: resolving $pkg's modules" go get "$pkg@v$version" >>"$log" 2>&1) \
      || fail "$name: resolving $pkg's modules failed; see $log"
    (cd "$build" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" \
      -o "$out/$bin.partial" "$pkg" >>"$log" 2>&1) \
      || fail "$name: building $bin failed; see $log"
    mv "$out/$bin.partial" "$out/$bin"
    touch "$out/.$bin.done"
    progress "$name $version: $bin built in $(($(date +%s) - start)) s"
  done
}

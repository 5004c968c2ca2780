#!/usr/bin/env bash
# Builds every container image the local Kubernetes cluster runs, here, from
# Debian packages and the pieces the stack already obtains; nothing is pulled
# (no registry is reachable). Each image is an OCI archive in
# ~/.cache/tickler/images/<name>-<tag>.tar with a content key beside it
# (<name>-<tag>.key): a warm run whose inputs did not change only compares keys.
#
# Interface (used by scripts/cluster, kept stable):
#   scripts/cluster/images.sh [--only NAME[,NAME...]] [--import SOCKET]
#     --only     build just these (names below; "dapr" means all six Dapr images)
#     --import   also load each image into containerd's "k8s.io" namespace with
#                `ctr --address SOCKET`; an image containerd already holds with
#                the same manifest digest is left alone
#   stdout: one line per image, "<name> <reference> <archive>"; progress and
#           timings go to stderr, prefixed [images]. Exit 0 only if every
#           image asked for is built (and imported).
#   env:  TICKLER_IMAGE_TAG  tag of Tickler's image (default dev; a rolling
#                            upgrade test builds a second tag, seconds when warm)
#         TICKLER_CACHE      the tool cache (default ~/.cache/tickler)
#
# Images (name: reference):
#   tickler:          localhost/tickler:$TICKLER_IMAGE_TAG   chart: image.registry=localhost,
#                     image.repository=tickler, image.tag=<tag>, image.pullPolicy=Never
#   dapr-daprd, dapr-operator, dapr-injector (the sidecar injector), dapr-sentry,
#   dapr-placement, dapr-scheduler: localhost/dapr/<binary>:1.18.1
#                     Dapr's chart: global.registry=localhost/dapr, global.tag=1.18.1,
#                     global.imagePullPolicy=Never (binaries at /<binary>, as Dapr's images)
#   kafka:            localhost/kafka:<kafka version>       charts/tickler kafka.mode=pods
#   redis:            localhost/redis:<Debian's version>    devServices.redis.image
#   secantus:         localhost/secantus:<version>          the read store (MongoDB wire protocol)
#   pause:            localhost/pause:tickler               containerd: sandbox_image
#
# Requires root (podman's storage, runc). Containers run with runc and the
# cgroupfs manager (this machine's hybrid cgroups v1; docs/cluster.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
TICKLER_CACHE="${TICKLER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tickler}"
out="$TICKLER_CACHE/images"
mkdir -p "$out/build" "$out/bases"

progress() { printf '[images] %s\n' "$*" >&2; }
fail() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }
elapsed() { echo "$((SECONDS - $1)) s"; }

all_names=(pause tickler dapr-daprd dapr-operator dapr-injector dapr-sentry dapr-placement dapr-scheduler kafka redis secantus)
only=""
import_socket=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="${2:?--only needs a list of names}"; shift 2 ;;
    --import) import_socket="${2:?--import needs the containerd socket path}"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done
names=()
if [ -n "$only" ]; then
  IFS=, read -r -a asked <<<"$only"
  for n in "${asked[@]}"; do
    case "$n" in
      dapr) names+=(dapr-daprd dapr-operator dapr-injector dapr-sentry dapr-placement dapr-scheduler) ;;
      *) [[ " ${all_names[*]} " == *" $n "* ]] || fail "no image named '$n' (names: ${all_names[*]})"; names+=("$n") ;;
    esac
  done
else
  names=("${all_names[@]}")
fi

[ "$(id -u)" = 0 ] || fail "building images needs root (podman's storage and runc); run as root"
started_all=$SECONDS

# --- tools -------------------------------------------------------------------
need_packages=()
for tool in podman:podman buildah:buildah runc:runc mmdebstrap:mmdebstrap; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${tool%%:*}" ] || need_packages+=("${tool#*:}")
done
if [ -n "$import_socket" ] && ! command -v ctr >/dev/null 2>&1; then need_packages+=(containerd); fi
if [ ${#need_packages[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || fail "missing ${need_packages[*]} and no apt-get to install them; install Debian's packages yourself"
  progress "installing Debian packages: ${need_packages[*]} (log: $out/apt.log)"
  apt-get -o DPkg::Lock::Timeout=600 update -q >"$out/apt.log" 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need_packages[@]}" >>"$out/apt.log" 2>&1 \
    || fail "apt-get install ${need_packages[*]} failed; see $out/apt.log"
  progress "installed ${need_packages[*]}"
fi
runc_bin="$(command -v runc || echo /usr/sbin/runc)"

# Our own podman storage: builds never touch (or are touched by) other podman
# users of the machine, and `rm -rf ~/.cache/tickler/images` resets everything.
podman_() {
  podman --root "$out/storage" --runroot /run/tickler-images --runtime "$runc_bin" \
    --cgroup-manager cgroupfs --events-backend file --storage-driver overlay "$@"
}

# One build at a time: two runs would race on the archives and the storage.
exec 9>"$out/.lock"
if ! flock -n 9; then
  progress "another images.sh is running; waiting for it"
  flock 9
fi

# --- keys ----------------------------------------------------------------------
# A key is the sha256 of everything an image is made from: small files by
# content, big ones (binaries, jars) by path, size and modification time.
hash_files() { # files... → one line per file
  local f
  for f in "$@"; do
    if [ "$(stat -c %s "$f")" -gt 4194304 ]; then
      stat -c 'stat %n %s %Y' "$f"
    else
      printf 'sha %s %s\n' "$f" "$(sha256sum <"$f" | cut -c1-64)"
    fi
  done
}
key_of() { sha256sum | cut -c1-32; }
# Bumped when this script changes how an image is put together.
recipe_version=1

# --- bases -----------------------------------------------------------------------
suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
mirrors=(
  "deb http://deb.debian.org/debian $suite main"
  "deb http://deb.debian.org/debian $suite-updates main"
  "deb http://deb.debian.org/debian-security $suite-security main"
)
# A base image: Debian packages extracted by mmdebstrap (no maintainer script
# runs, no package manager inside), then image-base-hook.sh, imported with
# podman import. Prints the image reference.
base_image() { # name packages(comma-separated)
  local name="$1" packages="$2" key ref tar log t
  key="$( { echo "$recipe_version $suite $packages"; printf '%s\n' "${mirrors[@]}"; cat "$here/image-base-hook.sh"; mmdebstrap --version; } | key_of)"
  ref="localhost/tickler-base/$name:$key"
  if podman_ image exists "$ref"; then
    echo "$ref"
    return
  fi
  tar="$out/bases/$name-$key.tar"
  log="$out/bases/$name-$key.log"
  if [ ! -f "$tar" ]; then
    progress "base $name: mmdebstrap $suite (${packages//,/ }) from deb.debian.org (log: $log)"
    t=$SECONDS
    mmdebstrap --variant=extract --include="$packages" --format=tar \
      --extract-hook="sh '$here/image-base-hook.sh' \"\$1\"" \
      "$suite" "$tar.partial" "${mirrors[@]}" </dev/null >"$log" 2>&1 \
      || fail "base $name: mmdebstrap failed; see $log"
    mv "$tar.partial" "$tar"
    progress "base $name: $(($(stat -c %s "$tar") / 1048576)) MB root filesystem in $(elapsed "$t")"
  fi
  podman_ import --quiet --change 'USER 65532:65532' --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --message "Debian $suite: $packages" "$tar" "$ref" >/dev/null || fail "base $name: podman import failed"
  # Earlier bases of this name are kept only until a new one works (an image
  # still built on one keeps it in the storage until that image is rebuilt).
  find "$out/bases" -name "$name-*.tar" ! -name "$name-$key.tar" -delete
  podman_ images --format '{{.Repository}}:{{.Tag}}' "localhost/tickler-base/$name" | grep -vx "$ref" \
    | while read -r old; do podman_ rmi "$old" >/dev/null 2>&1 || true; done
  echo "$ref"
}
runtime_packages="libc6,libgcc-s1,libstdc++6,zlib1g,ca-certificates,tzdata"

# --- building one image ----------------------------------------------------------
declare -A refs archives
built=0
# build NAME REF CONTAINERFILE CONTEXT KEY [--build-arg ...]
build_image() {
  local name="$1" ref="$2" containerfile="$3" context="$4" key="$5"
  shift 5
  local tag="${ref##*:}" archive keyfile t
  archive="$out/$name-$tag.tar"
  keyfile="$out/$name-$tag.key"
  refs[$name]="$ref"
  archives[$name]="$archive"
  if [ -f "$archive" ] && [ "$(cat "$keyfile" 2>/dev/null)" = "$key" ]; then
    progress "$name: up to date ($ref)"
    return
  fi
  t=$SECONDS
  progress "$name: building $ref"
  podman_ build --quiet --pull=never --format oci --layers -f "$containerfile" -t "$ref" \
    --label "tickler.images.key=$key" "$@" "$context" >"$out/build/$name.log" 2>&1 \
    || { cat "$out/build/$name.log" >&2; fail "$name: podman build failed (log above: $out/build/$name.log)"; }
  rm -f "$archive.partial"
  podman_ save --quiet --format oci-archive -o "$archive.partial" "$ref" || fail "$name: podman save failed"
  mv "$archive.partial" "$archive"
  echo "$key" >"$keyfile"
  built=$((built + 1))
  progress "$name: built in $(elapsed "$t"), archive $(($(stat -c %s "$archive") / 1048576)) MB"
}

wants() { [[ " ${names[*]} " == *" $1 "* ]]; }
wants_prefix() { [[ " ${names[*]} " == *" $1"* ]]; }
obtain() { bash "$repo/scripts/obtain/$1" "${@:2}" | tail -n1; }

# --- pause -------------------------------------------------------------------
if wants pause; then
  ctx="$out/build/pause"
  mkdir -p "$ctx"
  key="$( { echo "$recipe_version pause"; hash_files "$here/image-pause.c" "$here/image-pause.Containerfile"; cc --version | head -1; } | key_of)"
  if [ "$(cat "$out/pause-tickler.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/pause-tickler.tar" ]; then
    command -v cc >/dev/null || fail "pause: a C compiler (cc) is needed; apt-get install gcc libc6-dev"
    cc -static -Os -s -o "$ctx/pause" "$here/image-pause.c" || fail "pause: compiling image-pause.c failed (static glibc: libc6-dev)"
  fi
  build_image pause localhost/pause:tickler "$here/image-pause.Containerfile" "$ctx" "$key"
fi

# --- Tickler -----------------------------------------------------------------
if wants tickler; then
  tag="${TICKLER_IMAGE_TAG:-dev}"
  node_bin="$(obtain node.sh)" || fail "tickler: scripts/obtain/node.sh failed"
  base="$(base_image runtime "$runtime_packages")"
  # What the Dockerfile's build stages read, and nothing else.
  sources=(package.json package-lock.json tsconfig.json tsconfig.build.json scripts/build-web.ts scripts/webApiTypes.ts scripts/webShell.ts scripts/root.ts)
  mapfile -t tree < <(cd "$repo" && find src web -type f ! -path '*/node_modules/*' | LC_ALL=C sort)
  # The staged build (compiled dist, runtime node_modules) depends on the
  # sources, not the tag: a second tag of the same sources only re-tags.
  src_key="$( { echo "$recipe_version tickler $base"; cd "$repo" && hash_files "${sources[@]}" "${tree[@]}" "$node_bin" "$here/image-tickler.Containerfile"; } | key_of)"
  key="$(echo "$src_key $tag" | key_of)"
  staged="$out/build/tickler/.src-key"
  if { [ "$(cat "$out/tickler-$tag.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/tickler-$tag.tar" ]; } && [ "$(cat "$staged" 2>/dev/null)" != "$src_key" ]; then
    t=$SECONDS
    [ -d "$repo/node_modules/typescript" ] || fail "tickler: $repo/node_modules has no typescript; run npm ci in $repo first"
    # Compile in a copy of the sources: the checkout's dist/ stays as it is.
    stage="$out/build/tickler-src"
    rm -rf "$stage" && mkdir -p "$stage/scripts"
    (cd "$repo" && cp -r package.json package-lock.json tsconfig.json tsconfig.build.json src web "$stage/" && cp scripts/build-web.ts scripts/webApiTypes.ts scripts/webShell.ts scripts/root.ts "$stage/scripts/")
    rm -rf "$stage/web/node_modules"
    ln -s "$repo/node_modules" "$stage/node_modules"
    progress "tickler: compiling TypeScript and the web app"
    (cd "$stage" && "$node_bin" node_modules/typescript/bin/tsc -p tsconfig.build.json && "$node_bin" --import tsx scripts/build-web.ts) \
      >"$out/build/tickler-compile.log" 2>&1 || { cat "$out/build/tickler-compile.log" >&2; fail "tickler: compiling failed"; }
    # Runtime dependencies, installed once per lock file.
    deps_key="$(cat "$repo/package.json" "$repo/package-lock.json" | key_of)"
    deps="$out/build/prod-deps-$deps_key"
    if [ ! -f "$deps/.done" ]; then
      progress "tickler: npm ci --omit=dev (runtime dependencies, once per lock file)"
      rm -rf "$deps" && mkdir -p "$deps"
      cp "$repo/package.json" "$repo/package-lock.json" "$deps/"
      (cd "$deps" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts) >"$out/build/tickler-npm.log" 2>&1 \
        || { cat "$out/build/tickler-npm.log" >&2; fail "tickler: npm ci --omit=dev failed"; }
      find "$out/build" -maxdepth 1 -name 'prod-deps-*' ! -name "prod-deps-$deps_key" -exec rm -rf {} +
      touch "$deps/.done"
    fi
    ctx="$out/build/tickler"
    rm -rf "$ctx" && mkdir -p "$ctx"
    cp "$node_bin" "$ctx/node"
    cp "$repo/package.json" "$ctx/"
    cp -al "$deps/node_modules" "$ctx/node_modules"
    cp -r "$stage/dist" "$ctx/dist"
    echo "$src_key" >"$staged"
    progress "tickler: compiled and staged in $(elapsed "$t")"
  fi
  build_image tickler "localhost/tickler:$tag" "$here/image-tickler.Containerfile" "$out/build/tickler" "$key" --build-arg "BASE=$base"
fi

# --- Dapr --------------------------------------------------------------------
if wants_prefix dapr-; then
  dapr_version="${DAPR_VERSION:-1.18.1}"
  dapr_dir="$(DAPR_VERSION="$dapr_version" DAPR_DAPRD_BUILD="${DAPR_DAPRD_BUILD:-slim}" obtain dapr.sh --control-plane)" || fail "dapr: scripts/obtain/dapr.sh --control-plane failed"
  base="$(base_image runtime "$runtime_packages")"
  for name in dapr-daprd dapr-operator dapr-injector dapr-sentry dapr-placement dapr-scheduler; do
    wants "$name" || continue
    bin="${name#dapr-}"
    [ -x "$dapr_dir/$bin" ] || fail "$name: $dapr_dir/$bin is missing"
    key="$( { echo "$recipe_version $name $base"; hash_files "$dapr_dir/$bin" "$here/image-dapr.Containerfile"; } | key_of)"
    ctx="$out/build/$name"
    if [ "$(cat "$out/$name-$dapr_version.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/$name-$dapr_version.tar" ]; then
      rm -rf "$ctx"
      mkdir -p "$ctx"
      ln "$dapr_dir/$bin" "$ctx/$bin" 2>/dev/null || cp "$dapr_dir/$bin" "$ctx/$bin"
    fi
    build_image "$name" "localhost/dapr/$bin:$dapr_version" "$here/image-dapr.Containerfile" "$ctx" "$key" --build-arg "BASE=$base" --build-arg "BIN=$bin"
  done
fi

# --- Kafka -------------------------------------------------------------------
if wants kafka; then
  libs="$(obtain kafka.sh)" || fail "kafka: scripts/obtain/kafka.sh failed"
  kafka_version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$repo/scripts/obtain/kafka/pom.xml")"
  base="$(base_image kafka "$runtime_packages,openjdk-17-jre-headless,bash")"
  mapfile -t jars < <(find "$libs" -name '*.jar' | LC_ALL=C sort)
  key="$( { echo "$recipe_version kafka $base"; hash_files "${jars[@]}" "$here/image-kafka.Containerfile" "$here/image-kafka-entrypoint.sh"; } | key_of)"
  ctx="$out/build/kafka"
  if [ "$(cat "$out/kafka-$kafka_version.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/kafka-$kafka_version.tar" ]; then
    rm -rf "$ctx" && mkdir -p "$ctx/libs"
    cp -l "${jars[@]}" "$ctx/libs/" 2>/dev/null || cp "${jars[@]}" "$ctx/libs/"
    cp "$here/image-kafka-entrypoint.sh" "$ctx/entrypoint.sh"
  fi
  build_image kafka "localhost/kafka:$kafka_version" "$here/image-kafka.Containerfile" "$ctx" "$key" --build-arg "BASE=$base"
fi

# --- Redis -------------------------------------------------------------------
if wants redis; then
  base="$(base_image redis "$runtime_packages,redis-server,redis-tools")"
  # The image is tagged with Debian's version of the package.
  redis_version="$(apt-cache policy redis-server 2>/dev/null | sed -n 's/^ *Candidate: *[0-9]*:*\([0-9.]*\).*/\1/p')"
  [ -n "$redis_version" ] || redis_version=debian
  key="$( { echo "$recipe_version redis $base"; hash_files "$here/image-redis.Containerfile"; } | key_of)"
  ctx="$out/build/redis"
  mkdir -p "$ctx"
  build_image redis "localhost/redis:$redis_version" "$here/image-redis.Containerfile" "$ctx" "$key" --build-arg "BASE=$base"
fi

# --- the read store --------------------------------------------------------------
if wants secantus; then
  secantusd="$(obtain secantus.sh)" || fail "secantus: scripts/obtain/secantus.sh failed"
  secantus_version="$(basename "$(dirname "$(dirname "$secantusd")")")"
  secantus_version="${secantus_version#secantus-mdb-}"
  base="$(base_image runtime "$runtime_packages")"
  key="$( { echo "$recipe_version secantus $base"; hash_files "$secantusd" "$here/image-secantus.Containerfile"; } | key_of)"
  ctx="$out/build/secantus"
  if [ "$(cat "$out/secantus-$secantus_version.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/secantus-$secantus_version.tar" ]; then
    rm -rf "$ctx" && mkdir -p "$ctx" && cp "$secantusd" "$ctx/secantusd-rs"
  fi
  build_image secantus "localhost/secantus:$secantus_version" "$here/image-secantus.Containerfile" "$ctx" "$key" --build-arg "BASE=$base"
fi

# --- into containerd -------------------------------------------------------------
if [ -n "$import_socket" ]; then
  [ -S "$import_socket" ] || fail "--import: $import_socket is not a socket (is containerd running?)"
  for name in "${names[@]}"; do
    ref="${refs[$name]}"
    archive="${archives[$name]}"
    digest="$(tar -xOf "$archive" index.json | sed -n 's/.*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p' | head -1)"
    held="$(ctr --address "$import_socket" -n k8s.io images ls "name==$ref" 2>/dev/null | awk 'NR>1 {print $3}')"
    if [ -n "$digest" ] && [ "$held" = "$digest" ]; then
      progress "$name: containerd already holds $ref"
      continue
    fi
    t=$SECONDS
    ctr --address "$import_socket" -n k8s.io images import "$archive" >"$out/build/$name-import.log" 2>&1 \
      || { cat "$out/build/$name-import.log" >&2; fail "$name: ctr images import failed"; }
    progress "$name: imported into containerd (k8s.io) in $(elapsed "$t")"
  done
fi

# Layers of images replaced by this run (a rebuilt tag leaves its old image untagged).
if [ "$built" -gt 0 ]; then podman_ image prune -f >/dev/null 2>&1 || true; fi

for name in "${names[@]}"; do
  echo "$name ${refs[$name]} ${archives[$name]}"
done
progress "done: ${#names[@]} images in $(elapsed "$started_all")"

#!/usr/bin/env bash
# The images of the node's own add-ons (made here, never pulled), saved as
# OCI archives for `ctr images import`. Each is a static binary on an empty
# root (`podman import` of a tarball), the files it needs, uid 65532.
# Prints the directory of the archives on its last line; each image's
# reference is in <name>.ref next to its archive.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
out="$TICKLER_CACHE/cluster-images"
mkdir -p "$out"
command -v podman >/dev/null || die "podman is required to build the node's images (apt-get install podman)"

# image <name> <tag> <rootfs-dir> <podman import --change ...>...
image() {
  local name="$1" tag="$2" rootfs="$3" ref="localhost/tickler-$1:$2"
  shift 3
  if [ -f "$out/$name.tar" ] && [ "$(cat "$out/$name.ref" 2>/dev/null)" = "$ref" ]; then return 0; fi
  say "image $ref"
  local changes=() c
  for c in "$@"; do changes+=(--change "$c"); done
  tar -C "$rootfs" --owner=0 --group=0 --numeric-owner -cf "$out/$name.rootfs.tar" .
  podman import --quiet "${changes[@]}" "$out/$name.rootfs.tar" "$ref" >/dev/null
  rm -f "$out/$name.tar" "$out/$name.rootfs.tar"
  podman save --quiet --format oci-archive -o "$out/$name.tar.partial" "$ref" >&2
  mv "$out/$name.tar.partial" "$out/$name.tar"
  echo "$ref" >"$out/$name.ref"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A shell for tests and helper pods: Debian's static busybox.
busybox=/bin/busybox
[ -x "$busybox" ] && ! ldd "$busybox" >/dev/null 2>&1 \
  || die "a static busybox is required at /bin/busybox (apt-get install busybox-static)"
mkdir -p "$work/busybox/bin" "$work/busybox/tmp"
cp "$busybox" "$work/busybox/bin/busybox"
for a in sh sleep ls cat mkdir rm rmdir nslookup wget httpd echo ip chmod; do ln -s busybox "$work/busybox/bin/$a"; done
bbtag="$(sha256sum "$busybox" | cut -c1-12)"
image busybox "$bbtag" "$work/busybox" 'CMD ["/bin/sh"]'

# A static Go binary at /<name>, a writable /tmp, nothing else.
static_image() { # name version binary
  local root="$work/$1"
  mkdir -p "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  cp "$3" "$root/$1"
  printf 'root:x:0:0:root:/:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/:/sbin/nologin\n' >"$root/etc/passwd"
  image "$1" "$2" "$root" "ENTRYPOINT [\"/$1\"]" 'USER 65532:65532'
}
# Arguments: the add-ons to make (default all); "none" makes only the shell.
pieces=(coredns local-path-provisioner traefik)
[ $# = 0 ] || pieces=("$@")
[ "${pieces[*]}" != none ] || pieces=()
for piece in ${pieces[@]+"${pieces[@]}"}; do
  bin="$(bash "$CLUSTER_ROOT/scripts/obtain/$piece.sh" | tail -n1)" || die "obtaining $piece failed"
  version="$(basename "$(dirname "$bin")")"
  static_image "$piece" "${version#"$piece"-}" "$bin"
done
echo "$out"

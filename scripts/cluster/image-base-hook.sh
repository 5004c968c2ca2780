#!/bin/sh
# mmdebstrap --extract-hook (the extract variant runs no later hook) for the base root filesystems of
# scripts/cluster/images.sh. The packages were only extracted (variant
# "extract": no maintainer script ran, as in a distroless image), so this
# writes what their scripts or a base image would have: the users, /tmp, the
# CA bundle; and drops what no container reads (docs, man pages, apt's lists).
# $1 is the root filesystem being built.
set -eu
root="$1"
cd "$root"

# root, the non-root user every image of ours runs as (65532, as in
# distroless), Redis' 999 (the chart's dev Redis runs as it), and nobody.
mkdir -p etc home/nonroot tmp var/tmp
cat > etc/passwd <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
redis:x:999:999:redis:/data:/sbin/nologin
EOF
cat > etc/group <<'EOF'
root:x:0:
nogroup:x:65534:
nonroot:x:65532:
redis:x:999:
EOF
chown 65532:65532 home/nonroot
chmod 1777 tmp var/tmp
# Files first, then DNS: what glibc and Go do without this file, said once.
printf 'hosts: files dns\n' > etc/nsswitch.conf

# update-ca-certificates did not run: build the bundle Go, OpenSSL and
# curl-alikes read, from the certificates the package ships.
if [ -d usr/share/ca-certificates/mozilla ]; then
  mkdir -p etc/ssl/certs
  cat usr/share/ca-certificates/mozilla/*.crt > etc/ssl/certs/ca-certificates.crt
fi

# Perl comes in as a dependency of package scripts that never run here.
rm -rf usr/share/doc/* usr/share/man/* usr/share/info/* usr/share/lintian usr/share/locale/* \
  usr/share/perl usr/share/perl5 usr/lib/x86_64-linux-gnu/perl usr/lib/x86_64-linux-gnu/perl-base usr/bin/perl usr/bin/perl5* \
  var/cache/apt/archives/*.deb var/log/*

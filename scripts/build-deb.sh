#!/usr/bin/env bash
# Builds a Debian package of Nano from a release binary, without Rust on the target machine.
#
# Usage: scripts/build-deb.sh [BINARY] [OUTPUT_DIR]
#   BINARY      defaults to target/release/nano (build it first with cargo build --release)
#   OUTPUT_DIR  defaults to target/debian
#
# The package is called nano-asisten because Debian's GNU editor package already owns
# /usr/bin/nano. It installs the assistant as /usr/bin/nano-asisten, plus
# /usr/lib/nano-asisten/bin/nano for users who put that folder first on PATH to type `nano`,
# the man page and shell completions. Fonts, lexicons and the persona are built into the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-target/release/nano}
output=${2:-target/debian}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
architecture=$(dpkg --print-architecture)
package=nano-asisten

if [ ! -x "$binary" ]; then
    echo "binary not found: $binary (run cargo build --release first)" >&2
    exit 1
fi

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

install -D -m 0755 "$binary" "$stage/usr/lib/$package/bin/nano"
mkdir -p "$stage/usr/bin"
ln -s "../lib/$package/bin/nano" "$stage/usr/bin/$package"

install -d "$stage/usr/share/man/man1"
"$binary" manual | gzip -9n > "$stage/usr/share/man/man1/$package.1.gz"

install -d "$stage/usr/share/bash-completion/completions" \
    "$stage/usr/share/zsh/vendor-completions" "$stage/usr/share/fish/vendor_completions.d"
"$binary" completion bash > "$stage/usr/share/bash-completion/completions/nano"
"$binary" completion zsh > "$stage/usr/share/zsh/vendor-completions/_nano"
"$binary" completion fish > "$stage/usr/share/fish/vendor_completions.d/nano.fish"

install -d "$stage/usr/share/doc/$package"
install -m 0644 README.md README.id.md "$stage/usr/share/doc/$package/"
install -m 0644 assets/fonts/LICENSE "$stage/usr/share/doc/$package/LICENSE.fonts"

installed_kib=$(du -sk "$stage" | cut -f1)
install -d "$stage/DEBIAN"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: $package
Version: $version
Architecture: $architecture
Maintainer: Nano developers <nano@localhost>
Installed-Size: $installed_kib
Depends: libc6, libgcc-s1, libstdc++6, libgomp1
Section: utils
Priority: optional
Description: asisten terminal untuk teknisi servis elektronik
 Nano mencatat servis, pengingat, stok part dan laporan mingguan (PDF) dari
 kalimat sehari-hari berbahasa Indonesia. Data tersimpan di satu file SQLite.
 Perintahnya nano-asisten; editor GNU nano tetap bisa dipakai seperti biasa.
CONTROL

mkdir -p "$output"
deb="$output/${package}_${version}_${architecture}.deb"
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "$deb"

#!/usr/bin/env bash
# Builds the yearbook binary for the office's computer: x86_64 Linux against
# glibc 2.17 (统信UOS, 银河麒麟 and older distributions), with cargo-zigbuild and
# zig, then packs it with the README and 使用说明.txt into a .tar.gz and checks
# the package:
#   - `objdump -T` lists no symbol newer than GLIBC_2.17;
#   - the packed binary builds the sample (data/, yearbook.toml) and its PDF is
#     byte for byte the PDF of the native release build.
#
# Needs: pip install ziglang cargo-zigbuild (both from PyPI), binutils (objdump).
# Usage: scripts/release.sh            (writes dist/yearbook-<version>-x86_64-linux-glibc2.17.tar.gz)
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-gnu
glibc=2.17
started=$(date +%s)

for tool in cargo-zigbuild objdump; do
    command -v "$tool" >/dev/null || { echo "release.sh: $tool is missing (pip install ziglang cargo-zigbuild; apt-get install binutils)" >&2; exit 1; }
done
python3 -m ziglang version >/dev/null 2>&1 || command -v zig >/dev/null ||
    { echo "release.sh: zig is missing (pip install ziglang)" >&2; exit 1; }

echo "== building for $target.$glibc"
cargo zigbuild --release --locked --target "$target.$glibc"
bin="target/$target/release/yearbook"

echo "== checking glibc symbols"
newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
if [ "$(printf '%s\n%s\n' "$newest" "$glibc" | sort -V | tail -1)" != "$glibc" ]; then
    echo "release.sh: the binary needs GLIBC_$newest, newer than $glibc" >&2
    objdump -T "$bin" | grep "GLIBC_$newest" >&2
    exit 1
fi

echo "== packing"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
name="yearbook-$version-x86_64-linux-glibc$glibc"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
install -m 755 "$bin" "$stage/$name/yearbook"
install -m 644 README.md "$stage/$name/README.md"
install -m 644 scripts/使用说明.txt "$stage/$name/使用说明.txt"
mkdir -p dist
epoch=$(git log -1 --format=%ct 2>/dev/null || echo 0)
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner -C "$stage" -cf - "$name" |
    gzip -n -9 >"dist/$name.tar.gz"

echo "== checking the packed binary on the sample"
mkdir "$stage/unpacked"
tar -xzf "dist/$name.tar.gz" -C "$stage/unpacked"
packed="$stage/unpacked/$name/yearbook"
"$packed" build --out "$stage/packed-out" >"$stage/packed.log" 2>&1 || { cat "$stage/packed.log" >&2; exit 1; }
native=target/release/yearbook
if [ ! -x "$native" ] || [ "$native" -ot Cargo.lock ]; then
    cargo build --release --locked
fi
"$native" build --out "$stage/native-out" >"$stage/native.log" 2>&1 || { cat "$stage/native.log" >&2; exit 1; }
packed_pdf=$(sha256sum "$stage"/packed-out/*.pdf | cut -d' ' -f1)
native_pdf=$(sha256sum "$stage"/native-out/*.pdf | cut -d' ' -f1)
if [ "$packed_pdf" != "$native_pdf" ]; then
    echo "release.sh: the packed binary's PDF differs from the native build's" >&2
    exit 1
fi

elapsed=$(( $(date +%s) - started ))
echo "== done in ${elapsed}s"
echo "package:        dist/$name.tar.gz ($(stat -c %s "dist/$name.tar.gz") bytes)"
echo "binary:         $(stat -c %s "$bin") bytes"
echo "newest glibc:   GLIBC_$newest"
echo "sample PDF:     $packed_pdf (same as the native build)"

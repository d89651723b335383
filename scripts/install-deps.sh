#!/usr/bin/env bash
# Installs the system packages Nano needs to build and test on Debian or Ubuntu: a C/C++
# toolchain, cmake, and clang/libclang for llama.cpp's bindings; poppler-utils to read PDFs
# back in tests. Installs only what is missing, so a ready machine is left alone.
set -euo pipefail

packages=(build-essential cmake clang libclang-dev pkg-config poppler-utils)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "system packages present"
    exit 0
fi

echo "installing: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo not found: install Rust from your distribution or rustup, then run this again" >&2
    exit 1
fi

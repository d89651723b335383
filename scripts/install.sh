#!/usr/bin/env bash
# Sets Nano up on a Debian or Ubuntu machine with Rust: system packages, a release build
# installed to ~/.cargo/bin, then starts the chat.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cargo install --locked --path .
echo
echo "Nano terpasang di ~/.cargo/bin/nano. Editor GNU nano tetap ada di /usr/bin/nano."
exec "${CARGO_HOME:-$HOME/.cargo}/bin/nano"

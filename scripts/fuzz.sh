#!/usr/bin/env bash
# Fuzzes the interpreter for a bounded time (default 60 s): arbitrary bytes, lossy UTF-8,
# inputs up to 1 MB. Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz passes nightly
# flags (-Z) to rustc; RUSTC_BOOTSTRAP=1 lets a stable toolchain accept them.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail

seconds="${1:-60}"
cd "$(dirname "$0")/.."

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is missing; install it with: cargo install cargo-fuzz" >&2
    exit 2
fi

mkdir -p fuzz/corpus/interpret
# Seed the corpus with the sample sentences so the fuzzer starts from real lines.
for corpus in tests/corpus/*.tsv; do
    tail -n +2 "$corpus" | cut -f3 | while IFS= read -r line; do
        printf '%s' "$line" > "fuzz/corpus/interpret/seed-$(printf '%s' "$line" | md5sum | cut -c1-16)"
    done
done

RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none interpret fuzz/corpus/interpret -- \
    -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=2048

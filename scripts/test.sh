#!/usr/bin/env bash
# Runs Nano's whole test suite: fetches the test model if needed, then `cargo test --release`.
# One cargo profile (release) serves tests, the corpus scorer and benchmarks, because
# llama.cpp's C++ build takes minutes per profile.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/fetch-model.sh
cargo build --release --locked

# The interpretation corpus, when the shared folder sits beside the repository.
scorer=../shared/tools/score-corpus
corpus=../shared/corpus/interpretation.tsv
if [ -x "$scorer" ] && [ -f "$corpus" ]; then
    echo "== interpretation corpus"
    "$scorer" "$corpus" --bin target/release/nano | tail -n 2 | sed 's/^/corpus: /' || true
fi

cargo test --release --locked

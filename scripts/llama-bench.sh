#!/usr/bin/env bash
# Builds llama.cpp's own llama-bench from the llama.cpp source vendored in llama-cpp-sys-2 (the
# code Nano links), then runs it and `nano model uji` in turns on the same model, threads and
# lengths, and prints both.
#
# The llama-cpp-sys-2 package leaves out llama-bench.cpp, so the two source files of that one
# tool come from the llama.cpp tree vendored in the llama-cpp-python source package on PyPI.
# Only the tool is taken from there: the library it measures is built from llama-cpp-sys-2's
# tree with the flags its build.rs uses for Nano's release build.
#
# Usage: scripts/llama-bench.sh [THREADS] [ROUNDS]   (defaults: 2 threads, 3 rounds)
# Needs: cmake, a C++ compiler, pip, the test model (scripts/fetch-model.sh) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."

threads="${1:-2}"
rounds="${2:-3}"
model="models/SmolLM2-135M-Instruct.Q4_1.gguf"
work="target/llama-bench"
tool_source_package="llama-cpp-python==0.3.36"

sys_version=$(grep -A1 'name = "llama-cpp-sys-2"' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
vendored=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"llama-cpp-sys-2-$sys_version"/llama.cpp | head -n 1)
if [ ! -d "$vendored" ]; then
    echo "llama-cpp-sys-2 $sys_version source not found; run cargo build --release first" >&2
    exit 1
fi

bench="$work/build/bin/llama-bench"
if [ ! -x "$bench" ]; then
    mkdir -p "$work"

    # The tool's sources, from the PyPI source package.
    if [ ! -f "$work/tool/llama-bench.cpp" ]; then
        pip download --quiet --no-deps --no-binary :all: --dest "$work/download" "$tool_source_package"
        archive=$(ls "$work"/download/llama_cpp_python-*.tar.gz | head -n 1)
        mkdir -p "$work/tool"
        tar -xzf "$archive" -C "$work/tool" --strip-components=5 --wildcards '*/vendor/llama.cpp/tools/llama-bench/*'
    fi

    # The library: a copy of llama-cpp-sys-2's tree with the tool added and a switch to build it.
    rm -rf "$work/llama.cpp"
    cp -r "$vendored" "$work/llama.cpp"
    cp "$work"/tool/{llama-bench.cpp,main.cpp,CMakeLists.txt} "$work/llama.cpp/tools/llama-bench/"
    printf '\nif (NANO_LLAMA_BENCH)\n    add_subdirectory(tools/llama-bench)\nendif()\n' >>"$work/llama.cpp/CMakeLists.txt"

    # The same settings llama-cpp-sys-2's build.rs passes for Nano's build (no target-cpu=native).
    cmake -S "$work/llama.cpp" -B "$work/build" -DCMAKE_BUILD_TYPE=Release \
        -DGGML_NATIVE=OFF -DGGML_OPENMP=ON -DBUILD_SHARED_LIBS=OFF \
        -DLLAMA_BUILD_COMMON=ON -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_TESTS=OFF \
        -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_APP=OFF \
        -DLLAMA_CURL=OFF -DNANO_LLAMA_BENCH=ON >"$work/cmake.log"
    cmake --build "$work/build" --target llama-bench -j "$(nproc)" >"$work/build.log"
fi

nano=target/release/nano
# Nano re-executes itself with passive OpenMP waiting unless the variable is set. llama-bench
# gets the same setting, so both wait for their threads the same way on a shared machine.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
echo "model $model, $threads threads, pp512 and tg128, $rounds rounds, each round runs both tools, OMP_WAIT_POLICY=$OMP_WAIT_POLICY"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
    echo "== round $round: llama-bench"
    "$bench" -m "$model" -t "$threads" -p 512 -n 128 -r 3 -o md | grep -E '^\| (model|---|.*pp512|.*tg128)'
    echo "== round $round: nano model uji"
    "$nano" model uji --model "$model" --threads "$threads" --pp 512 --tg 128 --ulang 3
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Fuzzes the interpreter and the import path, each target for a bounded time (default 60 s),
# with inputs up to 1 MB. Targets (fuzz/fuzz_targets/): interpret (raw bytes as a line),
# interpret_lines (lines built from the lexicon and corpus words), import_json and import_csv
# (bytes as a `nano impor` file or CSV folder). Exits 1 when a target crashes, after printing
# the path of the saved input; the other targets still run.
#
# Seeds: the sentences of tests/corpus and ../shared/corpus, and a real export written by
# target/release/nano when that binary exists (scripts/test.sh builds it), else the copy in
# fuzz/seeds. New inputs the fuzzer finds stay in fuzz/corpus (git-ignored) for the next run.
#
# cargo-fuzz passes nightly flags (-Z) to rustc; RUSTC_BOOTSTRAP=1 lets a stable toolchain
# accept them. --install installs cargo-fuzz from crates.io when it is missing. --total TOTAL
# bounds the whole run, installation and build included, to about TOTAL seconds: the time left
# after the build is shared among the targets, but each runs for at least 20 s.
# Usage: scripts/fuzz.sh [--install] [--total TOTAL | SECONDS] [TARGET...]
set -euo pipefail

script_started=$(date +%s)
cargo_fuzz_version=0.13.2
all_targets=(interpret interpret_lines import_json import_csv)
min_seconds=20

install=0
total=""
while [ $# -gt 0 ]; do
    case "$1" in
        --install) install=1; shift ;;
        --total) total="$2"; shift 2 ;;
        *) break ;;
    esac
done
seconds=60
if [ -z "$total" ] && [ $# -gt 0 ]; then
    seconds="$1"
    shift
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=("${all_targets[@]}")
fi

cd "$(dirname "$0")/.."

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    if [ "$install" -eq 0 ]; then
        echo "fuzz.sh: cargo-fuzz is missing; install it with: cargo install --locked cargo-fuzz --version $cargo_fuzz_version" >&2
        exit 2
    fi
    cargo install --locked cargo-fuzz --version "$cargo_fuzz_version"
fi

# Writes each line of column 3 (the sentence) of a corpus TSV as one seed of the interpret
# target, after a NUL byte: the target reads its first byte as the clock, not as text.
seed_sentences() {
    local corpus="$1"
    tail -n +2 "$corpus" | cut -f3 | while IFS= read -r line; do
        printf '\000%s' "$line" > "fuzz/corpus/interpret/seed-$(printf '%s' "$line" | md5sum | cut -c1-16)"
    done
}

# Fills a new data folder through the binary and exports it as JSON and as one CSV bundle in
# the import_csv target's format (name, line feed, text, NUL for each file).
seed_export() {
    local nano="target/release/nano"
    local home
    home="$(mktemp -d)"
    run() { NANO_HOME="$home" NANO_NOW="$1" NO_COLOR=1 "$nano" "${@:2}" >/dev/null; }
    run 2026-12-04T10:00:00+07:00 catat "TV Polytron Pak Budi mati total, ganti elco 1000uF 25V 2 pcs, 150rb"
    run 2026-12-04T10:05:00+07:00 catat "kulkas LG Bu Ani \"gak dingin\", kata beliau: freon habis"
    run 2026-12-04T11:30:00+07:00 "#1" udah selesai
    run 2026-12-04T11:40:00+07:00 stok tambah "elco 1000uF 25V" 10
    run 2026-12-04T11:45:00+07:00 stok pakai 2 "elco 1000uF 25V"
    run 2026-12-04T11:50:00+07:00 minimal stok "elco 1000uF 25V" 5
    run 2026-12-05T09:15:00+07:00 ingatkan besok beli timah
    run 2026-12-05T09:20:00+07:00 pengingat selesai 1
    run 2026-12-05T09:25:00+07:00 ingat bengkel saya namanya Arip Elektronik
    run 2026-12-05T09:30:00+07:00 ekspor --json --ke "$home/ekspor.json"
    run 2026-12-05T09:30:00+07:00 ekspor --csv --ke "$home/csv"
    cp "$home/ekspor.json" fuzz/corpus/import_json/seed-export.json
    for file in "$home"/csv/*.csv; do
        printf '%s\n' "$(basename "$file")"
        cat "$file"
        printf '\000'
    done > fuzz/corpus/import_csv/seed-export
    rm -rf "$home"
}

for target in "${all_targets[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target" "fuzz/artifacts/$target" fuzz/logs
done
for corpus in tests/corpus/*.tsv ../shared/corpus/*.tsv; do
    if [ -f "$corpus" ]; then
        seed_sentences "$corpus"
    fi
done
if [ -x target/release/nano ]; then
    seed_export
else
    echo "fuzz.sh: target/release/nano is missing, so the import targets start from fuzz/seeds only"
fi

export RUSTC_BOOTSTRAP=1
# One build for every target, so cargo compiles the shared crates once and in parallel.
started=$(date +%s)
cargo fuzz build --sanitizer none
echo "fuzz.sh: build took $(( $(date +%s) - started )) s"
if [ -n "$total" ]; then
    seconds=$(( (total - ($(date +%s) - script_started)) / ${#targets[@]} ))
    if [ "$seconds" -lt "$min_seconds" ]; then
        seconds=$min_seconds
    fi
    echo "fuzz.sh: $seconds s for each target"
fi

failed=()
for target in "${targets[@]}"; do
    log="fuzz/logs/$target.log"
    before="$(ls "fuzz/artifacts/$target")"
    # -timeout turns an input that runs for more than 25 s into a reported failure.
    if cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -max_len=1048576 -timeout=25 -rss_limit_mb=2048 \
        -print_final_stats=1 > "$log" 2>&1; then
        runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
        rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')"
        echo "fuzz.sh: $target: no crash; $runs inputs in ${seconds} s ($rate per second)"
    else
        # The panic with its backtrace, or libFuzzer's reason (timeout, out of memory).
        if grep -q "panicked at" "$log"; then
            sed -n '/panicked at/,/SUMMARY: libFuzzer/p' "$log"
        else
            grep -A 3 -E "ERROR: libFuzzer" "$log" || tail -n 20 "$log"
        fi
        for artifact in "fuzz/artifacts/$target"/*; do
            if [ -e "$artifact" ] && ! grep -qxF "$(basename "$artifact")" <<< "$before"; then
                echo "fuzz.sh: $target crashed; input saved at $artifact"
                echo "fuzz.sh: reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none $target $artifact"
            fi
        done
        failed+=("$target")
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz.sh: crashed: ${failed[*]} (full output in fuzz/logs/)" >&2
    exit 1
fi

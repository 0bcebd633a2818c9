#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ and runs each for SECONDS (default 600), one after
# the other, then tells each target's executions and whether it left a crash, time-out or
# out-of-memory artifact.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The seeds are
# fuzz/corpus/TARGET/ (read only); what the fuzzer finds goes to fuzz/corpus-work/TARGET/,
# artifacts to fuzz/artifacts/TARGET/, logs to fuzz/logs/TARGET.log. Environment:
# FUZZ_JOBS (cargo build jobs, default 1), FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds
# per input, default 10), FUZZ_ARGS (more libFuzzer options). Exits 1 when any target left an
# artifact.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
    TARGETS=(input_toml input_json input_yaml template layout import_text import_docx)
fi

cargo +nightly fuzz --version >/dev/null 2>&1 || { echo "cargo-fuzz is needed: cargo install cargo-fuzz" >&2; exit 2; }

echo "building ${TARGETS[*]}" >&2
for target in "${TARGETS[@]}"; do
    CARGO_BUILD_JOBS="${FUZZ_JOBS:-1}" cargo +nightly fuzz build "$target" >&2
done

mkdir -p fuzz/logs
found=0
printf '%-12s %12s %10s %8s  %s\n' target execs exec/s seconds artifacts
for target in "${TARGETS[@]}"; do
    mkdir -p "fuzz/corpus-work/$target" "fuzz/artifacts/$target" "fuzz/corpus/$target"
    before="$(ls "fuzz/artifacts/$target" | sort)"
    log="fuzz/logs/$target.log"
    started=$(date +%s)
    # -max_total_time ends the run; libFuzzer exits non-zero when it stops on a crash.
    set +e
    # shellcheck disable=SC2086
    CARGO_BUILD_JOBS="${FUZZ_JOBS:-1}" cargo +nightly fuzz run "$target" "fuzz/corpus-work/$target" "fuzz/corpus/$target" -- \
        -max_total_time="$SECONDS_EACH" -rss_limit_mb="${FUZZ_RSS_MB:-2048}" -timeout="${FUZZ_TIMEOUT:-10}" \
        -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
    status=$?
    set -e
    elapsed=$(( $(date +%s) - started ))
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    if [ -z "$execs" ]; then  # stopped on a crash: the last status line
        execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    fi
    rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    new="$(comm -13 <(echo "$before") <(ls "fuzz/artifacts/$target" | sort) | grep -v '^$' || true)"
    if [ -n "$new" ]; then
        found=1
        summary="$(echo "$new" | sed "s|^|fuzz/artifacts/$target/|" | tr '\n' ' ')"
    elif [ $status -ne 0 ]; then
        found=1
        summary="exit $status without an artifact: see $log"
    else
        summary="none"
    fi
    printf '%-12s %12s %10s %8s  %s\n' "$target" "${execs:-?}" "${rate:-?}" "$elapsed" "$summary"
    if [ -n "$new" ]; then
        # the panic message and the top of the stack
        grep -m1 -A1 -E "panicked at|ERROR: libFuzzer|ERROR: AddressSanitizer" "$log" | sed 's/^/    /' || true
    fi
done
exit $found

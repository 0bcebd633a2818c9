#!/usr/bin/env bash
# Corpus pages per second, whole process: a batch of generated reports (examples/corpus.rs)
# exported to PDF, the binaries given measured alternately in one run so that the shared
# machine's load falls on all of them alike.
#
#   scripts/bench-corpus.sh [--count N] [--runs R] [--jobs J] [BASELINE_BINARY]
#
# Without a baseline it measures target/release/baogao alone. With one (e.g. a build of an
# earlier commit: `git worktree add /tmp/old <commit> && cargo build --release` there), both,
# and the ratio. Only the fields every build reads are kept (the summaries are TOML with
# meta.addressees, meta.key_figures and the `target` kind taken out), so that both set the
# same reports. Prints the median wall time of R runs (default 5), the pages and pages per
# second of each binary, and (with valgrind) the instructions it takes a page. Defaults: N 120 reports, J 1 (one core: the layout's speed, not the
# machine's).
set -euo pipefail

count=120
runs=5
jobs=1
baseline=
while [ $# -gt 0 ]; do
    case $1 in
        --count) count=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) baseline=$1; shift ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet --bin baogao --example corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${CARGO_TARGET_DIR:-$root/target}"/release/examples/corpus --count "$count" --seed 7 --out "$work/raw" >/dev/null
mkdir -p "$work/corpus"
for f in "$work"/raw/*.toml; do
    # Fields an earlier build rejects: addressees and key figures (one line each), targets.
    grep -v -E '^(addressees|key_figures) = ' "$f" | sed 's/^kind = "target"/kind = "other"/' > "$work/corpus/$(basename "$f")"
done
inputs=("$work"/corpus/*.toml)

binaries=("${CARGO_TARGET_DIR:-$root/target}/release/baogao")
[ -n "$baseline" ] && binaries+=("$baseline")
declare -A times
for ((run = 0; run < runs; run++)); do
    for bin in "${binaries[@]}"; do
        out="$work/out-$(echo "$bin" | md5sum | cut -c1-8)"
        rm -rf "$out"
        mkdir -p "$out"
        start=$(date +%s.%N)
        "$bin" export "${inputs[@]}" -o "$out" -f pdf -j "$jobs" -q --force 2>/dev/null || true
        end=$(date +%s.%N)
        times[$bin]+="$(echo "$end - $start" | bc) "
    done
done

for bin in "${binaries[@]}"; do
    out="$work/out-$(echo "$bin" | md5sum | cut -c1-8)"
    pages=0
    for pdf in "$out"/*.pdf; do
        pages=$((pages + $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')))
    done
    reports=$(ls "$out"/*.pdf | wc -l)
    median=$(echo "${times[$bin]}" | tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rate=$(echo "scale=1; $pages / $median" | bc)
    # Instructions of the first 20 reports, counted by valgrind's callgrind (perf has no
    # counters on this virtual machine): a figure the shared machine's load does not move.
    per_page=
    if command -v valgrind >/dev/null; then
        sample=("${inputs[@]:0:20}")
        rm -rf "$out/sample" && mkdir -p "$out/sample"
        instructions=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" export "${sample[@]}" \
            -o "$out/sample" -f pdf -j 1 -q --force 2>&1 >/dev/null | awk '/Collected/ {print $NF}' || true)
        sample_pages=0
        for pdf in "$out"/sample/*.pdf; do
            sample_pages=$((sample_pages + $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')))
        done
        [ -n "$instructions" ] && [ "$sample_pages" -gt 0 ] \
            && per_page=", $(echo "scale=2; $instructions / $sample_pages / 1000000" | bc) M instructions a page (20 reports, $sample_pages pages)"
    fi
    echo "$bin: $reports reports, $pages pages, median ${median}s of $runs runs (-j $jobs): $rate pages/s${per_page}"
    echo "$rate" > "$work/rate-$(echo "$bin" | md5sum | cut -c1-8)"
done
if [ -n "$baseline" ]; then
    new=$(cat "$work/rate-$(echo "${binaries[0]}" | md5sum | cut -c1-8)")
    old=$(cat "$work/rate-$(echo "$baseline" | md5sum | cut -c1-8)")
    echo "ratio (this build / baseline): $(echo "scale=3; $new / $old" | bc)"
fi

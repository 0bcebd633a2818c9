#!/usr/bin/env bash
# Instruction counts of one export, whole process, with valgrind's callgrind: a number that
# does not move with the machine's load, so that a slower change shows as a count, not as
# noise on 2 shared cores. Counts the formats together and each alone (txt alone is the
# input and the template: plain text is not laid out), and prints a table in millions.
#
#   scripts/bench-instructions.sh [INPUT] [--top N]
#
# --top N also prints the N functions with the most instructions of their own (the PDF and
# DOCX run). Needs valgrind (callgrind_annotate comes with it).
set -euo pipefail
cd "$(dirname "$0")/.."
input=examples/gaoxin-2022.toml
top=0
while [ $# -gt 0 ]; do
  case "$1" in
    --top) top=$2; shift 2 ;;
    *) input=$1; shift ;;
  esac
done
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/baogao
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# count FORMATS: the instructions of one export to FORMATS, in millions.
count() {
  # One thread (-j 1): the work is the same, and idle rayon workers spin before they sleep,
  # instructions that vary from run to run (the example: 71 M with one thread, 71-86 M with two).
  valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" "$bin" export "$input" -o "$out/o" -f "$1" --force -q -j 1 \
    > /dev/null 2> "$out/vg.$1"
  callgrind_annotate "$out/cg.$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); printf "%.1f", $1 / 1e6}'
}

printf '%-12s %12s\n' "formats" "instructions"
for formats in pdf,docx pdf docx txt; do
  printf '%-12s %10s M\n' "$formats" "$(count "$formats")"
done
if [ "$top" -gt 0 ]; then
  echo
  callgrind_annotate "$out/cg.pdf,docx" 2>/dev/null | grep -E '^ *[0-9,]+ ' | awk -v top="$top" 'NR <= top'
fi

#!/usr/bin/env bash
# Whole-process benchmark of `baogao import`: the seed as text, a GBK copy, the filled
# example's DOCX, and the plain text of a generated 100-page report; prints each median.
# Usage: scripts/bench-import.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
cargo build --release --quiet --examples
bin=${CARGO_TARGET_DIR:-target}/release/baogao
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp examples/gaoxin-2022-summary.txt "$out/seed.txt"
iconv -f UTF-8 -t GB18030 "$out/seed.txt" > "$out/seed-gbk.txt"
$bin export examples/gaoxin-2022-filled.toml -o "$out" -f docx >/dev/null
"${CARGO_TARGET_DIR:-target}"/release/examples/long_report 100 > "$out/long.toml"
$bin export "$out/long.toml" -o "$out" -f txt >/dev/null
for input in seed.txt seed-gbk.txt gaoxin-2022-filled.docx long.txt; do
  cmd="$bin import $out/$input"
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 3 --runs "$runs" -N --output=null --export-json "$out/hf.json" "$cmd" >/dev/null 2>&1
    python3 - "$out/hf.json" "$input" "$(stat -c %s "$out/$input")" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%-24s %8s bytes: median %.1f ms, min %.1f ms, max %.1f ms over %d runs"
      % (sys.argv[2], sys.argv[3], r["median"] * 1000, r["min"] * 1000, r["max"] * 1000, len(r["times"])))
PY
  else
    for _ in $(seq "$runs"); do
      start=$(date +%s%N); $cmd >/dev/null 2>&1; end=$(date +%s%N)
      echo $(( (end - start) / 1000 ))
    done | sort -n | awk -v name="$input" '{t[NR]=$1} END {printf "%-24s median %.1f ms over %d runs\n", name, t[int((NR+1)/2)]/1000, NR}'
  fi
done

#!/usr/bin/env bash
# Whole-process benchmark: `baogao export` of the bundled example to PDF and DOCX, repeated;
# prints the median (and hyperfine's full summary when hyperfine is installed).
# Usage: scripts/bench.sh [RUNS] [INPUT]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
input=${2:-examples/gaoxin-2022.toml}
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/baogao
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cmd="$bin export $input -o $out -f pdf,docx --force"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs "$runs" -N --export-json "$out/hf.json" "$cmd" >&2
  python3 - "$out/hf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("median %.1f ms, min %.1f ms, max %.1f ms over %d runs" % (r["median"] * 1000, r["min"] * 1000, r["max"] * 1000, len(r["times"])))
PY
else
  for _ in 1 2 3; do $cmd >/dev/null; done
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); $cmd >/dev/null; end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done | sort -n | awk '{t[NR]=$1} END {printf "median %.1f ms, min %.1f ms, max %.1f ms over %d runs\n", t[int((NR+1)/2)]/1000, t[1]/1000, t[NR]/1000, NR}'
fi

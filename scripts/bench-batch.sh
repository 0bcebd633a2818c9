#!/usr/bin/env bash
# Batch benchmark: 200 varied reports (the two examples, each with its own title) to PDF
# and DOCX, with -j 1 and -j 2. Prints, for each: the median total over RUNS runs, the
# per-report median from --json, the CPU time (user + system) and the peak memory
# (/usr/bin/time -v); then the speedup. CPU time shows the work: when -j 2 takes no more of
# it than -j 1, a speedup short of 2 is the shared machine, not contention in baogao.
# Usage: scripts/bench-batch.sh [RUNS] [REPORTS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
count=${2:-200}
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-$PWD/target}
bin=$target/release/baogao
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
for i in $(seq 1 "$count"); do
  if [ $((i % 2)) -eq 0 ]; then src=examples/gaoxin-2022-filled.toml; else src=examples/gaoxin-2022.toml; fi
  sed "s/^title = \"高新区2022年/title = \"第${i}园区2022年/" "$src" > "$work/in/r$(printf %03d "$i").toml"
done
for jobs in 1 2; do
  for run in $(seq "$runs"); do
    rm -rf "$work/out"
    start=$(date +%s%N)
    /usr/bin/time -v "$bin" export "$work/in" -o "$work/out" -j "$jobs" --json > "$work/j$jobs-$run.jsonl" 2> "$work/time-$jobs-$run.txt"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) >> "$work/total-$jobs.txt"
    grep "Maximum resident" "$work/time-$jobs-$run.txt" | awk '{print $6}' >> "$work/rss-$jobs.txt"
    awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time-$jobs-$run.txt" >> "$work/cpu-$jobs.txt"
  done
  python3 - "$work" "$jobs" "$count" <<'PY'
import json, statistics, sys, glob
work, jobs, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
totals = [int(x) for x in open(f"{work}/total-{jobs}.txt")]
per = [json.loads(l)["milliseconds"] for f in glob.glob(f"{work}/j{jobs}-*.jsonl") for l in open(f)]
rss = max(int(x) for x in open(f"{work}/rss-{jobs}.txt"))
cpu = statistics.median(float(x) for x in open(f"{work}/cpu-{jobs}.txt"))
print(f"-j {jobs}: {count} reports, total median {statistics.median(totals)} ms (min {min(totals)}, max {max(totals)}), "
      f"per report median {statistics.median(per)} ms, CPU time median {cpu:.2f} s, peak memory {rss / 1024:.0f} MB")
PY
done
python3 - "$work" <<'PY'
import statistics, sys
work = sys.argv[1]
one = statistics.median(int(x) for x in open(f"{work}/total-1.txt"))
two = statistics.median(int(x) for x in open(f"{work}/total-2.txt"))
print(f"speedup -j 1 → -j 2: {one / two:.2f}")
PY

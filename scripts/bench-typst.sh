#!/usr/bin/env bash
# Benchmark (not a test): lays out and writes a ~100-page report with baogao and compares it
# with Typst (the `typst` package from PyPI, compiling in-process) setting the same text on
# the same page: A4, 156 x 225 mm block, 16 pt FandolFang, lines ~29 pt apart.
#
# baogao is timed as a whole process (`baogao export report.toml -f pdf`). Typst is timed
# three ways, all writing the PDF to a file with the bundled fonts only:
#   same source   typst.compile of one file again and again in one Python process: Typst
#                 keeps memoized layout between compiles, so these runs mostly re-export;
#   fresh layout  in one process too, but every run's body size differs by 1e-6 pt, so no
#                 memoized paragraph layout matches and the document is laid out anew;
#   cold          the first typst.compile of a new Python process (import not counted), and
#                 the whole `python` process.
# Prints the page counts, medians, pages per second and the ratios typst_ms / baogao_ms; then
# the example to PDF and DOCX against Typst, alternating in one loop, and the PDF sizes.
#
# Usage: scripts/bench-typst.sh [RUNS] [LONG_REPORT_ARG]
#   RUNS             timed runs of each measurement (default 10), medians are reported
#   LONG_REPORT_ARG  argument of `examples/long_report` (default 90: a 99-page PDF)
# The venv with typst and pypdf is made on first use: $BAOGAO_TYPST_VENV, by default
# /tmp/baogao-typst-venv. hyperfine times baogao when installed, else a Python loop does.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
report_arg=${2:-90}
venv=${BAOGAO_TYPST_VENV:-/tmp/baogao-typst-venv}
fonts=$PWD/fonts
helper=$PWD/scripts/typst_bench.py

cargo build --release --quiet --example long_report
cargo build --release --quiet
target=${CARGO_TARGET_DIR:-$PWD/target}
bin=$target/release/baogao

if ! "$venv/bin/python" -c 'import typst, pypdf' 2>/dev/null; then
  echo "making $venv with typst and pypdf ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check typst pypdf
fi
py=$venv/bin/python

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/baogao" "$work/typst"
"$target"/release/examples/long_report "$report_arg" >"$work/report.toml"

# One export for the text and the page count. (The generated report has deliberately
# unbreakable strings: baogao warns about each on stderr; the warnings are kept apart.)
"$bin" export "$work/report.toml" -o "$work/baogao" -f pdf,txt >/dev/null 2>"$work/baogao-warnings.log"
pdf_pages() {
  if command -v pdfinfo >/dev/null; then
    pdfinfo "$1" | awk '/^Pages:/ {print $2}'
  else
    "$py" "$helper" pages "$1"
  fi
}
baogao_pages=$(pdf_pages "$work/baogao/report.pdf")

# baogao, whole process.
cmd="$bin export $work/report.toml -o $work/baogao -f pdf --force"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/hf.json" "$cmd" >/dev/null 2>&1
  baogao_ms=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["median"] * 1000)' "$work/hf.json")
  timer=hyperfine
else
  # shellcheck disable=SC2086 # the command is split into its words on purpose
  baogao_ms=$("$py" "$helper" exec "$runs" $cmd | python3 -c 'import json, sys; print(json.load(sys.stdin)["median_ms"])')
  timer="python loop"
fi

# Typst: the same text, built from baogao's plain-text export.
"$py" "$helper" source "$work/baogao/report.txt" "$work/typst/report.typ"
"$py" "$helper" time "$work/typst/report.typ" "$fonts" "$runs" same >"$work/same.json"
"$py" "$helper" time "$work/typst/report.typ" "$fonts" "$runs" fresh >"$work/fresh.json"
"$py" "$helper" cold "$work/typst/report.typ" "$fonts" "$runs" >"$work/cold.json"

python3 - "$work" "$baogao_pages" "$baogao_ms" "$runs" "$timer" "$report_arg" <<'PY'
import json, sys
work, baogao_pages, baogao_ms, runs, timer, arg = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
same, fresh, cold = (json.load(open(f"{work}/{name}.json")) for name in ("same", "fresh", "cold"))
typst_pages = same["pages"]
rows = [
    ("baogao", baogao_pages, "whole process (export -f pdf)", baogao_ms, f"{timer}, {runs} runs"),
    ("typst", typst_pages, "in-process, same source", same["median_ms"], "layout memoized from the last run"),
    ("typst", typst_pages, "in-process, fresh layout", fresh["median_ms"], "body size +1e-6 pt per run"),
    ("typst", typst_pages, "first compile, new process", cold["median_ms"], "import not counted"),
    ("typst", typst_pages, "whole python process", cold["process_median_ms"], "start, import, compile"),
]
print(f"long_report {arg}: baogao {baogao_pages} pages, Typst {typst_pages} pages for the same text; medians of {runs} runs")
for tool, pages, what, ms, note in rows:
    print(f"  {tool:<6} {what:<30} {ms:8.1f} ms  {pages / ms * 1000:7.1f} pages/s  ({note})")
print("  ratio typst_ms / baogao_ms: " + ", ".join(
    f"{label} {ms / baogao_ms:.2f}" for label, ms in
    (("same source", same["median_ms"]), ("fresh layout", fresh["median_ms"]),
     ("first compile", cold["median_ms"]), ("whole process", cold["process_median_ms"]))))
if same["warnings"]:
    print("  typst warnings: " + "; ".join(same["warnings"]))
PY

# The example, to PDF and DOCX, against Typst setting its text to PDF: measured alternately
# in one loop (a baogao process, then a Typst compile in this process), so that both see the
# same load; Typst warm with the same source (memoized) and with a fresh layout each run.
example=examples/gaoxin-2022.toml
mkdir -p "$work/example"
"$bin" export "$example" -o "$work/example" -f pdf,txt >/dev/null 2>&1
"$py" "$helper" source "$work/example/gaoxin-2022.txt" "$work/typst/example.typ"
for mode in same fresh; do
  "$py" "$helper" alternate "$work/typst/example.typ" "$fonts" "$runs" "$mode" \
    "$bin" export "$example" -o "$work/example" -f pdf,docx --force -q >"$work/alt-$mode.json"
done
python3 - "$work" "$runs" "$(stat -c %s "$work/example/gaoxin-2022.pdf")" <<'PY'
import json, sys
work, runs, pdf_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(f"example (gaoxin-2022), baogao PDF and DOCX as a whole process, alternating with Typst; medians of {runs} runs")
for mode, what in (("same", "same source"), ("fresh", "fresh layout")):
    r = json.load(open(f"{work}/alt-{mode}.json"))
    print(f"  typst {what:<13} baogao {r['baogao_median_ms']:6.1f} ms  typst {r['typst_median_ms']:6.1f} ms  "
          f"ratio baogao/typst {r['ratio']:.2f}")
print(f"  PDF size: baogao {pdf_bytes} bytes, typst {r['typst_pdf_bytes']} bytes, ratio {pdf_bytes / r['typst_pdf_bytes']:.3f}")
PY

#!/usr/bin/env bash
# Typesets a generated corpus of realistic reports on each template and measures every PDF.
#
#   scripts/corpus-check.sh [--count N] [--seed S] [--templates gongwen,briefing] [--out DIR]
#                           [--jobs J] [--pages-max P] [--no-build] [--report-only]
#
# 1. builds the release binary and examples/corpus.rs, and generates N reports (seed S) into
#    OUT/corpus (OUT/corpus-features.json tallies what they hold);
# 2. exports them all at once per template (`baogao export ... -f pdf,txt --json`) into
#    OUT/TEMPLATE (export.jsonl, export.log);
# 3. runs ../shared/tools/pdf-check (its pdf_check.py in its venv, through
#    scripts/hung_marks.py, which measures each PDF also with its hung marks taken out) on
#    every PDF, J at a time (default 2): gongwen with `--body-size 16 --grid 22,28`, briefing
#    with `--body-size 12` (OUT/TEMPLATE/NAME.check.json, pdf-check's JSON, and NAME.hung.json);
# 4. totals the faults per template (scripts/corpus_totals.py), prints them and writes
#    OUT/totals.json.
#
# Exits 1 when any fault total is not zero, counting overfull, outside-block, grid and
# justification faults without the hung marks (or a report failed to export or to be measured),
# 0 otherwise; `--report-only` always exits 0 once the totals are written. Defaults: N 300,
# S 1, OUT /tmp/baogao-corpus.
set -euo pipefail

count=300
seed=1
templates=gongwen,briefing
out=/tmp/baogao-corpus
jobs=2
pages_max=
build=1
report_only=0
while [ $# -gt 0 ]; do
    case $1 in
        --count) count=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --templates) templates=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --pages-max) pages_max=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --report-only) report_only=1; shift ;;
        -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "corpus-check: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
tools=$root/../shared/tools
cd "$root"
if [ "$build" = 1 ]; then
    # The binary too: measuring a stale one would measure the wrong layout.
    cargo build --release --quiet --bin baogao --example corpus
fi
bin=${CARGO_TARGET_DIR:-$root/target}/release/baogao
gen=${CARGO_TARGET_DIR:-$root/target}/release/examples/corpus
# pdf-check is pyenv.sh (which makes the tools' venv once and checks its imports on every
# call, a second or two) followed by pdf_check.py: check the venv once here, then run the
# script itself on each PDF.
. "$tools/pyenv.sh"

mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -rf "$out/corpus"
started=$SECONDS
"$gen" --count "$count" --seed "$seed" --out "$out/corpus" ${pages_max:+--pages-max "$pages_max"} \
    > "$out/corpus-features.json"

IFS=, read -ra names <<< "$templates"
for t in "${names[@]}"; do
    dir=$out/$(basename "$t" .toml)
    rm -rf "$dir"
    mkdir -p "$dir"
    case $(basename "$t" .toml) in
        # The text blocks, pt: gongwen 28 mm and 28 cells of 15.8 pt (316 twips, the DOCX grid's
        # pitch; 184.07 mm), briefing 25 to 185 mm.
        gongwen) check=(--body-size 16 --grid 22,28 --block 79.37,521.77) ;;
        briefing) check=(--body-size 12 --block 70.87,524.41) ;;
        *) check=() ;; # a template file: pdf-check takes the commonest size as the body's
    esac
    # One batch per template; a failing report is recorded in export.jsonl, not fatal here.
    set +e
    "$bin" export "$out"/corpus/r* -o "$dir" -t "$t" -f pdf,txt --force -q --json \
        > "$dir/export.jsonl" 2> "$dir/export.log"
    echo $? > "$dir/export.rc"
    set -e
    pdfs=$(find "$dir" -name '*.pdf' | wc -l)
    echo "corpus-check: $t: $pdfs of $count reports exported ($((SECONDS - started)) s elapsed); measuring them, $jobs at a time" >&2
    find "$dir" -name '*.pdf' -printf '%f\n' | sed 's/\.pdf$//' | sort \
        | xargs -P "$jobs" -I{} sh -c 'py=$0 script=$1 dir=$2 name=$3; shift 3
            "$py" "$script" "$dir/$name.pdf" --expect "$dir/$name.txt" --raw-out "$dir/$name.check.json" "$@" \
                > "$dir/$name.hung.json" 2> "$dir/$name.check.err" || true' \
            "$TOOLS_PY" "$root/scripts/hung_marks.py" "$dir" {} "${check[@]}"
    echo "corpus-check: $t: measured ($((SECONDS - started)) s elapsed)" >&2
done

set +e
python3 "$root/scripts/corpus_totals.py" "$out" "${names[@]}"
status=$?
set -e
if [ "$report_only" = 1 ] && [ "$status" -le 1 ]; then
    exit 0
fi
exit "$status"

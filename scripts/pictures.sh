#!/usr/bin/env bash
# Regenerates the pictures in docs/ from the current build, so that they show what baogao
# sets today: page 1 of the example on gongwen, of the filled example on both templates, and
# of three generated reports (examples/corpus.rs, seed 1) with tables and charts.
#
#   scripts/pictures.sh
#
# Needs pdftoppm (poppler-utils).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --quiet --bin baogao --example corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# page1 PDF PNG DPI: page 1 of PDF as PNG, at DPI.
page1() {
    pdftoppm -r "$3" -f 1 -l 1 -png -singlefile "$1" "${2%.png}"
}

target/release/baogao export examples/gaoxin-2022.toml -o "$work/gongwen" -f pdf -q
page1 "$work/gongwen/gaoxin-2022.pdf" docs/gaoxin-2022-page1.png 72
for template in gongwen briefing; do
    target/release/baogao export examples/gaoxin-2022-filled.toml -o "$work/$template" -t "$template" -f pdf -q
    page1 "$work/$template/gaoxin-2022-filled.pdf" "docs/$template-page1.png" 60
done

# Generated reports: a county's statistics notice with its indicator table, a zone's
# summary with a chart of its industries, and a monthly brief on the briefing template.
target/release/examples/corpus --count 40 --seed 1 --out "$work/corpus" > /dev/null
for pick in r0002:gongwen r0029:gongwen r0008:briefing; do
    name=${pick%%:*}
    template=${pick##*:}
    target/release/baogao export "$work"/corpus/"$name".* -o "$work/corpus-$template" -t "$template" -f pdf -q
    page1 "$work/corpus-$template/$name.pdf" "docs/corpus-$name-$template-page1.png" 60
done
echo "docs/*.png regenerated"

#!/usr/bin/env bash
# Regenerates the pictures in docs/ from the current build, so that they show what baogao
# sets today: page 1 of the example on gongwen, of the filled example on both templates, and
# of three generated reports (examples/corpus.rs, seed 1) with tables and charts.
#
#   scripts/pictures.sh [DIR]
#
# writes them into DIR (default docs/): .ci/run writes them elsewhere and compares, byte for
# byte, so that the README's pictures cannot drift from the output. Needs pdftoppm
# (poppler-utils).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
pictures=$(mkdir -p "${1:-docs}" && cd "${1:-docs}" && pwd)
cargo build --release --quiet --bin baogao --example corpus
release=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# page1 PDF PNG DPI: page 1 of PDF as PNG, at DPI.
page1() {
    pdftoppm -r "$3" -f 1 -l 1 -png -singlefile "$1" "${2%.png}"
}

"$release"/baogao export examples/gaoxin-2022.toml -o "$work/gongwen" -f pdf -q
page1 "$work/gongwen/gaoxin-2022.pdf" "$pictures/gaoxin-2022-page1.png" 72
for template in gongwen briefing; do
    "$release"/baogao export examples/gaoxin-2022-filled.toml -o "$work/$template" -t "$template" -f pdf -q
    page1 "$work/$template/gaoxin-2022-filled.pdf" "$pictures/$template-page1.png" 60
done

# Generated reports: a county's statistics notice with its indicator table, a zone's
# summary with a chart of its industries, and a monthly brief on the briefing template.
"$release"/examples/corpus --count 40 --seed 1 --out "$work/corpus" > /dev/null
for pick in r0002:gongwen r0029:gongwen r0008:briefing; do
    name=${pick%%:*}
    template=${pick##*:}
    "$release"/baogao export "$work"/corpus/"$name".* -o "$work/corpus-$template" -t "$template" -f pdf -q
    page1 "$work/corpus-$template/$name.pdf" "$pictures/corpus-$name-$template-page1.png" 60
done
echo "$pictures/*.png regenerated"

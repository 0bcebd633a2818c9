"""pdf-check's figures with hanging punctuation told apart.

    python3 scripts/hung_marks.py PDF [pdf-check options...]

Run with the shared tools' Python (/tmp/baogao-tools-venv/bin/python, which pdf-check makes).
Prints one JSON object: `hung_lines` (lines whose last character is a comma, stop, 、；：？
or ！ hanging in the margin past the text block, Word's 允许标点溢出边界 and baogao's gongwen
default), `hung_examples`, and `without_hung`: pdf-check's own figures measured on the same
pages with each hung mark taken out of its line's geometry (its text stays). pdf-check sees
a hung mark as a line running past the block (`overfull_lines`, `outside_block_lines`) and,
on a grid, as a line of 29 cells (`grid_cell_faults`); `without_hung` shows what else there
is. Nothing of pdf-check is changed: its module is imported and its line reader wrapped.

    python3 scripts/hung_marks.py PDF --raw-out RAW.json [--expect TXT] [pdf-check options...]

also writes pdf-check's own JSON for the PDF (as `pdf-check PDF --expect TXT ...` prints it)
to RAW.json, from the same process: the corpus check measures each PDF once for both. With
`--block LEFT,RIGHT` (the template's text block, pt) it also counts `outside_template_block`:
lines past those edges, hung marks aside, where pdf-check estimates the edges from the lines
(in a report of tables it takes the cells' edge for the block's).
"""
import collections
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "tools"))
import pdf_check  # noqa: E402

HANGING = set("，。、；：？！．")
# Full-width closing marks, whose right half a compressed line end leaves blank: the glyph's
# box passes the edge by that half, its ink does not.
CLOSING = set("，。、；：？！）》」』】〕〗〉’”")
# The template's text block (--block LEFT,RIGHT, pt), when given: lines past it, hung marks
# aside, are set outside the block whatever pdf-check takes its edges to be.
BLOCK = None
outside = []
original_read_lines = pdf_check.read_lines
hung = []


BODY_SIZE = None


def right_edge(pages):
    """Where most body lines end: the text block's right edge. Lines of the body size only,
    when it is given: in a report that is mostly tables, most lines are cells ending a
    padding short of the edge, and a mark hung past the real edge would not be seen."""
    lines = [ln for p in pages for ln in p["lines"]]
    if BODY_SIZE:
        lines = [ln for ln in lines if abs(ln["size"] - BODY_SIZE) < 0.5] or lines
    ends = collections.Counter(round(ln["x1"] * 2) / 2 for ln in lines)
    return ends.most_common(1)[0][0] if ends else 0


def read_lines_without_hung(doc):
    pages = original_read_lines(doc)
    # The template's own edge when known: pdf-check's estimate takes a table's or a chart's
    # edge for it in some reports, and a mark hung past the true edge then went uncounted.
    right = BLOCK[1] if BLOCK else right_edge(pages)
    for number, page in enumerate(doc):
        # Each character's box, by baseline, as pdf-check groups them.
        chars = collections.defaultdict(list)
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for c in span["chars"]:
                        if c["c"].strip():
                            chars[round(c["origin"][1] * 2) / 2].append((c["bbox"][0], c["bbox"][2], c["c"]))
        for ln in pages[number]["lines"]:
            row = sorted(chars.get(ln["y"], []))
            # A mark past the edge after a character inside it: at the edge of a justified
            # line, or after the last character of a paragraph's last, flush-left line, which
            # ends a little short of the edge and hangs its stop part-way (as Word does).
            if len(row) >= 2 and row[-1][2] in HANGING and row[-1][1] > right + 0.5 and row[-2][1] <= right + 1.0:
                hung.append(f"p{number + 1}:" + ln["text"][-10:])
                ln["x1"] = row[-2][1]
                ln["text"] = ln["text"][:-1]
        if BLOCK:
            left, right = BLOCK
            for ln in pages[number]["lines"]:
                text = ln["text"].strip()
                if not text or pdf_check.PAGE_NUMBER.match(text):
                    continue
                x1 = ln["x1"] - (ln["size"] / 2 if text[-1] in CLOSING else 0)
                if ln["x0"] < left - 0.5 or x1 > right + 1.0:
                    outside.append(f"p{number + 1}:" + text[-12:])
    return pages


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    path, options = sys.argv[1], sys.argv[2:]

    def option(name):
        return options[options.index(name) + 1] if name in options else None

    global BODY_SIZE, BLOCK
    body_size = float(option("--body-size")) if option("--body-size") else None
    BODY_SIZE = body_size
    if option("--block"):
        BLOCK = tuple(float(v) for v in option("--block").split(","))
    grid = tuple(int(v) for v in option("--grid").split(",")) if option("--grid") else None
    if option("--raw-out"):
        expect = open(option("--expect"), encoding="utf-8").read() if option("--expect") else None
        raw = pdf_check.measure(path, expect, body_size, grid)
        with open(option("--raw-out"), "w", encoding="utf-8") as out:
            out.write(json.dumps(raw, ensure_ascii=False) + "\n")
    pdf_check.read_lines = read_lines_without_hung
    adjusted = pdf_check.measure(path, None, body_size, grid)
    keys = ("overfull_lines", "outside_block_lines", "outside_block_examples", "grid_cell_faults",
            "grid_cell_fault_examples", "justify_lines_over_1pt", "kinsoku_violations", "off_page_lines")
    res = {"file": path, "hung_lines": len(hung), "hung_examples": hung[:5],
           "without_hung": {k: adjusted.get(k) for k in keys}}
    if BLOCK:
        res["outside_template_block"] = len(outside)
        res["outside_template_block_examples"] = outside[:5]
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()

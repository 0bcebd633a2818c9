"""Totals of pdf-check's figures over a generated corpus, per template (see corpus-check.sh).

    python3 scripts/corpus_totals.py OUT TEMPLATE...

Reads OUT/corpus-features.json (what examples/corpus.rs generated), and for each template
OUT/TEMPLATE/export.jsonl, export.log and NAME.check.json. Prints one JSON summary, writes it
to OUT/totals.json, and exits 1 when a fault total is not zero, a report failed to export or a
PDF could not be measured; 0 otherwise.
"""
import collections
import json
import os
import sys

# The faults that must all be zero: pdf-check keys summed over the reports.
FAULTS = [
    "text_lost_chars",
    "off_page_lines",
    "outside_block_lines",
    "one_char_last_lines",
    "stranded_headings",
    "signature_alone_on_last_page",  # a boolean: the reports where it is true
    "title_breaks_inside_words",
    "kinsoku_violations",
    "overfull_lines",
    "grid_cell_faults",  # only where the check had --grid (gongwen)
    "justify_lines_over_1pt",
]
# pdf-check's figures that a mark hung past the block's edge (gongwen's hanging punctuation,
# Word's 允许标点溢出边界) counts by design: a hung line runs past the block, and on the grid
# holds 29 cells. scripts/hung_marks.py measures them again with each hung mark taken out of
# its line's geometry (NAME.hung.json); the verdict on these keys uses those figures.
HUNG_KEYS = ["overfull_lines", "outside_block_lines", "grid_cell_faults", "justify_lines_over_1pt"]
# Where pdf-check shows what it found, per fault.
EXAMPLE_KEYS = {
    "text_lost_chars": "text_lost_examples",
    "outside_block_lines": "outside_block_examples",
    "one_char_last_lines": "one_char_last_line_examples",
    "stranded_headings": "stranded_heading_examples",
    "kinsoku_violations": "kinsoku_examples",
    "grid_cell_faults": "grid_cell_fault_examples",
}
PAGE_BUCKETS = [(1, 1), (2, 3), (4, 5), (6, 8), (9, 14), (15, 19), (20, 40), (41, 10**6)]


def bucket(pages):
    for lo, hi in PAGE_BUCKETS:
        if lo <= pages <= hi:
            return f"{lo:02d}-{hi:02d}" if hi < 10**6 else f"{lo}+"
    return "0"


def template_totals(out, template, genres):
    name = os.path.basename(template)
    if name.endswith(".toml"):
        name = name[: -len(".toml")]
    d = os.path.join(out, name)
    exported, failed, warnings, warning_examples = {}, [], 0, []
    with open(os.path.join(d, "export.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            report = os.path.splitext(os.path.basename(row["input"]))[0]
            if row.get("error"):
                failed.append({"report": report, "error": row["error"]})
            else:
                exported[report] = row.get("pages", 0)
            warnings += len(row.get("warnings") or [])
            for w in (row.get("warnings") or [])[:1]:
                if len(warning_examples) < 5:
                    warning_examples.append(f"{report}: {w}")
    # Without --json, warnings go to standard error as "warning: ..."; count those too.
    log = open(os.path.join(d, "export.log"), encoding="utf-8", errors="replace").read().splitlines()
    warnings += sum(1 for ln in log if ln.startswith("warning:"))
    errors_logged = [ln for ln in log if ln.startswith("error")]
    for report in sorted(genres):
        if report not in exported and not any(f["report"] == report for f in failed):
            failed.append({"report": report, "error": "no output (see export.log)"})

    totals = {k: 0 for k in FAULTS}
    with_fault = {k: 0 for k in FAULTS}
    worst = {k: [] for k in FAULTS}
    by_genre = {k: collections.Counter() for k in FAULTS}
    # Faults pdf-check is known to report where the layout may be right (informational; they
    # stay in the totals): digits lost because a line holding only a number (a table's serial
    # number, "2024" of a wrapped "2024年底前") reads as a page number and is dropped; lines
    # outside a block whose edges came from a handful of body lines (a brief that is mostly
    # tables); a chart's caption, set under the chart, ending a page.
    artifacts = collections.Counter()
    without_hung = {k: 0 for k in HUNG_KEYS}
    without_hung_worst = {k: [] for k in HUNG_KEYS}
    hung_lines = 0
    hung_measured = 0
    outside_template_block = 0
    outside_template_examples = []
    cell_modes = collections.Counter()
    check_errors = []
    pages = []
    grid = False
    for report in sorted(exported):
        path = os.path.join(d, report + ".check.json")
        try:
            with open(path, encoding="utf-8") as f:
                res = json.load(f)
        except (OSError, ValueError):
            err = ""
            try:
                err = open(os.path.join(d, report + ".check.err"), encoding="utf-8").read().strip()[-200:]
            except OSError:
                pass
            check_errors.append({"report": report, "error": err or "pdf-check wrote no JSON"})
            continue
        if "error" in res:
            check_errors.append({"report": report, "error": res["error"]})
            continue
        pages.append(res.get("pages", exported[report]))
        try:
            with open(os.path.join(d, report + ".hung.json"), encoding="utf-8") as f:
                hung = json.load(f)
            hung_measured += 1
            hung_lines += hung.get("hung_lines") or 0
            outside_template_block += hung.get("outside_template_block") or 0
            if hung.get("outside_template_block") and len(outside_template_examples) < 5:
                outside_template_examples.append({"report": report, "examples": hung.get("outside_template_block_examples")})
            for k in HUNG_KEYS:
                v = (hung.get("without_hung") or {}).get(k) or 0
                without_hung[k] += v
                if v:
                    examples_key = EXAMPLE_KEYS.get(k, "")
                    without_hung_worst[k].append((v, report, hung["without_hung"].get(examples_key)))
        except (OSError, ValueError):
            pass
        lost = res.get("text_lost_examples") or ""
        if res.get("text_lost_chars") and all(c in "0123456789" for c in lost):
            artifacts["text_lost_chars_digits_only"] += res["text_lost_chars"]
        if (res.get("body_lines_per_page") or {}).get("max", 99) < 8:
            artifacts["outside_block_lines_few_body_lines"] += res.get("outside_block_lines") or 0
            artifacts["overfull_lines_few_body_lines"] += res.get("overfull_lines") or 0
        stranded = res.get("stranded_heading_examples") or []
        if stranded and all(":图" in e for e in stranded):
            artifacts["stranded_headings_chart_captions"] += res.get("stranded_headings") or 0
        grid = grid or "grid_cell_faults" in res
        mode = (res.get("cells_per_full_line") or {}).get("mode")
        if mode is not None:
            cell_modes[mode] += 1
        for k in FAULTS:
            v = res.get(k)
            if isinstance(v, bool):
                v = int(v)
            if not isinstance(v, (int, float)) or v == 0:
                continue
            totals[k] += v
            with_fault[k] += 1
            by_genre[k][genres.get(report, "?")] += v
            worst[k].append((v, report, res.get(EXAMPLE_KEYS.get(k, ""), None)))
    if not grid:
        for table in (totals, with_fault, worst, by_genre, without_hung, without_hung_worst):
            table.pop("grid_cell_faults", None)
    # The verdict: every fault zero, those a hung mark makes counted without it when every
    # report was measured so.
    verdict = dict(totals)
    if hung_measured == len(pages) and pages:
        verdict.update(without_hung)
    examples = {}
    for k, found in worst.items():
        if found:
            found.sort(key=lambda x: (-x[0], x[1]))
            examples[k] = [
                {"report": r, "value": v, **({"examples": ex} if ex else {})} for v, r, ex in found[:5]
            ]
    return {
        "reports": len(genres),
        "exported": len(exported),
        "export_failed": len(failed),
        "export_failures": failed[:5],
        "export_errors_logged": errors_logged[:5],
        "export_warnings": warnings,
        "export_warning_examples": warning_examples,
        "measured": len(pages),
        "check_errors": len(check_errors),
        "check_error_examples": check_errors[:5],
        "pages": sum(pages),
        "pages_max": max(pages) if pages else 0,
        "pages_distribution": dict(sorted(collections.Counter(bucket(p) for p in pages).items())),
        "cells_per_full_line_mode": cell_modes.most_common(1)[0][0] if cell_modes else None,
        "cells_per_full_line_modes": {str(m): n for m, n in sorted(cell_modes.items())},
        "totals": totals,
        "hung_lines": hung_lines,
        # Lines past the template's own block (not pdf-check's estimate of it), hung marks aside.
        "outside_template_block": outside_template_block,
        "outside_template_block_examples": outside_template_examples,
        "totals_without_hung": without_hung if hung_measured else None,
        "without_hung_examples": {
            k: [{"report": r, "value": v, **({"examples": ex} if ex else {})} for v, r, ex in sorted(found, key=lambda x: (-x[0], x[1]))[:5]]
            for k, found in without_hung_worst.items() if found
        },
        "verdict_totals": verdict,
        "reports_with_fault": with_fault,
        "faults_by_genre": {k: dict(v.most_common()) for k, v in by_genre.items() if v},
        "likely_checker_artifacts": dict(sorted(artifacts.items())),
        "examples": examples,
    }


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    out, templates = sys.argv[1], sys.argv[2:]
    with open(os.path.join(out, "corpus-features.json"), encoding="utf-8") as f:
        corpus = json.load(f)
    genres = {name: r["genre"] for name, r in corpus["reports"].items()}
    summary = {
        "corpus": {"reports": len(genres), "dir": os.path.join(out, "corpus"), "features": corpus["features"]},
        "templates": {},
    }
    bad = False
    for t in templates:
        res = template_totals(out, t, genres)
        summary["templates"][os.path.basename(t)] = res
        bad = bad or res["export_failed"] or res["check_errors"] or any(res["verdict_totals"].values())
    summary["ok"] = not bad
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    with open(os.path.join(out, "totals.json"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(text)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

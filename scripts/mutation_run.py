#!/usr/bin/env python3
"""Process-level mutation run: hostile input must never crash baogao.

Driven by scripts/mutation-run.sh (which picks the Python and the binary); run directly as

    python3 scripts/mutation_run.py --bin PATH [--export N] [--import N] [--seed S] [--out DIR]

Export variants are the bundled examples (examples/*.toml, their JSON and YAML versions,
and one synthetic summary derived from them with spans, a chart, attachments and key
figures) mutated byte- and structure-wise; each is exported with
`baogao export VARIANT -o DIR -f pdf,docx,txt --force`. Import variants are the text and
DOCX reports baogao exports for the examples, mutated; each is imported with
`baogao import VARIANT -o OUT.toml --force`, and an imported summary is exported once.

Every run is checked: exit code in {0, 1, 2} (101 is a panic; a signal or the time-out is a
crash), no panic message even when one was caught at the report's boundary, peak RSS under
300 MB for an input under 1 MB, every DOCX part well-formed XML, every PDF passing
`qpdf --check` with no NaN/inf operand in its decompressed content streams. The variants are
a function of the seed alone (one random generator per variant, seeded by seed, phase and
index), whatever the number of workers.

Writes OUT/summary.json (and prints it); keeps each failing variant in OUT/failures/ with a
.reason.txt beside it; exits 0 only when nothing failed.
"""

import argparse
import collections
import concurrent.futures
import io
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
import zipfile

try:
    import yaml

    _YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    # PyYAML writes YAML 1.1, where "1e39" and "0o17" are strings and need no quotes; serde_yaml
    # reads YAML 1.2, where they are numbers. Quote every string a 1.2 reader would take for
    # something else, so that a string stays a string.
    _YAML12_PLAIN = __import__("re").compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        r"|0x[0-9a-fA-F]+|0o[0-7]+|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|y|Y|n|N|yes|no|on|off|)$")

    def _represent_str(dumper, value):
        style = '"' if _YAML12_PLAIN.match(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    yaml.add_representer(str, _represent_str, Dumper=_YAML_DUMPER)
except ImportError:  # YAML variants are skipped without PyYAML
    yaml = None

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 20.0
RSS_LIMIT_KB = 300 * 1024
SMALL_INPUT = 1 << 20
ADDRESS_SPACE = 4 << 30  # a safety net for the machine, far above the RSS limit checked
QPDF = shutil.which("qpdf") or "/usr/bin/qpdf"

# --------------------------------------------------------------------------------------
# Hostile values


def _control_string(rng):
    chars = [chr(c) for c in range(0x20)] + ["\x7f", "\u0085"]
    return "".join(rng.choice(chars) for _ in range(rng.randint(1, 12)))


HOSTILE_STRINGS = [
    "",
    " ",
    "{",
    "}",
    "{x}",
    "{n0}",
    "{{",
    "}}",
    "{}",
    "{industrial_va}",
    "{industrial_va.rank}",
    "{industrial_va.change}",
    "{new_private_firms.change}{new_private_firms.note}",
    "{" * 500,
    "}" * 500,
    "{x" * 200,
    "\u202e",
    "\u202eRTL\u202c覆盖",
    "\u200b",
    "\u200b" * 2000,
    "\ufeff",
    "\u2028\u2029",
    "\u0301" * 500,
    "a\u0301\u0302\u0303" * 100,
    "😀" * 300,
    "\U0010fffd",
    "\ufffd\ufffe\uffff",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "１２３．４５％",
    "-0",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e39",
    "9" * 400,
    "0." + "0" * 400 + "1",
    "CON",
    "../../../../etc/passwd",
    "C:\\Windows\\nul",
    "%s%n%x",
    "<w:p>",
    "]]>",
    "&amp;&#0;&#x1;",
    "<?xml version='1.0'?>",
    "\t" * 1000,
    " " * 10000,
    "\u3000" * 2000,
    "—" * 3000,
    "一" * 5000,
    "A" * 100_000,
    "中" * 35_000,
    "—" * 100_000,  # no break opportunity: a line broken inside it on every line
    "x" * 200_000,
    "x" * 3000 + "\u200b" + "y" * 3000,
    "http://" + "a" * 5000,
    "附件：" * 500,
    "一、" * 500,
    "（一）",
    "第一章",
]

LONE_SURROGATES = ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d", "\\ud800\\u0041"]

EXTREME_NUMBERS = {
    "toml": ["1e39", "-1e308", "1e308", "nan", "-nan", "+nan", "inf", "-inf", "+inf", "9007199254740993", "0", "-0",
             "-0.0", "18446744073709551615", "9223372036854775807", "-9223372036854775808", "1e-320",
             "5e-324", "123456789012345678901234567890", "1_000_000", "0x7fffffffffffffff", "1.7976931348623157e308",
             "3.4028236e38", "99999999999999999.99999"],
    "json": ["1e39", "-1e308", "1e308", "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "nan", "inf",
             "9007199254740993", "0", "-0", "-0.0", "18446744073709551615", "18446744073709551616",
             "9223372036854775807", "-9223372036854775808", "1e-320", "5e-324", "123456789012345678901234567890",
             "1.7976931348623157e308", "3.4028236e38", "0.000000000000000000001"],
    "yaml": ["1e39", "-1e308", "1e308", ".nan", ".NaN", ".inf", "-.inf", "nan", "inf", "9007199254740993", "0",
             "-0", "-0.0", "18446744073709551615", "9223372036854775807", "-9223372036854775808", "1e-320",
             "123456789012345678901234567890", "0x7fffffffffffffff", "0o777", "1_000", "~", "null", "1.7976931348623157e308"],
}

STRUCT_NUMBERS = [1e39, -1e308, 1e308, float("nan"), float("inf"), float("-inf"), 9007199254740993, 0, -0.0,
                  18446744073709551615, 2**63 - 1, -(2**63), 1e-320, 5e-324, 10**30, 123456.123456789,
                  1e15, 1e15 + 1, 999999999999999.9, -1]

PRINTABLE_NUMBERS = [0, -0.0, 1e15, -1e15, 999999999999999.9, 999999999999999, 1e-320, 5e-324, 2.2250738585072014e-308,
                     0.1 + 0.2, 123456.123456789, 1e14 + 0.5, 0.000001, 1e-15, -0.5, 12.345678901234567, 100.0,
                     99.995, 0.005, 1, 2**53, -(2**53)]

SPANS = [0, 1, 2, 3, 7, 1000, 65535, 65536, 2**31 - 1, 2**32, 2**32 + 1, 2**63 - 1, 18446744073709551615,
         18446744073709551616, -1]

WEIRD_DATES = ["+202-+1-+1", "2022-02-30", "2022-02-29", "0000-00-00", "0000-01-01", "9999-12-31", "9999-99-99",
               "2022-1-1", "-2022-01-01", "2022-12-20T00:00:00Z", "１９９９-０１-０１", "2022—12—20",
               "99999999999999999999-01-01", "2022-12-20\u0000", "2022-13-45", "2022-00-10", "20221220",
               "2022/12/20", "二〇二二年十二月二十日", " 2022-12-20", "2022-12-20 ", "+2022-12-20", "2022-+1-20",
               "2022-12-+2", "0x7e6-12-20", "2022-12-2\u0660", "", "2022-12-20\u202e"]


def hostile_string(rng):
    r = rng.random()
    if r < 0.2:
        return _control_string(rng) + rng.choice(["", "正文", "{x}"])
    if r < 0.3:
        return "正文" + _control_string(rng) + "正文"
    if r < 0.4:
        return "".join(rng.choice(HOSTILE_STRINGS[:40]) for _ in range(rng.randint(2, 5)))
    return rng.choice(HOSTILE_STRINGS)


# --------------------------------------------------------------------------------------
# Serialisers (TOML has no writer in the standard library)


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def toml_key(key):
    return key if _BARE_KEY.match(key) else toml_string(key)


def toml_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u%04X" % o)
        elif 0xD800 <= o <= 0xDFFF:
            out.append("\\u%04X" % o)  # not valid TOML: an error to report, not a crash
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return toml_string(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v if x is not None) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items() if x is not None) + " }"
    return toml_string(str(v))


def to_toml(data):
    if not isinstance(data, dict):
        return "value = " + toml_value(data) + "\n"
    lines = []
    tables = []
    arrays = []
    for k, v in data.items():
        if v is None:
            continue
        if isinstance(v, dict) and v:
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            arrays.append((k, v))
        else:
            lines.append(f"{toml_key(k)} = {toml_value(v)}")
    for k, v in tables:
        lines.append("")
        lines.append(f"[{toml_key(k)}]")
        for kk, vv in v.items():
            if vv is not None:
                lines.append(f"{toml_key(kk)} = {toml_value(vv)}")
    for k, items in arrays:
        for item in items:
            lines.append("")
            lines.append(f"[[{toml_key(k)}]]")
            for kk, vv in item.items():
                if vv is not None:
                    lines.append(f"{toml_key(kk)} = {toml_value(vv)}")
    return "\n".join(lines) + "\n"


def serialise(data, fmt, rng):
    """Text of `data` in `fmt` as bytes; lone surrogates kept (escaped or raw)."""
    if fmt == "toml":
        return to_toml(data).encode("utf-8", "surrogatepass")
    if fmt == "json":
        ascii_only = rng.random() < 0.3
        text = json.dumps(data, ensure_ascii=ascii_only, allow_nan=True, indent=rng.choice([None, 1, 2]))
        return text.encode("utf-8", "surrogatepass")
    if yaml is None:
        raise RuntimeError("PyYAML missing")
    text = yaml.dump(data, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False,
                     default_flow_style=rng.choice([False, False, None]), width=rng.choice([80, 100000]))
    return text.encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------------------
# Export mutations


def load_export_seeds(work):
    """The seeds: name -> (format, data or None, text bytes)."""
    seeds = collections.OrderedDict()
    examples = sorted(p for p in os.listdir(os.path.join(ROOT, "examples")) if p.endswith(".toml"))
    datas = []
    for name in examples:
        path = os.path.join(ROOT, "examples", name)
        raw = open(path, "rb").read()
        data = tomllib.loads(raw.decode("utf-8"))
        datas.append(data)
        stem = name[:-5]
        seeds[stem + ".toml"] = ("toml", data, raw)
        seeds[stem + ".json"] = ("json", data, json.dumps(data, ensure_ascii=False, indent=2).encode())
        if yaml is not None:
            seeds[stem + ".yaml"] = ("yaml", data, yaml.dump(data, Dumper=_YAML_DUMPER, allow_unicode=True,
                                                              sort_keys=False).encode())
    synthetic = synthetic_summary(datas)
    seeds["synthetic-tables.toml"] = ("toml", synthetic, to_toml(synthetic).encode())
    seeds["synthetic-tables.json"] = ("json", synthetic, json.dumps(synthetic, ensure_ascii=False, indent=2).encode())
    if yaml is not None:
        seeds["synthetic-tables.yaml"] = ("yaml", synthetic, yaml.dump(synthetic, Dumper=_YAML_DUMPER,
                                                                        allow_unicode=True, sort_keys=False).encode())
    os.makedirs(work, exist_ok=True)
    for name, (_, _, raw) in seeds.items():
        with open(os.path.join(work, name), "wb") as f:
            f.write(raw)
    return seeds


def synthetic_summary(datas):
    """An example with every kind of block: spanning table cells, a chart of changes, a page
    break, attachments, addressees and key figures, so that the mutations reach them."""
    base = json.loads(json.dumps(datas[-1]))  # the last example (the filled one, with figures)
    ids = [i["id"] for i in base.get("indicators", [])]
    meta = base.setdefault("meta", {})
    meta["subtitle"] = "（2022年1—11月）"
    meta["doc_number"] = "高新〔2022〕12号"
    meta["addressees"] = ["各县（市、区）人民政府", "市政府各部门、各直属机构"]
    meta["attachments"] = ["主要经济指标完成情况表", "重点项目清单"]
    meta["key_figures"] = ids[:3]
    body = base.setdefault("body", [])
    body.insert(1, {"table": {
        "caption": "分区情况",
        "header": ["区域", "园区", "增加值", "备注"],
        "rows": [
            [{"text": "东区", "rowspan": 2}, "甲园", "12.5", "—"],
            ["乙园", "3.25", ""],
            [{"text": "合计", "colspan": 2}, "15.75", {"text": "含快报数", "align": "right"}],
        ],
        "align": ["left", "center", "decimal", "right"],
    }})
    body.insert(2, {"chart": {"caption": "增速", "indicators": ids[:4], "series": "change"}})
    body.insert(3, {"indicator_table": {"caption": "指标", "indicators": ids[:4],
                                        "columns": ["name", "unit", "value", "change", "rank", "note"]}})
    body.append({"page_break": True})
    body.append({"heading": "附表", "content": [{"table": {"header": ["甲", "乙"], "rows": [["1", "2"]]}}]})
    return base


NUMBER_RE = re.compile(rb"(?<![\w.\-+])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])")
DATE_RE = re.compile(rb"\d{4}-\d{2}-\d{2}")
STRING_RE = re.compile(rb'"((?:[^"\\\n]|\\.)*)"')
VALUE_RE = {
    "toml": re.compile(rb"(?m)^([A-Za-z_]+ = )(.*)$"),
    "json": re.compile(rb'("[A-Za-z_]+": )([^\n]*?)(,?)$', re.M),
    "yaml": re.compile(rb"(?m)^(\s*-?\s*[A-Za-z_]+: )(.*)$"),
}


def escape_for(fmt, s, rng):
    """A string literal body (without quotes) of `s` in `fmt`, sometimes with lone surrogates."""
    if fmt == "json":
        body = json.dumps(s, ensure_ascii=rng.random() < 0.5)[1:-1]
    elif fmt == "yaml":
        body = json.dumps(s, ensure_ascii=True)[1:-1]  # YAML double quotes read JSON escapes
    else:
        body = toml_string(s)[1:-1]
    if rng.random() < 0.15:
        at = rng.randint(0, len(body))
        if at and body[at - 1] == "\\":
            at -= 1
        body = body[:at] + rng.choice(LONE_SURROGATES) + body[at:]
    if rng.random() < 0.05:
        body += _control_string(rng)  # raw controls in a quoted string: an error to report
    return body.encode("utf-8", "surrogatepass")


def lines_of(b):
    return b.split(b"\n")


def op_byte_flip(text, fmt, rng, ctx):
    b = bytearray(text)
    if not b:
        return bytes(b)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] = (b[i] ^ (1 << rng.randrange(8))) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(b)


INTERESTING_BYTES = [b"\x00", b"{", b"}", b'"', b"'", b"[", b"]", b"[[", b"\n", b"\r", b"\xff", b"\xc3",
                     b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\\", b"\\u", b"#", b":", b"=", b",", b"-", b"&", b"*",
                     b"!!", b"\t", b"{x}", b"{n0}", b"\xed\xa0\x80", b"---\n", b"...\n", b"%YAML 1.2\n"]


def op_byte_insert(text, fmt, rng, ctx):
    at = rng.randint(0, len(text))
    if rng.random() < 0.6:
        ins = rng.choice(INTERESTING_BYTES) * rng.choice([1, 1, 2, 3, 100])
    else:
        ins = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return text[:at] + ins + text[at:]


def op_byte_delete(text, fmt, rng, ctx):
    if not text:
        return text
    at = rng.randrange(len(text))
    n = rng.choice([1, 1, 2, 4, 16, 64, 512])
    return text[:at] + text[at + n:]


def op_line_dup(text, fmt, rng, ctx):
    ls = lines_of(text)
    i = rng.randrange(len(ls))
    n = rng.choice([1, 1, 2, 10, 100])
    return b"\n".join(ls[:i] + [ls[i]] * (n + 1) + ls[i + 1:])


def op_line_delete(text, fmt, rng, ctx):
    ls = lines_of(text)
    i = rng.randrange(len(ls))
    n = rng.choice([1, 1, 1, 3, 10])
    return b"\n".join(ls[:i] + ls[i + n:])


def op_line_swap(text, fmt, rng, ctx):
    ls = lines_of(text)
    i, j = rng.randrange(len(ls)), rng.randrange(len(ls))
    ls[i], ls[j] = ls[j], ls[i]
    return b"\n".join(ls)


def op_splice(text, fmt, rng, ctx):
    others = ctx["seed_texts"]
    same = [t for f, t in others if f == fmt] if rng.random() < 0.8 else [t for _, t in others]
    other = lines_of(rng.choice(same))
    a = rng.randrange(len(other))
    piece = other[a:a + rng.randint(1, 20)]
    ls = lines_of(text)
    i = rng.randint(0, len(ls))
    if rng.random() < 0.5:
        return b"\n".join(ls[:i] + piece + ls[i:])
    return b"\n".join(ls[:i] + piece + ls[i + len(piece):])


def op_number_extreme(text, fmt, rng, ctx):
    found = list(NUMBER_RE.finditer(text))
    if not found:
        return text
    out = text
    for m in sorted(rng.sample(found, min(len(found), rng.randint(1, 3))), key=lambda m: -m.start()):
        out = out[:m.start()] + rng.choice(EXTREME_NUMBERS[fmt]).encode() + out[m.end():]
    return out


def op_string_hostile(text, fmt, rng, ctx):
    found = list(STRING_RE.finditer(text))
    if fmt == "yaml" and (not found or rng.random() < 0.5):
        # plain YAML scalars: replace a value by a double-quoted hostile string
        vals = list(VALUE_RE["yaml"].finditer(text))
        if vals:
            m = rng.choice(vals)
            return text[:m.start(2)] + b'"' + escape_for(fmt, hostile_string(rng), rng) + b'"' + text[m.end(2):]
    if not found:
        return text
    out = text
    for m in sorted(rng.sample(found, min(len(found), rng.randint(1, 2))), key=lambda m: -m.start()):
        out = out[:m.start(1)] + escape_for(fmt, hostile_string(rng), rng) + out[m.end(1):]
    return out


def op_date(text, fmt, rng, ctx):
    found = list(DATE_RE.finditer(text))
    weird = rng.choice(WEIRD_DATES)
    if fmt == "toml" and rng.random() < 0.1:
        # a native TOML date where a string is expected
        m = re.search(rb'date = "[^"\n]*"', text)
        if m:
            return text[:m.start()] + rng.choice([b"date = 2022-12-20", b"date = 1979-05-27T07:32:00Z",
                                                   b"date = 07:32:00"]) + text[m.end():]
    if not found:
        return text
    m = rng.choice(found)
    return text[:m.start()] + escape_for(fmt, weird, rng) + text[m.end():]


def nested_brackets(depth, rng, closed=True):
    inner = rng.choice([b"", b"1", b'"x"', b"{}", b"nan"])
    opening = rng.choice([b"[", b"[ ", b"[{a=", b"{a="]) if rng.random() < 0.15 else b"["
    closing = b"]" if opening == b"[" or opening == b"[ " else (b"}]" if opening == b"[{a=" else b"}")
    return opening * depth + inner + (closing * depth if closed else b"")


def op_deep_nesting(text, fmt, rng, ctx):
    depth = rng.choice([64, 128, 129, 256, 1000, 10000, 100000])
    closed = rng.random() < 0.85
    vals = list(VALUE_RE[fmt].finditer(text))
    if fmt == "json":
        nest = nested_brackets(depth, rng, closed).replace(b"a=", b'"a":')
    elif fmt == "yaml":
        nest = nested_brackets(depth, rng, closed).replace(b"a=", b"a: ")
    else:
        nest = nested_brackets(depth, rng, closed)
    if not vals:
        return text + b"\nx = " + nest + b"\n"
    m = rng.choice(vals)
    return text[:m.start(2)] + nest + text[m.end(2):]


def op_deep_sections(text, fmt, rng, ctx):
    """A body whose sections nest `depth` deep, written directly (no recursion in Python)."""
    depth = rng.choice([2, 3, 4, 4, 5, 8, 20, 127, 128, 129, 500, 2000, 20000])
    leaf = rng.choice(["{p}", "{t}", "{c}", "{i}"])
    heading = rng.choice(["标题", "", "{x}", "一、"])
    if fmt == "toml":
        open_ = ('{ heading = "%s", content = [' % heading).encode()
        close = b"] }"
        leaves = {"{p}": b'{ paragraph = "\xe6\xad\xa3\xe6\x96\x87" }',
                  "{t}": b'{ table = { header = ["a", "b"], rows = [["1", { text = "x", rowspan = 3 }]] } }',
                  "{c}": b'{ chart = { caption = "c", indicators = [] } }',
                  "{i}": b'{ indicator_table = { caption = "i", indicators = [] } }'}
        body = b"body = [" + open_ * depth + leaves[leaf] + close * depth + b"]\n"
        title = b'[meta]\ntitle = "T"\ndate = "2022-12-20"\n'
        doc = b"version = 1\n" + body + title if rng.random() < 0.5 else b"version = 1\n" + body + title
        return doc
    open_ = ('{"heading": "%s", "content": [' % heading).encode()
    close = b"]}"
    leaves = {"{p}": '{"paragraph": "正文"}'.encode(),
              "{t}": b'{"table": {"header": ["a", "b"], "rows": [["1", {"text": "x", "rowspan": 3}]]}}',
              "{c}": b'{"chart": {"caption": "c", "indicators": []}}',
              "{i}": b'{"indicator_table": {"caption": "i", "indicators": []}}'}
    return (b'{"version": 1, "meta": {"title": "T", "date": "2022-12-20"}, "body": ['
            + open_ * depth + leaves[leaf] + close * depth + b"]}\n")


def deep_copy(data):
    return json.loads(json.dumps(data, allow_nan=True))


def walk(data):
    """(container, key, value) for every leaf and inner value."""
    stack = [(None, None, data)]
    while stack:
        parent, key, value = stack.pop()
        yield parent, key, value
        if isinstance(value, dict):
            for k, v in value.items():
                stack.append((value, k, v))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                stack.append((value, i, v))


def s_numbers(data, rng):
    """Figures (mostly an indicator's value or change) set to extreme values, printable ones
    (within 10^15, finite, subnormal, -0) more often than refused ones."""
    if rng.random() < 0.9:
        spots = [(p, k) for p, k, v in walk(data) if isinstance(p, dict) and k in ("value", "change")]
    else:
        spots = [(p, k) for p, k, v in walk(data)
                 if p is not None and isinstance(v, (int, float)) and not isinstance(v, bool)]
    for p, k in rng.sample(spots, min(len(spots), rng.randint(1, 4))):
        p[k] = rng.choice(PRINTABLE_NUMBERS if rng.random() < 0.6 else STRUCT_NUMBERS)
    return data


TEXT_FIELDS = {"paragraph", "heading", "title", "subtitle", "caption", "name", "unit", "note", "rank", "basis",
               "issuer", "period", "doc_number", "text", "header", "rows", "keywords", "attachments", "addressees"}


def string_spots(data):
    """(container, key, field) for every string, field being the name of the field it is in."""
    stack = [(data, None)]
    while stack:
        value, field = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for k, v in items:
            f = k if isinstance(value, dict) else field
            if isinstance(v, str):
                yield value, k, f
            else:
                stack.append((v, f))


def s_strings(data, rng):
    """Strings set to hostile ones: mostly the texts printed, sometimes ids, kinds and dates."""
    spots = list(string_spots(data))
    if rng.random() < 0.85:
        spots = [(p, k, f) for p, k, f in spots if f in TEXT_FIELDS] or spots
    for p, k, _ in rng.sample(spots, min(len(spots), rng.randint(1, 4))):
        p[k] = hostile_string(rng) if rng.random() < 0.8 else p[k] + hostile_string(rng) + p[k]
    return data


def s_types(data, rng):
    spots = [(p, k) for p, k, v in walk(data) if p is not None]
    wrong = [True, False, 0, -1, 1.5, [], {}, [[]], {"text": "x"}, [1, "a"], "", None, {"": ""}, [{}]]
    for p, k in rng.sample(spots, min(len(spots), rng.randint(1, 2))):
        p[k] = rng.choice(wrong)
    return data


def s_drop_dup(data, rng):
    spots = [(p, k) for p, k, v in walk(data) if p is not None]
    p, k = rng.choice(spots)
    if isinstance(p, dict) and rng.random() < 0.5:
        del p[k]
    elif isinstance(p, list):
        p[k + 1:k + 1] = [deep_copy(p[k]) for _ in range(rng.choice([1, 5, 50, 500]))]
    else:
        del p[k]
    return data


SAFE_CELLS = ["", "1", "12.5", "东区", "合计", "—", "-0", "1e39", "NaN", "１２．５", "-12.50", "0.000", "正文" * 40,
              "99999999999999999999", "增长12.5%", "\u3000", "a b"]


def random_cell(rng, hostile=0.0):
    """A cell's text: a plain one, or with probability `hostile` a hostile one."""
    return hostile_string(rng)[:2000] if rng.random() < hostile else rng.choice(SAFE_CELLS)


def sprinkle(rows, rng):
    """One hostile cell, sometimes, among many plain ones."""
    if rows and rng.random() < 0.3:
        row = rng.choice(rows)
        if row:
            i = rng.randrange(len(row))
            if isinstance(row[i], dict):
                row[i]["text"] = hostile_string(rng)[:2000]
            else:
                row[i] = hostile_string(rng)[:2000]
    return rows


def spanning_rows(rows, cols, rng, span_share=0.3):
    """Rows of a table whose cells span rows and columns without overlapping or running past
    the table: valid, but as tangled as the random generator makes them."""
    taken = [[False] * cols for _ in range(rows)]
    out = []
    for r in range(rows):
        row = []
        c = 0
        while c < cols:
            if taken[r][c]:
                c += 1
                continue
            free = 0
            while c + free < cols and not taken[r][c + free]:
                free += 1
            colspan = rng.randint(1, free) if rng.random() < span_share else 1
            rowspan = 1
            if rng.random() < span_share:
                limit = rows - r
                rowspan = rng.choice([limit, rng.randint(1, limit)])
                # shrink until the rectangle is free
                while rowspan > 1 and any(taken[r + i][c + j] for i in range(rowspan) for j in range(colspan)):
                    rowspan -= 1
            for i in range(rowspan):
                for j in range(colspan):
                    taken[r + i][c + j] = True
            text = random_cell(rng, 0.03)
            if colspan == 1 and rowspan == 1 and rng.random() < 0.8:
                row.append(text)
            else:
                cell = {"text": text}
                if colspan != 1 or rng.random() < 0.2:
                    cell["colspan"] = colspan
                if rowspan != 1 or rng.random() < 0.2:
                    cell["rowspan"] = rowspan
                if rng.random() < 0.2:
                    cell["align"] = rng.choice(["left", "center", "right", "decimal"])
                row.append(cell)
            c += colspan
        out.append(row)
    return out


def insert_block(data, block, rng):
    body = data.setdefault("body", []) if isinstance(data, dict) else None
    if isinstance(body, list):
        body.insert(rng.randint(0, len(body)), block)
    return data


def s_long_table(data, rng):
    """A table of many rows (or many columns): plain, spanning, or ragged."""
    # around the limits (docs/limits.md): 50 columns, 2,000 rows, 20,000 cells a report
    rows = rng.choice([50, 200, 1000, 1999, 2000, 2000, 2001, 5000])
    cols = rng.choice([1, 2, 4, 9, 10, 30, 50, 50, 51, 200])
    cap = rng.choice([19000, 20000, 20000, 60000])
    if rows * cols > cap:
        rows = max(1, cap // cols)
    header = [random_cell(rng) for _ in range(cols)]
    style = rng.choice(["plain", "plain", "spans", "ragged"])
    if style == "spans":
        body_rows = spanning_rows(rows, cols, rng, rng.choice([0.05, 0.3]))
    else:
        body_rows = [[random_cell(rng) if rng.random() < 0.05 else str(r * cols + c) for c in range(cols)]
                     for r in range(rows)]
        if style == "ragged":
            for row in rng.sample(body_rows, min(len(body_rows), 3)):
                row.extend(["x"] * rng.choice([1, 2]) if rng.random() < 0.5 else [])
                del row[rng.randint(0, len(row)):]
    table = {"header": header, "rows": sprinkle(body_rows, rng)}
    if rng.random() < 0.5:
        table["caption"] = "长表"
    if rng.random() < 0.3:
        table["align"] = [rng.choice(["left", "center", "right", "decimal"]) for _ in range(cols)]
    return insert_block(data, {"table": table}, rng)


def s_huge_span(data, rng):
    """Cells with hostile spans (zero, past the table, past usize), or valid tangled ones."""
    if rng.random() < 0.5:
        rows, cols = rng.choice([1, 2, 5, 20, 60]), rng.choice([1, 2, 3, 7, 12])
        table = {"header": [random_cell(rng, 0.05) for _ in range(cols)], "rows": spanning_rows(rows, cols, rng)}
        return insert_block(data, {"table": table}, rng)
    cols = rng.choice([1, 2, 3, 4])
    rows = []
    for r in range(rng.choice([1, 2, 3, 5])):
        row = []
        for c in range(rng.choice([1, cols, cols + 1])):
            cell = {"text": rng.choice(["东区", "合计", ""])}
            if rng.random() < 0.7:
                cell["rowspan"] = rng.choice(SPANS)
            if rng.random() < 0.5:
                cell["colspan"] = rng.choice(SPANS)
            row.append(cell if rng.random() < 0.7 else "x")
        rows.append(row)
    return insert_block(data, {"table": {"header": ["h"] * cols, "rows": rows}}, rng)


def s_many(data, rng):
    """Many indicators, bars, attachments, addressees, page breaks, keywords."""
    if not isinstance(data, dict):
        return data
    n = rng.choice([99, 100, 101, 1000, 5000])
    what = rng.choice(["indicators", "chart", "attachments", "addressees", "page_breaks", "keywords",
                       "indicator_table", "paragraphs", "key_figures"])
    inds = data.setdefault("indicators", [])
    body = data.setdefault("body", [])
    meta = data.setdefault("meta", {})
    if not isinstance(inds, list) or not isinstance(body, list) or not isinstance(meta, dict):
        return data
    if what in ("indicators", "chart", "indicator_table", "key_figures"):
        new = [{"id": f"n{i}", "name": f"指标{i}", "value": rng.choice(PRINTABLE_NUMBERS + [i, "**"] if rng.random() < 0.8 else STRUCT_NUMBERS),
                "unit": "%", "kind": rng.choice(["growth_rate", "count", "total", "target", "share"])}
               for i in range(n)]
        if rng.random() < 0.3:
            for x in new:
                x["comparison"] = {"basis": "同比", "change": rng.choice(STRUCT_NUMBERS), "unit": "%"}
        inds.extend(new)
        ids = [x["id"] for x in new]
        if what == "chart":
            body.append({"chart": {"caption": "c", "indicators": ids, "series": rng.choice(["value", "change"])}})
        elif what == "indicator_table":
            body.append({"indicator_table": {"caption": "t", "indicators": ids}})
        elif what == "key_figures":
            meta["key_figures"] = ids
    elif what == "attachments":
        meta["attachments"] = [f"附件{i}" * rng.choice([1, 30]) for i in range(n)]
    elif what == "addressees":
        meta["addressees"] = [f"单位{i}" for i in range(n)]
    elif what == "keywords":
        meta["keywords"] = [f"词{i}" for i in range(n)]
    elif what == "page_breaks":
        body.extend({"page_break": rng.random() < 0.95} for _ in range(n))
    else:
        body.extend({"paragraph": "段{n%d}" % i if rng.random() < 0.5 else "段"} for i in range(n))
    return data


TEXT_OPS = {
    "byte_flip": op_byte_flip,
    "byte_insert": op_byte_insert,
    "byte_delete": op_byte_delete,
    "line_dup": op_line_dup,
    "line_delete": op_line_delete,
    "line_swap": op_line_swap,
    "splice": op_splice,
    "number_extreme": op_number_extreme,
    "string_hostile": op_string_hostile,
    "date": op_date,
    "deep_nesting": op_deep_nesting,
}
TEXT_WEIGHTS = {"byte_flip": 2, "byte_insert": 3, "byte_delete": 2, "line_dup": 2, "line_delete": 2, "line_swap": 2,
                "splice": 2, "number_extreme": 4, "string_hostile": 5, "date": 2, "deep_nesting": 2}
STRUCT_OPS = {
    "s_numbers": s_numbers,
    "s_strings": s_strings,
    "s_types": s_types,
    "s_drop_dup": s_drop_dup,
    "s_long_table": s_long_table,
    "s_huge_span": s_huge_span,
    "s_many": s_many,
}
STRUCT_WEIGHTS = {"s_numbers": 5, "s_strings": 5, "s_types": 2, "s_drop_dup": 2, "s_long_table": 2,
                  "s_huge_span": 3, "s_many": 2}


def weighted(rng, weights):
    names = list(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def make_export_variant(rng, seeds):
    """(format, bytes, ops, seed name): a few structural mutations (which mostly leave a
    summary that parses, to reach the layout and the writers), byte-level ones on the seed's
    text (which mostly test the parsers and their messages), or both."""
    name = rng.choice(list(seeds))
    fmt, data, raw = seeds[name]
    ctx = {"seed_texts": [(f, t) for f, _, t in seeds.values()]}
    ops = []
    r = rng.random()
    if r < 0.03:
        ops.append("deep_sections")
        fmt = rng.choice(["toml", "json", "yaml"] if yaml is not None else ["toml", "json"])
        text = op_deep_sections(b"", fmt, rng, ctx)
    elif r < 0.62:
        data = deep_copy(data)
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            op = weighted(rng, STRUCT_WEIGHTS)
            ops.append(op)
            data = STRUCT_OPS[op](data, rng)
        text = serialise(data, fmt, rng)
    else:
        text = raw
    if r >= 0.62 or (r >= 0.03 and rng.random() < 0.15):
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            op = weighted(rng, TEXT_WEIGHTS)
            ops.append(op)
            text = TEXT_OPS[op](text, fmt, rng, ctx)
    return fmt, text, ops, name


# --------------------------------------------------------------------------------------
# Import mutations: text


HEADING_LINES = ["一、标题", "（一）标题", "1. 标题", "1.标题", "（1）标题", "①标题", "第一章 标题", "一是标题。",
                 "九十九、标题", "一万亿、标题", "99999999999999999999. 标题", "（九千九百九十九）标题", "0. 标题",
                 "一、", "（）", "1.", "附件：1. 表", "附件", "附表1", "表1　主要经济指标", "图1　增速"]


def t_control(text, rng):
    s = text.decode("utf-8", "replace")
    at = rng.randint(0, len(s))
    ins = rng.choice([_control_string(rng), "\u202e", "\u200b", "\ufeff", "\u2028", "\x00" * 10, "\x0c", "\x1b[31m"])
    return (s[:at] + ins + s[at:]).encode("utf-8")


def t_encode(text, rng):
    s = text.decode("utf-8", "replace")
    enc = rng.choice(["gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "utf-32", "big5", "latin-1"])
    data = s.encode(enc, "replace")
    if enc == "utf-16-le" and rng.random() < 0.5:
        data = b"\xff\xfe" + data
    if enc == "utf-16-be" and rng.random() < 0.5:
        data = b"\xfe\xff" + data
    if len(data) % 2 == 0 and enc.startswith("utf-16") and rng.random() < 0.2:
        data = data[:-1]  # an odd number of bytes
    return data


def t_long_line(text, rng):
    n = rng.choice([10_000, 50_000, 100_000, 300_000])
    piece = rng.choice(["中", "a", "增长12.5%", " ", "\u3000", "，", "—", "{x}", "1"])
    line = (piece * (n // len(piece)))
    ls = text.split(b"\n")
    i = rng.randint(0, len(ls))
    return b"\n".join(ls[:i] + [line.encode()] + ls[i:])


def t_many_lines(text, rng):
    n = rng.choice([1000, 5000, 30000])  # 30,000: the paragraphs an import reads (docs/limits.md)
    kind = rng.choice(["headings", "blank", "short", "table", "signatures", "figures"])
    if kind == "headings":
        lines = [rng.choice(HEADING_LINES) for _ in range(n)]
    elif kind == "blank":
        lines = [rng.choice(["", " ", "\u3000", "\t"]) for _ in range(n)]
    elif kind == "short":
        lines = [rng.choice(["正文。", "。", "x", "1"]) for _ in range(n)]
    elif kind == "table":
        cols = rng.choice([1, 2, 5, 40])
        lines = ["表1　长表"] + ["\t".join(str(r * cols + c) for c in range(cols + rng.choice([0, 0, -1, 1])))
                                 for r in range(n // 2)]
    elif kind == "signatures":
        lines = [rng.choice(["某某局", "2022年12月20日", "二〇二二年十二月二十日"]) for _ in range(n)]
    else:
        lines = ["规上工业增加值增长%s%%。" % rng.choice(["12.5", "1e39", "99999999999999999999.9", "NaN", "-0",
                                                    "１２．５", "0.000000001"]) for _ in range(n)]
    ls = text.split(b"\n")
    i = rng.randint(0, len(ls))
    return b"\n".join(ls[:i] + ["\n".join(lines).encode()] + ls[i:])


def t_figures(text, rng):
    s = text.decode("utf-8", "replace")
    found = list(re.finditer(r"\d+(?:\.\d+)?", s))
    if not found:
        return text
    m = rng.choice(found)
    rep = rng.choice(["1e39", "99999999999999999999999", "9007199254740993", "0", "-0", "NaN", "inf", "1" * 400,
                      "0." + "0" * 400 + "1", "１２．５", "1.2.3", "12.", ".5", "{x}", "{n0}"])
    return (s[:m.start()] + rep + s[m.end():]).encode()


def t_lines_hostile(text, rng):
    s = text.decode("utf-8", "replace").split("\n")
    i = rng.randrange(len(s))
    s[i] = rng.choice([hostile_string(rng), rng.choice(HEADING_LINES) + hostile_string(rng),
                       rng.choice(WEIRD_DATES), "+202年+1月+1日", "2022年13月45日", "二〇二二年十三月四十五日"])
    return "\n".join(s).encode("utf-8", "surrogatepass")


def t_line_ends(text, rng):
    return text.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\r\r\n", b"\x0b", "\u2028".encode()]))


def t_special(text, rng):
    return rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04" + text, b"\n" * 100, b" ", text + b"\x00",
                       b"\xef\xbb\xbf\xef\xbb\xbf" + text, text[: rng.randrange(max(1, len(text)))],
                       b"\xe4\xb8" + text, text + b"\xe4\xb8"])


IMPORT_TEXT_OPS = {
    "byte_flip": lambda t, rng: op_byte_flip(t, "txt", rng, None),
    "byte_insert": lambda t, rng: op_byte_insert(t, "txt", rng, None),
    "byte_delete": lambda t, rng: op_byte_delete(t, "txt", rng, None),
    "line_dup": lambda t, rng: op_line_dup(t, "txt", rng, None),
    "line_delete": lambda t, rng: op_line_delete(t, "txt", rng, None),
    "line_swap": lambda t, rng: op_line_swap(t, "txt", rng, None),
    "control_chars": t_control,
    "long_line": t_long_line,
    "many_lines": t_many_lines,
    "figures": t_figures,
    "hostile_line": t_lines_hostile,
    "line_ends": t_line_ends,
    "special": t_special,
}
IMPORT_TEXT_WEIGHTS = {"byte_flip": 2, "byte_insert": 2, "byte_delete": 1, "line_dup": 2, "line_delete": 2,
                       "line_swap": 2, "control_chars": 2, "long_line": 1, "many_lines": 2, "figures": 3,
                       "hostile_line": 4, "line_ends": 1, "special": 1}


def make_text_variant(rng, bases):
    name = rng.choice(sorted(bases))
    text = bases[name]
    ops = []
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        op = weighted(rng, IMPORT_TEXT_WEIGHTS)
        ops.append(op)
        text = IMPORT_TEXT_OPS[op](text, rng)
    if rng.random() < 0.1:
        ops.append("encode")
        text = t_encode(text, rng)
    return text, ["txt:" + o for o in ops], name


# --------------------------------------------------------------------------------------
# Import mutations: DOCX


P_RE = re.compile(rb"<w:p[ >].*?</w:p>", re.S)
T_RE = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
TBL_RE = re.compile(rb"<w:tbl>.*?</w:tbl>", re.S)
TR_RE = re.compile(rb"<w:tr[ >].*?</w:tr>", re.S)
NUM_ATTR_RE = re.compile(rb'(w:val|w:w|w:ilvl|w:numId|w:gridSpan|c:val|val|idx|w:line|w:before|w:after|w:sz)="(-?\d+)"')


def x_flip(doc, rng):
    return op_byte_flip(doc, "xml", rng, None)


def x_insert(doc, rng):
    return op_byte_insert(doc, "xml", rng, None)


def x_delete(doc, rng):
    return op_byte_delete(doc, "xml", rng, None)


def x_dup_paragraphs(doc, rng):
    ps = list(P_RE.finditer(doc))
    if not ps:
        return doc
    m = rng.choice(ps)
    n = rng.choice([2, 10, 100, 1000, 5000])
    return doc[:m.end()] + m.group(0) * n + doc[m.end():]


def x_dup_rows(doc, rng):
    rows = list(TR_RE.finditer(doc))
    if not rows:
        return doc
    m = rng.choice(rows)
    n = rng.choice([10, 100, 1000, 5000])
    return doc[:m.end()] + m.group(0) * n + doc[m.end():]


def _insert_in_body(doc, piece, rng):
    ps = list(P_RE.finditer(doc))
    if not ps:
        at = doc.find(b"<w:body>")
        at = at + len(b"<w:body>") if at >= 0 else len(doc) // 2
    else:
        at = rng.choice(ps).end()
    return doc[:at] + piece + doc[at:]


def x_nest_tables(doc, rng):
    depth = rng.choice([2, 10, 50, 100, 500, 2000, 10000])
    text = rng.choice([b"", b"<w:r><w:t>12.5</w:t></w:r>", b"<w:r><w:t>{x}</w:t></w:r>"])
    grid = b'<w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>' if rng.random() < 0.7 else b""
    open_ = b"<w:tbl>" + grid + b"<w:tr><w:tc>"
    close = b"<w:p/></w:tc></w:tr></w:tbl>"
    nest = open_ * depth + b"<w:p>" + text + b"</w:p>" + close * depth
    return _insert_in_body(doc, nest + b"<w:p/>", rng)


def x_nest_elements(doc, rng):
    depth = rng.choice([100, 1000, 10000, 100000])
    tag = rng.choice([b"w:hyperlink", b"w:sdt", b"w:smartTag", b"w:ins", b"w:customXml", b"w:fldSimple"])
    if tag == b"w:sdt":
        open_, close = b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"
    else:
        open_, close = b"<" + tag + b">", b"</" + tag + b">"
    inner = b"<w:r><w:t>x</w:t></w:r>"
    if tag in (b"w:sdt", b"w:customXml"):
        piece = open_ * depth + b"<w:p>" + inner + b"</w:p>" + close * depth
    else:
        piece = b"<w:p>" + open_ * depth + inner + close * depth + b"</w:p>"
    return _insert_in_body(doc, piece, rng)


def x_text_hostile(doc, rng):
    ts = list(T_RE.finditer(doc))
    if not ts:
        return doc
    out = doc
    for m in sorted(rng.sample(ts, min(len(ts), rng.randint(1, 3))), key=lambda m: -m.start()):
        r = rng.random()
        if r < 0.3:
            # raw control characters (invalid XML 1.0)
            new = _control_string(rng).encode()
        elif r < 0.5:
            # character references to characters XML forbids, lone surrogates included
            new = rng.choice([b"&#0;", b"&#x1;", b"&#x1F;", b"&#xD800;", b"&#xDFFF;", b"&#xFFFE;", b"&#x110000;",
                              b"&#99999999999;", b"&#x;", b"&unknown;", b"&amp"])
        else:
            s = hostile_string(rng)
            new = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8", "surrogatepass")
        keep = m.group(2) if rng.random() < 0.5 else b""
        out = out[:m.start(2)] + keep + new + out[m.end(2):]
    return out


def x_numbers(doc, rng):
    found = list(NUM_ATTR_RE.finditer(doc))
    if not found:
        return doc
    out = doc
    for m in sorted(rng.sample(found, min(len(found), rng.randint(1, 4))), key=lambda m: -m.start()):
        v = rng.choice([b"-1", b"0", b"4294967295", b"4294967296", b"18446744073709551615", b"99999999999999999999999",
                        b"-2147483648", b"2147483647", b"1e39", b"NaN", b"", b"1.5", b"65536"])
        out = out[:m.start(2)] + v + out[m.end(2):]
    return out


def x_span(doc, rng):
    """Cells spanning huge numbers of columns or rows."""
    tcs = [m for m in re.finditer(rb"<w:tc>(<w:tcPr>)?", doc)]
    if not tcs:
        return x_nest_tables(doc, rng)
    out = doc
    for m in sorted(rng.sample(tcs, min(len(tcs), rng.randint(1, 4))), key=lambda m: -m.start()):
        prop = rng.choice([b'<w:gridSpan w:val="%d"/>' % rng.choice([0, 2, 1000, 65535, 2**31 - 1, 2**32 + 1, 2**64 - 1]),
                           b'<w:vMerge w:val="restart"/>', b"<w:vMerge/>", b'<w:vMerge w:val="continue"/>',
                           b'<w:hMerge w:val="restart"/>'])
        if m.group(1):
            out = out[:m.end()] + prop + out[m.end():]
        else:
            out = out[:m.end()] + b"<w:tcPr>" + prop + b"</w:tcPr>" + out[m.end():]
    return out


def x_wide_grid(doc, rng):
    n = rng.choice([100, 1000, 20000])
    grid = b"<w:tblGrid>" + b'<w:gridCol w:w="1"/>' * n + b"</w:tblGrid>"
    row = b"<w:tr>" + b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * rng.choice([1, n]) + b"</w:tr>"
    return _insert_in_body(doc, b"<w:tbl>" + grid + row * rng.choice([1, 3]) + b"</w:tbl><w:p/>", rng)


def x_entities(doc, rng):
    bomb = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
            b'<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">'
            b'<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    at = doc.find(b"?>")
    at = at + 2 if at >= 0 else 0
    doc = doc[:at] + bomb + doc[at:]
    ts = list(T_RE.finditer(doc))
    if ts:
        m = rng.choice(ts)
        doc = doc[:m.start(2)] + rng.choice([b"&g;", b"&x;", b"&e;"]) + doc[m.end(2):]
    return doc


def x_styles(doc, rng):
    found = list(re.finditer(rb'<w:pStyle w:val="([^"]*)"/>', doc))
    if not found:
        return _insert_in_body(doc, b'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>', rng)
    out = doc
    for m in sorted(rng.sample(found, min(len(found), rng.randint(1, 6))), key=lambda m: -m.start()):
        v = rng.choice([b"Heading1", b"Heading9", b"Heading0", b"Heading999", b"Heading18446744073709551616",
                        b"Title", b"Subtitle", b"Closing", b"Caption", b"", b"heading 1", b"TOC1", b"ListParagraph"])
        out = out[:m.start(1)] + v + out[m.end(1):]
    return out


def x_structure(doc, rng):
    r = rng.random()
    if r < 0.2:
        return b""
    if r < 0.35:
        return doc.replace(b"w:document", b"w:documentX", 1)
    if r < 0.5:
        return doc.replace(b"<w:body>", b"", 1)
    if r < 0.65:
        return re.sub(rb' xmlns:w="[^"]*"', b"", doc, count=1)
    if r < 0.8:
        return doc[: rng.randrange(max(1, len(doc)))]
    return doc.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 10000, 1)


def x_padding(doc, rng):
    """Huge but compressible: whitespace or a comment that deflates to almost nothing."""
    size = rng.choice([10 << 20, 50 << 20, 150 << 20])
    kind = rng.choice(["spaces", "newlines", "comment"])
    pad = b"<!--" + b"a" * size + b"-->" if kind == "comment" else (b" " if kind == "spaces" else b"\n") * size
    at = doc.find(b"<w:body>")
    at = at + len(b"<w:body>") if at >= 0 else len(doc)
    return doc[:at] + pad + doc[at:]


DOCX_XML_OPS = {
    "xml_flip": x_flip, "xml_insert": x_insert, "xml_delete": x_delete, "dup_paragraphs": x_dup_paragraphs,
    "dup_rows": x_dup_rows, "nest_tables": x_nest_tables, "nest_elements": x_nest_elements,
    "text_hostile": x_text_hostile, "xml_numbers": x_numbers, "cell_spans": x_span, "wide_grid": x_wide_grid,
    "entities": x_entities, "styles": x_styles, "structure": x_structure, "padding": x_padding,
}
DOCX_XML_WEIGHTS = {"xml_flip": 2, "xml_insert": 2, "xml_delete": 1, "dup_paragraphs": 3, "dup_rows": 2,
                    "nest_tables": 3, "nest_elements": 2, "text_hostile": 6, "xml_numbers": 3, "cell_spans": 3,
                    "wide_grid": 1, "entities": 1, "styles": 3, "structure": 1, "padding": 1}


def read_zip(data):
    z = zipfile.ZipFile(io.BytesIO(data))
    return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def write_zip(parts, rng, extra=None):
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if rng.random() < 0.9 else zipfile.ZIP_STORED
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the mutations
        with zipfile.ZipFile(buf, "w", method) as z:
            for name, data in parts:
                z.writestr(name, data)
            if extra:
                extra(z)
    return buf.getvalue()


def make_docx_variant(rng, bases):
    name = rng.choice(sorted(bases))
    parts = read_zip(bases[name])
    ops = []
    r = rng.random()
    extra = None
    if r < 0.72:
        # the document's XML
        target = "word/document.xml"
        for _ in range(rng.choice([1, 1, 2, 3])):
            op = weighted(rng, DOCX_XML_WEIGHTS)
            ops.append("docx:" + op)
            parts = [(n, DOCX_XML_OPS[op](d, rng) if n == target else d) for n, d in parts]
    elif r < 0.85:
        # another part: styles, numbering, core properties, a chart, relationships, content types
        names = [n for n, _ in parts if n != "word/document.xml"]
        target = rng.choice(names)
        op = rng.choice(["xml_flip", "xml_insert", "xml_delete", "text_hostile", "xml_numbers", "structure",
                         "chart_values", "core_hostile"])
        ops.append("docx-part:" + op + ":" + target)

        def chart_values(d, rng):
            vs = list(re.finditer(rb"<c:v>([^<]*)</c:v>", d))
            if not vs:
                return x_numbers(d, rng)
            for m in sorted(rng.sample(vs, min(len(vs), rng.randint(1, 4))), key=lambda m: -m.start()):
                d = d[:m.start(1)] + rng.choice([b"NaN", b"1e39", b"-1e308", b"inf", b"", b"x", b"1" * 400,
                                                 b"9007199254740993", b"-0"]) + d[m.end(1):]
            return d

        def core_hostile(d, rng):
            return re.sub(rb"(<(dc:title|dc:subject|cp:keywords|dc:creator)>)([^<]*)",
                          lambda m: m.group(1) + hostile_string(rng).replace("&", "&amp;").replace("<", "&lt;")
                          .encode("utf-8", "surrogatepass"), d, count=rng.randint(1, 4))

        fn = {"chart_values": chart_values, "core_hostile": core_hostile}.get(op) or DOCX_XML_OPS[op]
        parts = [(n, fn(d, rng) if n == target else d) for n, d in parts]
    else:
        # the archive
        op = rng.choice(["truncate", "drop_part", "dup_part", "huge_part", "rename_part", "junk_part", "corrupt_crc",
                         "zip_comment", "nested_zip"])
        ops.append("zip:" + op)
        if op == "drop_part":
            parts.pop(rng.randrange(len(parts)))
        elif op == "dup_part":
            i = rng.randrange(len(parts))
            parts.append((parts[i][0], x_flip(parts[i][1], rng) if rng.random() < 0.5 else parts[i][1]))
        elif op == "rename_part":
            i = rng.randrange(len(parts))
            parts[i] = (rng.choice(["../../evil.xml", "/abs.xml", "word/DOCUMENT.xml", "word\\document.xml", " ",
                                    "word/document.xml/", "a" * 300]), parts[i][1])
        elif op == "junk_part":
            parts.append((rng.choice(["word/junk.xml", "word/media/image99.png", "customXml/item1.xml"]),
                          bytes(rng.randrange(256) for _ in range(rng.choice([10, 1000])))))
        elif op == "huge_part":
            size = rng.choice([20 << 20, 100 << 20, 300 << 20])
            target = rng.choice(["word/media/huge.bin", "word/huge.xml", "word/document.xml", "docProps/core.xml"])
            ops[-1] += ":%s:%dMB" % (target, size >> 20)
            parts = [(n, d) for n, d in parts if n != target]
            chunk = b"\x00" * (1 << 20) if target.endswith(".bin") else b" " * (1 << 20)

            def extra(z, target=target, size=size, chunk=chunk):
                with z.open(zipfile.ZipInfo(target), "w", force_zip64=True) as f:
                    if target.endswith(".xml"):
                        f.write(b'<?xml version="1.0"?><a>')
                    for _ in range(size >> 20):
                        f.write(chunk)
                    if target.endswith(".xml"):
                        f.write(b"</a>")
        elif op == "zip_comment":
            pass
        elif op == "nested_zip":
            inner = write_zip(parts, rng)
            parts = [("word/document.xml", inner)] + [(n, d) for n, d in parts if n != "word/document.xml"]
    data = write_zip(parts, rng, extra)
    if ops[-1].startswith("zip:truncate"):
        data = data[: rng.randrange(max(1, len(data)))]
    elif ops[-1].startswith("zip:corrupt_crc"):
        b = bytearray(data)
        at = data.find(b"PK\x03\x04", rng.randrange(max(1, len(data) // 2)))
        at = at if at >= 0 else 0
        b[at + 14 + rng.randrange(4)] ^= 0xFF  # the local header's CRC
        data = bytes(b)
    elif ops[-1].startswith("zip:zip_comment"):
        data = data[:-2] + (65535).to_bytes(2, "little") + b"c" * 65535
    return data, ops, name


# --------------------------------------------------------------------------------------
# Running and checking


def run(args, timeout, cwd, out_prefix):
    """Runs `args`; (exit code or None, signal or None, timed out, peak RSS in KB, seconds, stderr)."""
    stdout_path, stderr_path = out_prefix + ".stdout", out_prefix + ".stderr"

    def limits():
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    started = time.monotonic()
    with open(stdout_path, "wb") as so, open(stderr_path, "wb") as se:
        p = subprocess.Popen(args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=so, stderr=se, start_new_session=True,
                             preexec_fn=limits, env=dict(os.environ, RUST_BACKTRACE="1", NO_COLOR="1"))
    deadline = started + timeout
    pause = 0.001
    timed_out = False
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            timed_out = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            pid, status, usage = os.wait4(p.pid, 0)
            break
        time.sleep(pause)
        pause = min(pause * 1.5, 0.02)
    elapsed = time.monotonic() - started
    p.returncode = os.waitstatus_to_exitcode(status)
    try:  # anything the process left in its group
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    code = sig = None
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
    with open(stderr_path, "rb") as f:
        stderr = f.read().decode("utf-8", "replace")
    return code, sig, timed_out, usage.ru_maxrss, elapsed, stderr


PANIC_RE = re.compile(r"panicked at ([^\n]*):\n([^\n]*)|internal error, this report was not exported \(([^\n]*)\)")


def classify(code, sig, timed_out, stderr):
    """A failure reason and detail for a run, or None."""
    if timed_out:
        return "timeout", "no exit within %.0f s" % TIMEOUT
    if sig is not None:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return "signal", "killed by %s\n%s" % (name, stderr[-2000:])
    if code == 101:
        return "panic", panic_detail(stderr)
    if code in (134, 139):
        return "abort", stderr[-2000:]
    if code not in (0, 1, 2):
        return "exit-code", "exit %s\n%s" % (code, stderr[-2000:])
    if PANIC_RE.search(stderr):
        return "caught-panic", panic_detail(stderr)
    return None


def panic_detail(stderr):
    m = PANIC_RE.search(stderr)
    if not m:
        return stderr[-2000:]
    if m.group(1):
        return "panicked at %s: %s" % (m.group(1), m.group(2))
    return "internal error: " + m.group(3)


FORBIDDEN_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def check_docx(path):
    """None when every part of the DOCX is whole and well-formed, else why not."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        return "docx-zip", "%s: %s" % (os.path.basename(path), e)
    with z:
        bad = z.testzip()
        if bad:
            return "docx-zip", "bad CRC in %s" % bad
        names = z.namelist()
        for required in ("[Content_Types].xml", "word/document.xml"):
            if required not in names:
                return "docx-part-missing", required
        for name in names:
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            data = z.read(name)
            try:
                ET.fromstring(data)
            except ET.ParseError as e:
                return "docx-xml", "%s: %s" % (name, e)
            if name.startswith("word/charts/"):
                # the figures (numCache), not the category labels (strCache: a name may be "inf")
                for cache in re.findall(rb"<c:numCache>.*?</c:numCache>", data, re.S):
                    for v in re.findall(rb"<c:v>([^<]*)</c:v>", cache):
                        try:
                            finite = math.isfinite(float(v))
                        except ValueError:
                            finite = False
                        if not finite:
                            return "docx-chart-nan", "%s: <c:v>%s</c:v> in a numCache" % (
                                name, v.decode("utf-8", "replace"))
    return None


PDF_STRING_RE = re.compile(rb"\((?:[^()\\]|\\.)*\)", re.S)
PDF_HEX_RE = re.compile(rb"<(?!<)[0-9A-Fa-f\s]*>")
PDF_COMMENT_RE = re.compile(rb"%[^\r\n]*")
PDF_BAD_NUMBER_RE = re.compile(rb"(?<![A-Za-z0-9_./#\-+])[-+]?(?:NaN|nan|inf|Inf|infinity|Infinity)(?![A-Za-z0-9_])")
PDF_NUMBER_RE = re.compile(rb"(?<![A-Za-z0-9_./#])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![A-Za-z0-9_.])")
OBJ_RE = re.compile(rb"(?:^|\n)((?:%%[^\n]*\n)*)(\d+) 0 obj\n")


def strip_pdf_strings(data):
    prev = None
    while prev != data:
        prev = data
        data = PDF_STRING_RE.sub(b" ", data)
    data = PDF_HEX_RE.sub(b" ", data)
    return data


def check_pdf(path, scratch):
    """None when the PDF passes qpdf --check and no NaN/inf stands as an operand, else why not."""
    r = subprocess.run([QPDF, "--check", path], capture_output=True, timeout=60)
    if r.returncode != 0:
        text = (r.stdout + r.stderr).decode("utf-8", "replace")
        lines = [ln for ln in text.splitlines() if "WARNING" in ln or "error" in ln.lower()] or text.splitlines()
        return "pdf-qpdf-check", "qpdf --check exit %d: %s" % (r.returncode, "; ".join(lines[:3]))
    qdf = scratch + ".qdf.pdf"
    r = subprocess.run([QPDF, "--qdf", "--object-streams=disable", path, qdf], capture_output=True, timeout=60)
    if r.returncode not in (0, 3):
        return "pdf-qpdf-qdf", (r.stdout + r.stderr).decode("utf-8", "replace")[:500]
    with open(qdf, "rb") as f:
        data = f.read()
    os.unlink(qdf)
    marks = list(OBJ_RE.finditer(data))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(data)
        obj = data[m.end():end]
        is_contents = b"Contents for page" in m.group(1)
        s = obj.find(b"\nstream\n")
        if s >= 0:
            head = obj[:s]
            e = obj.rfind(b"endstream")
            stream = obj[s + 8:e if e > s else len(obj)]
            scan_stream = is_contents or b"/Subtype /Form" in head or b"/PatternType" in head
        else:
            head, stream, scan_stream = obj, b"", False
        for what, text in (("object %s" % m.group(2).decode(), head),
                           ("content stream of object %s" % m.group(2).decode(), stream if scan_stream else b"")):
            if not text:
                continue
            clean = PDF_COMMENT_RE.sub(b" ", strip_pdf_strings(text))
            bad = PDF_BAD_NUMBER_RE.search(clean)
            if bad:
                at = bad.start()
                return "pdf-nan", "%s: %r in ...%s..." % (what, bad.group(0).decode(), clean[max(0, at - 60):at + 30]
                                                          .decode("latin-1"))
            if scan_stream and text is stream:
                for num in PDF_NUMBER_RE.finditer(clean):
                    try:
                        big = abs(float(num.group(0))) > 1e9
                    except ValueError:
                        big = False
                    if big:
                        at = num.start()
                        return "pdf-huge-operand", "%s: %s in ...%s..." % (
                            what, num.group(0).decode(), clean[max(0, at - 60):at + 30].decode("latin-1"))
    return None


def check_outputs(out_dir, scratch, code, expect_outputs):
    """(failure or None, counts of files checked)."""
    files = sorted(os.listdir(out_dir)) if os.path.isdir(out_dir) else []
    counts = collections.Counter()
    if code != 0 and files:
        return ("partial-output", "exit %s but the output directory holds %s" % (code, ", ".join(files[:5]))), counts
    if code == 0 and expect_outputs:
        exts = {f.rsplit(".", 1)[-1] for f in files}
        missing = [e for e in expect_outputs if e not in exts]
        if missing:
            return ("missing-output", "exit 0 but no %s among %s" % (",".join(missing), files[:8])), counts
    leftovers = [f for f in files if f.rsplit(".", 1)[-1] not in ("pdf", "docx", "txt")]
    if leftovers:
        return ("leftover-files", "unexpected files in the output directory: %s" % leftovers[:5]), counts
    for f in files:
        path = os.path.join(out_dir, f)
        if f.endswith(".docx"):
            counts["docx"] += 1
            bad = check_docx(path)
        elif f.endswith(".pdf"):
            counts["pdf"] += 1
            bad = check_pdf(path, scratch)
        elif f.endswith(".txt"):
            counts["txt"] += 1
            try:
                open(path, "rb").read().decode("utf-8")
                bad = None
            except UnicodeDecodeError as e:
                bad = ("txt-utf8", str(e))
        else:
            bad = None
        if bad:
            return bad, counts
    return None, counts


def signature(reason, detail):
    """What makes two failures the same kind: the reason and the detail without numbers and paths."""
    first = (detail or "").strip().splitlines()[0] if (detail or "").strip() else ""
    first = re.sub(r"/\S+/v\d+\.\w+", "VARIANT", first)
    first = re.sub(r"\b[0-9a-f]{8,}\b", "H", first)
    if reason in ("panic", "caught-panic"):
        m = re.match(r"panicked at (\S+?):\d+:\d+: (.*)", first)
        if m:
            first = "%s: %s" % (m.group(1), m.group(2))
    first = re.sub(r"\d+", "N", first)
    return "%s | %s" % (reason, first[:200])


CFG = None


def init_worker(cfg):
    global CFG
    CFG = cfg
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def task(job):
    """One variant: generate, run, check. Returns a result dict."""
    phase, index = job
    cfg = CFG
    rng = random.Random("%s/%s/%d" % (cfg["seed"], phase, index))
    work = os.path.join(cfg["out"], "work", "%s-%06d" % (phase, index))
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    task_started = time.monotonic()
    result = {"phase": phase, "index": index, "runs": 0, "exit": None, "follow_exit": None, "rss_kb": 0,
              "checked": {}, "failure": None}
    try:
        if phase == "export":
            seeds = cfg["export_seeds"]
            fmt, text, ops, seed_name = make_export_variant(rng, seeds)
            variant = os.path.join(work, "v%06d.%s" % (index, fmt))
            kinds = ["format:" + fmt] + ops
        else:
            if index % 2 == 0:
                text, ops, seed_name = make_text_variant(rng, cfg["text_bases"])
                ext = "txt"
            else:
                text, ops, seed_name = make_docx_variant(rng, cfg["docx_bases"])
                ext = "docx"
            variant = os.path.join(work, "v%06d.%s" % (index, ext))
            kinds = ["format:" + ext] + ops
        with open(variant, "wb") as f:
            f.write(text)
        size = len(text)
        result.update(kinds=kinds, seed=seed_name, size=size)
        del text
        failure = None
        if phase == "export":
            out_dir = os.path.join(work, "out")
            args = [cfg["bin"], "export", variant, "-o", out_dir, "-f", "pdf,docx,txt", "--force"]
            if rng.random() < 0.2:
                args += ["-t", "briefing"]
            code, sig, timed_out, rss, secs, stderr = run(args, TIMEOUT, work, os.path.join(work, "run"))
            result.update(runs=1, exit=code if sig is None else "signal %d" % sig, rss_kb=rss, seconds=secs)
            if timed_out:
                result["exit"] = "timeout"
            failure = classify(code, sig, timed_out, stderr)
            if not failure and size < SMALL_INPUT and rss > RSS_LIMIT_KB:
                failure = ("rss", "peak RSS %d MB for a %d-byte input" % (rss >> 10, size))
            if not failure:
                failure, counts = check_outputs(out_dir, os.path.join(work, "check"), code, ["pdf", "docx", "txt"])
                result["checked"] = dict(counts)
            result["stderr"] = stderr[:600]
            result["command"] = args
        else:
            summary = os.path.join(work, "OUT.toml")
            args = [cfg["bin"], "import", variant, "-o", summary, "--force"]
            code, sig, timed_out, rss, secs, stderr = run(args, TIMEOUT, work, os.path.join(work, "run"))
            result.update(runs=1, exit=code if sig is None else "signal %d" % sig, rss_kb=rss, seconds=secs)
            if timed_out:
                result["exit"] = "timeout"
            failure = classify(code, sig, timed_out, stderr)
            if not failure and size < SMALL_INPUT and rss > RSS_LIMIT_KB:
                failure = ("rss", "peak RSS %d MB for a %d-byte input" % (rss >> 10, size))
            if not failure and code == 0 and not os.path.isfile(summary):
                failure = ("missing-output", "import exit 0 but no summary written")
            result["stderr"] = stderr[:600]
            result["command"] = args
            if not failure and code == 0:
                out_dir = os.path.join(work, "out")
                os.makedirs(out_dir)
                args2 = [cfg["bin"], "export", summary, "-o", out_dir, "-f", "pdf,docx,txt"]
                code2, sig2, to2, rss2, secs2, stderr2 = run(args2, TIMEOUT, work, os.path.join(work, "run2"))
                result["runs"] = 2
                result["follow_exit"] = code2 if sig2 is None else "signal %d" % sig2
                if to2:
                    result["follow_exit"] = "timeout"
                result["rss_kb"] = max(rss, rss2)
                failure = classify(code2, sig2, to2, stderr2)
                if failure:
                    failure = ("after-import-" + failure[0], failure[1])
                elif code2 != 0 and re.search(r"\bexists?\b", stderr2):
                    failure = ("after-import-exists", stderr2.strip()[-500:])
                elif os.path.getsize(summary) < SMALL_INPUT and rss2 > RSS_LIMIT_KB:
                    failure = ("after-import-rss", "peak RSS %d MB exporting the imported summary" % (rss2 >> 10))
                if not failure:
                    failure, counts = check_outputs(out_dir, os.path.join(work, "check"), code2,
                                                    ["pdf", "docx", "txt"])
                    if failure:
                        failure = ("after-import-" + failure[0], failure[1])
                    result["checked"] = dict(counts)
                if code2 not in (0, None):
                    result["follow_stderr"] = stderr2[-600:]
                result["follow_command"] = args2
        if failure:
            result["failure"] = {"reason": failure[0], "detail": failure[1]}
            keep = os.path.join(cfg["out"], "failures")
            base = "%s-%06d" % (phase, index)
            kept = os.path.join(keep, base + "." + variant.rsplit(".", 1)[-1])
            shutil.copyfile(variant, kept)
            if phase == "import" and os.path.isfile(os.path.join(work, "OUT.toml")):
                shutil.copyfile(os.path.join(work, "OUT.toml"), os.path.join(keep, base + ".imported.toml"))
            with open(os.path.join(keep, base + ".reason.txt"), "w") as f:
                f.write("reason: %s\nvariant: %s\nseed file: %s\nmutations: %s\nsize: %d\nexit: %s\n"
                        "follow-up export exit: %s\npeak RSS: %d KB\ncommand: %s\n" % (
                            failure[0], kept, seed_name, ", ".join(kinds), size, result["exit"],
                            result["follow_exit"], result["rss_kb"], " ".join(result.get("command", []))))
                if result.get("follow_command"):
                    f.write("follow-up command: %s\n" % " ".join(result["follow_command"]))
                f.write("\ndetail:\n%s\n" % failure[1])
                for name in ("run.stderr", "run2.stderr"):
                    p = os.path.join(work, name)
                    if os.path.isfile(p):
                        f.write("\n--- %s ---\n" % name)
                        f.write(open(p, "rb").read()[-20000:].decode("utf-8", "replace"))
            result["failure"]["variant"] = kept
    except Exception as e:  # a bug in this script: reported, never silent
        import traceback
        result["failure"] = {"reason": "harness-error", "detail": "%s\n%s" % (e, traceback.format_exc()[-2000:]),
                             "variant": None}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result["task_seconds"] = round(time.monotonic() - task_started, 2)
    return result


# --------------------------------------------------------------------------------------
# Main


def prepare_import_bases(binary, work):
    """Text and DOCX reports of the examples, as baogao exports them."""
    os.makedirs(work, exist_ok=True)
    text_bases, docx_bases = {}, {}
    for name in sorted(os.listdir(os.path.join(ROOT, "examples"))):
        if not name.endswith(".toml"):
            continue
        out = os.path.join(work, name[:-5])
        shutil.rmtree(out, ignore_errors=True)
        r = subprocess.run([binary, "export", os.path.join(ROOT, "examples", name), "-o", out, "-f", "txt,docx",
                            "--force", "-q"], capture_output=True, timeout=120)
        if r.returncode != 0:
            sys.exit("cannot export %s for the import seeds: %s" % (name, r.stderr.decode(errors="replace")))
        for f in os.listdir(out):
            data = open(os.path.join(out, f), "rb").read()
            (text_bases if f.endswith(".txt") else docx_bases)[f] = data
    summary = os.path.join(ROOT, "examples", "gaoxin-2022-summary.txt")
    if os.path.isfile(summary):
        text_bases["gaoxin-2022-summary.txt"] = open(summary, "rb").read()
    return text_bases, docx_bases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--export", type=int, default=5000, help="export variants (default 5000)")
    ap.add_argument("--import", dest="imports", type=int, default=2000, help="import variants (default 2000)")
    ap.add_argument("--seed", default="1", help="seed of every variant (default 1)")
    ap.add_argument("--bin", required=True, help="the baogao binary")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "mutation-run"), help="output directory")
    ap.add_argument("--workers", type=int, default=2, help="parallel runs (default 2)")
    args = ap.parse_args()

    binary = os.path.abspath(args.bin)
    out = os.path.abspath(args.out)
    if not os.access(binary, os.X_OK):
        sys.exit("no executable baogao at %s" % binary)
    for sub in ("failures", "work", "seeds"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(os.path.join(out, "failures"))
    os.makedirs(os.path.join(out, "work"))
    seeds = load_export_seeds(os.path.join(out, "seeds", "export"))
    text_bases, docx_bases = prepare_import_bases(binary, os.path.join(out, "seeds", "import"))
    # the seeds themselves must export cleanly: a mutation run over broken seeds proves little
    for name in seeds:
        path = os.path.join(out, "seeds", "export", name)
        r = subprocess.run([binary, "export", path, "-o", os.path.join(out, "seeds", "check"), "-f", "pdf,docx,txt",
                            "--force", "-q"], capture_output=True, timeout=120)
        if r.returncode != 0:
            print("warning: seed %s does not export: %s" % (name, r.stderr.decode(errors="replace").strip()),
                  file=sys.stderr)
    shutil.rmtree(os.path.join(out, "seeds", "check"), ignore_errors=True)

    cfg = {"seed": args.seed, "bin": binary, "out": out, "export_seeds": seeds, "text_bases": text_bases,
           "docx_bases": docx_bases}
    jobs = [("export", i) for i in range(args.export)] + [("import", i) for i in range(args.imports)]
    # interleave, so that a partial run sees both phases
    jobs.sort(key=lambda j: (j[1] / max(1, args.export if j[0] == "export" else args.imports), j[0]))

    started = time.monotonic()
    results = []
    total = len(jobs)
    last_report = started
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers, initializer=init_worker,
                                                initargs=(cfg,)) as pool:
        futures = [pool.submit(task, job) for job in jobs]
        for n, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            res = fut.result()
            results.append(res)
            now = time.monotonic()
            if now - last_report > 30 or n == total:
                failures = sum(1 for r in results if r["failure"])
                print("[%5.0f s] %d/%d variants, %d failures" % (now - started, n, total, failures),
                      file=sys.stderr, flush=True)
                last_report = now
    elapsed = time.monotonic() - started
    results.sort(key=lambda r: (r["phase"], r["index"]))

    kinds = {"export": collections.Counter(), "import": collections.Counter()}
    exits = {"export": collections.Counter(), "import": collections.Counter(), "export_after_import": collections.Counter()}
    checked = collections.Counter()
    messages = {"export": collections.Counter(), "import": collections.Counter()}
    failures = []
    groups = collections.OrderedDict()
    max_rss = (0, None)
    max_rss_small = (0, None)
    runs = 0
    seconds = {"export": collections.Counter(), "import": collections.Counter()}
    for r in results:
        runs += r["runs"]
        for k in r.get("kinds", []):
            kind = ":".join(k.split(":")[:2])
            kinds[r["phase"]][kind] += 1
            seconds[r["phase"]][kind] += r.get("task_seconds", 0)
        exits[r["phase"]][str(r["exit"])] += 1
        if r["follow_exit"] is not None:
            exits["export_after_import"][str(r["follow_exit"])] += 1
        checked.update(r.get("checked", {}))
        if r["exit"] not in (0, None) and r.get("stderr"):
            line = r["stderr"].strip().splitlines()[0] if r["stderr"].strip() else ""
            line = re.sub(r"^error: \S+?:(\d+:\d+: )?", "", line)
            line = re.sub(r"`[^`]*`", "`…`", line)
            messages[r["phase"]][re.sub(r"\d+", "N", line)[:120]] += 1
        name = "%s-%06d" % (r["phase"], r["index"])
        if r["rss_kb"] > max_rss[0]:
            max_rss = (r["rss_kb"], name)
        if r.get("size", SMALL_INPUT) < SMALL_INPUT and r["rss_kb"] > max_rss_small[0]:
            max_rss_small = (r["rss_kb"], name)
        if r["failure"]:
            f = dict(r["failure"])
            f.update(phase=r["phase"], index=r["index"], exit=r["exit"], follow_exit=r["follow_exit"],
                     rss_kb=r["rss_kb"], size=r.get("size"), mutations=r.get("kinds"), seed_file=r.get("seed"))
            failures.append(f)
            sig = signature(f["reason"], f["detail"])
            g = groups.setdefault(sig, {"count": 0, "example": f.get("variant"), "detail": (f["detail"] or "")[:400]})
            g["count"] += 1
    summary = {
        "seed": args.seed,
        "binary": binary,
        "out": out,
        "variants": {"export": args.export, "import": args.imports,
                     "import_txt": sum(1 for r in results if r["phase"] == "import" and r["index"] % 2 == 0),
                     "import_docx": sum(1 for r in results if r["phase"] == "import" and r["index"] % 2 == 1)},
        "mutations": {p: dict(sorted(c.items())) for p, c in kinds.items()},
        "exit_codes": {p: dict(sorted(c.items())) for p, c in exits.items()},
        "seconds_by_mutation": {p: {k: round(v, 1) for k, v in c.most_common()} for p, c in seconds.items()},
        "outputs_checked": dict(checked),
        "top_error_messages": {p: dict(c.most_common(25)) for p, c in messages.items()},
        "largest_rss": [{"variant": "%s-%06d" % (r["phase"], r["index"]), "rss_kb": r["rss_kb"],
                         "size": r.get("size"), "exit": r["exit"], "follow_exit": r["follow_exit"],
                         "mutations": r.get("kinds")}
                        for r in sorted(results, key=lambda r: -r["rss_kb"])[:5]],
        "slowest": [{"variant": "%s-%06d" % (r["phase"], r["index"]), "seconds": r.get("task_seconds"),
                     "size": r.get("size"), "exit": r["exit"], "follow_exit": r["follow_exit"],
                     "mutations": r.get("kinds")}
                    for r in sorted(results, key=lambda r: -r.get("task_seconds", 0))[:5]],
        "max_rss_kb": max_rss[0],
        "max_rss_variant": max_rss[1],
        "max_rss_kb_inputs_under_1mb": max_rss_small[0],
        "max_rss_variant_under_1mb": max_rss_small[1],
        "processes": runs,
        "elapsed_seconds": round(elapsed, 1),
        "execs_per_second": round(runs / elapsed, 2) if elapsed else None,
        "failure_count": len(failures),
        "failure_kinds": groups,
        "failures": failures,
    }
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, ensure_ascii=False, indent=2)
    shown = dict(summary)
    if len(failures) > 100:
        shown["failures"] = failures[:100]
        shown["failures_truncated"] = "%d more in %s" % (len(failures) - 100, os.path.join(out, "summary.json"))
    print(json.dumps(shown, ensure_ascii=False, indent=2))
    shutil.rmtree(os.path.join(out, "work"), ignore_errors=True)
    sys.exit(0 if not failures else 1)


if __name__ == "__main__":
    main()

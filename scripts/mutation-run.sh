#!/usr/bin/env bash
# A process-level mutation run: hostile reports (mutated examples, text and DOCX reports)
# must never crash baogao. See scripts/mutation_run.py for what is mutated and checked.
#
#   scripts/mutation-run.sh [--export N] [--import N] [--seed S] [--bin PATH] [--out DIR] [--workers W]
#
# Defaults: 5000 export variants, 2000 import variants, seed 1, 2 workers, the release
# binary built here with `cargo build --release` (in $CARGO_TARGET_DIR when set, else
# target/), output in target/mutation-run/. The variants are a function of the seed alone.
# Writes OUT/summary.json and prints it; the failing variants stay in OUT/failures/, each
# with a .reason.txt. Exits 0 only when nothing failed.
#
# Needs Python 3.11+ (tomllib) with PyYAML, and qpdf. The Python is the first with PyYAML
# of $MUTATION_PYTHON, /tmp/mutation-venv/bin/python, /tmp/baogao-tools-venv/bin/python and
# python3; when none has it, /tmp/mutation-venv is made and PyYAML installed in it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN=""
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) BIN="$2"; shift 2 ;;
        --bin=*) BIN="${1#--bin=}"; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) ARGS+=("$1"); shift ;;
    esac
done

command -v qpdf >/dev/null || { echo "qpdf is needed (apt-get install qpdf)" >&2; exit 2; }

has_yaml() { "$1" -c 'import sys, tomllib, yaml; assert sys.version_info >= (3, 11)' 2>/dev/null; }
PY=""
for candidate in "${MUTATION_PYTHON:-}" /tmp/mutation-venv/bin/python /tmp/baogao-tools-venv/bin/python python3; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null && has_yaml "$candidate"; then
        PY="$candidate"
        break
    fi
done
if [ -z "$PY" ]; then
    echo "making /tmp/mutation-venv with PyYAML" >&2
    python3 -m venv /tmp/mutation-venv
    /tmp/mutation-venv/bin/pip install --quiet pyyaml
    PY=/tmp/mutation-venv/bin/python
fi

if [ -z "$BIN" ]; then
    (cd "$ROOT" && cargo build --release --quiet)
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/baogao"
fi

exec "$PY" -B "$ROOT/scripts/mutation_run.py" --bin "$BIN" "${ARGS[@]}"

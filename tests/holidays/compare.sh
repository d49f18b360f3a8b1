#!/usr/bin/env bash
# Compares every built-in holiday calendar with the python `holidays`
# package (an independent implementation) for 2000-2040, and fails on any
# difference not listed, with its reason, in known-differences.txt.
# docs/holidays.md explains each listed difference.
#
# Environment:
#   FOLLOWUP_HOLIDAYS_PYTHON  a python interpreter that already has
#                             `holidays` (the pinned version) installed; when
#                             set, no virtual environment is made.
#   FOLLOWUP_HOLIDAYS_VENV    where to make (once) and reuse a virtual
#                             environment with requirements.txt installed;
#                             default $CARGO_TARGET_DIR/holidays-venv
#                             (CARGO_TARGET_DIR defaults to ./target).
#   PYTHON                    the python used to make that environment
#                             (default python3).
#
# Idempotent: the environment is reused when it already has the pinned
# version; outputs go to $CARGO_TARGET_DIR/holidays-compare/.
#
# Exit status: 0 all differences known; 1 unexpected or stale differences;
# 2 setup failed (no python, pip could not install, the Rust dump failed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
pinned="$(sed -n 's/^holidays==//p' "$here/requirements.txt")"

has_pinned() {
    "$1" -c "import sys, holidays; sys.exit(holidays.__version__ != '$pinned')" 2>/dev/null
}

if [ -n "${FOLLOWUP_HOLIDAYS_PYTHON:-}" ]; then
    python="$FOLLOWUP_HOLIDAYS_PYTHON"
    if ! "$python" -c 'import holidays' 2>/dev/null; then
        echo "compare.sh: $python cannot import holidays" >&2
        exit 2
    fi
    has_pinned "$python" || echo "compare.sh: warning: $python has not holidays==$pinned; differences may be new" >&2
else
    venv="${FOLLOWUP_HOLIDAYS_VENV:-$target/holidays-venv}"
    python="$venv/bin/python"
    if ! has_pinned "$python"; then
        echo "compare.sh: installing holidays==$pinned into $venv" >&2
        if ! { [ -x "$python" ] || "${PYTHON:-python3}" -m venv "$venv"; } ||
            ! "$python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2; then
            echo "compare.sh: could not set up $venv" >&2
            exit 2
        fi
    fi
fi

out="$target/holidays-compare"
mkdir -p "$out"

# Our side: an ignored test in tests/holidays_python.rs writes the JSON.
if ! (cd "$root" && FOLLOWUP_HOLIDAYS_DUMP="$out/ours.json" \
    cargo test --quiet --test holidays_python -- --ignored --exact dump_builtin_calendars \
    >"$out/cargo.log" 2>&1); then
    cat "$out/cargo.log" >&2
    echo "compare.sh: the Rust dump failed" >&2
    exit 2
fi
if ! "$python" "$here/dump.py" 2000 2040 >"$out/python.json"; then
    echo "compare.sh: dump.py failed" >&2
    exit 2
fi

"$python" "$here/compare.py" "$out/ours.json" "$out/python.json" "$here/known-differences.txt"

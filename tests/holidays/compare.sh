#!/usr/bin/env bash
# Compares every built-in holiday calendar with the python `holidays`
# package (an independent implementation) for 2000-2060, and fails on any
# difference not listed, with its reason, in known-differences.txt.
# docs/holidays.md explains each listed difference.
#
# The python environment comes from venv.sh (see there). Also checks that
# the generated tables and zone table are what scripts/gen-holidays.py and
# scripts/gen-zones.py make (--check). Outputs go to
# $CARGO_TARGET_DIR/holidays-compare/.
#
# Exit status: 0 all differences known; 1 unexpected or stale differences;
# 2 setup failed (no python, pip could not install, the Rust dump failed).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
python="$(bash "$here/venv.sh")" || exit 2
pinned="$(sed -n 's/^holidays==//p' "$here/requirements.txt")"
if ! "$python" -c "import sys, holidays; sys.exit(holidays.__version__ != '$pinned')" 2>/dev/null; then
    echo "compare.sh: warning: $python has not holidays==$pinned; differences may be new" >&2
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
if ! "$python" "$here/dump.py" 2000 2060 "$out/ours.json" >"$out/python.json"; then
    echo "compare.sh: dump.py failed" >&2
    exit 2
fi

status=0
"$python" "$root/scripts/gen-holidays.py" --check || status=1
"$python" "$root/scripts/gen-zones.py" --check || status=1
"$python" "$here/compare.py" "$out/ours.json" "$out/python.json" "$here/known-differences.txt" || status=1
exit $status

#!/usr/bin/env bash
# Prints the path of a python that has tests/holidays/requirements.txt
# installed, making (once) and reusing a virtual environment.
#
#   FOLLOWUP_HOLIDAYS_PYTHON  use this interpreter as it is (no venv)
#   FOLLOWUP_HOLIDAYS_VENV    the venv (default $CARGO_TARGET_DIR/holidays-venv)
#   PYTHON                    the python that makes it (default python3)
#
# Idempotent: the venv is remade only when requirements.txt changes (a
# stamp holds its sha256). Exit 2 when it cannot be set up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -n "${FOLLOWUP_HOLIDAYS_PYTHON:-}" ]; then
    echo "$FOLLOWUP_HOLIDAYS_PYTHON"
    exit 0
fi
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
venv="${FOLLOWUP_HOLIDAYS_VENV:-$target/holidays-venv}"
req="$here/requirements.txt"
want="$(sha256sum "$req" | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
    echo "venv.sh: installing $req into $venv" >&2
    if ! { [ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"; } ||
        ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2; then
        echo "venv.sh: could not set up $venv" >&2
        exit 2
    fi
    echo "$want" >"$venv/.requirements.sha256"
fi
echo "$venv/bin/python"

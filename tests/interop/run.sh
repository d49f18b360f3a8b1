#!/usr/bin/env bash
# Interop suite: read followup's calendars with four independent iCalendar
# parsers and two real calendar programs, and compare with `followup plan`.
#
#   tests/interop/run.sh [BIN]          selftest + every fixture through BIN
#   tests/interop/run.sh --selftest     only check the checkers (no binary)
#   tests/interop/run.sh BIN FILE.yaml  selftest + just these fixtures
#
# BIN defaults to $FOLLOWUP_BIN, else target/debug/followup.
# Needs what scripts/test.sh installs: the venv ($INTEROP_VENV, default
# target/interop-venv) with icalendar/vobject/PyYAML, tests/interop/node_modules
# (ical.js), Debian's python3 with python3-gi + gir1.2-ical-3.0, khal, calcurse.
# Work files and per-fixture reports go to $INTEROP_OUT (default target/interop).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

selftest=()
if [[ "${1:-}" == "--selftest" ]]; then
  selftest=(--selftest)
  shift
fi
bin="${1:-${FOLLOWUP_BIN:-$repo/target/debug/followup}}"
[[ $# -gt 0 ]] && shift

venv="${INTEROP_VENV:-$repo/target/interop-venv}"
out="${INTEROP_OUT:-$repo/target/interop}"
sys_py="${INTEROP_SYSTEM_PYTHON:-/usr/bin/python3}"

missing=()
[[ -x "$venv/bin/python" ]] || missing+=("venv $venv")
[[ -d "$here/node_modules/ical.js" ]] || missing+=("tests/interop/node_modules/ical.js")
command -v node >/dev/null || missing+=("node")
command -v khal >/dev/null || missing+=("khal")
command -v calcurse >/dev/null || missing+=("calcurse")
"$sys_py" -c 'import gi; gi.require_version("ICalGLib", "3.0")' 2>/dev/null \
  || missing+=("$sys_py with python3-gi and gir1.2-ical-3.0")
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "interop: missing ${missing[*]}; run scripts/test.sh (it installs them)" >&2
  exit 2
fi
if [[ ${#selftest[@]} -eq 0 ]]; then
  if [[ ! -x "$bin" ]]; then
    echo "interop: no followup binary at $bin (pass its path, set FOLLOWUP_BIN, or use --selftest)" >&2
    exit 2
  fi
  bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
fi

exec "$venv/bin/python" "$here/driver.py" "${selftest[@]}" \
  --out "$out" --repo "$repo" \
  --venv-python "$venv/bin/python" --system-python "$sys_py" \
  --node "$(command -v node)" --khal "$(command -v khal)" --calcurse "$(command -v calcurse)" \
  "$bin" "$@"

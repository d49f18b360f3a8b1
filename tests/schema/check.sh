#!/usr/bin/env bash
# Validates schema/followup.schema.json with an independent validator
# (python-jsonschema, draft 2020-12): every fixture and the starter file must
# pass, every file in tests/schema/bad/ must fail. Prints "N passed, N failed"
# and exits non-zero on any failure.
#
# Usage: bash tests/schema/check.sh
# Installs jsonschema and ruamel.yaml (a YAML 1.2 loader) into a venv at
# target/schema-venv, once; later runs reuse it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/target/schema-venv"
if ! "$venv/bin/python" -c 'import jsonschema, ruamel.yaml' 2>/dev/null; then
    python3 -m venv "$venv" || {
        echo "error: cannot create $venv (on Debian: apt-get install python3-venv)" >&2
        exit 2
    }
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
        'jsonschema>=4.18' 'ruamel.yaml>=0.18'
fi
exec "$venv/bin/python" "$root/tests/schema/check.py" "$root"

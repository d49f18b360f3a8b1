#!/usr/bin/env bash
# The holiday-file corpus, date by date against an independent expansion
# (python icalendar + recurring_ical_events): real files from PyPI packages
# (corpus/MANIFEST, fetched and sha256-checked by corpus/fetch.py), files
# generator packages write at test time (corpus/generate.py) and our own
# edge cases (corpus/ours/). Fails on any difference not listed, with its
# reason, in corpus/differences.txt (docs/holidays.md explains each reason).
#
#   FOLLOWUP_BIN   the binary to test (default: a fresh debug build)
#   see venv.sh for the python environment
#
# Exit status: 0 every difference known; 1 otherwise; 2 setup failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac
python="$(bash "$here/venv.sh")" || exit 2
bin="${FOLLOWUP_BIN:-}"
if [ -z "$bin" ]; then
    (cd "$root" && cargo build --quiet) || { echo "corpus.sh: cargo build failed" >&2; exit 2; }
    bin="$target/debug/followup"
fi
out="$target/holiday-corpus"
rm -rf "$out/files"
mkdir -p "$out/files"
"$python" "$here/corpus/fetch.py" "$out/files" "$out/cache" || exit 2
"$python" "$here/corpus/generate.py" "$out/files" || exit 2
cp "$here/corpus/ours/"*.ics "$out/files/"
"$python" "$here/corpus/compare.py" "$bin" "$python" "$out/files" "$here/corpus/differences.txt"

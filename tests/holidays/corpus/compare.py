#!/usr/bin/env python3
"""Check every corpus file date by date: the dates followup's reader closes
(`followup holidays FILE --from .. --to .. --format json`) against the
independent expansion (expand.py: python icalendar + recurring_ical_events),
over one fixed window.

Usage: compare.py FOLLOWUP PYTHON DIR DIFFERENCES.txt

Every difference must be listed in DIFFERENCES.txt, one line each:
    FILE-ID  DATE  ours|python  REASON-KEY
or, for a file one side refuses whole:
    FILE-ID  *  refused-by-ours|refused-by-python  REASON-KEY
and every REASON-KEY is explained in docs/holidays.md under "Holiday files
against python" (compare.py checks the key appears there).

Exit status: 0 all differences listed; 1 an unlisted or stale difference;
2 it could not run.
"""

import json
import os
import subprocess
import sys

FROM, TO = "2000-01-01", "2035-12-31"
HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "..", "..", "docs", "holidays.md")


def ours(followup, path):
    r = subprocess.run([followup, "holidays", path, "--from", FROM, "--to", TO, "--format", "json"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or ["?"])[0]
    return {h["date"] for h in json.loads(r.stdout)["holidays"]}, None


def theirs(python, path):
    r = subprocess.run([python, os.path.join(HERE, "expand.py"), path, FROM, TO],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or ["?"])[-1]
    out = json.loads(r.stdout)
    if "error" in out:
        return None, out["error"]
    return set(out["dates"]), None


def load_known(path):
    known = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) != 4:
                sys.exit(f"{path}:{number}: expected FILE-ID DATE SIDE REASON-KEY")
            known[(parts[0], parts[1])] = (parts[2], parts[3])
    return known


def main(followup, python, folder, known_path):
    known = load_known(known_path)
    with open(DOCS, encoding="utf-8") as f:
        docs = f.read()
    problems = 0
    for reason in sorted({reason for _, reason in known.values()}):
        if f"`{reason}`" not in docs:
            print(f"reason `{reason}` is not explained in docs/holidays.md")
            problems += 1
    files = sorted(f for f in os.listdir(folder) if f.endswith(".ics"))
    seen = set()
    compared = agree = differing_files = 0
    by_reason = {}
    for name in files:
        ident = name[:-4]
        path = os.path.join(folder, name)
        mine, my_error = ours(followup, path)
        other, other_error = theirs(python, path)
        found = []
        if my_error or other_error:
            if my_error and other_error:
                found.append(("*", "refused-by-both", f"ours: {my_error} | python: {other_error}"))
            elif my_error:
                found.append(("*", "refused-by-ours", my_error))
            else:
                found.append(("*", "refused-by-python", other_error))
        else:
            compared += len(mine | other)
            for d in sorted(mine - other):
                found.append((d, "ours", "only followup closes it"))
            for d in sorted(other - mine):
                found.append((d, "python", "only the python expansion closes it"))
        if not found:
            agree += 1
            print(f"ok          {ident}: {len(mine)} dates")
            continue
        differing_files += 1
        for date, side, what in found:
            seen.add((ident, date))
            entry = known.get((ident, date))
            if entry and entry[0] == side:
                by_reason[entry[1]] = by_reason.get(entry[1], 0) + 1
                print(f"known       {ident} {date} {side}: {entry[1]}")
            else:
                problems += 1
                print(f"UNEXPECTED  {ident} {date} {side}: {what}")
    for (ident, date), (side, reason) in sorted(known.items()):
        if (ident, date) not in seen:
            problems += 1
            print(f"STALE       {ident} {date} listed as {side} ({reason}) but both agree")
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(by_reason.items()))
    print(f"corpus: {len(files)} files, {agree} agree date for date, {differing_files} with "
          f"known differences ({reasons}); {compared} dates compared; {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:5]))

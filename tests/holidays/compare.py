#!/usr/bin/env python3
"""Compare followup's built-in holiday calendars with python-holidays.

Usage: compare.py OURS.json PYTHON.json KNOWN_DIFFERENCES.txt

Both JSON files have the shape dump.py prints. Dates are compared, not
names (the two name holidays differently). For each calendar it prints how
many dates it compared (the union of both sides) and every difference, each
marked known (listed in the allow-list, with its reason) or UNEXPECTED.

Exit status: 0 when every difference is listed; 1 when a difference is not
listed, a listed one no longer occurs (stale entry), or the calendars or
years of the two sides do not match.
"""

import json
import sys


def load_known(path):
    """Lines `CALENDAR DATE SIDE REASON...`; SIDE is `ours` or `python`."""
    known = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4 or parts[2] not in ("ours", "python"):
                sys.exit(f"{path}:{number}: expected CALENDAR DATE ours|python REASON")
            calendar, date, side, reason = parts
            known[(calendar, date)] = (side, reason)
    return known


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        ours = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        theirs = json.load(f)
    known = load_known(argv[3])

    problems = 0
    if ours["years"] != theirs["years"]:
        print(f"years differ: ours {ours['years']}, python {theirs['years']}")
        problems += 1
    if sorted(ours["calendars"]) != sorted(theirs["calendars"]):
        print(f"calendars differ: ours {sorted(ours['calendars'])}, "
              f"python {sorted(theirs['calendars'])}")
        problems += 1

    first, last = theirs["years"]
    print(f"python-holidays {theirs['python_holidays_version']}, years {first}-{last}")
    total = total_known = 0
    seen = set()
    for name in ours["calendars"]:
        if name not in theirs["calendars"]:
            continue
        # A table calendar holding fewer years is compared in those.
        lo, hi = ours.get("coverage", {}).get(name, [first, last])
        inside = lambda date: lo <= int(date[:4]) <= hi
        mine = {}
        for date, holiday in ours["calendars"][name]:
            mine.setdefault(date, []).append(holiday)
        other = {}
        for date, holiday in theirs["calendars"][name]:
            if inside(date):
                other.setdefault(date, []).append(holiday)
        compared = sorted(set(mine) | set(other))
        differences = [d for d in compared if (d in mine) != (d in other)]
        total += len(compared)
        listed = sum(1 for d in differences if (name, d) in known)
        total_known += listed
        years = f" (years {lo}-{hi})" if (lo, hi) != (first, last) else ""
        print(f"{name:7} {len(compared):5} compared, {len(differences):3} differences"
              + (f" ({listed} known)" if differences else "") + years)
        for date in differences:
            side = "ours" if date in mine else "python"
            what = "; ".join(mine.get(date) or other.get(date))
            entry = known.get((name, date))
            seen.add((name, date))
            if entry and entry[0] == side:
                print(f"    known       {date} only {side:6} {what}: {entry[1]}")
            else:
                problems += 1
                print(f"    UNEXPECTED  {date} only {side:6} {what}")
    for (name, date), (side, reason) in sorted(known.items()):
        if (name, date) not in seen:
            problems += 1
            print(f"    STALE       {name} {date} listed as only {side} but both agree: {reason}")
    print(f"holidays compared: {total} dates in {len(ours['calendars'])} calendars, "
          f"{total_known} known differences, {problems} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

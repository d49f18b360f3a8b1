#!/usr/bin/env python3
"""Print python-holidays' dates for each of followup's built-in calendars:
the twelve rule-based ones (CALENDARS below) and every table calendar
(`XX` is country XX, `XX-YY` country XX with subdivision YY; the names are
those in OURS.json, the file followup's dump wrote).

Output (stdout): JSON
    {"python_holidays_version": "0.109", "years": [2000, 2040],
     "calendars": {"US": [["2000-01-01", "New Year's Day"], ...], ...}}

Usage: dump.py FROM_YEAR TO_YEAR [OURS.json]
"""

import json
import sys
import warnings

import holidays

# followup name -> (python-holidays country, keyword arguments).
# Only the default "public" category is used, except for DE-BY: python-holidays
# files Assumption Day under a "catholic" category (it is a holiday only in
# Bavaria's mostly Catholic municipalities); followup includes it, so the
# comparison includes that category too (docs/holidays.md says why).
CALENDARS = {
    "US": ("US", {}),
    "CA": ("CA", {}),
    "GB-ENG": ("GB", {"subdiv": "ENG"}),
    "GB-SCT": ("GB", {"subdiv": "SCT"}),
    "IE": ("IE", {}),
    "DE": ("DE", {}),
    "DE-BY": ("DE", {"subdiv": "BY", "categories": ("public", "catholic")}),
    "FR": ("FR", {}),
    "NL": ("NL", {}),
    "AU": ("AU", {}),
    "AU-NSW": ("AU", {"subdiv": "NSW"}),
    "NZ": ("NZ", {}),
}


def main(argv):
    first, last = int(argv[1]), int(argv[2])
    calendars = dict(CALENDARS)
    if len(argv) > 3:
        with open(argv[3], encoding="utf-8") as f:
            for name in json.load(f)["calendars"]:
                if name not in calendars:
                    country, _, subdiv = name.partition("-")
                    calendars[name] = (country, {"subdiv": subdiv} if subdiv else {})
    out = {}
    for name, (country, kwargs) in calendars.items():
        with warnings.catch_warnings():
            # Years a lunar table lacks: compared only within the years
            # followup's table holds (compare.py).
            warnings.simplefilter("ignore")
            days = holidays.country_holidays(country, years=range(first, last + 1), **kwargs)
            days = dict(days.items())
        out[name] = [[d.isoformat(), n] for d, n in sorted(days.items())]
    json.dump(
        {
            "python_holidays_version": holidays.__version__,
            "years": [first, last],
            "calendars": out,
        },
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)

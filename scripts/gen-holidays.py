#!/usr/bin/env python3
"""Generate followup's table-driven built-in holiday calendars from the
python `holidays` package (the version pinned in
scripts/requirements-holidays.txt).

Writes, for every country python-holidays knows (national calendar) and the
subdivisions listed in SUBDIVISIONS below, every holiday from 2000 to 2060
(or the years python-holidays covers for that calendar, when fewer):

    src/calendar/holidays/table/data.bin   the dates and name numbers
    src/calendar/holidays/table/index.rs   each calendar's name, region,
                                           years and offset; the names

The facts come from python-holidays; the code that computes them does not:
followup only reads the dated table. Names are python-holidays' English
names (language en_US where the country has it; the others are in English
already). Observed and substitute days are included as python-holidays
gives them by default for the country (what offices close).

Format of data.bin, per calendar, per year from its first to its last:
an unsigned LEB128 count of holidays, then for each (sorted by date) the
LEB128 number of days since the previous holiday of that year (the first
counts from 31 December of the year before) and the LEB128 index of its
name in that calendar's name list (index.rs). Two names on one date are two
entries, the second 0 days after the first.

Usage:
    gen-holidays.py [--date YYYY-MM-DD]   write the two files
    gen-holidays.py --check               regenerate in memory with the
                                          date recorded in index.rs and fail
                                          (exit 1) if either file differs

The output depends only on the python-holidays version and the date written
in the header, so two runs give the same bytes.
"""

import argparse
import datetime
import os
import re
import sys
import warnings

import holidays
from holidays import registry

FIRST, LAST = 2000, 2060

# Calendars computed from rules in followup itself (src/calendar/holidays/):
# these names are not generated. GB alone is left out too: a UK-wide
# calendar would silently miss England's or Scotland's own bank holidays,
# and users pick GB-ENG, GB-SCT, GB-WLS or GB-NIR.
RULE_BASED = {"US", "CA", "GB-ENG", "GB-SCT", "IE", "DE", "DE-BY", "FR", "NL", "AU", "AU-NSW", "NZ"}
SKIP_COUNTRIES = {"GB"}

# Subdivisions generated besides every national calendar: the states,
# regions and cantons where most offices are, and those whose holidays
# differ most from the national list.
SUBDIVISIONS = {
    "AU": ["ACT", "NT", "QLD", "SA", "TAS", "VIC", "WA"],
    "BR": ["RJ", "SP"],
    "CA": ["AB", "BC", "ON", "QC"],
    "CH": ["BE", "BS", "GE", "VD", "ZH"],
    "DE": ["BE", "BW", "HE", "HH", "NI", "NW", "SN"],
    "ES": ["AN", "CT", "MD", "PV", "VC"],
    "GB": ["NIR", "WLS"],
    "IN": ["DL", "GJ", "HR", "KA", "KL", "MH", "TN", "TS", "UP", "WB"],
    "MY": ["10", "14"],
    "US": ["CA", "IL", "MA", "NY", "TX", "WA"],
}

# Country names where the class name does not split into them.
COUNTRY_NAMES = {
    "BA": "Bosnia and Herzegovina",
    "CD": "DR Congo",
    "CI": "Côte d'Ivoire",
    "GB": "United Kingdom",
    "GW": "Guinea-Bissau",
    "HK": "Hong Kong",
    "KR": "South Korea",
    "KP": "North Korea",
    "MK": "North Macedonia",
    "PS": "Palestine",
    "ST": "São Tomé and Príncipe",
    "TL": "Timor-Leste",
    "US": "United States",
    "VA": "Vatican City",
}

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "src", "calendar", "holidays", "table")


def country_name(code, class_name):
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)
    return words.replace(" And ", " and ").replace(" Of ", " of ").replace(" The ", " the ")


def subdivision_name(cls, code):
    names = [n for n, c in getattr(cls, "subdivisions_aliases", {}).items() if c == code]
    ascii_names = [n for n in names if n.isascii()]
    return (ascii_names or names or [code])[0]


def language(cls):
    langs = getattr(cls, "supported_languages", ()) or ()
    return "en_US" if "en_US" in langs else None


def coverage(cls, country, kwargs):
    """The years (first, last) python-holidays gives whole for this
    calendar within FIRST..LAST: its start and end years, narrowed by the
    ranges its lunar-date tables warn about."""
    first = max(FIRST, getattr(cls, "start_year", FIRST) or FIRST)
    last = min(LAST, getattr(cls, "end_year", LAST) or LAST)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        h = holidays.country_holidays(country, years=range(first, last + 1), **kwargs)
        len(h)
    for w in caught:
        m = re.search(r"available only from (\d{4}) to (\d{4})", str(w.message))
        if m:
            first = max(first, int(m.group(1)))
            last = min(last, int(m.group(2)))
    return first, last


def leb128(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def calendars():
    """(followup name, country code, kwargs, region text) for each calendar."""
    out = []
    by_code = {}
    for module, info in registry.COUNTRIES.items():
        class_name, code = info[0], info[1]
        by_code[code] = class_name
    for code in sorted(by_code):
        if code in SKIP_COUNTRIES or code in RULE_BASED:
            continue
        out.append((code, code, {}, None))
    for code in sorted(SUBDIVISIONS):
        for sub in SUBDIVISIONS[code]:
            name = f"{code}-{sub}"
            if name in RULE_BASED:
                continue
            out.append((name, code, {"subdiv": sub}, sub))
    return out, by_code


def generate(date):
    data = bytearray()
    names = []  # every distinct holiday name, in first-seen order
    name_ids = {}
    rows = []
    entries_total = 0
    cal_list, by_code = calendars()
    for name, code, kwargs, sub in cal_list:
        cls = type(holidays.country_holidays(code))
        lang = language(cls)
        kw = dict(kwargs)
        if lang:
            kw["language"] = lang
        first, last = coverage(cls, code, kw)
        if first > last:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            h = holidays.country_holidays(code, years=range(first, last + 1), **kw)
            days = sorted(h.items())
        if not days:
            continue
        country = country_name(code, by_code[code])
        region = country if sub is None else f"{subdivision_name(cls, sub)}, {country}"
        local = []  # this calendar's name ids, in first-seen order
        local_ids = {}
        offset = len(data)
        for year in range(first, last + 1):
            year_days = [(d, n) for d, n in days if d.year == year]
            entries = []
            for d, joined in year_days:
                for n in joined.split("; "):
                    entries.append((d, n))
            data += leb128(len(entries))
            prev = datetime.date(year - 1, 12, 31)
            for d, n in entries:
                if n not in name_ids:
                    name_ids[n] = len(names)
                    names.append(n)
                gid = name_ids[n]
                if gid not in local_ids:
                    local_ids[gid] = len(local)
                    local.append(gid)
                data += leb128((d - prev).days)
                data += leb128(local_ids[gid])
                prev = d
            entries_total += len(entries)
        rows.append((name, region, first, last, offset, local, lang or "en"))
    return bytes(data), rows, names, entries_total


def rust_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def index_rs(rows, names, data_len, entries, date):
    lines = [
        "// @generated by scripts/gen-holidays.py: do not edit; run the script.",
        f"// Source: python-holidays {holidays.__version__} (PyPI `holidays`), generated {date}.",
        f"// {len(rows)} calendars, {entries} holidays, data.bin {data_len} bytes, years {FIRST}-{LAST}",
        "// (fewer where python-holidays covers fewer).",
        "",
        "use super::row::TableCalendar;",
        "",
        f'/// The python-holidays version the tables come from.\npub const SOURCE: &str = "python-holidays {holidays.__version__}";',
        "",
        "/// Every table calendar, sorted by name.",
        "pub static CALENDARS: &[TableCalendar] = &[",
    ]
    for name, region, first, last, offset, local, lang in sorted(rows):
        ids = ", ".join(str(i) for i in local)
        lines.append(
            f"    TableCalendar {{ name: {rust_string(name)}, region: {rust_string(region)}, "
            f"first: {first}, last: {last}, offset: {offset}, names: &[{ids}] }},"
        )
    lines += ["];", "", "/// Every holiday name the calendars use.", "pub static NAMES: &[&str] = &["]
    for n in names:
        lines.append(f"    {rust_string(n)},")
    lines += ["];", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--date", help="generation date for the header (default: today)")
    parser.add_argument("--check", action="store_true",
                        help="regenerate with the recorded date and compare")
    args = parser.parse_args()
    index_path = os.path.join(OUT, "index.rs")
    data_path = os.path.join(OUT, "data.bin")
    if args.check:
        with open(index_path, encoding="utf-8") as f:
            m = re.search(r"generated (\d{4}-\d{2}-\d{2})", f.read())
        if not m:
            sys.exit(f"{index_path}: no generation date in the header")
        date = m.group(1)
    else:
        date = args.date or datetime.date.today().isoformat()
    data, rows, names, entries = generate(date)
    index = index_rs(rows, names, len(data), entries, date)
    if args.check:
        same = open(data_path, "rb").read() == data and open(index_path, encoding="utf-8").read() == index
        print(f"gen-holidays: {len(rows)} calendars, {entries} holidays, {len(data)} bytes: "
              + ("the committed tables are what the script generates" if same else "DIFFERENT from the committed tables"))
        return 0 if same else 1
    os.makedirs(OUT, exist_ok=True)
    with open(data_path, "wb") as f:
        f.write(data)
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(index)
    print(f"wrote {len(rows)} calendars, {entries} holidays, {len(names)} names, "
          f"{len(data)} bytes of dates")
    return 0


if __name__ == "__main__":
    sys.exit(main())

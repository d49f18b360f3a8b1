#!/usr/bin/env python3
"""Make the corpus files that generator packages write at test time:

- gen-pyholidays-*.ics: python-holidays' own iCalendar exporter
  (holidays.ical.ICalExporter, the pinned python-holidays) for a dozen
  countries and regions, 2024-2030: real holiday calendars as a real
  generator writes them (multi-day holidays as one event with DTEND).
- ours-utf16{le,be}-bom.ics: one of our own files in UTF-16 (below).
- gen-icalendar-rules.ics: python `icalendar` (the pinned version) building
  a company holiday calendar with yearly, monthly and weekly rules,
  overrides and exceptions, the way a script that publishes an office's
  closures would.

Usage: generate.py OUT
"""

import datetime
import os
import sys

import holidays
import icalendar
from holidays.ical import ICalExporter

CALENDARS = [
    ("JP", {}), ("IN", {"subdiv": "KA"}), ("CN", {}), ("SG", {}), ("BR", {}),
    ("ES", {"subdiv": "MD"}), ("US", {}), ("GB", {"subdiv": "ENG"}), ("DE", {"subdiv": "BY"}),
    ("AE", {}), ("IL", {}), ("KR", {}),
]


def pyholidays(out):
    for country, kwargs in CALENDARS:
        h = holidays.country_holidays(country, years=range(2024, 2031), language="en_US", **kwargs)
        name = country + ("-" + kwargs["subdiv"] if "subdiv" in kwargs else "")
        data = ICalExporter(h).generate(return_bytes=True)
        with open(os.path.join(out, f"gen-pyholidays-{name.lower()}.ics"), "wb") as f:
            f.write(data)


def rules(out):
    cal = icalendar.Calendar()
    cal.add("prodid", "-//followup corpus//icalendar generator//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", "Europe/Berlin")

    def event(uid, summary, start, end=None, **props):
        e = icalendar.Event()
        e.add("uid", uid)
        e.add("summary", summary)
        e.add("dtstart", start)
        if end is not None:
            e.add("dtend", end)
        e.add("dtstamp", datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
        for k, v in props.items():
            e.add(k.replace("_", "-"), v)
        cal.add_component(e)
        return e

    d = datetime.date
    event("founders", "Founder's Day", d(2020, 12, 4), d(2020, 12, 5),
          rrule={"freq": "yearly", "bymonth": 12, "byday": "1FR"})
    event("thanksgiving-friday", "Day after Thanksgiving", d(2020, 11, 27), d(2020, 11, 28),
          rrule={"freq": "yearly", "bymonth": 11, "byday": "FR", "bymonthday": [23, 24, 25, 26, 27, 28, 29]})
    event("quarter-close", "Quarter close (office shut)", d(2024, 3, 29), d(2024, 3, 30),
          rrule={"freq": "monthly", "interval": 3, "byday": ["MO", "TU", "WE", "TH", "FR"], "bysetpos": -1})
    event("summer", "Summer shutdown", d(2025, 8, 4), d(2025, 8, 16),
          rrule={"freq": "yearly", "count": 4}, exdate=[d(2027, 8, 4)])
    event("summer", "Summer shutdown (moved)", d(2026, 8, 10), d(2026, 8, 22),
          recurrence_id=d(2026, 8, 4))
    event("fridays", "Summer Fridays", d(2026, 6, 5), d(2026, 6, 6),
          rrule={"freq": "weekly", "byday": "FR", "until": d(2026, 8, 28)}, rdate=[d(2026, 9, 4)])
    import zoneinfo
    tz = zoneinfo.ZoneInfo("Europe/Berlin")
    event("party", "Winter party (afternoon off)",
          datetime.datetime(2026, 12, 18, 14, 0, tzinfo=tz), datetime.datetime(2026, 12, 19, 1, 0, tzinfo=tz))
    cal.add_missing_timezones()
    with open(os.path.join(out, "gen-icalendar-rules.ics"), "wb") as f:
        f.write(cal.to_ical())


def utf16(out):
    """ours-utf16-*.ics: one of our own files (ours/) saved as UTF-16 with a
    byte-order mark, little- and big-endian, as Windows tools save text."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ours", "ours-apple-china-style.ics")
    with open(src, encoding="utf-8") as f:
        text = f.read().replace("\n", "\r\n")
    with open(os.path.join(out, "ours-utf16le-bom.ics"), "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))
    with open(os.path.join(out, "ours-utf16be-bom.ics"), "wb") as f:
        f.write(b"\xfe\xff" + text.encode("utf-16-be"))


def main(out):
    os.makedirs(out, exist_ok=True)
    pyholidays(out)
    rules(out)
    utf16(out)
    print(f"generated {len(CALENDARS) + 3} files")


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/env python3
"""The independent expansion of a holiday file: python `icalendar` parses
it and `recurring_ical_events` expands its recurrences; this prints the
dates its events close in a window, as followup reads them (docs/holidays.md,
"Holiday files"): an all-day event closes its dates up to DTEND (exclusive);
a timed event closes the local date of its start, in its own zone, and each
later date it reaches before its end (the end brought into the start's
zone); cancelled events close nothing.

Usage: expand.py FILE FROM TO      (dates YYYY-MM-DD, both inclusive)
Output: JSON {"dates": ["2026-12-25", ...]} or {"error": "..."}.
"""

import datetime
import json
import sys

import icalendar
import recurring_ical_events


def dates_of(occurrence, first, last):
    start = occurrence.get("DTSTART").dt
    end_prop = occurrence.get("DTEND")
    end = end_prop.dt if end_prop is not None else None
    if end is None and occurrence.get("DURATION") is not None:
        end = start + occurrence.get("DURATION").dt
    if not isinstance(start, datetime.datetime):
        last_day = start
        if end is not None:
            end_day = end.date() if isinstance(end, datetime.datetime) else end
            if end_day > start:
                last_day = end_day - datetime.timedelta(days=1)
    else:
        if end is not None and isinstance(end, datetime.datetime):
            if start.tzinfo is not None and end.tzinfo is not None:
                end = end.astimezone(start.tzinfo)
            elif start.tzinfo is None and end.tzinfo is not None:
                end = end.replace(tzinfo=None)
            elif start.tzinfo is not None and end.tzinfo is None:
                end = end.replace(tzinfo=start.tzinfo)
        elif end is not None:
            end = datetime.datetime.combine(end, datetime.time(), start.tzinfo)
        last_day = start.date()
        if end is not None and end > start:
            last_day = (end - datetime.timedelta(microseconds=1)).date()
        start = start.date()
    day = max(start, first)
    while day <= min(last_day, last):
        yield day
        day += datetime.timedelta(days=1)


def main(path, first, last):
    first = datetime.date.fromisoformat(first)
    last = datetime.date.fromisoformat(last)
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # icalendar reads bytes as UTF-8: hand it the decoded text.
        data = data.decode("utf-16").encode("utf-8")
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        out = set()
        for calendar in calendars:
            query = recurring_ical_events.of(calendar)
            # A margin before the window: an instance that starts earlier
            # can reach into it.
            for occurrence in query.between(first - datetime.timedelta(days=40),
                                             last + datetime.timedelta(days=1)):
                status = str(occurrence.get("STATUS", "")).upper()
                if status == "CANCELLED":
                    continue
                out.update(dates_of(occurrence, first, last))
    except Exception as e:  # the file is refused: say why
        json.dump({"error": f"{type(e).__name__}: {e}"[:300]}, sys.stdout)
        return
    json.dump({"dates": sorted(d.isoformat() for d in out)}, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:4])

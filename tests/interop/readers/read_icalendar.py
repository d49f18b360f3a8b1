"""Reader: python `icalendar` (run with the interop venv's python).

icalendar >= 6 resolves a TZID through the zoneinfo database first and uses
the file's VTIMEZONE only when the TZID is not an IANA name (see
icalendar.timezone.tzp.TZP.cache_timezone_component). That would hide a wrong
VTIMEZONE, so this reader does not let icalendar pick: it builds a tzinfo from
each of the file's VTIMEZONE components itself (Timezone.to_tz with
lookup_tzid=False, which goes through dateutil's tzical) and applies it to the
wall-clock value of every DTSTART/DTEND that carries that TZID. A TZID with no
VTIMEZONE in the file is an error.

With `--by-name` it instead lets icalendar resolve TZIDs its own way (IANA
name -> zoneinfo, the VTIMEZONE only for names zoneinfo does not know). That
is what most Python-based clients (khal among them) show, and on a file with
IANA TZIDs it checks the written wall-clock times against the tz database
rather than against the file's VTIMEZONE.
"""

import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import ReaderError, UTC, fmt, main  # noqa: E402

import icalendar  # noqa: E402
from icalendar.timezone import tzp  # noqa: E402


def read(path, by_name=False):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zones = {}
    for vtz in cal.walk("VTIMEZONE"):
        zones[str(vtz["TZID"])] = vtz.to_tz(tzp, lookup_tzid=False)

    def instant(prop, what):
        if prop is None:
            raise ReaderError(f"{what} missing")
        value = prop.dt
        if not isinstance(value, dt.datetime):
            raise ReaderError(f"{what} is a DATE, not a DATE-TIME: {value!r}")
        tzid = prop.params.get("TZID")
        if tzid is not None:
            if tzid not in zones:
                raise ReaderError(f"{what}: TZID {tzid!r} has no VTIMEZONE in the file")
            if by_name:
                if value.tzinfo is None:
                    raise ReaderError(f"{what}: icalendar could not resolve TZID {tzid!r}")
                return value.astimezone(UTC)
            return value.replace(tzinfo=None).replace(tzinfo=zones[tzid]).astimezone(UTC)
        if value.tzinfo is None:
            raise ReaderError(f"{what} is a floating time: {prop.to_ical()!r}")
        return value.astimezone(UTC)

    events = []
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID")) if ev.get("UID") is not None else None
        start = instant(ev.get("DTSTART"), f"{uid}: DTSTART")
        end = instant(ev.get("DTEND"), f"{uid}: DTEND")
        alarms = []
        for alarm in ev.walk("VALARM"):
            trig = alarm.get("TRIGGER")
            if trig is None:
                raise ReaderError(f"{uid}: VALARM without TRIGGER")
            value = trig.dt
            if isinstance(value, dt.timedelta):
                related = str(trig.params.get("RELATED", "START")).upper()
                base = end if related == "END" else start
                # An elapsed duration from the UTC instant: what clients do.
                alarms.append(fmt(base + value))
            elif isinstance(value, dt.datetime):
                if value.tzinfo is None:
                    raise ReaderError(f"{uid}: absolute TRIGGER is not UTC")
                alarms.append(fmt(value))
            else:
                raise ReaderError(f"{uid}: TRIGGER of unexpected type {value!r}")
        status = ev.get("STATUS")
        transp = ev.get("TRANSP")
        events.append({
            "uid": uid,
            "status": str(status).upper() if status is not None else None,
            "transp": str(transp).upper() if transp is not None else None,
            "summary": str(ev.get("SUMMARY")) if ev.get("SUMMARY") is not None else None,
            "start_utc": fmt(start),
            "end_utc": fmt(end),
            "alarms_utc": alarms,
        })
    return events


if __name__ == "__main__":
    if "--by-name" in sys.argv:
        sys.argv.remove("--by-name")
        main("icalendar-by-name", lambda p: read(p, by_name=True))
    else:
        main("icalendar", read)

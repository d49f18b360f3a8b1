"""Reader: python `vobject` (run with the interop venv's python).

vobject keeps one process-wide TZID -> tzinfo map. Transforming a VTIMEZONE
registers a dateutil `tzical` zone built from it, but only if that TZID is not
registered yet and only if the zone differs from UTC over 2000-2020
(vobject.icalendar.tzinfo_eq); a DTSTART whose TZID is not registered makes
vobject ask pytz for the name (the system's idea of the zone), and an unknown
name leaves the time floating. So left alone, vobject may or may not use the
file's VTIMEZONE.

This reader therefore takes, for every TZID, vobject's own parse of the
file's VTIMEZONE (TimezoneComponent.gettzinfo) and applies it to the
wall-clock value as written; where vobject's automatic resolution did use the
VTIMEZONE, the two must agree. A TZID without a VTIMEZONE, or a floating
time, is an error. One file per process.
"""

import datetime as dt
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import ReaderError, UTC, fmt, main  # noqa: E402

import vobject  # noqa: E402
from dateutil.tz.tz import _tzicalvtz  # noqa: E402


def read(path):
    with open(path, "r", encoding="utf-8", newline="") as f:
        text = f.read()
    logging.disable(logging.ERROR)  # vobject logs every unknown TZID to the root logger
    cal = vobject.readOne(text)
    zones = {}
    for vtz in cal.contents.get("vtimezone", []):
        zones[vtz.tzid.value] = vtz.gettzinfo()

    def instant(line, what):
        if line is None:
            raise ReaderError(f"{what} missing")
        value = line.value
        if not isinstance(value, dt.datetime):
            raise ReaderError(f"{what} is not a DATE-TIME: {value!r}")
        # vobject moves the TZID parameter to X-VOBJ-ORIGINAL-TZID when it
        # converts the value to a datetime.
        tzid = line.params.get("TZID") or line.params.get("X-VOBJ-ORIGINAL-TZID")
        if tzid:
            tzid = tzid[0]
            if zones.get(tzid) is None:
                raise ReaderError(f"{what}: TZID {tzid!r} has no VTIMEZONE in the file")
            mine = value.replace(tzinfo=None).replace(tzinfo=zones[tzid])
            if isinstance(value.tzinfo, _tzicalvtz) and value.astimezone(UTC) != mine.astimezone(UTC):
                raise ReaderError(f"{what}: vobject's own resolution of {tzid!r} gives "
                                  f"{value.astimezone(UTC)}, its VTIMEZONE gives {mine.astimezone(UTC)}")
            return mine.astimezone(UTC)
        if value.tzinfo is None:
            raise ReaderError(f"{what} is floating: {line.serialize()!r}")
        return value.astimezone(UTC)

    events = []
    for ev in cal.contents.get("vevent", []):
        uid = ev.uid.value if hasattr(ev, "uid") else None
        start = instant(getattr(ev, "dtstart", None), f"{uid}: DTSTART")
        end = instant(getattr(ev, "dtend", None), f"{uid}: DTEND")
        alarms = []
        for alarm in ev.contents.get("valarm", []):
            if not hasattr(alarm, "trigger"):
                raise ReaderError(f"{uid}: VALARM without TRIGGER")
            trig = alarm.trigger
            value = trig.value
            if isinstance(value, dt.timedelta):
                related = (trig.params.get("RELATED") or ["START"])[0].upper()
                base = end if related == "END" else start
                alarms.append(fmt(base + value))
            elif isinstance(value, dt.datetime):
                if value.tzinfo is None:
                    raise ReaderError(f"{uid}: absolute TRIGGER is floating")
                alarms.append(fmt(value))
            else:
                raise ReaderError(f"{uid}: TRIGGER of unexpected type {value!r}")
        events.append({
            "uid": uid,
            "status": ev.status.value.upper() if hasattr(ev, "status") else None,
            "transp": ev.transp.value.upper() if hasattr(ev, "transp") else None,
            "summary": ev.summary.value if hasattr(ev, "summary") else None,
            "start_utc": fmt(start),
            "end_utc": fmt(end),
            "alarms_utc": alarms,
        })
    return events


if __name__ == "__main__":
    main("vobject", read)

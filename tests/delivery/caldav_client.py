"""An independent CalDAV client for the push tests (python `caldav`).

    caldav_client.py dump URL        # JSON: every event in the calendar
    caldav_client.py add URL UID     # saves a foreign event (not followup's)
    caldav_client.py file PATH       # the same JSON for a local .ics (build's)

URL is a calendar collection. The user and password come from the
environment (CALDAV_USER, CALDAV_PASSWORD; both optional), never argv.
`dump` prints one JSON object per event, sorted by UID: uid, summary,
dtstart (UTC, ISO 8601), the VALARM triggers, the description, the
resource's file name, and the X-FOLLOWUP-HASH stamp if any.
"""
import datetime
import json
import os
import sys

import caldav


def client(url):
    kwargs = {}
    if os.environ.get("CALDAV_USER"):
        kwargs["username"] = os.environ["CALDAV_USER"]
        kwargs["password"] = os.environ.get("CALDAV_PASSWORD", "")
    return caldav.DAVClient(url=url, **kwargs)


def utc(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise SystemExit(f"floating time {value} (followup never writes one)")
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def dump(url):
    cal = client(url).calendar(url=url)
    out = []
    # events(): a calendar-query REPORT for VEVENTs with their data (the
    # sync-collection listing behind objects() also names deleted items on
    # Radicale, then 404s on them).
    for obj in cal.events():
        if obj.data is None:
            obj.load()
        name = str(obj.url).rstrip("/").rsplit("/", 1)[-1]
        for ev in obj.icalendar_instance.walk("VEVENT"):
            out.append(event_json(ev, name))
    out.sort(key=lambda e: e["uid"])
    json.dump(out, sys.stdout, indent=1)
    print()


def event_json(ev, name):
    triggers = [str(a.get("TRIGGER").to_ical().decode()) for a in ev.walk("VALARM")]
    return {
        "uid": str(ev.get("UID")),
        "summary": str(ev.get("SUMMARY", "")),
        "description": str(ev.get("DESCRIPTION", "")),
        "dtstart": utc(ev.decoded("DTSTART")),
        "dtend": utc(ev.decoded("DTEND")),
        "status": str(ev.get("STATUS", "")),
        "triggers": triggers,
        "name": name,
        "hash": str(ev.get("X-FOLLOWUP-HASH")) if ev.get("X-FOLLOWUP-HASH") else None,
    }


def dump_file(path):
    import icalendar

    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = [event_json(ev, None) for ev in cal.walk("VEVENT")]
    out.sort(key=lambda e: e["uid"])
    json.dump(out, sys.stdout, indent=1)
    print()


def add(url, uid):
    cal = client(url).calendar(url=url)
    ical = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//foreign client//EN\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\n"
        "DTSTAMP:20261101T090000Z\r\nDTSTART:20261120T150000Z\r\nDTEND:20261120T160000Z\r\n"
        "SUMMARY:Dentist (added by another client)\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    cal.save_event(ical)


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] not in ("dump", "add", "file"):
        raise SystemExit(__doc__)
    if sys.argv[1] == "dump":
        dump(sys.argv[2])
    elif sys.argv[1] == "file":
        dump_file(sys.argv[2])
    else:
        add(sys.argv[2], sys.argv[3])

"""Shared output format of the Python readers.

Every reader prints one JSON object on stdout:

    {"reader": NAME, "events": [EVENT, ...]}

with EVENT = {"uid", "status", "transp", "summary", "start_utc", "end_utc",
"alarms_utc"}: instants as "YYYY-MM-DDTHH:MM:SSZ", status and transp the raw
STATUS and TRANSP values upper-cased (or null), alarms_utc sorted. Anything the reader cannot
place on the time line for certain (a TZID with no VTIMEZONE in the file, a
floating time, an unknown trigger) is an error: it exits 2 with a message on
stderr rather than guess.
"""

import datetime as _dt
import json
import sys

UTC = _dt.timezone.utc


class ReaderError(Exception):
    pass


def fmt(instant):
    """An aware datetime as a UTC string, to the second."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ReaderError(f"floating time {instant!r} reached the output")
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def emit(reader, events):
    for ev in events:
        ev["alarms_utc"] = sorted(ev["alarms_utc"])
    events.sort(key=lambda e: (e["start_utc"], e["uid"] or ""))
    json.dump({"reader": reader, "events": events}, sys.stdout,
              ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def main(reader, read):
    if len(sys.argv) != 2:
        print(f"usage: {sys.argv[0]} FILE.ics", file=sys.stderr)
        sys.exit(64)
    try:
        events = read(sys.argv[1])
    except ReaderError as e:
        print(f"{reader}: {e}", file=sys.stderr)
        sys.exit(2)
    emit(reader, events)

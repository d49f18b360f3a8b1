"""Cross-checks the start instants in tests/invites/expected.txt and
tests/invites/ours/expected.txt with an independent reader, python's
icalendar (its own VTIMEZONE and Windows-zone handling).

    python crosscheck.py CORPUS_DIR

For each case with a start_utc, the VEVENT with the expected UID (any, when
the case has none) whose DTSTART icalendar reads as that instant must
exist. Floating and date values are placed in the case's zone, as the Rust
reader does. A file icalendar cannot read at all is skipped (and named).
Prints one line per disagreement and a summary; exits 1 on any.
"""

import sys
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

HERE = Path(__file__).resolve().parent

# Cases where icalendar reads another instant, and why ours is right. Each
# must still differ (a difference that went away is reported too).
KNOWN = {
    "dst-gap-windows": "02:30 falls in the spring-forward gap; RFC 5545 §3.3.5 reads it "
    "with the offset before the gap (01:30Z), icalendar with the one after (00:30Z)",
}


def cases(path):
    out, case = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            case = {"id": line[1:-1]}
            out.append(case)
        else:
            key, _, value = line.partition("=")
            case.setdefault(key.strip(), value.strip())
    return out


def instants(event, zone):
    """DTSTART of the event (and of nothing else) as a UTC datetime."""
    value = event.decoded("DTSTART")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            if zone in (None, "-"):
                return None
            value = value.replace(tzinfo=ZoneInfo(zone))
        return value.astimezone(timezone.utc)
    if isinstance(value, date) and zone not in (None, "-"):
        return datetime(value.year, value.month, value.day, tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)
    return None


def check(case, file):
    want = datetime.fromisoformat(case["start_utc"].replace("Z", "+00:00"))
    # icalendar caches VTIMEZONEs by TZID across files; "Customized Time
    # Zone" means a different zone in each Exchange file. Choosing the
    # provider again empties the cache.
    icalendar.use_zoneinfo()
    try:
        calendar = icalendar.Calendar.from_ical(file.read_bytes())
    except Exception as e:  # noqa: BLE001 - a file icalendar refuses
        return ("unreadable", f"{case['id']}: icalendar cannot read it: {e}")
    seen = []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "-"))
        if case.get("uid", "-") not in ("-", uid):
            continue
        if "DTSTART" not in event:
            continue
        try:
            got = instants(event, case.get("zone"))
        except Exception as e:  # an event icalendar cannot read
            seen.append(f"error {e}")
            continue
        if got == want:
            return None
        seen.append(str(got))
    return ("differs", f"{case['id']}: want {want}, icalendar reads {sorted(set(seen))[:5]}")


def main():
    corpus = Path(sys.argv[1])
    differ, unreadable, agree = [], [], 0
    for expectations, file_of in [
        (HERE / "expected.txt", lambda c: corpus / f"{c['id']}.ics"),
        (HERE / "ours" / "expected.txt", lambda c: HERE / "ours" / c["file"]),
    ]:
        for case in cases(expectations):
            if case.get("start_utc", "-") == "-":
                continue
            problem = check(case, file_of(case))
            known = KNOWN.get(case["id"])
            if known and (problem is None or problem[0] != "differs"):
                differ.append(f"{case['id']}: listed in KNOWN but no longer differs")
            elif known:
                print(f"known difference: {case['id']}: {known}")
                agree += 1
            elif problem is None:
                agree += 1
            elif problem[0] == "unreadable":
                unreadable.append(problem[1])
            else:
                differ.append(problem[1])
    for line in unreadable:
        print("skipped:", line)
    for line in differ:
        print("differs:", line)
    print(f"crosscheck: {agree} passed, {len(differ)} failed, {len(unreadable)} skipped")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

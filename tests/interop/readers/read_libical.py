"""Reader: libical (the C library behind Evolution and many servers), through
GObject introspection: `gi.repository.ICalGLib` from Debian's gir1.2-ical-3.0.

Run with Debian's /usr/bin/python3 (python3-gi lives there, not in the venv).

libical resolves a TZID against the VTIMEZONE components of the enclosing
VCALENDAR (icalcomponent_get_timezone) before any built-in zone. This reader
does that lookup explicitly (root.get_timezone(tzid), which only searches the
file), converts with i_cal_time_as_timet_with_zone, and cross-checks the
result against libical's own resolution (ICalGLib.Component.get_dtstart /
get_dtend): if the two disagree, libical would have used something other than
the file's VTIMEZONE, and that is an error.
"""

import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import ReaderError, UTC, fmt, main  # noqa: E402

import gi  # noqa: E402

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

UTC_ZONE = I.Timezone.get_utc_timezone()


def _children(comp, kind):
    child = comp.get_first_component(kind)
    while child is not None:
        yield child
        child = comp.get_next_component(kind)


def read(path):
    with open(path, "r", encoding="utf-8", newline="") as f:
        text = f.read()
    root = I.Component.new_from_string(text)
    if root is None or root.isa() != I.ComponentKind.VCALENDAR_COMPONENT:
        raise ReaderError("libical did not parse a VCALENDAR")
    # Collect the events first: libical's component iterators are per parent
    # and nested iteration over the same parent would reset them.
    vevents = list(_children(root, I.ComponentKind.VEVENT_COMPONENT))

    def instant(ev, kind, getter, what):
        prop = ev.get_first_property(kind)
        if prop is None:
            raise ReaderError(f"{what} missing")
        value = prop.get_dtstart() if kind == I.PropertyKind.DTSTART_PROPERTY else prop.get_dtend()
        if value.is_date():
            raise ReaderError(f"{what} is a DATE")
        par = prop.get_first_parameter(I.ParameterKind.TZID_PARAMETER)
        if par is not None:
            tzid = par.get_tzid()
            zone = root.get_timezone(tzid)
            if zone is None:
                raise ReaderError(f"{what}: TZID {tzid!r} has no VTIMEZONE in the file")
        elif value.is_utc():
            zone = UTC_ZONE
        else:
            raise ReaderError(f"{what} is floating: {prop.as_ical_string().strip()!r}")
        ts = I.Time.as_timet_with_zone(value, zone)
        # libical's own resolution of the same property.
        auto = getter()
        auto_zone = auto.get_timezone()
        if auto_zone is None:
            raise ReaderError(f"{what}: libical left the time without a zone")
        auto_ts = I.Time.as_timet_with_zone(auto, auto_zone)
        if auto_ts != ts:
            raise ReaderError(
                f"{what}: libical's own resolution ({auto_zone.get_tzid()}) gives {auto_ts}, "
                f"the file's VTIMEZONE gives {ts}")
        return ts

    events = []
    for ev in vevents:
        uid = ev.get_uid()
        start = instant(ev, I.PropertyKind.DTSTART_PROPERTY, ev.get_dtstart, f"{uid}: DTSTART")
        end = instant(ev, I.PropertyKind.DTEND_PROPERTY, ev.get_dtend, f"{uid}: DTEND")
        alarms = []
        for alarm in _children(ev, I.ComponentKind.VALARM_COMPONENT):
            tprop = alarm.get_first_property(I.PropertyKind.TRIGGER_PROPERTY)
            if tprop is None:
                raise ReaderError(f"{uid}: VALARM without TRIGGER")
            trig = tprop.get_trigger()
            if trig.is_bad_trigger():
                raise ReaderError(f"{uid}: bad TRIGGER {tprop.as_ical_string().strip()!r}")
            abs_time = trig.get_time()
            if not abs_time.is_null_time():
                if not abs_time.is_utc():
                    raise ReaderError(f"{uid}: absolute TRIGGER is not UTC")
                alarms.append(fmt(dt.datetime.fromtimestamp(
                    I.Time.as_timet_with_zone(abs_time, UTC_ZONE), UTC)))
                continue
            rel = tprop.get_first_parameter(I.ParameterKind.RELATED_PARAMETER)
            base = end if (rel is not None and rel.get_related() == I.ParameterRelated.END) else start
            alarms.append(fmt(dt.datetime.fromtimestamp(base + trig.get_duration().as_int(), UTC)))
        sprop = ev.get_first_property(I.PropertyKind.STATUS_PROPERTY)
        tprop = ev.get_first_property(I.PropertyKind.TRANSP_PROPERTY)
        events.append({
            "uid": uid,
            "status": sprop.get_value_as_string().upper() if sprop is not None else None,
            "transp": tprop.get_value_as_string().upper() if tprop is not None else None,
            "summary": ev.get_summary(),
            "start_utc": fmt(dt.datetime.fromtimestamp(start, UTC)),
            "end_utc": fmt(dt.datetime.fromtimestamp(end, UTC)),
            "alarms_utc": alarms,
        })
    return events


if __name__ == "__main__":
    main("libical", read)

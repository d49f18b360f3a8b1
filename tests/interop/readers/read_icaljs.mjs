// Reader: Mozilla ical.js (the parser inside Thunderbird), run with node.
//
// ical.js 2.x resolves a TZID first against a VTIMEZONE in the same component
// tree (Component.getTimeZoneByID) and then against ICAL.TimezoneService. We
// register every VTIMEZONE of the file with the service as well (so the
// lookup cannot fall through to anything else), and then check that each
// TZID-bearing time really carries a zone built from the file's VTIMEZONE:
// an unknown TZID gives a floating time in ical.js, which toUnixTime() would
// silently read as UTC. Output: the same JSON as readers/common.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

class ReaderError extends Error {}

function fmt(unixSeconds) {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function read(path) {
  const text = readFileSync(path, "utf8");
  const root = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  const fileZones = new Map();
  for (const vtz of root.getAllSubcomponents("vtimezone")) {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz);
    fileZones.set(tz.tzid, tz);
  }

  function instant(prop, what) {
    if (!prop) throw new ReaderError(`${what} missing`);
    const t = prop.getFirstValue();
    if (!(t instanceof ICAL.Time) || t.isDate) {
      throw new ReaderError(`${what} is not a DATE-TIME`);
    }
    const tzid = prop.getParameter("tzid");
    if (tzid) {
      if (!fileZones.has(tzid)) {
        throw new ReaderError(`${what}: TZID ${JSON.stringify(tzid)} has no VTIMEZONE in the file`);
      }
      if (!t.zone || t.zone.tzid !== tzid || !t.zone.component) {
        throw new ReaderError(`${what}: ical.js did not resolve TZID ${JSON.stringify(tzid)} to the file's VTIMEZONE`);
      }
    } else if (!t.zone || t.zone.tzid !== "UTC") {
      throw new ReaderError(`${what} is floating`);
    }
    return t.toUnixTime();
  }

  const events = [];
  for (const ev of root.getAllSubcomponents("vevent")) {
    const uid = ev.getFirstPropertyValue("uid");
    const start = instant(ev.getFirstProperty("dtstart"), `${uid}: DTSTART`);
    const end = instant(ev.getFirstProperty("dtend"), `${uid}: DTEND`);
    const alarms = [];
    for (const alarm of ev.getAllSubcomponents("valarm")) {
      const trig = alarm.getFirstProperty("trigger");
      if (!trig) throw new ReaderError(`${uid}: VALARM without TRIGGER`);
      const v = trig.getFirstValue();
      if (v instanceof ICAL.Duration) {
        const related = (trig.getParameter("related") || "START").toUpperCase();
        const base = related === "END" ? end : start;
        alarms.push(fmt(base + v.toSeconds()));
      } else if (v instanceof ICAL.Time) {
        if (!v.zone || v.zone.tzid !== "UTC") {
          throw new ReaderError(`${uid}: absolute TRIGGER is not UTC`);
        }
        alarms.push(fmt(v.toUnixTime()));
      } else {
        throw new ReaderError(`${uid}: TRIGGER of unexpected type`);
      }
    }
    const status = ev.getFirstPropertyValue("status");
    const transp = ev.getFirstPropertyValue("transp");
    const summary = ev.getFirstPropertyValue("summary");
    alarms.sort();
    events.push({
      uid: uid ?? null,
      status: status ? String(status).toUpperCase() : null,
      transp: transp ? String(transp).toUpperCase() : null,
      summary: summary ?? null,
      start_utc: fmt(start),
      end_utc: fmt(end),
      alarms_utc: alarms,
    });
  }
  events.sort((a, b) =>
    a.start_utc < b.start_utc ? -1 : a.start_utc > b.start_utc ? 1 :
    (a.uid || "") < (b.uid || "") ? -1 : (a.uid || "") > (b.uid || "") ? 1 : 0);
  return events;
}

if (process.argv.length !== 3) {
  process.stderr.write("usage: read_icaljs.mjs FILE.ics\n");
  process.exit(64);
}
try {
  const events = read(process.argv[2]);
  process.stdout.write(JSON.stringify({ reader: "ical.js", events }, null, 1) + "\n");
} catch (e) {
  process.stderr.write(`ical.js: ${e instanceof ReaderError ? e.message : e.stack}\n`);
  process.exit(2);
}

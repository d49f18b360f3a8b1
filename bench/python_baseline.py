#!/usr/bin/env python3
"""Python speed reference for followup: YAML interviews to an .ics calendar.

This is a reference for events per second, not a second implementation of
followup. It turns the same input into a calendar of about the same events,
with descriptions of about the same length, the way a straightforward Python
program would: one process, PyYAML to read the file, and real `icalendar`
Calendar, Event and Alarm objects serialised with `to_ical()`.

The rules are simplified. Business days skip Saturday and Sunday only (no
holiday calendars, no `weekend` or `holidays` keys), there are no rounds
(`process`), no cancellation of steps after `status_date`, and the `policy`
keys are ignored in favour of the built-in values. Per interview it writes
the interview event (with the checklist of what to ask and two alarms, one
related to its end), a thank-you per interviewer, the two nudges of the
default `max_follow_ups: 2` (a check-in, then a follow-up 5 business days
later) and a move-on step 5 business days after that. A rejection gets a
feedback request instead of the check-in, follow-up and move-on; a
competing offer while waiting gets a heads-up. Reminders come from
`reminders` (the interview's, else `defaults`) when written as simple
durations (`15m`, `1h`, `2d`, `1w`), else 15 minutes.

Run:

    python3 bench/python_baseline.py INPUT.yaml OUTPUT.ics

It prints one line to stderr, `python baseline: N events, S bytes, T s`,
where T is the elapsed time from before the library imports to the end of
writing the file (reading, building, serialising, writing). Inputs come
from `bench/gen.py`. `bench/run.sh` may call it with the interpreter in
`PYTHON=...`. The Python figures in docs/PERFORMANCE.md come from this
script.

Needs Python 3.9 or later (for `zoneinfo`) and the packages `icalendar`
and `PyYAML` (the C loader `yaml.CSafeLoader` is used when PyYAML was built
with libyaml, else `yaml.SafeLoader`).
"""
import time

T0 = time.perf_counter()

import datetime as dt  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
from urllib.parse import quote  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import yaml  # noqa: E402
from icalendar import Alarm, Calendar, Event  # noqa: E402

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

WORK_OPEN = dt.time(9, 0)
WORK_CLOSE = dt.time(17, 0)
STEP = dt.timedelta(minutes=15)
NOW = dt.datetime.now(dt.timezone.utc)


# ---------------------------------------------------------------- dates

def parse_date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def parse_local(value):
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime.fromisoformat(str(value))


def parse_clock(value, default):
    if value is None:
        return default
    h, m = str(value).split(":")
    return dt.time(int(h), int(m))


def parse_duration(value, default):
    m = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", str(value)) if value is not None else None
    if not m:
        return default
    n, unit = int(m.group(1)), m.group(2)
    return {"m": dt.timedelta(minutes=n), "h": dt.timedelta(hours=n),
            "d": dt.timedelta(days=n), "w": dt.timedelta(weeks=n)}[unit]


def is_business_day(d):
    return d.weekday() < 5


def add_business_days(d, n):
    """The n-th business day strictly after date d."""
    while n > 0:
        d += dt.timedelta(days=1)
        if is_business_day(d):
            n -= 1
    return d


def in_working_hours(t):
    return is_business_day(t.date()) and WORK_OPEN <= t.time() < WORK_CLOSE


def next_window(t):
    """Start of the next working-hours window at or after local time t."""
    d = t.date()
    if not (is_business_day(d) and t.time() < WORK_OPEN):
        d = add_business_days(d, 1)
    return dt.datetime.combine(d, WORK_OPEN, t.tzinfo)


def at(d, clock, tz):
    return dt.datetime.combine(d, clock, tz)


def short_day(t):
    return f"{t:%a} {t.day} {t:%b}, {t:%H:%M}"


def long_day(d):
    return f"{d:%A} {d.day} {d:%B}"


def city(zone):
    return zone.rsplit("/", 1)[-1].replace("_", " ")


# ---------------------------------------------------------------- text

def mailto(email, subject, body):
    if not email:
        return ""
    return ("\n\nOpen this draft in your mail app:\nmailto:" + email
            + "?subject=" + quote(subject, safe="")
            + "&body=" + quote(body.replace("\n", "\r\n"), safe=""))


def draft(why, when_line, email, subject, body):
    return f"{why}\n\n{when_line}\n\nSubject: {subject}\n\n{body}" + mailto(email, subject, body)


def planned(why, when, zone, person, subject, body):
    """draft() for a step planned at `when`, written to `person`."""
    return draft(why, f"Planned for {short_day(when)} {city(zone)} time.",
                 person.get("email") if person else None, subject, body)


def first_name(person):
    return person["name"].split()[0] if person else "there"


def interview_text(iv, start_local, zone, decision, people, topics, contact):
    lines = [
        f"Your interview for the {iv['role']} role at {iv['company']}. Its last few "
        "minutes shape every follow-up: before you leave, find out what happens next "
        "and when, how they like to hear from you, and who exactly you met.",
        "",
        f"Interview on {short_day(start_local)} {city(zone)} time.",
        "",
        "Before you leave, ask:",
        "- What are the next steps, and roughly how long will they take?",
    ]
    if decision:
        lines.append(f"- They expect to decide by {long_day(decision)}: is that still the plan?")
    else:
        lines.append("- When do they expect to make a decision?")
    lines.append(f"- How would they prefer you to follow up? Your file says {contact}.")
    lines.append("- The name, title and email of everyone you meet:")
    for p in people:
        parts = [p["name"]] + [p[k] for k in ("title", "email") if p.get(k)]
        lines.append("  - " + ", ".join(parts))
    if topics:
        lines += ["", "Topics to prepare:"] + [f"- {t}" for t in topics]
    lines += ["", "On the way out, thank each person for their time and say you will be in touch."]
    return "\n".join(lines)


def thank_you_text(iv, person, day, due, zone, topics, me):
    name = person["name"] if person else "your interviewer"
    first = first_name(person)
    why = (f"A short, prompt thank-you shows you are keen and professional, and puts you "
           f"back in front of {name} while the conversation is still fresh. Each "
           f"interviewer gets a note of their own; this one is written for {first}. "
           "Before sending, add a line on anything you wish you had explained better.")
    subject = f"Thank you: {iv['role']} interview"
    topic = topics[0] if topics else "the role"
    as_title = f" as {person['title']}" if person and person.get("title") else ""
    body = (f"Hi {first},\n\nThank you for taking the time to meet with me on {long_day(day)} "
            f"about the {iv['role']} role at {iv['company']}.\n\nI especially enjoyed our "
            f"discussion of {topic}, and it was valuable to hear how you see it{as_title}.\n"
            f"I'm very interested in joining {iv['company']} and look forward to hearing "
            f"about the next steps.\n\nBest regards,\n{me}")
    return draft(why, f"Send by {short_day(due)} {city(zone)} time.",
                 person.get("email") if person else None, subject, body)


def check_in_text(iv, person, when, day, decision, zone, topics, me):
    topic = topics[0] if topics else "the role"
    if decision:
        why = (f"{iv['company']} expected to decide by {long_day(decision)}, and you have not "
               "heard back. Asking for an update the next business day is fair: it shows you "
               "are still interested without pushing. Keep it brief and positive.")
        opening = (f"When we met on {long_day(day)}, you hoped to reach a decision on the "
                   f"{iv['role']} role by {long_day(decision)}, so I'm writing to ask whether "
                   "there is any news.")
    else:
        why = (f"A week after your thank-you, {iv['company']} has not been in touch about the "
               f"{iv['role']} role. A short check-in is expected and shows you are still "
               "interested. Keep it brief and positive.")
        opening = (f"When we met on {long_day(day)} about the {iv['role']} role, we did not "
                   "settle on a timeline, so I'm writing to ask whether there is any news.")
    subject = f"Checking in: {iv['role']} role"
    body = (f"Hi {first_name(person)},\n\nI hope your week is going well. {opening}\n\nI remain "
            f"very interested in joining {iv['company']}, and I keep coming back to our "
            f"conversation about {topic}. If the timeline has moved, I'd be glad to know the "
            "new one; and if anything more from me would help, just say.\n\nThank you,\n" + me)
    return planned(why, when, zone, person, subject, body)


def follow_up_text(iv, person, when, zone, me):
    why = (f"Your last message about the {iv['role']} role has had no reply. One more short, "
           "friendly note is reasonable; the process often takes longer than anyone planned. "
           "Reply in the same thread if you can.")
    subject = f"Following up: {iv['role']} role"
    body = (f"Hi {first_name(person)},\n\nA quick follow-up on my earlier note about the "
            f"{iv['role']} role. I'm still keen on the position and would welcome any update "
            f"on your timeline when you have one.\n\nThanks,\n{me}")
    return planned(why, when, zone, person, subject, body)


def move_on_text(iv, person, when, zone, me):
    why = (f"Note to self: you have heard nothing from {iv['company']} about the {iv['role']} "
           "role since your last message. Time to close the loop and put your energy into "
           "other openings; if they want you later, they know how to reach you. Write down "
           "what you learned from this interview while you still remember it.")
    subject = "Thank you, and keeping in touch"
    body = (f"Hi {first_name(person)},\n\nI haven't heard back about the {iv['role']} role, so "
            "I understand you may have moved forward with someone else. Thank you again for "
            f"your time and for the chance to learn about {iv['company']}.\n\nI'd be glad to be "
            f"considered for future openings, and I hope our paths cross again.\n\nAll the best,\n{me}")
    return planned(why, when, zone, person, subject, body)


def feedback_text(iv, person, when, status_day, zone, me):
    why = (f"{iv['company']} has decided not to go ahead with you for the {iv['role']} role "
           f"(you heard on {long_day(status_day)}). A gracious reply keeps you in good standing "
           "for future openings and referrals, and honest feedback can sharpen your next "
           "interview. Keep it short, and don't argue the decision.")
    subject = "Thank you, and a request for feedback"
    body = (f"Hi {first_name(person)},\n\nThank you for letting me know your decision about the "
            f"{iv['role']} role. I'm disappointed, of course, but I enjoyed meeting you and "
            f"learning about {iv['company']}.\n\nIf you have a few minutes, I would value any "
            "constructive feedback on my interview: what would have made me a stronger "
            "candidate? It would help me as I continue my search.\n\nKind regards,\n" + me)
    return planned(why, when, zone, person, subject, body)


def offer_text(iv, person, when, rival, zone, me):
    why = (f"You have a written offer from {rival}. Telling {iv['company']} now, honestly and "
           "without pressure, gives them the chance to share their timeline before you "
           "decide. Only send this if the offer is in writing, and never overstate it.")
    subject = f"{iv['role']} role: an update on my timeline"
    body = (f"Hi {first_name(person)},\n\nI wanted to let you know that I have received a "
            f"written offer from {rival}.\n\n{iv['company']} remains my first choice, and I "
            f"would much rather join your team in the {iv['role']} role. Could you share where "
            "you are in your process, and when you expect to decide?\n\nThank you,\n" + me)
    return planned(why, when, zone, person, subject, body)


# ---------------------------------------------------------------- events

def make_event(uid, kind, start, end, summary, description, reminders):
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", NOW)
    ev.add("sequence", 0)
    ev.add("dtstart", start)
    ev.add("dtend", end)
    ev.add("summary", summary)
    ev.add("description", description)
    ev.add("categories", ["Job search", kind])
    ev.add("transp", "TRANSPARENT")
    ev.add("class", "PRIVATE")
    ev.add("status", "CONFIRMED")
    for before in reminders:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", -before)
        ev.add_component(alarm)
    return ev


def convert(doc):
    defaults = doc.get("defaults") or {}
    me = (doc.get("candidate") or {}).get("name") or "[your name]"
    cal = Calendar()
    cal.add("prodid", "-//followup//python baseline//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Interview follow-ups: {me}")
    events = 0
    zones = {}
    fifteen = dt.timedelta(minutes=15)

    for iv in doc.get("interviews") or []:
        zone = iv.get("timezone") or defaults.get("timezone")
        tz = zones.get(zone) or zones.setdefault(zone, ZoneInfo(zone))
        send_at = parse_clock(iv.get("send_at", defaults.get("send_at")), dt.time(10, 0))
        duration = parse_duration(iv.get("duration", defaults.get("duration")), dt.timedelta(hours=1))
        reminders = [parse_duration(r, fifteen)
                     for r in iv.get("reminders", defaults.get("reminders")) or ["15m"]]
        contact = iv.get("contact", defaults.get("contact", "email"))
        people = [p if isinstance(p, dict) else {"name": str(p)} for p in iv.get("interviewers") or []]
        topics = [str(t) for t in iv.get("topics") or []]
        decision = parse_date(iv["decision_by"]) if iv.get("decision_by") else None
        status = iv.get("status", "waiting")
        first = people[0] if people else None
        uid = f"{iv['id']}.{{}}@python-baseline"

        # The interview itself.
        start = parse_local(iv["start"]).replace(tzinfo=tz)
        end = parse_local(iv["end"]).replace(tzinfo=tz) if iv.get("end") else start + duration
        summary = f"Interview: {iv['company']}, {iv['role']}"
        ev = make_event(uid.format("interview"), "interview", start, end, summary,
                        interview_text(iv, start, zone, decision, people, topics, contact),
                        reminders)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary + ": before you leave, ask about next steps, "
                  "the timeline and how they prefer to be contacted")
        alarm.add("trigger", dt.timedelta(minutes=-10), parameters={"RELATED": "END"})
        ev.add_component(alarm)
        cal.add_component(ev)
        events += 1

        # Thank-you notes: 2 h after the end, moved into working hours if that
        # is still within 24 h; due 24 h after the end.
        t0 = end + dt.timedelta(hours=2)
        due = end + dt.timedelta(hours=24)
        when = t0
        if not in_working_hours(t0):
            t1 = next_window(t0)
            if t1 <= due:
                when = t1
        for n, person in enumerate(people or [None]):
            name = person["name"] if person else "your interviewer"
            cal.add_component(make_event(
                uid.format(f"thank-you.{n}"), "thank-you", when, when + STEP,
                f"Thank-you note: {name}, {iv['company']}",
                thank_you_text(iv, person, start.date(), due, zone, topics, me), reminders))
            events += 1

        if status == "rejected":
            status_day = parse_date(iv.get("status_date") or start.date())
            t = at(add_business_days(status_day, 1), send_at, tz)
            cal.add_component(make_event(
                uid.format("feedback"), "feedback", t, t + STEP,
                f"Ask for feedback: {iv['company']} ({iv['role']})",
                feedback_text(iv, first, t, status_day, zone, me), reminders))
            events += 1
            continue

        # Check-in, one follow-up (max_follow_ups 2 counts both), move-on.
        if decision:
            day = add_business_days(decision, 1)
        else:
            day = add_business_days(when.date(), 5)
        steps = [
            ("check-in", f"Check in: {iv['company']} ({iv['role']})",
             lambda t: check_in_text(iv, first, t, start.date(), decision, zone, topics, me)),
            ("follow-up", f"Follow-up #2: {iv['company']} ({iv['role']})",
             lambda t: follow_up_text(iv, first, t, zone, me)),
            ("move-on", f"Move on from {iv['company']}",
             lambda t: move_on_text(iv, first, t, zone, me)),
        ]
        for k, (kind, summary, text) in enumerate(steps):
            if k > 0:
                day = add_business_days(day, 5)
            t = at(day, send_at, tz)
            cal.add_component(make_event(
                uid.format(kind), kind, t, t + STEP, summary, text(t), reminders))
            events += 1

        offer = iv.get("competing_offer")
        if offer and status == "waiting":
            t = at(add_business_days(parse_date(offer["received"]), 1), send_at, tz)
            cal.add_component(make_event(
                uid.format("competing-offer"), "competing-offer", t, t + STEP,
                f"Tell {iv['company']} about the {offer['company']} offer",
                offer_text(iv, first, t, offer["company"], zone, me), reminders))
            events += 1

    cal.add_missing_timezones()
    # The library adds the VTIMEZONEs in set order; sort them by TZID so the
    # output is the same from one run to the next (DTSTAMP aside).
    zones_first = sorted((c for c in cal.subcomponents if c.name == "VTIMEZONE"),
                         key=lambda c: str(c["TZID"]))
    cal.subcomponents[:] = zones_first + [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    return cal, events


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: python_baseline.py INPUT.yaml OUTPUT.ics")
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = yaml.load(f, Loader=Loader)
    cal, events = convert(doc)
    data = cal.to_ical()
    with open(sys.argv[2], "wb") as f:
        f.write(data)
    print(f"python baseline: {events} events, {len(data)} bytes, "
          f"{time.perf_counter() - T0:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

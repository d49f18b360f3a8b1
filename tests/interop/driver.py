#!/usr/bin/env python3
"""Interop driver: does every independent calendar parser and two real
calendar programs read followup's .ics files as `followup plan` means them?

Run through tests/interop/run.sh, which picks the interpreters. For each
fixture (fixtures/*.yaml of the repository and tests/interop/fixtures/*.yaml):

  1. `BIN check` (a rejected `bad-*.yaml` is skipped, any other rejection fails)
  2. `BIN plan --format json` -> the expected events (UID, status, start/end
     instant; alarms = start - each effective reminder, plus end - 10 min for
     the `interview` step; none for a done step; a reminder that would ring
     outside candidate.awake moved to the window's end before it, SPEC §8,
     computed here independently with zoneinfo; TRANSP OPAQUE for the
     interview, TRANSPARENT for every other step)
  3. `BIN build` twice: default (TZID + VTIMEZONE) and `--utc`
  4. every parser reads each file and must agree with the plan on every
     event, and with each other on STATUS and SUMMARY text:
       icalendar, vobject, ical.js, libical (each pinned to the file's own
       VTIMEZONE), and icalendar-by-name (IANA zone by TZID name, as most
       Python clients do), on default, --utc, and a copy of the default file
       whose TZIDs are renamed to non-IANA names (X-Test/...)
  5. khal and calcurse import the default and --utc files into throw-away
     stores and must list every event at the right UTC instant
  6. negative: copies of the default file with the TZOFFSETTO of every
     STANDARD (then every DAYLIGHT) block moved by one hour must be caught:
     every parser that reads the file's VTIMEZONE must disagree with the plan
     on at least one of the two copies, and a copy one of them catches must
     be caught by all of them.

`--selftest` runs the same checks on the hand-written selftest/sample.ics and
selftest/sample.plan.json (no binary needed), plus a comparator check: a
tampered plan must be reported.

Prints one line per fixture and a final `N passed, N failed[, N skipped]`
line; details go to OUT/<fixture>/report.txt. Exit 1 on any failure.
"""

import argparse
import concurrent.futures
import copy
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = "2026-11-22T00:00:00Z"
UTC = dt.timezone.utc
TIMEOUT = 120

# Readers that must honour the file's VTIMEZONE (and so must catch a wrong one).
VTZ_READERS = ["icalendar", "vobject", "ical.js", "libical"]
ALL_READERS = VTZ_READERS + ["icalendar-by-name"]


# --------------------------------------------------------------------------
# small helpers

def utc(value):
    """Normalise an RFC 3339 instant to 'YYYY-MM-DDTHH:MM:SSZ'."""
    if value is None:
        return None
    t = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if t.tzinfo is None:
        raise ValueError(f"instant without offset: {value!r}")
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_instant(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


DURATION = re.compile(r"^\s*(\d+)\s*(m|h|d|w)\s*$")
UNIT = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def reminder_seconds(text):
    m = DURATION.match(str(text))
    if not m:
        raise ValueError(f"reminder {text!r} is not N m|h|d|w")
    return int(m.group(1)) * UNIT[m.group(2)]


def run(cmd, *, env=None, cwd=None, timeout=TIMEOUT, stdin=subprocess.DEVNULL):
    return subprocess.run([str(c) for c in cmd], env=env, cwd=cwd, stdin=stdin,
                          capture_output=True, timeout=timeout)


def out_text(proc):
    return proc.stdout.decode("utf-8", "replace")


def err_text(proc, lines=6):
    """The last few lines of a process's stderr, on one line."""
    text = proc.stderr.decode("utf-8", "replace").strip()
    return " | ".join(text.splitlines()[-lines:])


# --------------------------------------------------------------------------
# iCalendar text surgery (for the derived copies)

def unfold(data: bytes):
    return re.sub(rb"\r\n[ \t]", b"", data).split(b"\r\n")


def fold(lines):
    out = []
    for line in lines:
        if line == b"":
            continue
        first = True
        while True:
            limit = 75 if first else 74
            if len(line) <= limit:
                out.append((b"" if first else b" ") + line)
                break
            cut = limit
            while (line[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
                cut -= 1
            out.append((b"" if first else b" ") + line[:cut])
            line = line[cut:]
            first = False
    return b"\r\n".join(out) + b"\r\n"


def tzids_in(data: bytes):
    return [l[5:].decode() for l in unfold(data) if l.startswith(b"TZID:")]


def rename_tzids(data: bytes, prefix="X-Test/"):
    """Copy with every TZID (VTIMEZONE and TZID= parameters) renamed to a name
    no zone database knows, so a parser can only get it from the VTIMEZONE."""
    out = []
    for line in unfold(data):
        if line.startswith(b"TZID:"):
            line = b"TZID:" + prefix.encode() + line[5:]
        else:
            line = re.sub(rb';TZID=("?)([^";:]+)("?)',
                          lambda m: b";TZID=" + m.group(1) + prefix.encode() + m.group(2) + m.group(3),
                          line)
        out.append(line)
    return fold(out)


def corrupt_offsets(data: bytes, block: str, hours=1):
    """Copy with TZOFFSETTO of every `block` (STANDARD/DAYLIGHT) sub-component
    of every VTIMEZONE moved by `hours`. Returns (data, number changed)."""
    out, inside, changed = [], False, 0
    for line in unfold(data):
        if line == b"BEGIN:" + block.encode():
            inside = True
        elif line == b"END:" + block.encode():
            inside = False
        elif inside and line.startswith(b"TZOFFSETTO:"):
            m = re.match(rb"TZOFFSETTO:([+-])(\d\d)(\d\d)(\d\d)?$", line)
            if not m:
                raise ValueError(f"cannot read {line!r}")
            sign = -1 if m.group(1) == b"-" else 1
            minutes = sign * (int(m.group(2)) * 60 + int(m.group(3))) + 60 * hours
            s = "-" if minutes < 0 else "+"
            line = f"TZOFFSETTO:{s}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}".encode()
            changed += 1
        out.append(line)
    return fold(out), changed


# --------------------------------------------------------------------------
# expectations

def load_reminders(yaml_path):
    """Per interview id: its effective reminders (SPEC §3/§4.1: the
    interview's key replaces defaults.reminders; built-in [15m]) and, for
    SPEC §8's candidate.awake, the zone alarms are judged in (the
    candidate's, else the employer's) with the awake window."""
    import yaml  # PyYAML, in the venv; only a few keys are read.
    with open(yaml_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    defaults = doc.get("defaults") or {}
    candidate = doc.get("candidate") or {}
    base = defaults.get("reminders", ["15m"])
    window = str(candidate.get("awake", "08:00-21:00"))
    opens, closes = (dt.time.fromisoformat(t.strip().rjust(5, "0")) for t in window.split("-"))
    out = {}
    for iv in doc.get("interviews") or []:
        zone = candidate.get("timezone") or iv.get("timezone") or defaults.get("timezone")
        out[str(iv["id"])] = {
            "reminders": iv.get("reminders", base),
            "awake": (str(zone), opens, closes),
        }
    return out


def awake_alarm(start, fire, awake):
    """SPEC §8: an alarm outside the awake window (in `zone`) rings at the
    window's end at or before it, whole minutes before the start."""
    if awake is None:
        return fire
    from zoneinfo import ZoneInfo
    zone, opens, closes = awake
    tz = ZoneInfo(zone)
    local = fire.astimezone(tz)
    if local.time() < opens:
        day = local.date() - dt.timedelta(days=1)
    elif local.time() > closes:
        day = local.date()
    else:
        return fire
    target = dt.datetime.combine(day, closes, tzinfo=tz).astimezone(UTC)
    if target >= fire:
        return fire
    minutes = -(-int((start - target).total_seconds()) // 60)
    return start - dt.timedelta(minutes=minutes)


def expectations(plan, reminders):
    """uid -> expected event, from `plan --format json` and the reminders
    (per interview id: a list, or {"reminders", "awake"} from the YAML)."""
    problems, expected = [], {}
    steps = plan.get("steps")
    if not isinstance(steps, list):
        return {}, ["plan JSON has no `steps` list"]
    for i, s in enumerate(steps):
        missing = [k for k in ("uid", "interview", "step", "recipient", "channel", "start",
                               "start_utc", "end_utc", "due_utc", "status") if k not in s]
        if missing:
            problems.append(f"plan step {i} lacks {missing}")
            continue
        if s["status"] not in ("planned", "cancelled", "done"):
            problems.append(f"plan step {i} has status {s['status']!r}")
        if (s["status"] == "done") != ("done_on" in s):
            problems.append(f"plan step {i}: `done_on` goes with status done, and only with it")
        if s["uid"] in expected:
            problems.append(f"plan: UID {s['uid']} appears twice")
        start, end = utc(s["start_utc"]), utc(s["end_utc"])
        if utc(s["start"]) != start:
            problems.append(f"plan step {s['uid']}: start {s['start']} is not start_utc {s['start_utc']}")
        ctx = reminders.get(s["interview"])
        if ctx is None:
            problems.append(f"plan step {s['uid']}: interview {s['interview']!r} not in the input")
            ctx = []
        rem, awake = (ctx["reminders"], ctx["awake"]) if isinstance(ctx, dict) else (ctx, None)
        t0, t1 = parse_instant(start), parse_instant(end)
        alarms = []
        if s["status"] != "done":
            for r in rem:
                fire = t0 - dt.timedelta(seconds=reminder_seconds(r))
                # The candidate is up for the interview: its alarms stay.
                alarms.append(fire if s["step"] == "interview" else awake_alarm(t0, fire, awake))
            if s["step"] == "interview":
                alarms.append(t1 - dt.timedelta(minutes=10))
        expected[s["uid"]] = {
            "uid": s["uid"], "step": s["step"], "interview": s["interview"],
            "cancelled": s["status"] == "cancelled",
            "start_utc": start, "end_utc": end,
            "alarms_utc": sorted(a.strftime("%Y-%m-%dT%H:%M:%SZ") for a in alarms),
            "transp": "OPAQUE" if s["step"] == "interview" else "TRANSPARENT",
        }
    return expected, problems


def compare(expected, events, who):
    """Problems (strings) between the plan's expectations and one reader."""
    problems = []
    seen = Counter(e["uid"] for e in events)
    for uid, n in seen.items():
        if n > 1:
            problems.append(f"{who}: UID {uid} appears {n} times")
    got = {e["uid"]: e for e in events}
    for uid in sorted(set(expected) - set(got)):
        problems.append(f"{who}: dropped {uid}")
    for uid in sorted(set(got) - set(expected)):
        problems.append(f"{who}: extra event {uid}")
    for uid in sorted(set(expected) & set(got)):
        x, g = expected[uid], got[uid]
        for key in ("start_utc", "end_utc", "alarms_utc", "transp"):
            if x[key] != g.get(key):
                problems.append(f"{who}: {uid} {key} {g.get(key)} != plan {x[key]}")
        status = g.get("status")
        if x["cancelled"] and status != "CANCELLED":
            problems.append(f"{who}: {uid} STATUS {status} but the plan says cancelled")
        if not x["cancelled"] and (status is None or status == "CANCELLED"):
            problems.append(f"{who}: {uid} STATUS {status} but the plan says planned")
    return problems


def agreement(results):
    """Readers must also agree with each other on STATUS, TRANSP and SUMMARY
    text."""
    problems = []
    by_uid = {}
    for who, events in results.items():
        for e in events:
            by_uid.setdefault(e["uid"], {})[who] = (e.get("status"), e.get("transp"), e.get("summary"))
    for uid, views in sorted(by_uid.items()):
        if len(set(views.values())) > 1:
            problems.append(f"readers disagree on STATUS/TRANSP/SUMMARY of {uid}: "
                            + "; ".join(f"{w}={v!r}" for w, v in sorted(views.items())))
    return problems


# --------------------------------------------------------------------------
# the readers

class Tools:
    def __init__(self, args):
        self.venv_py = args.venv_python
        self.sys_py = args.system_python
        self.node = args.node
        self.khal = args.khal
        self.calcurse = args.calcurse

    def reader_cmd(self, name, path):
        r = HERE / "readers"
        return {
            "icalendar": [self.venv_py, r / "read_icalendar.py", path],
            "icalendar-by-name": [self.venv_py, r / "read_icalendar.py", "--by-name", path],
            "vobject": [self.venv_py, r / "read_vobject.py", path],
            "ical.js": [self.node, r / "read_icaljs.mjs", path],
            # -s -E: Debian's python with its own dist-packages (python3-gi) only.
            "libical": [self.sys_py, "-s", "-E", r / "read_libical.py", path],
        }[name]

    def read(self, name, path):
        """-> (events or None, error text)"""
        env = dict(os.environ, NODE_PATH=str(HERE / "node_modules"), TZ="UTC")
        env.pop("PYTHONPATH", None)
        try:
            proc = run(self.reader_cmd(name, path), env=env, cwd=HERE)
        except subprocess.TimeoutExpired:
            return None, f"{name}: timed out"
        if proc.returncode != 0:
            return None, f"{name}: exit {proc.returncode}: {err_text(proc)}"
        try:
            return json.loads(out_text(proc))["events"], ""
        except (ValueError, KeyError) as e:
            return None, f"{name}: unreadable output ({e})"


# --------------------------------------------------------------------------
# the two calendar programs

def date_span(expected, before=1, after=2):
    starts = [parse_instant(x["start_utc"]) for x in expected.values()]
    ends = [parse_instant(x["end_utc"]) for x in expected.values()]
    lo = (min(starts) - dt.timedelta(days=before)).date()
    hi = (max(ends) + dt.timedelta(days=after)).date()
    return lo, hi


def sandbox_env(home):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "TMPDIR": str(home / "tmp"),  # calcurse writes its import log there
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    for d in ("config", "data", "cache", "tmp"):
        (home / d).mkdir(parents=True, exist_ok=True)
    return env


KHAL_CONFIG = """\
[calendars]
[[interop]]
path = {vdir}
type = calendar

[locale]
local_timezone = UTC
default_timezone = UTC
timeformat = %H:%M:%S
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M:%S
longdatetimeformat = %Y-%m-%dT%H:%M:%S
firstweekday = 0

[default]
default_calendar = interop
"""


def check_khal(tools, ics, expected, summaries, work):
    """khal 0.10 imports into a vdir (one file per UID) and reads it back with
    python-icalendar 4 + pytz: IANA TZIDs come from the system zone database,
    not from the file's VTIMEZONE. STATUS:CANCELLED events are imported and
    listed, marked by {cancelled} = 'CANCELLED'. We require every event, at
    the right UTC start and end, marked cancelled exactly when the plan says
    so, and nothing else."""
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = sandbox_env(home)
    vdir = home / "vdir"
    vdir.mkdir()
    cfg = home / "khal.conf"
    cfg.write_text(KHAL_CONFIG.format(vdir=vdir))
    p = run([tools.khal, "-c", cfg, "import", "--batch", ics], env=env, cwd=home)
    if p.returncode != 0:
        return [f"khal import: exit {p.returncode}: {err_text(p)}"], ""
    lo, hi = date_span(expected)
    p = run([tools.khal, "-c", cfg, "list", "--once", "--day-format", "",
             "--format", "{uid}\t{start}\t{end}\t{cancelled}\t{title}",
             lo.isoformat(), hi.isoformat()], env=env, cwd=home)
    if p.returncode != 0:
        return [f"khal list: exit {p.returncode}: {err_text(p)}"], ""
    got, problems = {}, []
    for line in out_text(p).splitlines():
        if not line.strip():
            continue
        parts = line.split("\t", 4)
        if len(parts) != 5:
            problems.append(f"khal: unexpected line {line!r}")
            continue
        uid, start, end, cancelled, title = parts
        if uid in got:
            problems.append(f"khal: {uid} listed twice")
        got[uid] = (start + "Z", end + "Z", cancelled.strip(), title)
    for uid in sorted(set(expected) - set(got)):
        problems.append(f"khal: missing {uid}")
    for uid in sorted(set(got) - set(expected)):
        problems.append(f"khal: extra {uid}")
    n_cancelled = 0
    for uid in sorted(set(expected) & set(got)):
        x = expected[uid]
        start, end, cancelled, title = got[uid]
        if (start, end) != (x["start_utc"], x["end_utc"]):
            problems.append(f"khal: {uid} at {start}..{end}, plan {x['start_utc']}..{x['end_utc']}")
        if x["cancelled"]:
            n_cancelled += 1
        if (cancelled == "CANCELLED") != x["cancelled"]:
            problems.append(f"khal: {uid} cancelled marker {cancelled!r}, plan cancelled={x['cancelled']}")
        if summaries.get(uid) is not None and title != summaries[uid]:
            problems.append(f"khal: {uid} title {title!r} != SUMMARY {summaries[uid]!r}")
    note = f"{n_cancelled} cancelled listed as CANCELLED" if n_cancelled else ""
    return problems, note


CALCURSE_REPORT = re.compile(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped")


def check_calcurse(tools, ics, expected, summaries, work):
    """calcurse 4.7 imports VEVENTs as appointments in local time (TZ=UTC
    here); a TZID is looked up as a system zone name (the VTIMEZONE is not
    read; an unknown name silently means UTC). It has no UID and no status:
    a STATUS:CANCELLED event is imported as an ordinary appointment. We
    require one appointment per event with the right start, end and text."""
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    env = sandbox_env(home)
    data = home / "calcurse"
    data.mkdir()
    base = [tools.calcurse, "-C", data, "-D", data]
    p = run(base + ["-i", ics], env=env, cwd=home)
    if p.returncode != 0:
        return [f"calcurse -i: exit {p.returncode}: {err_text(p)} {out_text(p)}"], ""
    m = CALCURSE_REPORT.search(out_text(p))
    problems = []
    if not m:
        problems.append(f"calcurse -i: no import report in {out_text(p)!r}")
    else:
        apps, events, todos, skipped = map(int, m.groups())
        if (apps, events, todos, skipped) != (len(expected), 0, 0, 0):
            problems.append(f"calcurse -i: {apps} apps / {events} events / {todos} todos / "
                            f"{skipped} skipped, expected {len(expected)} apps and nothing else")
    lo, hi = date_span(expected)
    fmt = "%(start:%Y-%m-%dT%H:%M:%SZ)\t%(end:%Y-%m-%dT%H:%M:%SZ)\t%m\n"
    p = run(base + ["--input-datefmt", "4", "-Q", "--from", lo.isoformat(),
                    "--days", str((hi - lo).days + 1), "--format-apt", fmt], env=env, cwd=home)
    if p.returncode != 0:
        return problems + [f"calcurse -Q: exit {p.returncode}: {err_text(p)}"], ""
    listed = Counter()
    day = None
    for line in out_text(p).splitlines():
        if re.fullmatch(r"\d\d/\d\d/\d\d:", line.strip()):
            day = dt.datetime.strptime(line.strip(), "%m/%d/%y:").date()
            continue
        if "\t" not in line:
            continue
        start, end, text = line.split("\t", 2)
        # An appointment is listed under every day it touches: count it once,
        # under the day it starts (or the first day listed).
        sday = parse_instant(start).date()
        if day is not None and sday != day and not (sday < lo and day == lo):
            continue
        listed[(start, end, text)] += 1
    want = Counter((x["start_utc"], x["end_utc"], summaries.get(uid, "")) for uid, x in expected.items())
    for k in sorted(want - listed):
        problems.append(f"calcurse: missing {k}")
    for k in sorted(listed - want):
        problems.append(f"calcurse: extra {k}")
    n_cancelled = sum(1 for x in expected.values() if x["cancelled"])
    note = f"{n_cancelled} cancelled imported as plain appointments" if n_cancelled else ""
    return problems, note


# --------------------------------------------------------------------------
# one calendar, all checks

class Case:
    def __init__(self, name, work):
        self.name = name
        self.work = work
        self.problems = []
        self.notes = []
        self.log = []

    def fail(self, msg):
        self.problems.append(msg)

    def write_report(self):
        self.work.mkdir(parents=True, exist_ok=True)
        with open(self.work / "report.txt", "w", encoding="utf-8") as f:
            f.write(f"{self.name}: {'FAIL' if self.problems else 'PASS'}\n")
            for n in self.notes:
                f.write(f"note: {n}\n")
            for p in self.problems:
                f.write(f"problem: {p}\n")
            for line in self.log:
                f.write(line + "\n")


def read_all(tools, pool, files, readers):
    """{(variant, reader): (events, error)} for every variant file."""
    futs = {(v, r): pool.submit(tools.read, r, path) for v, path in files.items() for r in readers}
    return {k: f.result() for k, f in futs.items()}


def check_calendar(case, tools, pool, expected, variants, programs_on=("default", "utc")):
    """Run the readers on every variant and the programs on some; returns the
    SUMMARY of each UID (for the programs) and records problems."""
    results = read_all(tools, pool, variants, ALL_READERS)
    summaries = {}
    for variant in variants:
        per_reader = {}
        for reader in ALL_READERS:
            events, error = results[(variant, reader)]
            if events is None:
                case.fail(f"[{variant}] {error}")
                continue
            per_reader[reader] = events
            for p in compare(expected, events, reader):
                case.fail(f"[{variant}] {p}")
        for p in agreement(per_reader):
            case.fail(f"[{variant}] {p}")
        if variant == "default" and "libical" in per_reader:
            summaries = {e["uid"]: e["summary"] for e in per_reader["libical"]}
        if variant == "default" and not summaries and per_reader:
            summaries = {e["uid"]: e["summary"] for e in next(iter(per_reader.values()))}
    prog = []
    for variant in programs_on:
        if variant not in variants:
            continue
        for name, fn in (("khal", check_khal), ("calcurse", check_calcurse)):
            w = case.work / f"{name}-{variant}"
            w.mkdir(parents=True, exist_ok=True)
            prog.append((variant, name, pool.submit(fn, tools, variants[variant], expected, summaries, w)))
    for variant, name, fut in prog:
        try:
            problems, note = fut.result()
        except subprocess.TimeoutExpired:
            problems, note = [f"{name}: timed out"], ""
        for p in problems:
            case.fail(f"[{variant}] {p}")
        if note and variant == programs_on[0]:
            case.notes.append(f"{name}: {note}")
    return summaries


def negative(case, tools, pool, expected, default_ics):
    """A wrong VTIMEZONE must be caught. Returns a short text for the summary."""
    data = default_ics.read_bytes()
    if b"BEGIN:VTIMEZONE" not in data or not re.search(rb";TZID=", data):
        case.notes.append("negative: not applicable (no VTIMEZONE / no TZID in the default file)")
        return "wrong-VTIMEZONE test n/a (all UTC)"
    variants = {}
    for block in ("STANDARD", "DAYLIGHT"):
        bad, n = corrupt_offsets(data, block)
        if n:
            p = case.work / f"corrupt-{block.lower()}.ics"
            p.write_bytes(bad)
            variants[block] = p
    results = read_all(tools, pool, variants, VTZ_READERS)
    caught = {r: [] for r in VTZ_READERS}
    for block in variants:
        who = []
        for r in VTZ_READERS:
            events, error = results[(block, r)]
            if events is None or compare(expected, events, r):
                who.append(r)
                caught[r].append(block)
        if who and len(who) != len(VTZ_READERS):
            case.fail(f"negative: {block} TZOFFSETTO +1h caught by {who} but not by "
                      f"{sorted(set(VTZ_READERS) - set(who))}")
        case.log.append(f"negative {block}: caught by {who}")
    for r, blocks in caught.items():
        if not blocks:
            case.fail(f"negative: {r} did not notice a VTIMEZONE with TZOFFSETTO moved by 1h")
    parts = [f"{b} {sum(b in v for v in caught.values())}/{len(VTZ_READERS)}" for b in variants]
    return "wrong VTIMEZONE caught (" + ", ".join(parts) + ")"


# --------------------------------------------------------------------------
# fixtures through the binary

def run_fixture(tools, pool, binary, yaml_path, out):
    name = yaml_path.stem
    work = out / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    case = Case(yaml_path.name, work)

    p = run([binary, "check", yaml_path])
    case.log.append(f"check: exit {p.returncode}\n{err_text(p, 1000)}")
    if p.returncode != 0:
        if name.startswith("bad-"):
            case.write_report()
            return "skip", case, f"rejected by `check` as intended (exit {p.returncode})"
        case.fail(f"`followup check` rejected it (exit {p.returncode}): {err_text(p)}")
        case.write_report()
        return "fail", case, ""

    p = run([binary, "plan", yaml_path, "--format", "json", "--now", NOW])
    (work / "plan.json").write_bytes(p.stdout)
    if p.returncode != 0:
        case.fail(f"plan: exit {p.returncode}: {err_text(p)}")
        case.write_report()
        return "fail", case, ""
    try:
        plan = json.loads(out_text(p))
    except ValueError as e:
        case.fail(f"plan: not JSON ({e})")
        case.write_report()
        return "fail", case, ""

    try:
        reminders = load_reminders(yaml_path)
        expected, problems = expectations(plan, reminders)
    except (ValueError, KeyError, TypeError) as e:
        expected, problems = {}, [f"cannot derive expectations: {e}"]
    for prob in problems:
        case.fail(prob)

    variants = {}
    for variant, extra in (("default", []), ("utc", ["--utc"])):
        path = work / f"{variant}.ics"
        p = run([binary, "build", yaml_path, "-o", path, "--now", NOW] + extra)
        case.log.append(f"build {variant}: exit {p.returncode}\n{err_text(p, 1000)}")
        if p.returncode != 0 or not path.exists():
            case.fail(f"build {' '.join(extra) or '(default)'}: exit {p.returncode}: {err_text(p)}")
            continue
        variants[variant] = path
    if "utc" in variants:
        data = variants["utc"].read_bytes()
        if b"TZID" in data or b"VTIMEZONE" in data:
            case.fail("--utc output still has a TZID or VTIMEZONE")
    if "default" in variants and tzids_in(variants["default"].read_bytes()):
        variants["renamed"] = work / "renamed.ics"
        variants["renamed"].write_bytes(rename_tzids(variants["default"].read_bytes()))

    if not expected and not problems:
        case.notes.append("plan has no steps")
    if not variants:
        case.write_report()
        return "fail", case, ""

    check_calendar(case, tools, pool, expected, variants)
    neg = negative(case, tools, pool, expected, variants["default"]) if "default" in variants else ""
    case.write_report()
    n_cancel = sum(1 for x in expected.values() if x["cancelled"])
    n_done = sum(1 for st in plan.get("steps", []) if st.get("status") == "done")
    zones = sorted(set(tzids_in(variants["default"].read_bytes()))) if "default" in variants else []
    detail = (f"{len(expected)} events ({n_cancel} cancelled, {n_done} done), TZIDs {','.join(zones) or 'none'}; "
              f"{len(ALL_READERS)} parsers x {'/'.join(variants)}; khal, calcurse; {neg}")
    return ("fail" if case.problems else "pass"), case, detail


# --------------------------------------------------------------------------
# selftest: the checkers against a hand-made calendar

def selftest(tools, pool, out):
    st = HERE / "selftest"
    cases = []
    plan = json.loads((st / "sample.plan.json").read_text(encoding="utf-8"))
    reminders = {k: v for k, v in json.loads((st / "sample.reminders.json").read_text(encoding="utf-8")).items()
                 if not k.startswith("_")}
    expected, problems = expectations(plan, reminders)

    # 1. the sample, and its renamed-TZID copy, through every reader and program
    work = out / "selftest-sample"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    case = Case("selftest: sample.ics", work)
    for p in problems:
        case.fail(p)
    default = work / "default.ics"
    shutil.copy(st / "sample.ics", default)
    renamed = work / "renamed.ics"
    renamed.write_bytes(rename_tzids(default.read_bytes()))
    check_calendar(case, tools, pool, expected, {"default": default, "renamed": renamed},
                   programs_on=("default",))
    case.write_report()
    cases.append((case, f"{len(expected)} events; {len(ALL_READERS)} parsers x default/renamed; khal, calcurse"))

    # 2. a wrong STANDARD offset must be caught by every VTIMEZONE reader
    work = out / "selftest-negative"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    case = Case("selftest: wrong VTIMEZONE", work)
    bad, n = corrupt_offsets(default.read_bytes(), "STANDARD")
    corrupt = work / "corrupt-standard.ics"
    corrupt.write_bytes(bad)
    results = read_all(tools, pool, {"corrupt": corrupt}, ALL_READERS)
    missed = []
    for r in VTZ_READERS:
        events, error = results[("corrupt", r)]
        found = error or compare(expected, events, r)
        case.log.append(f"{r}: {len(found) if isinstance(found, list) else 1} problem(s) found")
        if not found:
            missed.append(r)
    if missed:
        case.fail(f"not caught by {missed}")
    events, error = results[("corrupt", "icalendar-by-name")]
    by_name = "n/a" if events is None else ("caught" if compare(expected, events, "x") else "not caught")
    case.notes.append(f"icalendar-by-name (zoneinfo by TZID name): {by_name}")
    case.write_report()
    cases.append((case, f"STANDARD TZOFFSETTO +1h in {n} block(s) caught by {len(VTZ_READERS) - len(missed)}"
                        f"/{len(VTZ_READERS)} VTIMEZONE readers (by-name reader: {by_name}, as expected)"))

    # 3. the comparator itself: a tampered plan must be reported
    work = out / "selftest-comparator"
    work.mkdir(parents=True, exist_ok=True)
    case = Case("selftest: comparator", work)
    tampered = copy.deepcopy(expected)
    uids = sorted(tampered)
    tampered.pop(uids[0])                                     # the calendar has an extra event
    t = tampered[uids[1]]
    t["end_utc"] = utc(t["end_utc"].replace(":00Z", ":01Z"))  # one second off
    t["alarms_utc"] = t["alarms_utc"][:-1]                    # one alarm fewer
    u = tampered[uids[2]]
    u["transp"] = "OPAQUE" if u["transp"] == "TRANSPARENT" else "TRANSPARENT"  # free/busy flipped
    tampered["not-in-the-calendar@x"] = dict(t, uid="not-in-the-calendar@x")
    results = read_all(tools, pool, {"default": default}, VTZ_READERS)
    for r in VTZ_READERS:
        events, error = results[("default", r)]
        if events is None:
            case.fail(f"{r}: {error}")
            continue
        found = compare(tampered, events, r)
        kinds = {"extra": any("extra" in f for f in found), "dropped": any("dropped" in f for f in found),
                 "end": any("end_utc" in f for f in found), "alarms": any("alarms_utc" in f for f in found),
                 "transp": any("transp" in f for f in found)}
        if not all(kinds.values()):
            case.fail(f"{r}: comparator missed {[k for k, v in kinds.items() if not v]}")
    case.write_report()
    cases.append((case, "extra, dropped, 1-second, missing-alarm and TRANSP differences reported"))
    return cases


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("binary", nargs="?", help="path to the followup binary")
    ap.add_argument("--selftest", action="store_true", help="only check the checkers (no binary)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--venv-python", required=True)
    ap.add_argument("--system-python", required=True)
    ap.add_argument("--node", required=True)
    ap.add_argument("--khal", required=True)
    ap.add_argument("--calcurse", required=True)
    ap.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    ap.add_argument("fixtures", nargs="*", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tools = Tools(args)
    passed = failed = skipped = 0

    def show(status, name, detail, case):
        nonlocal passed, failed, skipped
        if status == "pass":
            passed += 1
        elif status == "skip":
            skipped += 1
        else:
            failed += 1
        label = {"pass": "PASS", "fail": "FAIL", "skip": "SKIP"}[status]
        print(f"{label} {name}: {detail}" if detail else f"{label} {name}", flush=True)
        if status == "fail":
            for p in case.problems[:12]:
                print(textwrap.indent(p, "    "), flush=True)
            if len(case.problems) > 12:
                print(f"    ... {len(case.problems) - 12} more", flush=True)
            print(f"    (full report: {case.work / 'report.txt'})", flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for case, detail in selftest(tools, pool, out):
            show("fail" if case.problems else "pass", case.name, detail, case)
        if not args.selftest:
            repo = Path(args.repo)
            fixtures = sorted(repo.glob("fixtures/*.yaml")) + sorted((HERE / "fixtures").glob("*.yaml"))
            if args.fixtures:
                fixtures = [Path(f).resolve() for f in args.fixtures]
            for f in fixtures:
                try:
                    status, case, detail = run_fixture(tools, pool, Path(args.binary), f, out)
                except Exception as e:  # a bug here must fail loudly, not pass
                    case = Case(f.name, out / f.stem)
                    case.fail(f"driver error: {type(e).__name__}: {e}")
                    status, detail = "fail", ""
                rel = os.path.relpath(f, repo)
                show(status, rel, detail, case)

    tail = f", {skipped} skipped" if skipped else ""
    print(f"interop: {passed} passed, {failed} failed{tail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Synthetic followup inputs for benchmarks: mixed zones, 1-3 interviewers
with non-ASCII names, decision dates on some, a few rejections and offers.

    gen.py one OUT.yaml N            one file with N interviews
    gen.py batch DIR FILES N         FILES files of N interviews each
Deterministic (seeded), so every run measures the same work.
"""
import os
import random
import sys

ZONES = ["America/New_York", "Europe/Berlin", "Europe/London", "Asia/Kolkata",
         "America/Los_Angeles", "Australia/Sydney", "America/Chicago", "Asia/Tokyo",
         "Europe/Dublin", "America/Sao_Paulo"]
FIRST = ["José", "Zoë", "Łukasz", "Søren", "Ana", "Mark", "Priya", "Chloé", "Jürgen",
         "Aiko", "Nguyễn", "Björn", "Amélie", "Ólafur", "Wei", "Fatima"]
LAST = ["García", "Müller", "Østergaard", "Lee", "Shah", "Dubois", "Núñez", "Tanaka",
        "Kowalski", "O'Brien", "Håkansson", "Çelik", "Smith", "Zhang"]
TITLES = ["Hiring Manager", "Recruiter", "VP of Sales", "Engineering Lead", None]
TOPICS = ["Q3 pipeline", "CRM migration", "onboarding, playbooks", "pricing; discounts",
          "the 2027 roadmap", "team culture", "API design", "customer churn"]
ROLES = ["Account Executive", "Software Engineer", "Product Manager", "Data Analyst",
         "Customer Success Manager", "Designer"]


def interview(rng, i, prefix):
    zone = rng.choice(ZONES)
    day = 1 + rng.randrange(28)
    month = 1 + rng.randrange(12)
    hour = 8 + rng.randrange(9)
    lines = [
        f"  - id: {prefix}{i}",
        f"    company: Company {i % 997}",
        f"    role: {rng.choice(ROLES)}",
        f"    start: 2026-{month:02d}-{day:02d}T{hour:02d}:{rng.choice(['00', '30'])}",
        f"    timezone: {zone}",
        "    interviewers:",
    ]
    for _ in range(1 + rng.randrange(3)):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        title = rng.choice(TITLES)
        email = name.split()[0].lower().encode("ascii", "ignore").decode() or "x"
        entry = f"      - {{ name: \"{name}\", email: {email}{i}@example.com"
        if title:
            entry += f", title: {title}"
        lines.append(entry + " }")
    lines.append(f"    topics: [\"{rng.choice(TOPICS)}\", \"{rng.choice(TOPICS)}\"]")
    r = rng.random()
    if r < 0.4:
        dd = min(28, day + 5)
        lines.append(f"    decision_by: 2026-{month:02d}-{dd:02d}")
    elif r < 0.5:
        dd = min(28, day + 3)
        lines.append("    status: rejected")
        lines.append(f"    status_date: 2026-{month:02d}-{dd:02d}")
    elif r < 0.55:
        dd = min(28, day + 2)
        lines.append(f"    competing_offer: {{ company: Rival {i}, received: 2026-{month:02d}-{dd:02d} }}")
    return "\n".join(lines)


def document(rng, n, prefix):
    head = ("candidate:\n  name: Beth Carter\n  email: beth@example.com\n"
            "defaults:\n  reminders: [15m]\n  send_at: \"10:00\"\ninterviews:\n")
    return head + "\n".join(interview(rng, i, prefix) for i in range(n)) + "\n"


def main():
    rng = random.Random(42)
    if sys.argv[1] == "one":
        with open(sys.argv[2], "w") as f:
            f.write(document(rng, int(sys.argv[3]), "iv"))
    elif sys.argv[1] == "batch":
        d, files, n = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        os.makedirs(d, exist_ok=True)
        for k in range(files):
            with open(os.path.join(d, f"candidate-{k:05d}.yaml"), "w") as f:
                f.write(document(rng, n, f"c{k}-"))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

"""An independent IMAP client for the push tests (python imaplib).

    imap_client.py create MAILBOX        # makes a mailbox
    imap_client.py add MAILBOX SUBJECT   # appends a foreign draft
    imap_client.py dump MAILBOX          # JSON: every message in it

The server and credentials come from the environment (IMAP_HOST,
IMAP_PORT, IMAP_USER, IMAP_PASSWORD), never argv; plain IMAP on loopback.
`dump` prints one object per message, sorted by key then UID: uid, flags,
the X-Followup-Key and X-Followup-Hash fields, To, Subject, Message-ID, and
the body text.
"""
import email
import email.policy
import json
import os
import re
import sys
import imaplib


def connect():
    m = imaplib.IMAP4(os.environ["IMAP_HOST"], int(os.environ["IMAP_PORT"]))
    m.login(os.environ["IMAP_USER"], os.environ["IMAP_PASSWORD"])
    return m


def quote(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dump(box):
    m = connect()
    typ, _ = m.select(quote(box), readonly=True)
    assert typ == "OK", box
    typ, data = m.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])")
    out = []
    for item in data:
        if not isinstance(item, tuple):
            continue
        meta, raw = item
        uid = int(re.search(rb"UID (\d+)", meta).group(1))
        flags = re.search(rb"FLAGS \(([^)]*)\)", meta).group(1).decode().split()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        out.append({
            "uid": uid,
            "flags": sorted(flags),
            "key": msg.get("X-Followup-Key"),
            "hash": msg.get("X-Followup-Hash"),
            "to": msg.get("To"),
            "subject": msg.get("Subject"),
            "message_id": msg.get("Message-ID"),
            "body": body.get_content() if body is not None else None,
        })
    m.logout()
    out.sort(key=lambda e: (e["key"] or "", e["uid"]))
    json.dump(out, sys.stdout, indent=1)
    print()


def add(box, subject):
    m = connect()
    raw = (
        "From: Beth Carter <beth@example.com>\r\nTo: friend@example.org\r\n"
        f"Subject: {subject}\r\nMessage-ID: <{abs(hash(subject))}@elsewhere>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "A draft of my own.\r\n"
    ).encode()
    typ, data = m.append(quote(box), "(\\Draft)", None, raw)
    assert typ == "OK", data
    m.logout()


def create(box):
    m = connect()
    typ, data = m.create(quote(box))
    assert typ == "OK", data
    m.logout()


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 2 else None
    if cmd == "dump":
        dump(sys.argv[2])
    elif cmd == "add" and len(sys.argv) > 3:
        add(sys.argv[2], sys.argv[3])
    elif cmd == "create":
        create(sys.argv[2])
    else:
        raise SystemExit(__doc__)

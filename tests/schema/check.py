"""Checks the shipped JSON Schema against real inputs with python-jsonschema.

Called by check.sh with the repository root. YAML is read as YAML 1.2 (as
followup reads it): `10:00` and `no` stay strings. ruamel's safe loader
still turns ISO dates into date objects, so timestamps are kept as the text
the user wrote.
"""

import glob
import json
import os
import sys

import jsonschema
from ruamel.yaml import YAML

root = sys.argv[1]
with open(os.path.join(root, "schema", "followup.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

yaml = YAML(typ="safe", pure=True)
yaml.version = (1, 2)
yaml.constructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f)


def leaves(errors):
    """Every error, looking inside anyOf/oneOf branches."""
    for e in errors:
        yield e
        yield from leaves(e.context or [])


def where(error):
    return "/".join(map(str, error.absolute_path)) or "(top)"


def expected(path):
    """The `# expect: <path>` line: where the shape error is."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# expect: "):
                return line[len("# expect: "):].strip()
    return None


def rel(path):
    return os.path.relpath(path, root)


good = sorted(glob.glob(os.path.join(root, "fixtures", "*.yaml")))
good.append(os.path.join(root, "src", "flows", "starter.yaml"))
bad = sorted(glob.glob(os.path.join(root, "tests", "schema", "bad", "*.yaml")))

passed = failed = 0
for path in good:
    errors = list(validator.iter_errors(load(path)))
    if errors:
        failed += 1
        print(f"FAIL {rel(path)}: valid input refused")
        for e in leaves(errors):
            print(f"    at {where(e)}: {e.message}")
    else:
        passed += 1
        print(f"ok   {rel(path)}: accepted")
for path in bad:
    want = expected(path)
    errors = list(leaves(validator.iter_errors(load(path))))
    if want is None:
        failed += 1
        print(f"FAIL {rel(path)}: no '# expect: <path>' line")
    elif any(where(e) == want for e in errors):
        passed += 1
        print(f"ok   {rel(path)}: refused at {want}")
    elif errors:
        failed += 1
        print(f"FAIL {rel(path)}: refused, but not at {want}:")
        for e in errors:
            print(f"    at {where(e)}: {e.message}")
    else:
        failed += 1
        print(f"FAIL {rel(path)}: shape error accepted")

if not good or not bad:
    failed += 1
    print("FAIL no inputs found")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

#!/usr/bin/env bash
# The one test command: installs what the tests need (once), builds, runs the
# Rust tests and the interop suite (tests/interop/run.sh).
#
#   scripts/test.sh
#
# Works as root on a fresh Debian 12 with no stdin (CI=true). Idempotent and
# quiet: every step logs to target/test-logs/; a step's log is shown only when
# it fails. Environment:
#   FOLLOWUP_BIN   binary for the interop suite (default: the debug build)
#   INTEROP_VENV   python venv for icalendar/vobject (default target/interop-venv)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
logs="$repo/target/test-logs"
mkdir -p "$logs"
export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

t0=$SECONDS

# run NAME CMD...: run quietly into target/test-logs/NAME.log; on failure show
# the end of the log and stop.
run() {
  local name="$1"
  shift
  if ! "$@" >"$logs/$name.log" 2>&1 </dev/null; then
    echo "FAILED: $name ($*)" >&2
    tail -n 60 "$logs/$name.log" | sed 's/^/    /' >&2
    echo "    (full log: $logs/$name.log)" >&2
    exit 1
  fi
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo -n "$@"
  else
    echo "need root (or sudo) to install: $*" >&2
    return 1
  fi
}

# --- 1. system packages ----------------------------------------------------
# Debian's python3 with python3-gi + gir1.2-ical-3.0 is the libical reader;
# python3-venv makes the venv for the pure-Python readers; khal and calcurse
# are the two calendar programs. node/npm: any node >= 18 with npm will do (the
# machine may carry NodeSource's nodejs, which bundles npm and conflicts with
# Debian's npm package), so Debian's are installed only if there is no node.
want=(python3 python3-venv python3-gi gir1.2-ical-3.0 khal calcurse)
# The delivery servers the push tests run against (tests/delivery/servers.sh
# starts them on loopback with throw-away configs, never through systemd),
# and openssl for their test certificates.
want+=(radicale xandikos dovecot-imapd openssl)
# Tools the Rust tests call: prlimit (util-linux), script (bsdutils), diff
# (diffutils). Debian marks them essential, so this normally installs nothing;
# named here so a slimmed image still gets them.
want+=(util-linux bsdutils diffutils)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  want+=(nodejs npm)
fi
# A C compiler: cargo links with `cc`, and mimalloc (the allocator) is C.
if ! command -v cc >/dev/null; then
  want+=(gcc libc6-dev)
fi
missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  run apt-update as_root apt-get update -q
  run apt-install as_root apt-get install -y -q --no-install-recommends \
    -o Dpkg::Use-Pty=0 "${missing[@]}"
fi

# --- 2. python venv (icalendar, vobject, PyYAML), pinned -------------------
venv="${INTEROP_VENV:-$repo/target/interop-venv}"
req="$repo/tests/interop/requirements.txt"
stamp="$venv/.requirements.sha256"
want_sum="$({ /usr/bin/python3 -VV; cat "$req"; } | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" ]] || [[ "$(cat "$stamp" 2>/dev/null)" != "$want_sum" ]]; then
  rm -rf "$venv"
  run venv /usr/bin/python3 -m venv "$venv"
  run pip-install "$venv/bin/python" -m pip install -q -r "$req"
  echo "$want_sum" >"$stamp"
fi

# --- 2b. python venv for the push tests' independent clients (caldav) ----
dvenv="$repo/target/delivery/venv"
dreq="$repo/tests/delivery/requirements.txt"
dstamp="$dvenv/.requirements.sha256"
dwant_sum="$({ /usr/bin/python3 -VV; cat "$dreq"; } | sha256sum | cut -d' ' -f1)"
if [[ ! -x "$dvenv/bin/python" ]] || [[ "$(cat "$dstamp" 2>/dev/null)" != "$dwant_sum" ]]; then
  rm -rf "$dvenv"
  run delivery-venv /usr/bin/python3 -m venv "$dvenv"
  run delivery-pip-install "$dvenv/bin/python" -m pip install -q -r "$dreq"
  echo "$dwant_sum" >"$dstamp"
fi
export FOLLOWUP_TEST_PYTHON="$dvenv/bin/python"

# --- 3. ical.js, from the committed lock file ------------------------------
nm="$repo/tests/interop/node_modules"
lock_sum="$(sha256sum "$repo/tests/interop/package-lock.json" | cut -d' ' -f1)"
if [[ ! -d "$nm/ical.js" ]] || [[ "$(cat "$nm/.lock.sha256" 2>/dev/null)" != "$lock_sum" ]]; then
  run npm-ci npm ci --prefix "$repo/tests/interop" --no-audit --no-fund
  echo "$lock_sum" >"$nm/.lock.sha256"
fi
t_setup=$((SECONDS - t0))

# --- 4. build and Rust tests -----------------------------------------------
run cargo-build cargo build
# The push tests (tests/push_caldav.rs, tests/push_imap.rs) find Radicale,
# Xandikos and Dovecot through these variables; under CI a missing one is a
# failure, not a skip. Stopped again when this script ends.
run delivery-servers bash "$repo/tests/delivery/servers.sh" start
trap 'bash "$repo/tests/delivery/servers.sh" stop >>"$logs/delivery-servers.log" 2>&1 || true' EXIT
eval "$(bash "$repo/tests/delivery/servers.sh" env)"
status=0
if cargo test --no-fail-fast >"$logs/cargo-test.log" 2>&1 </dev/null; then
  cargo_ok=1
else
  cargo_ok=0
  status=1
fi
read -r c_pass c_fail c_ign < <(awk '
  /^test result:/ { for (i = 1; i <= NF; i++) {
      if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) g += $i } }
  END { print p + 0, f + 0, g + 0 }' "$logs/cargo-test.log")
if [[ $cargo_ok -eq 1 ]]; then
  echo "cargo test ok: $c_pass passed, $c_fail failed, $c_ign ignored (log: $logs/cargo-test.log)"
else
  echo "FAILED: cargo test" >&2
  grep -E '^(test .* FAILED|failures:|---- |error(\[|:))|panicked' "$logs/cargo-test.log" | head -n 40 | sed 's/^/    /' >&2 || true
  tail -n 20 "$logs/cargo-test.log" | sed 's/^/    /' >&2
  echo "    (full log: $logs/cargo-test.log)" >&2
  if [[ $c_fail -eq 0 ]]; then c_fail=1; fi  # did not even get to run
fi

# Issue 13: 100,000 generated inputs per reader (YAML; .ics as a previous
# output and as a holiday file) with 0 panics. An optimised build (the
# `fuzz` profile of Cargo.toml: release without LTO, overflow checks on):
# the debug one manages ~35 cases/s per test on 2 busy cores; release: 7
# tests, 100,000 cases each, 108 s plus the build.
if ! FOLLOWUP_FUZZ_CASES=100000 cargo test --profile fuzz --test robustness >"$logs/fuzz.log" 2>&1 </dev/null; then
  echo "FAILED: generated inputs (FOLLOWUP_FUZZ_CASES=100000 cargo test --profile fuzz --test robustness)" >&2
  tail -n 30 "$logs/fuzz.log" | sed 's/^/    /' >&2
  echo "    (full log: $logs/fuzz.log)" >&2
  status=1
else
  echo "generated inputs ok: $(grep -c '\.\.\. ok' "$logs/fuzz.log") tests x 100,000 cases (log: $logs/fuzz.log)"
fi

# --- 5. interop suite --------------------------------------------------------
bin="${FOLLOWUP_BIN:-$target/debug/followup}"
set +e
INTEROP_VENV="$venv" "$repo/tests/interop/run.sh" "$bin" 2>&1 | tee "$logs/interop.log"
i_status=${PIPESTATUS[0]}
set -e
[[ $i_status -eq 0 ]] || status=1
read -r i_pass i_fail i_skip < <(awk '
  /^interop: [0-9]+ passed, [0-9]+ failed/ { p = $2; f = $4; s = ($6 == "" ? 0 : $6) }
  END { print p + 0, f + 0, s + 0 }' "$logs/interop.log")
if [[ $i_status -ne 0 && $i_fail -eq 0 ]]; then i_fail=1; fi  # the suite could not run

# --- 5b. the README's quick start, exactly as a new user runs it -------------
# init -> check -> build in an empty folder, then the starter file through the
# interop suite like any fixture.
qs="$repo/target/quickstart"
rm -rf "$qs"
mkdir -p "$qs"
q_pass=0
q_fail=0
if (cd "$qs" && "$bin" init && "$bin" check interviews.yaml && "$bin" build interviews.yaml -o followups.ics) \
  >"$logs/quickstart.log" 2>&1 </dev/null &&
  INTEROP_VENV="$venv" INTEROP_OUT="$repo/target/interop-quickstart" \
    "$repo/tests/interop/run.sh" "$bin" "$qs/interviews.yaml" >>"$logs/quickstart.log" 2>&1 </dev/null; then
  q_pass=1
  echo "quickstart: init -> check -> build -> interop ok"
else
  q_fail=1
  status=1
  echo "FAILED: the quick start (init -> check -> build -> interop)" >&2
  tail -n 30 "$logs/quickstart.log" | sed 's/^/    /' >&2
fi

# --- 5c. subscriptions: a real client (vdirsyncer + khal) and kill -9 ------
# tests/serve/run.sh installs vdirsyncer/khal/curl itself (idempotent).
v_pass=0
v_fail=0
if bash "$repo/tests/serve/run.sh" >"$logs/serve.log" 2>&1 </dev/null; then
  v_pass=1
  grep -E '^serve: [0-9]+ passed' "$logs/serve.log" | tail -n 1
else
  v_fail=1
  status=1
  echo "FAILED: the subscription tests (tests/serve/run.sh)" >&2
  tail -n 40 "$logs/serve.log" | sed 's/^/    /' >&2
fi

# --- 6. holiday calendars against python-holidays ---------------------------
# Every built-in calendar, 2000-2060, against an independent implementation;
# only the documented differences (tests/holidays/known-differences.txt) pass.
# Also checks the generated tables are what scripts/gen-*.py make.
h_pass=0
h_fail=0
if bash "$repo/tests/holidays/compare.sh" >"$logs/holidays.log" 2>&1 </dev/null; then
  h_pass=1
  tail -n 1 "$logs/holidays.log" | sed 's/^/holidays: /'
else
  h_fail=1
  status=1
  echo "FAILED: holiday calendars differ from python-holidays" >&2
  tail -n 30 "$logs/holidays.log" | sed 's/^/    /' >&2
fi

# --- 6b. holiday files against python's icalendar + recurring_ical_events ----
# 75 .ics files (real ones from PyPI sdists pinned by sha256, generated ones,
# our own), date by date; only tests/holidays/corpus/differences.txt passes.
c_pass_h=0
c_fail_h=0
if FOLLOWUP_BIN="$bin" bash "$repo/tests/holidays/corpus.sh" >"$logs/holiday-corpus.log" 2>&1 </dev/null; then
  c_pass_h=1
  tail -n 1 "$logs/holiday-corpus.log"
else
  c_fail_h=1
  status=1
  echo "FAILED: holiday files differ from python's expansion (tests/holidays/corpus.sh)" >&2
  grep -E 'UNEXPECTED|STALE|^corpus:|not explained' "$logs/holiday-corpus.log" | head -n 30 | sed 's/^/    /' >&2
  tail -n 5 "$logs/holiday-corpus.log" | sed 's/^/    /' >&2
fi

# --- 7. the JSON Schema against an independent validator ---------------------
# python jsonschema accepts every fixture and the starter file, and refuses
# the shape errors in tests/schema/bad/.
s_pass=0
s_fail=0
if bash "$repo/tests/schema/check.sh" >"$logs/schema.log" 2>&1 </dev/null; then
  s_pass=1
  tail -n 1 "$logs/schema.log" | sed 's/^/schema: /'
else
  s_fail=1
  status=1
  echo "FAILED: the JSON Schema check" >&2
  tail -n 30 "$logs/schema.log" | sed 's/^/    /' >&2
fi

# --- 8. meeting invitations from package registries ------------------------
# tests/invites/MANIFEST's real invitations (pinned archives, cached under
# target/invite-corpus), read by the ignored Rust test, added to a file with
# `followup add --invite` end to end (tests/edit.rs, also ignored: start
# instant from `plan --format json`, zone, interviewers), and their start
# instants cross-checked with python icalendar.
n_pass=0
n_fail=0
if INTEROP_VENV="$venv" bash "$repo/tests/invites/fetch.sh" >"$logs/invites.log" 2>&1 </dev/null &&
  cargo test --test invites -- --ignored >>"$logs/invites.log" 2>&1 </dev/null &&
  cargo test --test edit -- --ignored --nocapture >>"$logs/invites.log" 2>&1 </dev/null &&
  "$venv/bin/python" "$repo/tests/invites/crosscheck.py" "$repo/target/invite-corpus" \
    >>"$logs/invites.log" 2>&1 </dev/null; then
  n_pass=1
  grep -E '^(crosscheck|add --invite):' "$logs/invites.log" | sed 's/^/invites: /'
else
  n_fail=1
  status=1
  echo "FAILED: the real invitations (tests/invites)" >&2
  tail -n 30 "$logs/invites.log" | sed 's/^/    /' >&2
fi

echo "(setup ${t_setup}s, total $((SECONDS - t0))s; logs in $logs)"
total_skip=$((c_ign + i_skip))
skipped=""
if [[ $total_skip -gt 0 ]]; then skipped=", $total_skip skipped"; fi
echo "all: $((c_pass + i_pass + q_pass + v_pass + h_pass + c_pass_h + s_pass + n_pass)) passed, $((c_fail + i_fail + q_fail + v_fail + h_fail + c_fail_h + s_fail + n_fail)) failed$skipped"
exit $status

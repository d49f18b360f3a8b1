#!/usr/bin/env bash
# The serve tests that need more than `cargo test`:
#  1. a real subscription client: `followup serve` on a loopback port,
#     vdirsyncer (storage `http` -> `filesystem`) syncing the feed into a
#     vdir, khal listing it, before and after edits of the YAML;
#  2. the kill -9 test on a larger input (2,500 interviews, about 21 MB of calendar).
# Run from anywhere; installs its Debian packages first (tests/serve/install.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
bash "$here/install.sh"

export LC_ALL=C.UTF-8 LANG=C.UTF-8 NO_COLOR=1
unset SOURCE_DATE_EPOCH
cargo build --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/debug/followup"

passed=0
failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1"; failed=$((failed + 1)); }

work="$(mktemp -d)"
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- 1. vdirsyncer + khal ------------------------------------------------
cp fixtures/example.yaml "$work/beth.yaml"
# --keep-cancelled 0d: cancelled events are served once (so clients mark
# them), then drop out at the next regeneration (so clients delete them).
"$bin" serve "$work/beth.yaml" --addr 127.0.0.1:0 --keep-cancelled 0d \
    >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do
    grep -q 'feed:' "$work/serve.out" 2>/dev/null && break
    sleep 0.1
done
url="$(awk '/feed:/ {print $2; exit}' "$work/serve.out")"
[ -n "$url" ] || { cat "$work/serve.err"; echo "serve did not start"; exit 1; }
echo "feed: $url"

mkdir -p "$work/vdir" "$work/status"
cat >"$work/vdirsyncer.conf" <<CONF
[general]
status_path = "$work/status/"

[pair feed]
a = "feed_remote"
b = "feed_local"
collections = null
conflict_resolution = "a wins"

[storage feed_remote]
type = "http"
url = "$url"

[storage feed_local]
type = "filesystem"
path = "$work/vdir/"
fileext = ".ics"
CONF
cat >"$work/khal.conf" <<CONF
[calendars]
[[beth]]
path = $work/vdir/
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = America/New_York
default_timezone = America/New_York

[sqlite]
path = $work/khal.db
CONF

etag() { curl -sfI "$url" | tr -d '\r' | awk 'tolower($1) == "etag:" {print $2}'; }
sync() { vdirsyncer -c "$work/vdirsyncer.conf" sync >"$work/sync.log" 2>&1 || { cat "$work/sync.log"; return 1; }; }
agenda() { khal -c "$work/khal.conf" list 2026-11-01 90d --format '{start} {cancelled}{title}' | grep '^2026'; }
# Waits until the served ETag differs from $1 (an edit was picked up).
wait_change() {
    for _ in $(seq 50); do
        [ "$(etag)" != "$1" ] && return 0
        sleep 0.1
    done
    cat "$work/serve.err"
    return 1
}
has() { if grep -qxF -- "$2" <<<"$1"; then ok "$3"; else fail "$3: no line '$2'"; echo "$1"; fi; }
lacks() { if grep -qF -- "$2" <<<"$1"; then fail "$3: found '$2'"; echo "$1"; else ok "$3"; fi; }
same_count() {
    local served files
    served="$(curl -sf "$url" | grep -c '^BEGIN:VEVENT')"
    files="$(find "$work/vdir" -name '*.ics' | wc -l)"
    if [ "$served" -eq "$files" ]; then ok "$1: the vdir holds the feed's $served events"; else fail "$1: $files files for $served events"; fi
}

vdirsyncer -c "$work/vdirsyncer.conf" discover feed >/dev/null 2>&1
sync
before="$(agenda)"
has "$before" "2026-12-01 10:00 Check in: Acme Corp (Account Executive)" "before: Acme check-in planned"
has "$before" "2026-11-19 04:30 Interview: Globex, Customer Success Manager" "before: Globex interview at 10:30 Berlin"
has "$before" "2026-11-30 11:00 CANCELLED Follow-up 1 (the last): Initech (Sales Development Representative)" "before: khal marks a cancelled step"
has "$before" "2026-12-08 10:00 Follow-up 1 (the last): Acme Corp (Account Executive)" "before: Acme follow-up planned"
same_count "before"

# Edit 1: Acme rejects (later steps cancelled, feedback added); the Globex
# interview moves from 10:30 to 14:30 Berlin time.
tag="$(etag)"
python3 - "$work/beth.yaml" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("    decision_by: 2026-11-30\n", "    decision_by: 2026-11-30\n    status: rejected\n    status_date: 2026-11-20\n")
s = s.replace("start: 2026-11-19T10:30", "start: 2026-11-19T14:30")
open(p, "w").write(s)
PY
wait_change "$tag"
sync
after="$(agenda)"
active="$(grep -v ' CANCELLED ' <<<"$after" || true)"
has "$after" "2026-12-01 10:00 CANCELLED Check in: Acme Corp (Account Executive)" "edit 1: Acme check-in shown cancelled"
lacks "$active" "Check in: Acme Corp" "edit 1: Acme check-in gone from the active list"
lacks "$active" "Follow-up 1 (the last): Acme Corp" "edit 1: Acme follow-up gone from the active list"
has "$after" "2026-11-23 10:00 Ask for feedback: Acme Corp (Account Executive)" "edit 1: feedback step added"
has "$after" "2026-11-19 08:30 Interview: Globex, Customer Success Manager" "edit 1: Globex interview moved"
lacks "$after" "04:30 Interview: Globex" "edit 1: no ghost at the old time"
has "$after" "2026-11-17 14:00 Interview: Acme Corp, Account Executive" "edit 1: untouched events stay"
same_count "edit 1"

# Edit 2: any other edit; with --keep-cancelled 0d the cancelled events
# now leave the feed, and vdirsyncer deletes them.
tag="$(etag)"
sed -i 's/outbound cadences/cold calling/' "$work/beth.yaml"
wait_change "$tag"
sync
final="$(agenda)"
lacks "$final" "CANCELLED" "edit 2: cancelled events disappeared from khal"
lacks "$final" "Check in: Acme Corp" "edit 2: Acme check-in gone"
has "$final" "2026-11-23 10:00 Ask for feedback: Acme Corp (Account Executive)" "edit 2: feedback step stays"
same_count "edit 2"
if grep -q '^error' "$work/serve.err"; then fail "serve logged an error"; cat "$work/serve.err"; else ok "serve logged no error"; fi
kill -INT "$server"
if wait "$server"; then ok "Ctrl-C: serve exited 0"; else fail "Ctrl-C: serve exited $?"; fi
server=""

# --- 2. kill -9 on a larger input -------------------------------------------
if FOLLOWUP_KILL_INTERVIEWS=2500 cargo test --quiet --test kill -- --nocapture 2>"$work/kill.log"; then
    ok "kill -9 mid-write on 2,500 interviews: $(grep -E 'kills:' "$work/kill.log")"
else
    cat "$work/kill.log"
    fail "kill -9 mid-write on 2,500 interviews"
fi

echo
echo "serve: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

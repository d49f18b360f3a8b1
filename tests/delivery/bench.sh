#!/usr/bin/env bash
# Push throughput against the loopback Radicale (docs/PERFORMANCE.md "Push").
#
#   tests/delivery/bench.sh fresh COUNT [POOLS]    # create, no-op, edit 1%, delete
#   tests/delivery/bench.sh seeded COUNT [POOLS]   # no-op and edit-10 on COUNT
#                                                  # events already on the server
#   tests/delivery/bench.sh cli COUNT [JOBS]       # `followup push` of COUNT
#                                                  # interviews (6 steps each),
#                                                  # then again with no change
#   tests/delivery/bench.sh agency PEOPLE EACH [PROCS]
#                                                  # PEOPLE candidates' files of
#                                                  # EACH interviews, each pushed
#                                                  # to its own calendar, PROCS
#                                                  # pushes at once (default 2)
#
# POOLS is a comma list of parallelism to try (default 1,8). `fresh` pushes
# COUNT events into a new calendar by PUT. `seeded` first writes COUNT
# stamped events straight into a Radicale collection folder (what the
# server would hold after a create; Radicale's per-PUT cost grows with the
# collection, so creating 60,000 by PUT takes days), once, then times the
# pushes that matter day to day: nothing changed, and ten events edited.
# Starts the servers if needed (tests/delivery/servers.sh); release build.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
mode="${1:-}"
count="${2:-}"
pools="${3:-1,8}"
[[ $mode == fresh || $mode == seeded || $mode == cli || $mode == agency ]] &&
    [[ $count =~ ^[0-9]+$ ]] || {
    sed -n '2,22p' "$0" >&2
    exit 2
}
# generate COUNT PATH [FIRST]: COUNT interviews with two interviewers each
# (6 planned steps), numbered from FIRST, into PATH.
generate() {
    /usr/bin/python3 - "$1" "$2" "${3:-0}" <<'PY'
import sys
n, path, first = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
lines = ["candidate: { name: Beth Carter, email: beth@example.com }",
         "defaults: { timezone: America/New_York, reminders: [15m] }", "interviews:"]
for i in range(first, first + n):
    lines.append(f"  - id: co-{i}\n    company: Company {i}\n    role: Role {i}\n"
                 f"    start: 2026-12-{1 + i % 28:02d}T{9 + i % 7:02d}:00\n    interviewers:\n"
                 f"      - {{ name: Ann {i}, email: ann{i}@co.example }}\n"
                 f"      - {{ name: Bob {i}, email: bob{i}@co.example }}")
open(path, "w").write("\n".join(lines) + "\n")
PY
}

bash "$here/servers.sh" start
eval "$(bash "$here/servers.sh" env)"
case "$mode" in
fresh)
    cargo bench --bench push -- "$count" "$pools"
    ;;
seeded)
    name="bench-seeded-$count"
    dir="${DELIVERY_DIR:-$root/target/delivery}/radicale/collections/collection-root/$FOLLOWUP_TEST_RADICALE_USER/$name"
    if [[ ! -s $dir/.Radicale.props ]]; then
        mkdir -p "$dir"
        cargo bench --bench push -- "$count" 1 "seed=$dir"
        printf '{"C:supported-calendar-component-set": "VEVENT", "D:displayname": "%s", "tag": "VCALENDAR"}' \
            "$name" >"$dir/.Radicale.props"
    fi
    PUSH_BENCH_CALENDAR="${FOLLOWUP_TEST_RADICALE_URL}$FOLLOWUP_TEST_RADICALE_USER/$name/" \
        cargo bench --bench push -- "$count" "$pools" noop,noop,edit10
    ;;
cli)
    # The real command on a generated input: COUNT interviews with two
    # interviewers each (6 planned steps), into a new calendar by --create.
    jobs="${3:-8}"
    out="$root/target/bench-push"
    mkdir -p "$out"
    input="$out/interviews-$count.yaml"
    generate "$count" "$input"
    cargo build --release --quiet
    cal="bench-cli-$count-$(date +%s)"
    push() {
        FOLLOWUP_PASSWORD="$FOLLOWUP_TEST_RADICALE_PASSWORD" "$root/target/release/followup" push \
            --now 2026-11-10T09:00:00Z --caldav "$FOLLOWUP_TEST_RADICALE_URL" \
            --user "$FOLLOWUP_TEST_RADICALE_USER" --calendar "$cal" --create --jobs "$jobs" -v \
            "$input" 2>"$out/requests.log"
    }
    for run in first again; do
        t0=$(date +%s.%N)
        push | tail -n 1
        t1=$(date +%s.%N)
        n=$(wc -l <"$out/requests.log")
        awk -v run="$run" -v n="$n" -v a="$t0" -v b="$t1" \
            'BEGIN { s = b - a; printf "%s: %.1f s, %d requests, %.0f requests/s\n", run, s, n, n / s }'
    done
    ;;
agency)
    # An agency's night: PEOPLE candidates, each with a file of EACH
    # interviews and a calendar of their own (Radicale's cost per PUT
    # grows with the calendar it goes into, not with the server), pushed
    # PROCS at a time; then every push again with no change.
    people="$count"
    each="${3:-}"
    procs="${4:-2}"
    [[ $each =~ ^[0-9]+$ && $procs =~ ^[0-9]+$ ]] || {
        sed -n '2,22p' "$0" >&2
        exit 2
    }
    out="$root/target/bench-agency"
    rm -rf "$out"
    mkdir -p "$out/in" "$out/log"
    for ((p = 0; p < people; p++)); do
        generate "$each" "$out/in/p$p.yaml" $((p * each))
    done
    [[ -n ${BIN:-} ]] || cargo build --release --quiet
    bin="${BIN:-$root/target/release/followup}"
    stamp="$(date +%s)"
    export bin stamp out FOLLOWUP_TEST_RADICALE_URL FOLLOWUP_TEST_RADICALE_USER
    export FOLLOWUP_PASSWORD="$FOLLOWUP_TEST_RADICALE_PASSWORD"
    for run in first again; do
        rm -f "$out"/log/*
        t0=$(date +%s.%N)
        seq 0 $((people - 1)) | xargs -P "$procs" -I{} sh -c '
            "$bin" push --now 2026-11-10T09:00:00Z --caldav "$FOLLOWUP_TEST_RADICALE_URL" \
                --user "$FOLLOWUP_TEST_RADICALE_USER" --calendar "agency-$stamp-{}" --create \
                --jobs 1 -v "$out/in/p{}.yaml" >"$out/log/{}.out" 2>"$out/log/{}.req" ||
                { echo "push {} failed:" >&2; tail -n 3 "$out/log/{}.req" >&2; exit 255; }'
        t1=$(date +%s.%N)
        n=$(cat "$out"/log/*.req | grep -c -E '^[A-Z]+ .* \([0-9]+ ms\)$' || true)
        w=$(cat "$out"/log/*.req | grep -c -E '^(PUT|DELETE|MKCALENDAR) .* \([0-9]+ ms\)$' || true)
        awk -v run="$run" -v n="$n" -v w="$w" -v a="$t0" -v b="$t1" -v p="$people" -v e="$each" \
            'BEGIN { s = b - a; printf "%s: %d calendars x %d interviews, %.1f s, %d requests (%d writes), %.1f requests/s\n", run, p, e, s, n, w, n / s }'
    done
    ;;
esac

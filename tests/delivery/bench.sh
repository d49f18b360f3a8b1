#!/usr/bin/env bash
# Push throughput against the loopback Radicale (docs/PERFORMANCE.md "Push").
#
#   tests/delivery/bench.sh fresh COUNT [POOLS]    # create, no-op, edit 1%, delete
#   tests/delivery/bench.sh seeded COUNT [POOLS]   # no-op and edit-10 on COUNT
#                                                  # events already on the server
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
[[ $mode == fresh || $mode == seeded ]] && [[ $count =~ ^[0-9]+$ ]] || {
    sed -n '2,14p' "$0" >&2
    exit 2
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
esac

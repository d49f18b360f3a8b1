#!/usr/bin/env bash
# Reproduces the figures in docs/PERFORMANCE.md:
#
#   bash bench/run.sh            # 5 runs of each workload
#   RUNS=9 bash bench/run.sh
#   BIN_DIR=/path/to/release bash bench/run.sh   # measure another build
#                                # (its followup and examples/stages)
#   BENCH_DIR=/dev/shm/fb bash bench/run.sh      # inputs and outputs in tmpfs
#   PYTHON=/path/to/python3 bash bench/run.sh     # also time bench/python_baseline.py
#                                # (needs icalendar and PyYAML) on the one file
#
# Binaries come from $CARGO_TARGET_DIR (else target/) unless BIN_DIR is set.
#
# Builds the release binary, generates the synthetic workloads (bench/gen.py:
# mixed zones, 1-3 interviewers with non-ASCII names, decision dates on some,
# seeded so every run measures the same work), then times whole-process runs
# with /usr/bin/time -v and prints medians with min-max, peak RSS, events per
# second, and the stage breakdown of the single large file.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
runs="${RUNS:-5}"
target="${CARGO_TARGET_DIR:-$repo/target}"
work="${BENCH_DIR:-$target/bench}"
now="2026-11-22T00:00:00Z"
mkdir -p "$work"

if [[ -n "${BIN_DIR:-}" ]]; then
  bins="$BIN_DIR"
else
  cargo build --release --quiet --bin followup --example stages
  bins="$target/release"
fi
bin="$bins/followup"

[[ -f "$work/one-10k.yaml" ]] || python3 bench/gen.py one "$work/one-10k.yaml" 10000
[[ -d "$work/batch" ]] || python3 bench/gen.py batch "$work/batch" 2000 25

# measure NAME CMD...: runs CMD $runs times; prints median/min/max wall time
# and the largest peak RSS. Before each run (untimed): RUN is set to the
# run's number (first builds write to a new path per run, see below), and
# `sync` writes back the previous run's output, so one run's writeback does
# not land in the next one's time.
measure() {
  local name="$1"
  shift
  local times=() rss=0
  for i in $(seq "$runs"); do
    export RUN="$i"
    sync
    /usr/bin/time -v -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
      echo "$name: command failed:" >&2
      cat "$work/stderr.txt" >&2
      exit 1
    }
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")")
    local r
    r="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")"
    ((r > rss)) && rss=$r
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" -v rss="$rss" -v events="${EVENTS:-0}" '
    { t[NR] = $1 }
    END {
      med = t[int((NR + 1) / 2)]
      printf "%-34s median %6.3f s  (min %.3f, max %.3f)  peak RSS %5.1f MB", name, med, t[1], t[NR], rss / 1024
      if (events > 0 && med > 0) printf "  %8.0f events/s", events / med
      printf "\n"
    }'
}

events_in() { grep -c '^BEGIN:VEVENT' "$1"; }

echo "machine: $(nproc) cores, $(uname -m); followup $("$bin" --version | cut -d' ' -f2-)"
echo "runs per figure: $runs"
echo

# One file, 10,000 interviews: a first build (no previous output), then a
# regeneration over the previous output with nothing edited (the nightly case).
#
# First builds write to a new path per run ($RUN) instead of deleting the
# last run's output inside the timed command: on ext4 without a journal (as
# here) a new inode is not taken from those deleted in the last minute or
# so (`recently_deleted` in fs/ext4/ialloc.c), and every file created after
# a mass delete pays for scanning past them. The old outputs are removed at
# the end.
rm -rf "$work/first"
mkdir -p "$work/first"
# The batch's first output, built once untimed: it counts the events and is
# what the nightly rerun regenerates over.
[[ -d "$work/feeds" ]] || "$bin" build "$work/batch" --out-dir "$work/feeds" --now "$now" -q
batch_events="$(cat "$work"/feeds/*.ics | grep -c '^BEGIN:VEVENT')"
one_events="$("$bin" build "$work/one-10k.yaml" --now "$now" | grep -c '^BEGIN:VEVENT')"
EVENTS="$one_events" measure "one file, 10,000 interviews" \
  sh -c "exec '$bin' build '$work/one-10k.yaml' -o '$work/first/one.'\$RUN'.ics' --now $now"
cp "$work/first/one.1.ics" "$work/one-10k.ics"
EVENTS="$one_events" measure "  same, regenerating over it" \
  "$bin" build "$work/one-10k.yaml" -o "$work/one-10k.ics" --now "$now"
EVENTS=0 measure "  (plan only, same file)" "$bin" plan "$work/one-10k.yaml" --format json
EVENTS=0 measure "  (check only, same file)" "$bin" check -q "$work/one-10k.yaml"

# A batch: 2,000 files x 25 interviews, first build and nightly rerun.
EVENTS="$batch_events" measure "batch, 2,000 files x 25 interviews" \
  sh -c "exec '$bin' build '$work/batch' --out-dir '$work/first/feeds.'\$RUN --now $now -q"
EVENTS="$batch_events" measure "  same, regenerating over it" \
  "$bin" build "$work/batch" --out-dir "$work/feeds" --now "$now" -q
echo
echo "stage breakdown, one file of 10,000 interviews (in one process, on every core):"
"$bins/examples/stages" "$work/one-10k.yaml" "$runs"

# The Python reference (bench/python_baseline.py), once, on the same file:
# events per second of each, measured in this run.
if [[ -n "${PYTHON:-}" ]]; then
  echo
  /usr/bin/time -v -o "$work/time.txt" "$PYTHON" bench/python_baseline.py \
    "$work/one-10k.yaml" "$work/first/python.ics" 2>"$work/stderr.txt" >/dev/null
  py_events="$(grep -c '^BEGIN:VEVENT' "$work/first/python.ics")"
  py_wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")"
  py_rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")"
  sync
  /usr/bin/time -f "%e" -o "$work/time.txt" "$bin" build "$work/one-10k.yaml" -o "$work/first/vs-python.ics" --now "$now"
  our_wall="$(cat "$work/time.txt")"
  awk -v pe="$py_events" -v pw="$py_wall" -v pr="$py_rss" -v oe="$one_events" -v ow="$our_wall" 'BEGIN {
    printf "python baseline, same file: %d events in %.2f s (%.0f events/s), peak RSS %.0f MB\n", pe, pw, pe / pw, pr / 1024
    printf "followup, same file, right after: %d events in %.2f s (%.0f events/s): %.0fx the events/s\n", oe, ow, oe / ow, (oe / ow) / (pe / pw)
  }'
fi

# Deleting the first builds' outputs last keeps that delete out of this
# run's figures (a rerun within a minute or so still sees it).
rm -rf "$work/first"

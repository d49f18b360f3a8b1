#!/usr/bin/env bash
# Peak memory of check, build, rebuild and build to stdout on large
# generated inputs, against SPEC §11's bound (10x the input's size plus
# 64 MiB, for inputs up to 64 MiB): the figures of docs/PERFORMANCE.md's
# memory section.
#
#   bash bench/memory.sh                      # the 20 MB and 60 MB inputs
#   SIZES="20" bash bench/memory.sh           # only the 20 MB one
#   BIN=/path/to/followup bash bench/memory.sh   # measure another build
#   MEM_DIR=/dev/shm/mem bash bench/memory.sh    # inputs and outputs there
#
# Inputs come from bench/gen.py (seeded): 2,800 interviews per MB, so
# "20" is 56,000 interviews (21.0 MB) and "60" is 168,000 (63.2 MB).
# Peak RSS is /usr/bin/time's %M. "rebuild" regenerates over the first
# build's output with nothing changed; "a day later" does so with --now a
# day on; stdout is piped to `wc -c`. Prints one line per command with the
# bound and the margin, and exits 1 if any is over it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
target="${CARGO_TARGET_DIR:-$repo/target}"
work="${MEM_DIR:-$target/mem-bench}"
if [[ -n "${BIN:-}" ]]; then
  bin="$BIN"
else
  cargo build --release --quiet --bin followup
  bin="$target/release/followup"
fi
mkdir -p "$work"
now="2026-11-22T09:00:00Z"
later="2026-11-23T09:00:00Z"
over=0

# measure SIZE BOUND LABEL CMD...: runs CMD once (stdout to `wc -c`), prints
# its peak RSS and wall time against BOUND (bytes).
measure() {
  local size="$1" bound="$2" label="$3"
  shift 3
  /usr/bin/time -f "%M %e %x" -o "$work/time.txt" "$@" 2>"$work/stderr.txt" | wc -c >/dev/null
  read -r kib wall code <"$work/time.txt"
  if [[ "$code" != 0 ]]; then
    echo "$label: exit $code" >&2
    cat "$work/stderr.txt" >&2
    exit 1
  fi
  awk -v s="$size" -v b="$bound" -v k="$kib" -v w="$wall" -v l="$label" 'BEGIN {
    rss = k * 1024
    printf "%5.1f MB  %-26s peak RSS %6.1f MB  bound %6.1f MB  (%5.1f%% of it)  %6.2f s\n",
      s / 1e6, l, rss / 1e6, b / 1e6, 100 * rss / b, w
  }'
  ((kib * 1024 <= bound)) || over=1
}

echo "followup $("$bin" --version | cut -d' ' -f2-); $(nproc) cores"
for mb in ${SIZES:-20 60}; do
  input="$work/in$mb.yaml"
  out="$work/out$mb.ics"
  [[ -f "$input" ]] || python3 bench/gen.py one "$input" $((mb * 2800))
  size="$(stat -c %s "$input")"
  bound=$((size * 10 + 64 * 1024 * 1024))
  rm -f "$out"
  measure "$size" "$bound" "check" "$bin" check -q "$input"
  measure "$size" "$bound" "build -o (first)" "$bin" build "$input" -o "$out" --now "$now"
  measure "$size" "$bound" "rebuild, unchanged" "$bin" build "$input" -o "$out" --now "$now"
  measure "$size" "$bound" "rebuild, a day later" "$bin" build "$input" -o "$out" --now "$later"
  measure "$size" "$bound" "build -o - (stdout)" "$bin" build "$input" -o - --now "$now"
  rm -f "$out"
done
exit "$over"

#!/usr/bin/env bash
# Runs two builds of followup over the same inputs and compares every
# output byte for byte, to show that a refactor changed nothing a user sees:
#
#   bash bench/compare-outputs.sh OLD_BIN NEW_BIN
#   COMPARE_DIR=/dev/shm/cmp bash bench/compare-outputs.sh OLD NEW   # keep the outputs there
#   ONE=2000 FILES=200 PER_FILE=25 bash bench/compare-outputs.sh OLD NEW  # smaller workloads
#
# Each binary runs in a sandbox of its own holding identical copies of the
# inputs, with the same relative paths and the same fixed --now, so that
# every message naming a file reads the same in both. What is compared
# (each with cmp): stdout, stderr and the exit code of every command, and
# every file the commands write. Inputs: every YAML under fixtures/,
# tests/interop/fixtures/ and tests/bad/ (build to a file, to stdout and
# with --utc; plan as JSON and as a table; check), regenerations (a build
# over the previous output after an edit, after a removal, and with
# nothing changed), batches with --out-dir and --combined (a first build
# and a rerun over it, paths from arguments and from stdin), `holidays`
# for a few calendars (rule-based and table ones, `--list`, an `.ics` file
# with `--only`/`--except`), init and a plan of the starter it writes
# (`holidays: [auto]`, `-v`), schema, man, completions, help and usage
# errors, and the benchmark workloads of bench/run.sh (bench/gen.py: one
# file of ONE interviews, FILES files of PER_FILE interviews).
#
# The batch summary line ends in a wall-clock time ("…, 0.42 s"); that
# figure alone is replaced by "T s" in both stderr files before they are
# compared. Nothing else is normalised.
#
# Prints one line per different output, then `compare: N same, M different`;
# exits 1 when anything differs (2 on a usage error).
set -uo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: bash bench/compare-outputs.sh OLD_BIN NEW_BIN" >&2
  exit 2
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${COMPARE_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/followup-compare.XXXXXX")}"
rm -rf "$work/old" "$work/new" "$work/bin-old" "$work/bin-new"
# Each binary is copied to bin-SIDE/followup: clap names the program after
# argv[0] in usage messages, so both must be called the same.
declare -A bin
for side in old new; do
  b="$1"
  shift
  if [[ ! -x "$b" ]]; then
    echo "compare: $b is not an executable" >&2
    exit 2
  fi
  mkdir -p "$work/bin-$side"
  cp "$b" "$work/bin-$side/followup"
  bin[$side]="$work/bin-$side/followup"
done
now="2026-11-22T09:00:00Z"
later="2026-11-29T09:00:00Z"
one="${ONE:-10000}"
files="${FILES:-2000}"
per_file="${PER_FILE:-25}"

# The inputs, once, then the same copy into each sandbox.
seed="$work/seed"
if [[ ! -f "$seed/.done-v2-$one-$files-$per_file" ]]; then
  rm -rf "$seed"
  mkdir -p "$seed/tests"
  cp -r "$repo/fixtures" "$seed/fixtures"
  cp -r "$repo/tests/interop/fixtures" "$seed/tests/interop-fixtures"
  cp -r "$repo/tests/bad" "$seed/tests/bad"
  cp -r "$repo/tests/invites/ours" "$seed/tests/invites-ours"
  mkdir -p "$seed/bench"
  python3 "$repo/bench/gen.py" one "$seed/bench/one.yaml" "$one"
  python3 "$repo/bench/gen.py" batch "$seed/bench/batch" "$files" "$per_file"
  touch "$seed/.done-v2-$one-$files-$per_file"
fi
for side in old new; do
  mkdir -p "$work/$side"
  cp -r "$seed/fixtures" "$seed/tests" "$seed/bench" "$work/$side/"
  mkdir -p "$work/$side/out" "$work/$side/streams"
done

cases=()

# run NAME ARGS...: runs ARGS with each binary in its sandbox; stdout,
# stderr and exit code go to streams/NAME.*. Standard input is $STDIN
# (a path inside the sandbox) when set, else empty.
run() {
  local name="$1"
  shift
  local side
  for side in old new; do
    (
      cd "$work/$side" || exit
      "${bin[$side]}" "$@" <"${STDIN:-/dev/null}" >"streams/$name.stdout" 2>"streams/$name.stderr"
      echo "$?" >"streams/$name.code"
    )
  done
  cases+=("$name")
}

# in_both CMD...: runs a shell command in each sandbox (edits, copies).
in_both() {
  local side
  for side in old new; do
    (cd "$work/$side" && eval "$*")
  done
}

# --- every YAML input ------------------------------------------------------
yamls=()
while IFS= read -r f; do yamls+=("$f"); done < <(
  cd "$work/old" && find fixtures tests -name '*.yaml' | LC_ALL=C sort
)
for y in "${yamls[@]}"; do
  key="${y//\//_}"
  key="${key%.yaml}"
  run "$key.build-file" build "$y" -o "out/$key.ics" --now "$now"
  run "$key.build-stdout" build "$y" --now "$now"
  run "$key.build-utc" build "$y" --utc --now "$now"
  run "$key.plan-json" plan "$y" --format json --now "$now"
  run "$key.plan-table" plan "$y" --format table --now "$now"
  run "$key.plan-upcoming" plan "$y" --upcoming --now "$now"
  run "$key.draft-text" draft "$y" --now "$now"
  run "$key.check" check "$y"
done
run check-all check "${yamls[@]}"
run check-quiet check -q fixtures/example.yaml fixtures/closures.yaml
run plan-range plan fixtures/example.yaml --from 2026-11-23 --to 2026-11-30 --format json
STDIN=fixtures/example.yaml run build-stdin build - --now "$now"
STDIN=fixtures/example.yaml run plan-stdin plan - --now "$now"
run build-folder build fixtures --now "$now"
run build-two build fixtures/example.yaml fixtures/closures.yaml --now "$now"
run build-bad-now build fixtures/example.yaml --now yesterday
SOURCE_DATE_EPOCH=1795000000 run build-epoch build fixtures/example.yaml

# --- regeneration over a previous output -----------------------------------
in_both "mkdir -p out/regen && cp fixtures/example.yaml out/regen/in.yaml"
run regen.first build out/regen/in.yaml -o out/regen/cal.ics --now "$now"
in_both "cp out/regen/cal.ics out/regen/cal.1.ics"
run regen.unchanged build out/regen/in.yaml -o out/regen/cal.ics --now "$later" -v
in_both "sed -i 's/start: 2026-11-17T14:00/start: 2026-11-17T15:30/; s/end: 2026-11-17T15:00/end: 2026-11-17T16:30/' out/regen/in.yaml"
run regen.edited build out/regen/in.yaml -o out/regen/cal.ics --now "$later" -v
in_both "cp out/regen/cal.ics out/regen/cal.2.ics"
in_both "sed -i 's/status: rejected/status: withdrawn/' out/regen/in.yaml"
run regen.status build out/regen/in.yaml -o out/regen/cal.ics --now "$later" -v --utc
in_both "cp out/regen/cal.ics out/regen/cal.3.ics"
run regen.drop build out/regen/in.yaml -o out/regen/cal.ics --now 2027-03-01T00:00:00Z --keep-cancelled 0d -v
in_both "printf 'not a calendar\r\n' > out/regen/foreign.ics"
run regen.foreign build out/regen/in.yaml -o out/regen/foreign.ics --now "$now"
run regen.force build out/regen/in.yaml -o out/regen/foreign.ics --now "$now" --force
run regen.bad-keep build out/regen/in.yaml -o out/regen/cal.ics --keep-cancelled 3bd
in_both "cp tests/bad/unknown-key.yaml out/regen/bad.yaml"
run regen.invalid build out/regen/bad.yaml -o out/regen/cal.ics --now "$later"

# --- batches ---------------------------------------------------------------
in_both "mkdir -p out/batch-in/team && cp fixtures/*.yaml fixtures/*.ics out/batch-in/ && cp tests/interop-fixtures/*.yaml out/batch-in/team/ && cp tests/bad/unknown-key.yaml tests/bad/malformed.yaml out/batch-in/team/"
run batch.first build out/batch-in --out-dir out/feeds --combined out/all.ics --now "$now"
in_both "cp -r out/feeds out/feeds.1 && cp out/all.ics out/all.1.ics"
in_both "sed -i 's/start: 2026-11-24T14:00/start: 2026-11-24T16:00/' out/batch-in/closures.yaml"
run batch.rerun build out/batch-in --out-dir out/feeds --combined out/all.ics --now "$later" -v
run batch.args build fixtures/example.yaml ./fixtures/closures.yaml tests/bad/empty.yaml --out-dir out/feeds-args --now "$now" --jobs 1
in_both "printf 'fixtures/example.yaml\n\n  tests/interop-fixtures/ny-fall-back.yaml\nfixtures\n' > out/list.txt"
STDIN=out/list.txt run batch.stdin build - --out-dir out/feeds-stdin --now "$now"
run batch.same-output build fixtures/example.yaml ./fixtures/example.yaml --out-dir out/feeds-dup --now "$now"
run batch.missing build fixtures/example.yaml no-such.yaml --out-dir out/feeds-missing --now "$now"
run batch.combined-needs-out-dir build fixtures/example.yaml --combined out/x.ics

# --- holidays --------------------------------------------------------------
run holidays.us holidays US --year 2027
run holidays.gb-json holidays gb-eng --year 2026 --format json
run holidays.de-range holidays DE-BY --from 2026-12-01 --to 2027-01-31
run holidays.now holidays nz --now "$now"
run holidays.file holidays fixtures/office-closures.ics --year 2026
run holidays.file-json holidays fixtures/office-closures.ics --from 2026-11-01 --to 2027-01-31 --format json
run holidays.unknown holidays UK
run holidays.table holidays UZ --year 2026
run holidays.table-short holidays IN-KA --from 2035-12-01 --to 2036-01-31
run holidays.list holidays --list
run holidays.file-only holidays fixtures/office-closures.ics --year 2026 --only founder
run holidays.file-except holidays fixtures/office-closures.ics --year 2026 --except founder --except election --format json
run holidays.only-builtin holidays US --year 2026 --only holiday
run holidays.missing-file holidays nothing-here.ics --year 2026
run holidays.not-ics holidays fixtures/example.yaml --year 2026
run holidays.reversed holidays US --from 2027-01-02 --to 2027-01-01

# --- the other subcommands, help and usage errors --------------------------
run init.stdout init -
run init.file init out/starter.yaml
run init.again init out/starter.yaml
run init.force init out/starter.yaml --force -q
run init.plan plan out/starter.yaml -v --now "$now"
run init.build build out/starter.yaml -o out/starter.ics --now "$now"
run schema schema
run man man

# --- the editing commands (SPEC §8), on a copy of the starter ----------------
in_both "cp out/starter.yaml out/edit.yaml"
run edit.done done out/edit.yaml acme-ae thank-you --to "Mark Lee" --on 2026-12-01 --now "$now"
run edit.heard heard out/edit.yaml acme-ae --on 2026-12-10 --now "$now"
run edit.status status out/edit.yaml globex-csm offer --on 2026-12-10 --deadline 2026-12-17 --now "$now"
run edit.add add out/edit.yaml --company Initech --role "Data Analyst" --start 2026-12-04T09:00 --now "$now"
run edit.add-invite add out/edit.yaml --invite tests/invites-ours/zoom-request.ics --me beth@example.com --now "$now"
run edit.unknown-id done out/edit.yaml acme thank-you --now "$now"
for shell in bash zsh fish powershell elvish; do
  run "completions.$shell" completions "$shell"
done
run version --version
run help --help
run help.build build --help
run help.plan help plan
run no-command
run unknown-command frobnicate
run missing-input build

# --- the benchmark workloads (bench/run.sh) --------------------------------
run bench.one.first build bench/one.yaml -o out/one.ics --now "$now"
in_both "cp out/one.ics out/one.1.ics"
run bench.one.regen build bench/one.yaml -o out/one.ics --now "$now"
run bench.one.stdout-utc build bench/one.yaml --utc --now "$now"
run bench.one.plan plan bench/one.yaml --format json
run bench.one.table plan bench/one.yaml
run bench.one.check check -q bench/one.yaml
run bench.batch.first build bench/batch --out-dir out/bench-feeds --now "$now" -q
in_both "cp -r out/bench-feeds out/bench-feeds.1"
run bench.batch.regen build bench/batch --out-dir out/bench-feeds --combined out/bench-all.ics --now "$later"

# --- compare ---------------------------------------------------------------
same=0
different=0
differs() {
  echo "different: $1"
  different=$((different + 1))
}
compare_file() {
  if cmp -s "$work/old/$1" "$work/new/$1"; then
    same=$((same + 1))
  else
    differs "$1"
  fi
}
# The batch summary's wall-clock time, and only that.
for side in old new; do
  sed -i -E 's/^(batch: [0-9]+ files, [0-9]+ written, [0-9]+ failed, [0-9]+ events), [0-9.]+ s$/\1, T s/' \
    "$work/$side"/streams/*.stderr
done
for name in "${cases[@]}"; do
  for stream in stdout stderr code; do
    compare_file "streams/$name.$stream"
  done
done
# Every file written, and the same set of them on both sides.
(cd "$work/old" && find out -type f | LC_ALL=C sort) >"$work/old.files"
(cd "$work/new" && find out -type f | LC_ALL=C sort) >"$work/new.files"
if cmp -s "$work/old.files" "$work/new.files"; then
  same=$((same + 1))
else
  differs "the list of files written (diff $work/old.files $work/new.files)"
fi
while IFS= read -r f; do
  if [[ -f "$work/new/$f" ]]; then
    compare_file "$f"
  fi
done <"$work/old.files"

echo "compare: $same same, $different different (${#cases[@]} commands; outputs in $work)"
[[ $different -eq 0 ]]

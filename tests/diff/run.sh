#!/bin/bash
# tests/diff/run.sh - suite "diff": sluice against DuckDB on the same input.
#
# Every case is a sluice query (Flink SQL) and the same computation written
# for DuckDB as a batch query. The query is built with bin/sluice, run over
# the input file, and its output compared with the oracle's as multisets of
# rows (tests/diff/compare.mjs: exact for integers and strings, 1e-9
# relative for doubles). With the watermark and inputs whose disorder stays
# within it, no record is late and at the end of input every window fires,
# so the streaming result must equal the batch result; each run must also
# report 0 malformed and 0 late records.
#
#   cases/NAME/{query.sql,oracle.sql}   over data/flights.jsonl (make data)
#   random/NAME/{query.sql,oracle.sql}  over generated input (gen.mjs)
#   selfcheck/                          a hand-computed result for the oracle
#
# Environment: SEED (replays a random input; printed on every run),
# RANDOM_N (records, default 20000), SLUICE (default bin/sluice),
# DIFF_ONLY (run only the cases whose name contains this string).
# Prints "PASS: diff/NAME" or "FAIL: diff/NAME: reason" per case; details
# (diagnostics, differing rows) follow a FAIL indented. Work files are in
# build/tests/diff/NAME/.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=build/tests/diff
SLUICE=${SLUICE:-bin/sluice}
SEED=${SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
RANDOM_N=${RANDOM_N:-20000}
DIFF_ONLY=${DIFF_ONLY:-}
T_BUILD=120   # seconds: sluice build (includes the C compiler)
T_RUN=300     # seconds: one run of a compiled query or of the oracle
mkdir -p "$OUT"

pass() { echo "PASS: diff/$1"; }
fail() { echo "FAIL: diff/$1: $2"; }
# Prints the first lines of a file, indented, as detail under a FAIL line.
detail() { head -n "${2:-8}" "$1" 2>/dev/null | sed 's/^/    /' || true; }
wanted() { [ -z "$DIFF_ONLY" ] || [[ $1 == *"$DIFF_ONLY"* ]]; }

# The sink a query inserts into (the first INSERT INTO).
sink_of() {
  sed -n 's/^[[:space:]]*[Ii][Nn][Ss][Ee][Rr][Tt][[:space:]]\{1,\}[Ii][Nn][Tt][Oo][[:space:]]\{1,\}[`"]\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$1" | head -n 1
}

# run_case NAME QUERY.sql EXPECTED SOURCE INPUT [TAG]
#   EXPECTED is the oracle's .sql (run over INPUT) or a ready .jsonl result.
#   TAG is appended to a FAIL reason (the random seed).
run_case() {
  local name=$1 query=$2 expected=$3 source=$4 input=$5 tag=${6:-}
  local dir=$OUT/$name sink
  mkdir -p "$dir"
  rm -f "$dir"/{prog,sluice.jsonl,duckdb.jsonl,*.err,compare.txt}
  sink=$(sink_of "$query")
  if [ -z "$sink" ]; then fail "$name" "no INSERT INTO in $query$tag"; return; fi
  if [ ! -x "$SLUICE" ]; then fail "$name" "$SLUICE missing (make)$tag"; return; fi

  local rc=0
  timeout "$T_BUILD" "$SLUICE" build "$query" -o "$dir/prog" 2> "$dir/build.err" || rc=$?
  if ((rc != 0)) || [ ! -x "$dir/prog" ]; then
    fail "$name" "sluice build failed (exit $rc)$tag"; detail "$dir/build.err"; return
  fi
  rc=0
  timeout "$T_RUN" "$dir/prog" --input "$source=$input" --output "$sink=$dir/sluice.jsonl" \
    > "$dir/run.out" 2> "$dir/run.err" || rc=$?
  if ((rc != 0)); then
    fail "$name" "compiled query exited with $rc$tag"; detail "$dir/run.err"; return
  fi
  local stats
  stats=$(grep -E "^sluice: source $source: " "$dir/run.err" | tail -n 1 || true)
  if [[ ! $stats =~ ([0-9]+)\ read,\ ([0-9]+)\ malformed,\ ([0-9]+)\ late ]]; then
    fail "$name" "no 'sluice: source $source: N read, N malformed, N late' line on stderr$tag"
    detail "$dir/run.err"; return
  fi
  if [ "${BASH_REMATCH[2]}" != 0 ] || [ "${BASH_REMATCH[3]}" != 0 ]; then
    fail "$name" "expected 0 malformed and 0 late: ${stats#sluice: }$tag"; detail "$dir/run.err"; return
  fi
  local want_read
  want_read=$(wc -l < "$input")
  if [ "${BASH_REMATCH[1]}" != "$want_read" ]; then
    fail "$name" "read ${BASH_REMATCH[1]} records, the input has $want_read$tag"; return
  fi

  local ref=$expected
  if [[ $expected == *.sql ]]; then
    ref=$dir/duckdb.jsonl
    rc=0
    timeout "$T_RUN" node tests/diff/oracle.mjs --set "$source=$input" "$expected" "$ref" \
      2> "$dir/oracle.err" || rc=$?
    if ((rc != 0)); then fail "$name" "oracle failed (exit $rc)$tag"; detail "$dir/oracle.err"; return; fi
  fi
  rc=0
  timeout "$T_RUN" node tests/diff/compare.mjs "$ref" "$dir/sluice.jsonl" > "$dir/compare.txt" 2>&1 || rc=$?
  if ((rc == 0)); then
    pass "$name"
  else
    fail "$name" "$(head -n 1 "$dir/compare.txt")$tag"; detail "$dir/compare.txt" 14 | tail -n +2
  fi
}

# ---- the oracle itself, against a hand computation (needs no compiler) ------
if wanted oracle-selfcheck; then
  d=$OUT/oracle-selfcheck; mkdir -p "$d"
  if timeout 60 node tests/diff/oracle.mjs --set flights=tests/diff/selfcheck/flights.jsonl \
       tests/diff/cases/delays/oracle.sql "$d/duckdb.jsonl" 2> "$d/oracle.err" &&
     node tests/diff/compare.mjs tests/diff/selfcheck/expected.jsonl "$d/duckdb.jsonl" > "$d/compare.txt"; then
    pass oracle-selfcheck
  else
    fail oracle-selfcheck "the oracle disagrees with the hand-computed result"
    detail "$d/oracle.err"; detail "$d/compare.txt"
  fi
fi
if wanted selfcheck-sluice; then
  run_case selfcheck-sluice examples/flights/delays.sql tests/diff/selfcheck/expected.jsonl \
    flights tests/diff/selfcheck/flights.jsonl
fi

# ---- the real flights ---------------------------------------------------------
if [ ! -s data/flights.jsonl ]; then
  echo "diff: data/flights.jsonl missing: running make data"
  timeout 600 make --no-print-directory data >&2 || true
fi
for dir in tests/diff/cases/*/; do
  name=$(basename "$dir")
  wanted "$name" || continue
  if [ ! -s data/flights.jsonl ]; then fail "$name" "data/flights.jsonl missing (make data failed)"; continue; fi
  run_case "$name" "$dir/query.sql" "$dir/oracle.sql" flights data/flights.jsonl
done

# ---- random input -------------------------------------------------------------
if wanted random; then
  echo "diff: random input: seed $SEED, $RANDOM_N records (replay: SEED=$SEED tests/diff/run.sh)"
  mkdir -p "$OUT/random"
  events=$OUT/random/events.jsonl
  if ! timeout 60 node tests/diff/gen.mjs "$SEED" "$RANDOM_N" "$events" 2> "$OUT/random/gen.err"; then
    fail random/gen "generator failed (seed $SEED)"; detail "$OUT/random/gen.err"
  else
    for dir in tests/diff/random/*/; do
      name=random/$(basename "$dir")
      run_case "$name" "$dir/query.sql" "$dir/oracle.sql" events "$events" " (seed $SEED)"
    done
  fi
fi

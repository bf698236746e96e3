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
# report 0 malformed records, and 0 late ones unless the case says how many.
#
#   cases/NAME/     over the real flights: data/flights.jsonl (make data), or
#                   its sample (every 10th flight, 300,000 rows, still sorted
#                   by date) when the case has a file `input` saying `sample`
#   random/NAME/    over generated input (gen.mjs SEED RANDOM_N): no record late
#   late/NAME/      over generated input with late records (gen.mjs --late)
#   fixed/NAME/     over the case's own small input.jsonl (source events):
#                   the shortest inputs that show a bug found here, kept as
#                   regression cases (README in the directory)
#   selfcheck/      hand-computed results for the oracle and its helpers
#
# A case directory holds:
#   query.sql       the sluice program (its first INSERT INTO names the sink)
#   oracle.sql      DuckDB statements; the last one's rows are the expected
#                   table (oracle.mjs; tests/diff/prelude.sql runs first).
#                   Placeholders: {{SOURCE}} the input file (flights, events),
#                   {{annotated}} the same records with "_rn" (line number)
#                   and "_max" (the largest event time before the record, ms)
#                   in front (annotate.mjs: input order and watermarks in SQL),
#                   {{sessions}} the output of sessions.mjs (below)
#   compare         optional: arguments of compare.mjs (--changelog,
#                   --tol COL=REL, --range COL)
#   late.sql        optional: an oracle query whose one row's column `late`
#                   is the number of late records sluice must report
#                   (default: 0)
#   sessions        optional: arguments of sessions.mjs (--ts, --key, --gap,
#                   --delay, --lateness); its output is {{sessions}}
#   known_bug       optional: the first line says which sluice bug makes the
#                   case FAIL today; the case still runs and still FAILs
#                   while the bug is there, with this reason appended (as in
#                   tests/sql)
#
# Environment: SEED (replays the random inputs; printed on every run),
# RANDOM_N (records, default 20000), SLUICE (default bin/sluice),
# DIFF_ONLY (run only the cases whose name contains this string, or one of
# these strings separated by commas), JOBS
# (cases run in parallel, default nproc).
# Prints "PASS: diff/NAME" or "FAIL: diff/NAME: reason" per case, in case
# order; details (diagnostics, differing rows) follow a FAIL indented. Work
# files are in build/tests/diff/NAME/.
set -euo pipefail
cd "$(dirname "$0")/../.."

OUT=build/tests/diff
SLUICE=${SLUICE:-bin/sluice}
SEED=${SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
RANDOM_N=${RANDOM_N:-20000}
DIFF_ONLY=${DIFF_ONLY:-}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
T_BUILD=120   # seconds: sluice build (includes the C compiler)
T_RUN=300     # seconds: one run of a compiled query or of the oracle
mkdir -p "$OUT"
# One run at a time per checkout (work files live at fixed paths).
if command -v flock > /dev/null; then
  exec 9> "$OUT/.lock"
  flock 9
fi

pass() { echo "PASS: diff/$1"; }
fail() { echo "FAIL: diff/$1: $2"; }
# Prints the first lines of a file, indented, as detail under a FAIL line.
detail() { head -n "${2:-8}" "$1" 2>/dev/null | sed 's/^/    /' || true; }
wanted() {
  [ -z "$DIFF_ONLY" ] && return 0
  local w
  IFS=, read -r -a w <<< "$DIFF_ONLY"
  for w in "${w[@]}"; do [[ $1 == *"$w"* ]] && return 0; done
  return 1
}

# The sink a query inserts into (the first INSERT INTO).
sink_of() {
  sed -n 's/^[[:space:]]*[Ii][Nn][Ss][Ee][Rr][Tt][[:space:]]\{1,\}[Ii][Nn][Tt][Oo][[:space:]]\{1,\}[`"]\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$1" | head -n 1
}

# run_case NAME QUERY.sql EXPECTED SOURCE INPUT [TAG] [CASEDIR] [ANNOTATED]
#   EXPECTED is the oracle's .sql (run over INPUT) or a ready .jsonl result.
#   TAG is appended to a FAIL reason (the random seed). CASEDIR holds the
#   optional files above; ANNOTATED is INPUT through annotate.mjs.
run_case() {
  local name=$1 query=$2 expected=$3 source=$4 input=$5 tag=${6:-} cdir=${7:-} annotated=${8:-}
  local dir=$OUT/$name sink
  if [ -n "$cdir" ] && [ -s "$cdir/known_bug" ]; then tag="$tag (known bug: $(head -n 1 "$cdir/known_bug"))"; fi
  mkdir -p "$dir"
  rm -f "$dir"/{prog,sluice.jsonl,duckdb.jsonl,late.jsonl,sessions.jsonl,*.err,compare.txt}
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
  local got_read=${BASH_REMATCH[1]} got_malformed=${BASH_REMATCH[2]} got_late=${BASH_REMATCH[3]}
  local want_read
  want_read=$(wc -l < "$input")
  if [ "$got_read" != "$want_read" ]; then
    fail "$name" "read $got_read records, the input has $want_read$tag"; return
  fi

  # oracle inputs: the annotated copy, the session replay
  local sets=(--set "$source=$input")
  [ -z "$annotated" ] || sets+=(--set "annotated=$annotated")
  if [ -n "$cdir" ] && [ -f "$cdir/sessions" ]; then
    local sargs
    read -r -a sargs < "$cdir/sessions" || true
    rc=0
    timeout "$T_RUN" node tests/diff/sessions.mjs "${sargs[@]}" "$input" "$dir/sessions.jsonl" \
      2> "$dir/sessions.err" || rc=$?
    if ((rc != 0)); then fail "$name" "sessions.mjs failed (exit $rc)$tag"; detail "$dir/sessions.err"; return; fi
    sets+=(--set "sessions=$dir/sessions.jsonl")
  fi

  # the oracle: the expected table and (late.sql) the late count, one process
  local ref=$expected queries=()
  if [[ $expected == *.sql ]]; then ref=$dir/duckdb.jsonl; queries+=("$expected" "$ref"); fi
  if [ -n "$cdir" ] && [ -f "$cdir/late.sql" ]; then queries+=("$cdir/late.sql" "$dir/late.jsonl"); fi
  if ((${#queries[@]} > 0)); then
    rc=0
    timeout "$T_RUN" node tests/diff/oracle.mjs "${sets[@]}" "${queries[@]}" 2> "$dir/oracle.err" || rc=$?
    if ((rc != 0)); then fail "$name" "oracle failed (exit $rc)$tag"; detail "$dir/oracle.err"; return; fi
  fi
  local want_late=0
  if [ -n "$cdir" ] && [ -f "$cdir/late.sql" ]; then
    want_late=$(sed -n 's/^{"late":\([0-9]*\)}$/\1/p' "$dir/late.jsonl" 2>/dev/null || true)
    if [ -z "$want_late" ]; then fail "$name" "late.sql gave no {\"late\":N} row$tag"; detail "$dir/late.jsonl"; return; fi
  fi
  # a wrong count fails the case, but the tables are compared all the same
  local count_msg=
  if [ "$got_malformed" != 0 ] || [ "$got_late" != "$want_late" ]; then
    count_msg="expected 0 malformed and $want_late late: ${stats#sluice: }"
  fi
  local cargs=()
  if [ -n "$cdir" ] && [ -f "$cdir/compare" ]; then read -r -a cargs < "$cdir/compare" || true; fi
  rc=0
  timeout "$T_RUN" node tests/diff/compare.mjs "${cargs[@]}" "$ref" "$dir/sluice.jsonl" > "$dir/compare.txt" 2>&1 || rc=$?
  if ((rc == 0)) && [ -z "$count_msg" ]; then
    pass "$name"
  elif ((rc == 0)); then
    fail "$name" "$count_msg (the tables are equal)$tag"
  else
    fail "$name" "${count_msg:+$count_msg; }$(head -n 1 "$dir/compare.txt")$tag"
    detail "$dir/compare.txt" 16 | tail -n +2
  fi
}

# ---- parallel jobs, results printed in job order ----------------------------------
RES=$OUT/results
rm -rf "$RES"; mkdir -p "$RES"
n_jobs=0
n_shown=0
# Prints the results that are complete, in order, up to the first that is not.
show_done() {
  local f
  while f=$RES/$(printf %05d "$n_shown") && [ -e "$f" ]; do
    cat "$f"; n_shown=$((n_shown + 1))
  done
}
# job CMD...: runs CMD in the background (at most JOBS at a time), its
# output kept for show_done; its CPU seconds (user + system, children
# included) go to $RES/times (slowest first: sort -rn).
job() {
  while (($(jobs -rp | wc -l) >= JOBS)); do wait -n || true; show_done; done
  local f
  f=$RES/$(printf %05d "$n_jobs")
  n_jobs=$((n_jobs + 1))
  (
    "$@" > "$f.tmp" 2>&1 || true
    times > "$f.times" # (a builtin: piped, it would run in a child of its own)
    awk -v n="${2:-$1}" 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.1f %s\n", u[1] * 60 + u[2] + s[1] * 60 + s[2], n }' "$f.times" >> "$RES/times"
    mv "$f.tmp" "$f"
  ) &
}

# ---- the oracle itself, against hand computations (needs no compiler) -----------
oracle_selfcheck() {
  local d=$OUT/oracle-selfcheck; mkdir -p "$d"
  if timeout 60 node tests/diff/oracle.mjs --set flights=tests/diff/selfcheck/flights.jsonl \
       tests/diff/cases/delays/oracle.sql "$d/duckdb.jsonl" 2> "$d/oracle.err" &&
     node tests/diff/compare.mjs tests/diff/selfcheck/expected.jsonl "$d/duckdb.jsonl" > "$d/compare.txt"; then
    pass oracle-selfcheck
  else
    fail oracle-selfcheck "the oracle disagrees with the hand-computed result"
    detail "$d/oracle.err"; detail "$d/compare.txt"
  fi
}
# selfcheck/NAME/: input.jsonl (events), oracle.sql, expected.jsonl and
# optionally sessions, late.sql with expected_late: the oracle of a late/
# case (the files are links to it) over a small input whose result was
# computed by hand (selfcheck/NAME/README).
oracle_selfcheck_dir() {
  local c=$1 name=oracle-selfcheck/$(basename "$1") d rc=0
  d=$OUT/$name; mkdir -p "$d"
  local sets=(--set "events=$c/input.jsonl" --set "annotated=$d/annotated.jsonl")
  node tests/diff/annotate.mjs ts "$c/input.jsonl" "$d/annotated.jsonl" 2> "$d/annotate.err" || rc=$?
  if ((rc == 0)) && [ -f "$c/sessions" ]; then
    local sargs; read -r -a sargs < "$c/sessions" || true
    node tests/diff/sessions.mjs "${sargs[@]}" "$c/input.jsonl" "$d/sessions.jsonl" 2> "$d/sessions.err" || rc=$?
    sets+=(--set "sessions=$d/sessions.jsonl")
  fi
  local late_ok=true
  if ((rc == 0)) && [ -f "$c/late.sql" ]; then
    timeout 60 node tests/diff/oracle.mjs "${sets[@]}" "$c/late.sql" "$d/late.jsonl" 2> "$d/late.err" || rc=$?
    [ "$(cat "$d/late.jsonl" 2>/dev/null)" = "{\"late\":$(cat "$c/expected_late")}" ] || late_ok=false
  fi
  if ((rc == 0)) && $late_ok && timeout 60 node tests/diff/oracle.mjs "${sets[@]}" "$c/oracle.sql" "$d/duckdb.jsonl" 2> "$d/oracle.err" &&
     node tests/diff/compare.mjs "$c/expected.jsonl" "$d/duckdb.jsonl" > "$d/compare.txt"; then
    pass "$name"
  else
    fail "$name" "the oracle disagrees with the hand-computed result"
    detail "$d/annotate.err"; detail "$d/sessions.err"; detail "$d/late.err"
    if ! $late_ok; then echo "    late.sql gave $(cat "$d/late.jsonl" 2>/dev/null), expected $(cat "$c/expected_late")"; fi
    detail "$d/oracle.err"; detail "$d/compare.txt" 12
  fi
}
if wanted oracle-selfcheck; then job oracle_selfcheck; fi
for c in tests/diff/selfcheck/*/; do
  if [ -f "$c/oracle.sql" ] && wanted "oracle-selfcheck/$(basename "$c")"; then job oracle_selfcheck_dir "${c%/}"; fi
done
if wanted selfcheck-sluice; then
  job run_case selfcheck-sluice examples/flights/delays.sql tests/diff/selfcheck/expected.jsonl \
    flights tests/diff/selfcheck/flights.jsonl
fi

# ---- the real flights -------------------------------------------------------------
if [ ! -s data/flights.jsonl ]; then
  echo "diff: data/flights.jsonl missing: running make data"
  timeout 600 make --no-print-directory data >&2 || true
fi
IN=$OUT/inputs
mkdir -p "$IN"
SAMPLE=$IN/flights-sample.jsonl
# The sample and its annotated copy, made again when the flights are newer.
if [ -s data/flights.jsonl ] && [ ! "$SAMPLE.annotated" -nt data/flights.jsonl ]; then
  awk 'NR % 10 == 1' data/flights.jsonl > "$SAMPLE"
  node tests/diff/annotate.mjs date "$SAMPLE" "$SAMPLE.annotated"
fi
for dir in tests/diff/cases/*/; do
  name=$(basename "$dir")
  wanted "$name" || continue
  if [ ! -s data/flights.jsonl ]; then fail "$name" "data/flights.jsonl missing (make data failed)"; continue; fi
  if [ "$(cat "$dir/input" 2>/dev/null)" = sample ]; then
    job run_case "$name" "${dir%/}/query.sql" "${dir%/}/oracle.sql" flights "$SAMPLE" "" "${dir%/}" "$SAMPLE.annotated"
  else
    job run_case "$name" "${dir%/}/query.sql" "${dir%/}/oracle.sql" flights data/flights.jsonl "" "${dir%/}"
  fi
done

# ---- fixed small inputs ------------------------------------------------------------
for dir in tests/diff/fixed/*/; do
  [ -f "$dir/query.sql" ] || continue
  name=fixed/$(basename "$dir")
  wanted "$name" || continue
  mkdir -p "$OUT/$name"
  if ! node tests/diff/annotate.mjs ts "$dir/input.jsonl" "$OUT/$name/input.annotated" 2> "$OUT/$name/annotate.err"; then
    fail "$name" "annotate.mjs failed"; detail "$OUT/$name/annotate.err"; continue
  fi
  job run_case "$name" "${dir%/}/query.sql" "${dir%/}/oracle.sql" events "${dir%/}/input.jsonl" "" "${dir%/}" \
    "$OUT/$name/input.annotated"
done

# ---- random input -------------------------------------------------------------------
# gen_input NAME [--late]: generates and annotates $IN/NAME.jsonl; false on failure.
gen_input() {
  local f=$IN/$1.jsonl
  if ! timeout 60 node tests/diff/gen.mjs ${2:+"$2"} "$SEED" "$RANDOM_N" "$f" 2> "$IN/$1.gen.err" ||
     ! node tests/diff/annotate.mjs ts "$f" "$f.annotated" 2>> "$IN/$1.gen.err"; then
    fail "$1/gen" "generator failed (seed $SEED)"; detail "$IN/$1.gen.err"; return 1
  fi
}
# random_cases KIND: the wanted case directories of tests/diff/KIND/.
random_cases() {
  local dir
  for dir in tests/diff/"$1"/*/; do
    [ -f "$dir/query.sql" ] || continue
    if wanted "$1/$(basename "$dir")"; then echo "${dir%/}"; fi
  done
}
mapfile -t random_dirs < <(random_cases random)
mapfile -t late_dirs < <(random_cases late)
if ((${#random_dirs[@]} + ${#late_dirs[@]} > 0)) || wanted oracle-selfcheck/sessions-vs-gaps; then
  echo "diff: random input: seed $SEED, $RANDOM_N records (replay: SEED=$SEED tests/diff/run.sh)"
fi
# Two oracles of random/session_keys, one from sessions.mjs's replay, must
# agree on input without late records (selfcheck/sessions_vs_gaps.sql).
sessions_crosscheck() {
  local d=$OUT/oracle-selfcheck/sessions-vs-gaps rc=0
  mkdir -p "$d"
  node tests/diff/sessions.mjs --ts ts --key k --gap 40000 --delay 5000 "$IN/random.jsonl" "$d/sessions.jsonl" \
    2> "$d/sessions.err" || rc=$?
  if ((rc == 0)) && grep -q ', 0 late$' "$d/sessions.err" &&
     timeout 60 node tests/diff/oracle.mjs --set "sessions=$d/sessions.jsonl" tests/diff/selfcheck/sessions_vs_gaps.sql \
       "$d/replay.jsonl" 2> "$d/oracle.err" &&
     timeout 60 node tests/diff/oracle.mjs --set "events=$IN/random.jsonl" tests/diff/random/session_keys/oracle.sql \
       "$d/gaps.jsonl" 2>> "$d/oracle.err" &&
     node tests/diff/compare.mjs "$d/gaps.jsonl" "$d/replay.jsonl" > "$d/compare.txt"; then
    pass oracle-selfcheck/sessions-vs-gaps
  else
    fail oracle-selfcheck/sessions-vs-gaps "sessions.mjs and the gaps-and-islands oracle disagree (seed $SEED)"
    detail "$d/sessions.err"; detail "$d/oracle.err"; detail "$d/compare.txt" 12
  fi
}
need_random=${#random_dirs[@]}
if wanted oracle-selfcheck/sessions-vs-gaps; then need_random=1; fi
if ((need_random > 0)) && gen_input random; then
  if wanted oracle-selfcheck/sessions-vs-gaps; then job sessions_crosscheck; fi
  for dir in "${random_dirs[@]}"; do
    job run_case "random/$(basename "$dir")" "$dir/query.sql" "$dir/oracle.sql" events "$IN/random.jsonl" \
      " (seed $SEED)" "$dir" "$IN/random.jsonl.annotated"
  done
fi
if ((${#late_dirs[@]} > 0)) && gen_input late --late; then
  for dir in "${late_dirs[@]}"; do
    job run_case "late/$(basename "$dir")" "$dir/query.sql" "$dir/oracle.sql" events "$IN/late.jsonl" \
      " (seed $SEED)" "$dir" "$IN/late.jsonl.annotated"
  done
fi

while (($(jobs -rp | wc -l) > 0)); do wait -n || true; show_done; done
wait
show_done

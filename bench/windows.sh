#!/bin/bash
# bench/windows.sh - `make bench-windows`: window kinds and changelogs over the
# 3M real flights, each beside DuckDB running the same computation over the
# same file in the same run. Prints figures, no verdict.
#
#   hop_10, hop_1h, hop_6h  HOP per origin, 1-minute slide, 10 min / 1 h / 6 h
#                           windows (pane-based in sluice: the time per emitted
#                           window must not grow with size/slide)
#   session                 SESSION per origin, 10-minute gap
#   changelog               GROUP BY origin, destination without a window: a
#                           changelog (every flight updates its route) written
#                           as debezium-json; DuckDB computes the same running
#                           aggregate per flight (COUNT and AVG OVER the route
#                           in time order, every row written: the +U rows)
#   count_distinct          COUNT(DISTINCT destination) per origin and day
#
# Each line: sluice's best time, events/s, rows out, time per output row;
# DuckDB's best time with its default threads and with 1; the ratios. The
# changelog line adds sluice's peak RSS and state bytes per group.
# Queries: bench/queries/NAME.sql (sluice) and NAME.oracle.sql (DuckDB).
#
# Environment: RUNS (default 3), BENCH_INPUT (default data/flights.jsonl),
# ONLY (run the queries whose name contains it).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
INPUT=${BENCH_INPUT:-data/flights.jsonl}
ONLY=${ONLY:-}
W=build/bench/windows
mkdir -p "$W"
TIME=/usr/bin/time
for f in bin/sluice "$INPUT" "$TIME"; do
  [ -e "$f" ] || { echo "bench: $f missing (make all data; apt-get install time)" >&2; exit 1; }
done

# Each run writes a new output file: OUT is removed before the timer starts
# (and DuckDB's by duckdb.mjs), because truncating the previous run's file
# (684 MB for the changelog) costs the kernel 0.1 to 0.3 s depending on
# whether its pages are still being written back, which made the
# changelog's time vary from 0.68 to 0.91 s between runs of one binary.
best_of() { # OUT CMD... -> best wall seconds
  local best= t0 t out=$1
  shift
  for _ in $(seq "$RUNS"); do
    rm -f "$out"
    t0=$EPOCHREALTIME
    timeout 900 "$@" > /dev/null 2> "$W/last.err" || { cat "$W/last.err" >&2; return 1; }
    t=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }')
    if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
  done
  echo "$best"
}
duck() { # ORACLE THREADS -> seconds
  local line
  line=$(timeout 1800 node bench/duckdb.mjs --threads "$2" --runs "$RUNS" --set "flights=$INPUT" \
    "$1" "$W/duckdb.jsonl")
  [[ $line =~ best=([0-9.]+) ]] || { echo "bench: duckdb.mjs said: $line" >&2; return 1; }
  echo "${BASH_REMATCH[1]}"
}

n=$(wc -l < "$INPUT")
echo "bench: window kinds and changelogs over $INPUT ($n events), best of $RUNS"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
printf "%-15s %9s %10s %9s %11s %10s %10s %9s %9s\n" query sluice "events/s" "rows out" "per row" \
  "DuckDB" "DuckDB 1t" ratio "ratio 1t"
for q in hop_10 hop_1h hop_6h session changelog count_distinct; do
  [ -z "$ONLY" ] || [[ $q == *"$ONLY"* ]] || continue
  bin/sluice build "bench/queries/$q.sql" -o "$W/$q" > "$W/$q.build" 2>&1 ||
    { echo "$q: build failed"; cat "$W/$q.build"; continue; }
  t=$(best_of "$W/$q.out" "$W/$q" --input "flights=$INPUT" --output "out1=$W/$q.out")
  rows=$(wc -l < "$W/$q.out")
  td=$(duck "bench/queries/$q.oracle.sql" default)
  t1=$(duck "bench/queries/$q.oracle.sql" 1)
  awk -v q="$q" -v t="$t" -v n="$n" -v r="$rows" -v td="$td" -v t1="$t1" 'BEGIN {
    printf "%-15s %8.3fs %9.2fM %9d %9.0fns %9.3fs %9.3fs %8.2fx %8.2fx\n",
           q, t, n / t / 1e6, r, t / (r ? r : 1) * 1e9, td, t1, td / t, t1 / t }'
  if [ "$q" = changelog ]; then
    rm -f "$W/$q.out"
    $TIME -f '%M' "$W/$q" --input "flights=$INPUT" --output "out1=$W/$q.out" 2> "$W/$q.err" > /dev/null
    rss=$(tail -n 1 "$W/$q.err")
    st=$(grep -o 'state: [0-9]* bytes.*groups: [0-9]*' "$W/$q.err" | head -n 1)
    bytes=$(echo "$st" | sed 's/state: \([0-9]*\) bytes.*/\1/')
    groups=$(echo "$st" | sed 's/.*groups: \([0-9]*\)/\1/')
    awk -v rss="$rss" -v b="$bytes" -v g="$groups" 'BEGIN {
      printf "  changelog: peak RSS %.1f MB, state %d bytes for %d groups (%.0f bytes/group)\n",
             rss / 1024, b, g, g ? b / g : 0 }'
  fi
done

#!/bin/bash
# bench/compile.sh - `make bench-compile`: the compiler scales linearly with
# the program. Generates programs of growing size and prints, for each,
# the wall time and peak memory of `sluice emit-c` (parse, bind, optimize,
# codegen) and of `sluice build` (that plus the C compiler and the link),
# and the build time per unit of size, which stays flat when the cost is
# linear. Prints figures, no verdict.
#
#   columns N (agg)    a source of N BIGINT columns, one window aggregation
#                      with SUM of every column (the shape that was quadratic:
#                      10,000 columns took 10.7 s and 8.3 GB in emit-c)
#   columns N (proj)   the same source, every column projected to a sink
#   IN list N          WHERE x IN (N integer constants)
#   window queries N   N TUMBLE aggregations (different sizes) over one source:
#                      one shape, so they share their types (program.c,
#                      cg_share_types)
#   mixed windows N    N window aggregations of 8 shapes (keys, aggregates,
#                      TUMBLE/CUMULATE/HOP), each its own types per shape
#
# Targets the project reports against: 10,000 columns build < 5 s, a
# 100,000-item IN list < 5 s, 300 window queries < 30 s.
#
# Environment: CC and CFLAGS as for sluice build.
set -euo pipefail
cd "$(dirname "$0")/.."
W=build/bench/compile
mkdir -p "$W"
SLUICE=bin/sluice
[ -x "$SLUICE" ] || { echo "bench: $SLUICE missing (make)" >&2; exit 1; }
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME missing (apt-get install time)" >&2; exit 1; }

# ---- generators (awk, so that nothing beyond the base system is needed) ----------------
cols_agg() { # N
  awk -v n="$1" 'BEGIN {
    printf "CREATE TABLE src (\n"; for (i = 0; i < n; i++) printf "  c%d BIGINT,\n", i
    printf "  ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '"'"'1'"'"' SECOND\n"
    printf ") WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'in.jsonl'"'"');\n"
    printf "CREATE TABLE out1 WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'out.jsonl'"'"') AS\n"
    printf "SELECT window_start"; for (i = 0; i < n; i++) printf ", SUM(c%d) AS s%d", i, i
    printf "\nFROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '"'"'1'"'"' MINUTE))\n"
    printf "GROUP BY window_start, window_end;\n" }'
}
cols_proj() { # N
  awk -v n="$1" 'BEGIN {
    printf "CREATE TABLE src (\n"; for (i = 0; i < n; i++) printf "  c%d BIGINT,\n", i
    printf "  ts TIMESTAMP(3)\n"
    printf ") WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'in.jsonl'"'"');\n"
    printf "CREATE TABLE out1 WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'out.jsonl'"'"') AS\n"
    printf "SELECT *\nFROM src;\n" }'
}
in_list() { # N
  awk -v n="$1" 'BEGIN {
    printf "CREATE TABLE src (a BIGINT) WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'in.jsonl'"'"');\n"
    printf "CREATE TABLE out1 WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'out.jsonl'"'"') AS\n"
    printf "SELECT a FROM src WHERE a IN ("
    for (i = 0; i < n; i++) printf "%s%d", i ? ", " : "", i * 7
    printf ");\n" }'
}
windows() { # N
  awk -v n="$1" 'BEGIN {
    printf "CREATE TABLE src (k STRING, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '"'"'1'"'"' SECOND)\n"
    printf "WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'in.jsonl'"'"');\n"
    for (i = 0; i < n; i++) {
      printf "CREATE TABLE o%d WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'o%d.jsonl'"'"') AS\n", i, i
      printf "SELECT k, window_start, COUNT(*) AS n, SUM(v) AS s, MAX(v) AS mx\n"
      printf "FROM TABLE(TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '"'"'%d'"'"' MINUTE))\n", i + 1
      printf "GROUP BY k, window_start, window_end;\n"
    } }'
}

windows_mixed() { # N
  awk -v n="$1" 'BEGIN {
    printf "CREATE TABLE src (k STRING, u INT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '"'"'1'"'"' SECOND)\n"
    printf "WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'in.jsonl'"'"');\n"
    split("k|u|k, u|k", keys, "|")
    split("COUNT(*) AS n, SUM(v) AS s|MIN(v) AS lo, AVG(v) AS mean", aggs, "|")
    for (i = 0; i < n; i++) {
      tvf = (i % 3 == 0) ? "TUMBLE(TABLE src, DESCRIPTOR(ts), INTERVAL '"'"'%d'"'"' MINUTE)" : \
            (i % 3 == 1) ? "CUMULATE(TABLE src, DESCRIPTOR(ts), INTERVAL '"'"'%d'"'"' MINUTE, INTERVAL '"'"'%d'"'"' MINUTE)" : \
                           "HOP(TABLE src, DESCRIPTOR(ts), INTERVAL '"'"'%d'"'"' MINUTE, INTERVAL '"'"'%d'"'"' MINUTE)"
      printf "CREATE TABLE o%d WITH ('"'"'connector'"'"' = '"'"'filesystem'"'"', '"'"'path'"'"' = '"'"'o%d.jsonl'"'"') AS\n", i, i
      printf "SELECT %s, window_start, %s\n", keys[i % 4 + 1], aggs[int(i / 4) % 2 + 1]
      printf "FROM TABLE(" tvf ")\n", i % 60 + 1, 24 * (i % 60 + 1)
      printf "GROUP BY %s, window_start, window_end;\n", keys[i % 4 + 1]
    } }'
}

# measure LABEL UNIT N FILE: one line of figures
measure() {
  local label=$1 unit=$2 n=$3 f=$4 e b
  e=$($TIME -f '%e %M' "$SLUICE" emit-c "$f" -o "$W/x.c" 2>&1 > /dev/null | tail -n 1)
  b=$($TIME -f '%e %M' "$SLUICE" build "$f" -o "$W/x.bin" 2>&1 > /dev/null | tail -n 1)
  awk -v l="$label" -v u="$unit" -v n="$n" -v e="$e" -v b="$b" 'BEGIN {
    split(e, E, " "); split(b, B, " ")
    printf "%-24s %9.2f s %8.0f MB %10.2f s %8.0f MB %10.1f us/%s\n", l, E[1], E[2] / 1024,
           B[1], B[2] / 1024, B[1] * 1e6 / n, u }'
}

printf "%-24s %11s %11s %12s %11s %14s\n" "program" "emit-c" "peak" "build" "peak" "build per unit"
for n in 1000 5000 10000; do
  cols_agg "$n" > "$W/cols-agg-$n.sql"
  measure "columns $n (agg)" col "$n" "$W/cols-agg-$n.sql"
done
for n in 1000 5000 10000; do
  cols_proj "$n" > "$W/cols-proj-$n.sql"
  measure "columns $n (proj)" col "$n" "$W/cols-proj-$n.sql"
done
for n in 10000 100000; do
  in_list "$n" > "$W/in-$n.sql"
  measure "IN list $n" item "$n" "$W/in-$n.sql"
done
for n in 30 100 300; do
  windows "$n" > "$W/windows-$n.sql"
  measure "window queries $n" query "$n" "$W/windows-$n.sql"
done
for n in 30 300; do
  windows_mixed "$n" > "$W/mixed-$n.sql"
  measure "mixed windows $n" query "$n" "$W/mixed-$n.sql"
done
echo "targets: 10,000 columns build < 5 s; 100,000-item IN list < 5 s; 300 window queries < 30 s"

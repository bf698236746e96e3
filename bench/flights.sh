#!/bin/bash
# bench/flights.sh - `make bench`: examples/flights/delays.sql, sluice vs DuckDB,
# measured in the same run on the same machine. Prints figures, no verdict.
#
#   (a) wall time of `bin/sluice build examples/flights/delays.sql` (best of RUNS)
#   (b) the compiled binary on data/flights.jsonl: the program on one thread
#       (a file reader and a sink writer thread move the bytes), whole
#       process, JSON in, JSON lines out to a file; events/s (best of 3)
#   (c) DuckDB (@duckdb/node-api, in-process, via node) running the same query
#       (tests/diff/cases/delays/oracle.sql) over the same file with read_json
#       and explicit columns, COPY ... TO a JSON file; best of 3, with its
#       default thread count and with 1 thread. Query time only (node start-up
#       and DuckDB instance creation excluded).
#   (d) the throughput ratio sluice / DuckDB for both.
# Targets the project reports against: build < 1 s; sluice >= 2x DuckDB.
#
# Environment: RUNS (default 5), BENCH_INPUT (default data/flights.jsonl).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
INPUT=${BENCH_INPUT:-data/flights.jsonl}
QUERY=examples/flights/delays.sql
ORACLE=tests/diff/cases/delays/oracle.sql
W=build/bench
mkdir -p "$W"

for f in bin/sluice "$INPUT"; do
  [ -e "$f" ] || { echo "bench: $f missing (make all data)" >&2; exit 1; }
done

# best_of OUT CMD...: runs CMD RUNS times, prints the best wall time in
# seconds. OUT (- for none) is removed before each run: every run writes a
# new file, as duckdb.mjs has DuckDB do.
best_of() {
  local best= t0 t out=$1
  shift
  for _ in $(seq "$RUNS"); do
    [ "$out" = - ] || rm -f "$out"
    t0=$EPOCHREALTIME
    timeout 600 "$@" > /dev/null 2> "$W/last.err" || { cat "$W/last.err" >&2; return 1; }
    t=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }')
    if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
  done
  echo "$best"
}
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
human() { awk -v r="$1" 'BEGIN { if (r >= 1e6) printf "%.2f M", r / 1e6; else printf "%.0f K", r / 1e3 }'; }

n=$(wc -l < "$INPUT")
bytes=$(stat -c %s "$INPUT")
echo "bench: $QUERY over $INPUT ($n events, $((bytes / 1000000)) MB), best of $RUNS"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
echo "cc: $(${CC:-cc} --version | head -n 1); node $(node --version); DuckDB $(node -p "require('@duckdb/node-api/package.json').version")"

# (a)
t_build=$(best_of - bin/sluice build "$QUERY" -o "$W/delays")
echo "(a) sluice build:            ${t_build} s   (target < 1 s)"

# (b)
t_sluice=$(best_of "$W/sluice.jsonl" "$W/delays" --input "flights=$INPUT" --output "hourly_delays=$W/sluice.jsonl")
r_sluice=$(rate "$n" "$t_sluice")
echo "(b) sluice run:              ${t_sluice} s   $(human "$r_sluice") events/s   $(awk -v b="$bytes" -v t="$t_sluice" 'BEGIN { printf "%.0f", b / t / 1e6 }') MB/s   ($(wc -l < "$W/sluice.jsonl") rows out)"

# (c)
duck() { # THREADS -> "seconds threads"
  local line
  line=$(timeout 900 node bench/duckdb.mjs --threads "$1" --runs "$RUNS" --set "flights=$INPUT" "$ORACLE" "$W/duckdb.jsonl")
  [[ $line =~ threads=([0-9]+).*best=([0-9.]+) ]] || { echo "bench: duckdb.mjs said: $line" >&2; return 1; }
  echo "${BASH_REMATCH[2]} ${BASH_REMATCH[1]}"
}
read -r t_duck_d th_d < <(duck default)
read -r t_duck_1 _ < <(duck 1)
r_duck_d=$(rate "$n" "$t_duck_d")
r_duck_1=$(rate "$n" "$t_duck_1")
echo "(c) DuckDB, $th_d threads (default): ${t_duck_d} s   $(human "$r_duck_d") events/s   ($(wc -l < "$W/duckdb.jsonl") rows out)"
echo "    DuckDB, 1 thread:          ${t_duck_1} s   $(human "$r_duck_1") events/s"

# (d)
echo "(d) sluice / DuckDB ($th_d threads): $(awk -v a="$r_sluice" -v b="$r_duck_d" 'BEGIN { printf "%.2fx", a / b }')   (target >= 2x)"
echo "    sluice / DuckDB (1 thread):  $(awk -v a="$r_sluice" -v b="$r_duck_1" 'BEGIN { printf "%.2fx", a / b }')"

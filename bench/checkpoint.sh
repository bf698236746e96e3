#!/bin/bash
# bench/checkpoint.sh - what checkpoints cost (figures, not a test).
#
#   1. throughput of examples/flights/delays.sql (TUMBLE) and of a changelog
#      GROUP BY (tests/chaos/changelog.sql) over COPIES copies of the 3M
#      flights (copy k moved k years later, so event time goes on), without
#      --state-dir and with a checkpoint every second (best of RUNS each):
#      runs of several seconds, so that the figure is the steady state's
#      and not one final checkpoint's syncs (the two variants alternate);
#   2. a GROUP BY over NGROUPS distinct keys (generated): the size of its
#      checkpoint and the time to write it (the run's last checkpoint, at
#      the end of the input), and the time a restart takes to load it.
#
# Environment: RUNS (default 3), NGROUPS (default 1000000), COPIES (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
NGROUPS=${NGROUPS:-1000000}
COPIES=${COPIES:-4}
W=build/bench/checkpoint
mkdir -p "$W"
[ -s data/flights.jsonl ] || make --no-print-directory data >&2
IN=$W/flights-x$COPIES.jsonl
if [ ! -s "$IN" ]; then
  for k in $(seq 0 $((COPIES - 1))); do
    sed "s/^{\"date\":\"2001-/{\"date\":\"$((2001 + k))-/" data/flights.jsonl
  done > "$IN"
fi

# one run of the command: its milliseconds
run_ms() {
  rm -rf "$W/state"
  local t0 t1
  t0=$(date +%s%N)
  "$@" 2> "$W/last.err" > /dev/null
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}

echo "bench: checkpoints, $(wc -l < "$IN") flights ($COPIES x 3M), best of $RUNS; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
printf '%-12s %12s %16s %10s %12s\n' query "no state" "checkpoint/1s" overhead checkpoints
for q in delays changelog; do
  src=tests/chaos/$q.sql
  bin/sluice build "$src" -o "$W/$q" 2> /dev/null
  sink=$(sed -n 's/^INSERT INTO \([a-z_]*\).*/\1/p' "$src" | head -1)
  # the two alternate, best of RUNS each: a noisy neighbour then slows
  # both alike
  a= b=
  for _ in $(seq "$RUNS"); do
    t=$(run_ms "$W/$q" --input "flights=$IN" --output "$sink=$W/$q.out")
    if [ -z "$a" ] || ((t < a)); then a=$t; fi
    t=$(run_ms "$W/$q" --input "flights=$IN" --output "$sink=$W/$q.out" --state-dir "$W/state" --checkpoint-interval 1s)
    if [ -z "$b" ] || ((t < b)); then b=$t; fi
  done
  n=$(sed -n 's/^sluice: checkpoints: \([0-9]*\) taken.*/\1/p' "$W/last.err")
  printf '%-12s %11.3fs %15.3fs %9.1f%% %12s\n' "$q" "$(echo "$a/1000" | bc -l)" "$(echo "$b/1000" | bc -l)" \
    "$(echo "($b-$a)*100/$a" | bc -l)" "$n"
done

# a large state: NGROUPS keys
awk -v n="$NGROUPS" 'BEGIN { for (i = 0; i < n; i++) printf "{\"k\":%d,\"v\":%d}\n", i, i % 1000 }' > "$W/groups.jsonl"
cat > "$W/groups.sql" <<'S'
CREATE TABLE ev (k BIGINT, v BIGINT) WITH ('connector' = 'filesystem', 'path' = 'groups.jsonl');
CREATE TABLE per_key (k BIGINT, n BIGINT, s BIGINT, PRIMARY KEY (k) NOT ENFORCED)
WITH ('connector' = 'filesystem', 'path' = 'per_key.jsonl', 'format' = 'debezium-json');
INSERT INTO per_key SELECT k, COUNT(*), SUM(v) FROM ev GROUP BY k;
S
bin/sluice build "$W/groups.sql" -o "$W/groups" 2> /dev/null
rm -rf "$W/state"
"$W/groups" --input "ev=$W/groups.jsonl" --output "per_key=$W/per_key.jsonl" --state-dir "$W/state" \
  --checkpoint-interval 1h 2> "$W/groups.err" > /dev/null
line=$(grep '^sluice: checkpoints:' "$W/groups.err")
state=$(grep '^sluice: state:' "$W/groups.err")
t0=$(date +%s%N)
"$W/groups" --input "ev=$W/groups.jsonl" --output "per_key=$W/per_key.jsonl" --state-dir "$W/state" \
  2> "$W/restart.err" > /dev/null
t1=$(date +%s%N)
load=$(sed -n 's/.*(state loaded in \(.*\) ms).*/\1/p' "$W/restart.err")
echo
echo "$NGROUPS groups (GROUP BY k, COUNT and SUM): ${line#sluice: }; ${state#sluice: }"
echo "restart from that checkpoint: state loaded in $load ms, the whole run $(((t1 - t0) / 1000000)) ms"

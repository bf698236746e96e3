#!/bin/bash
# tests/chaos/kafka.sh - the Kafka part of suite "chaos" (run by
# tests/chaos/run.sh): kill -9 and restart pipelines that read Kafka.
#
# Through bin/kafka-dev-broker (the librdkafka mock cluster), the 100k
# flights on a topic of 16 partitions:
#   kafka-to-file   the delays query from Kafka (--bounded) into a file,
#                   killed KILLS times (in cycles: a run that finishes
#                   before it is killed starts the next) and restarted: the
#                   output equals the uninterrupted run's as a multiset (the
#                   order of rows from different partitions depends on how
#                   batches arrive, in any two runs; no record is late in
#                   either, so the windows are the same) and so do the
#                   statistics (records read once, rows written once);
#   kafka-to-kafka  the same query into a Kafka topic (at-least-once), killed
#                   until a run finishes on its own (one topic): every
#                   row of the uninterrupted run is on the topic, nothing
#                   else is, and only rows since a checkpoint repeat;
#   kafka-to-kafka-exactly-once
#                   the same with 'sink.delivery-guarantee' = 'exactly-once'
#                   (a transaction per checkpoint; restarts fence the killed
#                   producer and read the last checkpoint's transaction
#                   back): the same check, since the mock does not hide
#                   aborted transactions from read_committed readers (on a
#                   broker the repeated rows are the aborted ones, which
#                   read_committed skips)
#   upsert          a changelog GROUP BY into an upsert-kafka topic: read
#                   back as a table (the last value per key), it equals the
#                   uninterrupted run's table.
# Arguments: WORK KILLS (the caller's work directory and kill count).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SLUICE=$ROOT/bin/sluice
W=$1/kafka
KILLS=$2
mkdir -p "$W"
pass() { echo "PASS: chaos/$1"; }
fail() { echo "FAIL: chaos/$1: $2"; }
CASES=(kafka-to-file kafka-to-kafka kafka-to-kafka-exactly-once upsert)
fail_all() { for c in "${CASES[@]}"; do fail "$c" "$1"; done; exit 0; }

command -v kcat > /dev/null || fail_all "kcat missing (tools/install-deps.sh)"
[ -x bin/kafka-dev-broker ] || fail_all "bin/kafka-dev-broker missing (make)"
IN=data/flights-100k.jsonl
[ -s "$IN" ] || fail_all "$IN missing (make data)"

broker_pid=
stop_broker() { [ -n "$broker_pid" ] && { kill "$broker_pid" 2>/dev/null; wait "$broker_pid" 2>/dev/null; }; }
trap stop_broker EXIT
bin/kafka-dev-broker --topic flights:16 --topic out:4 --topic out_eos:4 --topic ref_out:4 --topic per_origin:4 \
  --topic ref_per_origin:4 > "$W/boot.txt" 2> "$W/broker.err" &
broker_pid=$!
for _ in $(seq 100); do [ -s "$W/boot.txt" ] && break; sleep 0.1; done
B=$(head -n 1 "$W/boot.txt" 2>/dev/null || true)
[[ $B == 127.0.0.1:* ]] || fail_all "dev broker printed no bootstrap list"
timeout 60 kcat -b "$B" -P -t flights -X sticky.partitioning.linger.ms=0 -X linger.ms=20 < "$IN" 2> "$W/produce.err"
n=$(timeout 60 kcat -b "$B" -C -t flights -o beginning -e -q -f 'x\n' | wc -l)
[ "$n" = "$(wc -l < "$IN")" ] || fail_all "topic flights holds $n records, not $(wc -l < "$IN")"

# the delays query from the topic, into a file or a topic
q_sql() { # SINK_CONNECTOR_OPTIONS
  sed -e '/^CREATE TABLE hourly_delays/,$d' examples/flights/delays-kafka.sql
  cat <<EOF
CREATE TABLE hourly_delays (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), flights BIGINT,
  avg_delay DOUBLE, min_delay BIGINT, max_delay BIGINT, delayed BIGINT
) WITH ($1);
INSERT INTO hourly_delays
SELECT origin, window_start, window_end, COUNT(*), AVG(CAST(delay AS DOUBLE)), MIN(delay), MAX(delay),
       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(\`date\`), INTERVAL '1' HOUR))
GROUP BY origin, window_start, window_end HAVING COUNT(*) >= 5;
EOF
}
stats() { grep -E '^sluice: (source .*read|sink .*written)' "$1"; }

# kill_loop NAME MAX_MS ARGS...: runs the program with ARGS and
# --state-dir W/NAME.state, killing it after random delays of up to MAX_MS
# until it has been killed KILLS times or a run ends on its own (then it
# is let finish); the last run's exit status is in $rc, its stderr in
# W/NAME.err, the kills in $killed and how many runs resumed from a
# checkpoint in $resumed
kill_loop() {
  local name=$1 max_ms=$2; shift 2
  local kills=0
  rm -rf "$W/$name.state" "$W/$name.all"
  while :; do
    # after kills that all came before the first checkpoint (a loaded
    # machine), this run is killed right after its first checkpoint, so
    # that some run continues from one
    local ensure=0
    ((kills > 0)) && ! compgen -G "$W/$name.state/checkpoint-*" > /dev/null && ensure=1
    "$@" --state-dir "$W/$name.state" --checkpoint-interval 20ms 2> "$W/$name.err" &
    local pid=$!
    if ((ensure)); then
      for _ in $(seq 1000); do
        compgen -G "$W/$name.state/checkpoint-*" > /dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.01
      done
    else
      sleep "$(awk -v r=$((RANDOM % 1000)) -v t="$max_ms" 'BEGIN { printf "%.3f", r * t / 1e6 }')"
    fi
    if ((kills < KILLS)) && kill -9 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null
      kills=$((kills + 1))
      cat "$W/$name.err" >> "$W/$name.all"
      continue
    fi
    wait "$pid"; rc=$?
    cat "$W/$name.err" >> "$W/$name.all"
    break
  done
  killed=$kills
  resumed=$(grep -c 'continuing from checkpoint' "$W/$name.all")
}

# ---- kafka-to-file ---------------------------------------------------------------
q_sql "'connector' = 'filesystem', 'path' = 'x.jsonl', 'format' = 'json'" > "$W/tofile.sql"
if "$SLUICE" build "$W/tofile.sql" -o "$W/tofile" 2> "$W/build.err"; then
  t0=$(date +%s%N)
  "$W/tofile" --brokers "$B" --bounded --output "hourly_delays=$W/ref.jsonl" 2> "$W/ref.err"
  t_ms=$((($(date +%s%N) - t0) / 1000000))
  # cycles (a fresh state directory and output each) until KILLS kills
  total=0 cycles=0 all_resumed=0 rc=0
  while ((total < KILLS)) && ((rc == 0)); do
    cycles=$((cycles + 1))
    rm -f "$W/out.jsonl"
    KILLS=$((KILLS - total)) kill_loop tofile "$t_ms" "$W/tofile" --brokers "$B" --bounded \
      --output "hourly_delays=$W/out.jsonl"
    total=$((total + killed)); all_resumed=$((all_resumed + resumed))
    cmp -s <(sort "$W/ref.jsonl") <(sort "$W/out.jsonl") || break
  done
  killed=$total resumed=$all_resumed
  if ((rc != 0)); then
    fail kafka-to-file "the last run exited $rc: $(tail -2 "$W/tofile.err")"
  elif ! cmp -s <(sort "$W/ref.jsonl") <(sort "$W/out.jsonl"); then
    fail kafka-to-file "rows differ after $killed kills: $(wc -l < "$W/out.jsonl") vs $(wc -l < "$W/ref.jsonl")"
  elif [ "$(stats "$W/ref.err")" != "$(stats "$W/tofile.err")" ]; then
    fail kafka-to-file "statistics differ: $(stats "$W/tofile.err" | tr '\n' ' ')"
  elif ((resumed == 0)); then
    fail kafka-to-file "no run continued from a checkpoint"
  else
    pass "kafka-to-file ($killed kills in $cycles cycles, $resumed resumed, $(wc -l < "$W/out.jsonl") rows)"
  fi
else
  fail kafka-to-file "build failed: $(head -3 "$W/build.err")"
fi

# ---- kafka-to-kafka (at-least-once) ------------------------------------------------
q_sql "'connector' = 'kafka', 'topic' = 'out', 'format' = 'json'" > "$W/tokafka.sql"
if "$SLUICE" build "$W/tokafka.sql" -o "$W/tokafka" 2> "$W/build.err"; then
  kill_loop tokafka $((t_ms / 2)) "$W/tokafka" --brokers "$B" --bounded
  timeout 60 kcat -b "$B" -C -t out -o beginning -e -q > "$W/topic.jsonl" 2> /dev/null
  total=$(wc -l < "$W/topic.jsonl")
  distinct=$(sort -u "$W/topic.jsonl" | wc -l)
  if ((rc != 0)); then
    fail kafka-to-kafka "the last run exited $rc: $(tail -2 "$W/tokafka.err")"
  elif ! cmp -s <(sort -u "$W/ref.jsonl") <(sort -u "$W/topic.jsonl"); then
    fail kafka-to-kafka "the topic's distinct rows ($distinct) are not the uninterrupted run's ($(wc -l < "$W/ref.jsonl")): a row was lost or is wrong"
  elif ((resumed == 0)); then
    fail kafka-to-kafka "no run continued from a checkpoint"
  else
    pass "kafka-to-kafka ($killed kills, $resumed resumed: $distinct rows, $((total - distinct)) repeated)"
  fi
else
  fail kafka-to-kafka "build failed: $(head -3 "$W/build.err")"
fi

# ---- kafka-to-kafka, exactly-once --------------------------------------------------
q_sql "'connector' = 'kafka', 'topic' = 'out_eos', 'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'chaos'" > "$W/toeos.sql"
if "$SLUICE" build "$W/toeos.sql" -o "$W/toeos" 2> "$W/build.err"; then
  kill_loop toeos $((t_ms / 2)) "$W/toeos" --brokers "$B" --bounded
  timeout 60 kcat -b "$B" -C -t out_eos -o beginning -e -q -X isolation.level=read_committed \
    > "$W/topic_eos.jsonl" 2> /dev/null
  total=$(wc -l < "$W/topic_eos.jsonl")
  distinct=$(sort -u "$W/topic_eos.jsonl" | wc -l)
  if ((rc != 0)); then
    fail kafka-to-kafka-exactly-once "the last run exited $rc: $(tail -2 "$W/toeos.err")"
  elif grep -q 'unusable\|cannot tell' "$W/toeos.all"; then
    fail kafka-to-kafka-exactly-once "a restart found no committed transaction it expected: $(grep -m1 'unusable\|cannot tell' "$W/toeos.all")"
  elif ! cmp -s <(sort -u "$W/ref.jsonl") <(sort -u "$W/topic_eos.jsonl"); then
    fail kafka-to-kafka-exactly-once "the topic's distinct rows ($distinct) are not the uninterrupted run's ($(wc -l < "$W/ref.jsonl")): a row was lost or is wrong"
  elif ((resumed == 0)); then
    fail kafka-to-kafka-exactly-once "no run continued from a checkpoint"
  else
    pass "kafka-to-kafka-exactly-once ($killed kills, $resumed resumed: $distinct rows, $((total - distinct)) in aborted transactions)"
  fi
else
  fail kafka-to-kafka-exactly-once "build failed: $(head -3 "$W/build.err")"
fi

# ---- upsert: a changelog into upsert-kafka -------------------------------------------
upsert_sql() { # TOPIC
  sed -e '/^CREATE TABLE hourly_delays/,$d' examples/flights/delays-kafka.sql
  cat <<EOF
CREATE TABLE per_origin (origin STRING, flights BIGINT, worst BIGINT, PRIMARY KEY (origin) NOT ENFORCED)
WITH ('connector' = 'upsert-kafka', 'topic' = '$1', 'key.format' = 'json', 'value.format' = 'json');
INSERT INTO per_origin SELECT origin, COUNT(*), MAX(delay) FROM flights WHERE delay > 30 GROUP BY origin;
EOF
}
upsert_sql ref_per_origin > "$W/ref_upsert.sql"
upsert_sql per_origin > "$W/upsert.sql"
if "$SLUICE" build "$W/ref_upsert.sql" -o "$W/ref_upsert" 2> "$W/build.err" &&
   "$SLUICE" build "$W/upsert.sql" -o "$W/upsert" 2>> "$W/build.err"; then
  # killed within its own run time (not the delays query's): a first run
  # that ends before its kill would leave nothing to continue from
  t0=$(date +%s%N)
  "$W/ref_upsert" --brokers "$B" --bounded 2> "$W/ref_upsert.err"
  t_up=$((($(date +%s%N) - t0) / 1000000))
  kill_loop upsert $((t_up * 3 / 4)) "$W/upsert" --brokers "$B" --bounded
  for t in ref_per_origin per_origin; do
    timeout 60 kcat -b "$B" -C -t "$t" -o beginning -e -q -Z -f '%p\t%k\t%s\n' > "$W/$t.tsv" 2> /dev/null
    node tests/kafka/changelog.mjs upsert "$W/$t.tsv" "$W/$t.table" 2> "$W/$t.fold"
  done
  if ((rc != 0)); then
    fail upsert "the last run exited $rc: $(tail -2 "$W/upsert.err")"
  elif [ ! -s "$W/ref_per_origin.table" ] || ! cmp -s <(sort "$W/ref_per_origin.table") <(sort "$W/per_origin.table"); then
    fail upsert "the table read back differs from the uninterrupted run's ($(wc -l < "$W/per_origin.table") vs $(wc -l < "$W/ref_per_origin.table") rows)"
  elif ((resumed == 0)); then
    fail upsert "no run continued from a checkpoint"
  else
    pass "upsert ($killed kills, $resumed resumed, $(wc -l < "$W/per_origin.table") keys)"
  fi
else
  fail upsert "build failed: $(head -3 "$W/build.err")"
fi
exit 0

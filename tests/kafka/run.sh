#!/bin/bash
# tests/kafka/run.sh - suite "kafka": compiled queries against a Kafka cluster
# (bin/kafka-dev-broker: librdkafka's mock cluster on loopback).
#
#   kafka/dev-broker  the broker starts, pre-creates topics and round-trips
#                     100,000 flights through kcat (checks the harness itself)
#   kafka/roundtrip   examples/flights/delays-kafka.sql, Kafka -> Kafka with
#                     --bounded, over data/flights-100k.jsonl in a 4-partition
#                     topic, gives the same rows as examples/flights/delays.sql
#                     over the same file (sorted line multisets; both use the
#                     same sink columns and encoder), with 0 malformed, 0 late
#   kafka/exactly-once/*
#                     the same query into topic hourly_eos with
#                     'sink.delivery-guarantee' = 'exactly-once': refused
#                     without --state-dir (exit 2); with checkpoints every
#                     20 ms its transactional output equals the file run's
#                     (every checkpoint committed one transaction); and a
#                     restart told that the newest checkpoint's transaction
#                     was aborted (SLUICE_TEST_ABORTED_CHECKPOINT: the mock
#                     cannot abort one so that read_committed hides it)
#                     continues from the checkpoint before it and writes its
#                     output again, losing nothing
#   kafka/malformed   malformed records in a topic are reported on stderr with
#                     partition and offset, counted, and skipped; every good
#                     record still comes out (tests/kafka/malformed.sql)
#   kafka/dead-letter-topic
#                     the same malformed records on the source's
#                     'dead-letter.topic', once each: the record's bytes as the
#                     value, sluice.partition/sluice.offset/sluice.error headers
#   kafka/upsert/sink changelog GROUP BYs over the flights topic into
#                     upsert-kafka topics (tests/kafka/upsert.sql), read back
#                     with kcat as tables (last value per key, a tombstone
#                     deletes): equal as sets to DuckDB's GROUP BY over the
#                     same file; kafka/upsert/deletes the same for a table
#                     whose rows get deleted (tombstones); kafka/upsert/partitions
#                     every message of a key is on one partition;
#                     kafka/upsert/java-partitioner that partition is the one
#                     Kafka's Java producer (Flink's sink) would choose
#   kafka/upsert/source
#                     the topic with tombstones read back by an upsert-kafka
#                     source (tests/kafka/upsert-source.sql): its changelog,
#                     folded, is the same table; tombstones are read, a
#                     message without a key is malformed (partition, offset)
#   kafka/debezium/source
#                     a debezium-json topic of inserts, updates and deletes
#                     (tests/kafka/cdc.mjs, with Debezium's tombstones and a
#                     few malformed updates) aggregated into a debezium-json
#                     file (tests/kafka/debezium.sql): folded, it equals
#                     DuckDB's aggregation of the final table; tombstones are
#                     skipped, malformed changes reported (partition, offset)
#   kafka/debezium/sink
#                     the same changelog into a debezium-json topic, read back
#   kafka/faults/*    brokers that fail, vanish or come back, topics that do
#                     not exist, records deleted before they were read, SIGTERM
#                     with undelivered messages (tests/kafka/faults.sh)
#
# The mock keeps at most 5 MB of message sets per partition and silently drops
# older ones, so producers here spread records over partitions (no sticky
# partitioning) and each case checks that the topic still holds everything.
# Work files: build/tests/kafka/. The broker is always stopped (trap).
set -euo pipefail
cd "$(dirname "$0")/../.."

W=build/tests/kafka
SLUICE=${SLUICE:-bin/sluice}
INPUT=data/flights-100k.jsonl
mkdir -p "$W"
rm -rf "${W:?}"/*

pass() { echo "PASS: kafka/$1"; }
fail() { echo "FAIL: kafka/$1: $2"; }
detail() { head -n "${2:-8}" "$1" 2>/dev/null | sed 's/^/    /' || true; }

broker_pid=
stop_broker() {
  if [ -n "$broker_pid" ]; then
    kill "$broker_pid" 2>/dev/null || true
    timeout 15 tail --pid="$broker_pid" -f /dev/null 2>/dev/null || kill -9 "$broker_pid" 2>/dev/null || true
    broker_pid=
  fi
}
trap stop_broker EXIT
trap 'exit 130' INT TERM

# Counts the messages of a topic from the beginning (kcat exits at the end).
topic_count() { timeout 60 kcat -b "$B" -C -t "$1" -o beginning -e -q -f 'x\n' | wc -l; }

CASES=(dev-broker roundtrip exactly-once/needs-state-dir exactly-once/run exactly-once/aborted malformed dead-letter-topic upsert/sink upsert/deletes upsert/partitions
       upsert/java-partitioner upsert/source
       debezium/source debezium/sink)
fail_all() { for c in "${CASES[@]}"; do fail "$c" "$1"; done; exit 0; }

# ---- prerequisites ----------------------------------------------------------------
command -v kcat > /dev/null || fail_all "kcat missing (tools/install-deps.sh)"
[ -x bin/kafka-dev-broker ] || fail_all "bin/kafka-dev-broker missing (make)"
if [ ! -s "$INPUT" ]; then
  echo "kafka: $INPUT missing: running make data"
  timeout 600 make --no-print-directory data >&2 || true
fi
[ -s "$INPUT" ] || fail_all "$INPUT missing (make data failed)"

# ---- kafka/dev-broker -----------------------------------------------------------
bin/kafka-dev-broker --topic flights:4 --topic mixed:2 --topic per_origin:4 --topic by_count:4 \
  --topic cdc:4 --topic cdc_per_origin:1 --topic hourly_eos:4 > "$W/boot.txt" 2> "$W/broker.err" &
broker_pid=$!
for _ in $(seq 100); do [ -s "$W/boot.txt" ] && break; sleep 0.1; done
B=$(head -n 1 "$W/boot.txt" 2>/dev/null || true)
[[ $B == 127.0.0.1:* ]] || { detail "$W/broker.err"; fail_all "dev broker printed no bootstrap list"; }

timeout 60 kcat -b "$B" -P -t flights -X sticky.partitioning.linger.ms=0 -X linger.ms=20 \
  < "$INPUT" 2> "$W/produce.err" || true
n_in=$(wc -l < "$INPUT")
n_topic=$(topic_count flights)
parts=$(timeout 30 kcat -b "$B" -L -t flights 2>/dev/null | grep -c '^    partition ' || true)
if [ "$n_topic" = "$n_in" ] && [ "$parts" = 4 ]; then
  pass dev-broker
else
  fail dev-broker "topic flights: $n_topic of $n_in records, $parts partitions (want 4)"
  detail "$W/produce.err"
fi

# ---- kafka/roundtrip ------------------------------------------------------------
roundtrip() {
  if [ ! -x "$SLUICE" ]; then fail roundtrip "$SLUICE missing (make)"; return; fi
  local rc=0
  timeout 120 "$SLUICE" build examples/flights/delays-kafka.sql -o "$W/delays-kafka" 2> "$W/build-kafka.err" || rc=$?
  if ((rc != 0)); then fail roundtrip "sluice build delays-kafka.sql failed (exit $rc)"; detail "$W/build-kafka.err"; return; fi
  timeout 120 "$SLUICE" build examples/flights/delays.sql -o "$W/delays-file" 2> "$W/build-file.err" || rc=$?
  if ((rc != 0)); then fail roundtrip "sluice build delays.sql failed (exit $rc)"; detail "$W/build-file.err"; return; fi

  timeout 180 "$W/delays-kafka" --brokers "$B" --bounded > "$W/kafka.out" 2> "$W/kafka.err" || rc=$?
  if ((rc != 0)); then fail roundtrip "Kafka run exited with $rc"; detail "$W/kafka.err"; return; fi
  timeout 60 kcat -b "$B" -C -t hourly_delays -o beginning -e -q > "$W/kafka.jsonl" 2> "$W/consume.err" || rc=$?
  if ((rc != 0)); then fail roundtrip "kcat could not read hourly_delays (exit $rc)"; detail "$W/consume.err"; return; fi

  timeout 120 "$W/delays-file" --input "flights=$INPUT" --output "hourly_delays=$W/file.jsonl" \
    > /dev/null 2> "$W/file.err" || rc=$?
  if ((rc != 0)); then fail roundtrip "file run exited with $rc"; detail "$W/file.err"; return; fi

  local stats
  stats=$(grep '^sluice: source flights: ' "$W/kafka.err" | tail -n 1 || true)
  if [[ $stats != "sluice: source flights: $n_in read, 0 malformed, 0 late" ]]; then
    fail roundtrip "want 'sluice: source flights: $n_in read, 0 malformed, 0 late' on stderr, got '${stats:-nothing}'"
    detail "$W/kafka.err"; return
  fi
  LC_ALL=C sort "$W/kafka.jsonl" > "$W/kafka.sorted"
  LC_ALL=C sort "$W/file.jsonl" > "$W/file.sorted"
  local nk nf
  nk=$(wc -l < "$W/kafka.sorted"); nf=$(wc -l < "$W/file.sorted")
  if ((nf == 0)); then fail roundtrip "the file run wrote no rows"; return; fi
  if cmp -s "$W/kafka.sorted" "$W/file.sorted"; then
    pass roundtrip
  else
    fail roundtrip "Kafka output ($nk rows) differs from file output ($nf rows)"
    diff "$W/file.sorted" "$W/kafka.sorted" | head -n 10 | sed 's/^/    /' || true
  fi
}
roundtrip

# ---- kafka/exactly-once ---------------------------------------------------------
exactly_once() {
  local c=exactly-once rc=0
  sed -e "s/'topic' = 'hourly_delays',/'topic' = 'hourly_eos', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'sluice-test',/" \
    examples/flights/delays-kafka.sql > "$W/eos.sql"
  grep -q "exactly-once" "$W/eos.sql" || { fail $c/run "could not derive the query"; return; }
  timeout 120 "$SLUICE" build "$W/eos.sql" -o "$W/eos" 2> "$W/eos-build.err" ||
    { fail $c/run "sluice build failed"; detail "$W/eos-build.err"; return; }
  timeout 60 "$W/eos" --brokers "$B" --bounded > /dev/null 2> "$W/eos0.err" || rc=$?
  if ((rc == 2)) && grep -q "sink hourly_delays: 'sink.delivery-guarantee' = 'exactly-once' commits one Kafka transaction per checkpoint: run with --state-dir DIR" "$W/eos0.err" &&
     [ "$(topic_count hourly_eos)" = 0 ]; then
    pass $c/needs-state-dir
  else
    fail $c/needs-state-dir "exit $rc (want 2 and the reason), $(topic_count hourly_eos) messages written"; detail "$W/eos0.err"
  fi
  rc=0
  timeout 120 "$W/eos" --brokers "$B" --bounded --state-dir "$W/eos.state" --checkpoint-interval 20ms \
    > /dev/null 2> "$W/eos1.err" || rc=$?
  timeout 60 kcat -b "$B" -C -t hourly_eos -o beginning -e -q -X isolation.level=read_committed \
    > "$W/eos1.jsonl" 2> /dev/null || true
  local taken
  taken=$(sed -n 's/^sluice: checkpoints: \([0-9]*\) taken.*/\1/p' "$W/eos1.err")
  if ((rc != 0)); then
    fail $c/run "exit $rc"; detail "$W/eos1.err"
  elif ! cmp -s <(LC_ALL=C sort "$W/eos1.jsonl") "$W/file.sorted"; then
    fail $c/run "topic hourly_eos ($(wc -l < "$W/eos1.jsonl") rows) differs from the file run ($(wc -l < "$W/file.sorted") rows)"
  elif ((${taken:-0} < 2)); then
    fail $c/run "want several checkpoints (transactions), got '${taken:-none}'"; detail "$W/eos1.err"
  else
    pass "$c/run ($taken checkpoints, $(wc -l < "$W/eos1.jsonl") rows)"
  fi
  # the newest checkpoint with output in its transaction, taken as aborted
  local n last
  last=$(find "$W/eos.state" -name 'checkpoint-*' | sort | tail -n 1)
  n=$(basename "$last" | sed 's/^checkpoint-0*//')
  rc=0
  SLUICE_TEST_ABORTED_CHECKPOINT=$n timeout 120 "$W/eos" --brokers "$B" --bounded \
    --state-dir "$W/eos.state" --checkpoint-interval 20ms > /dev/null 2> "$W/eos2.err" || rc=$?
  timeout 60 kcat -b "$B" -C -t hourly_eos -o beginning -e -q > "$W/eos2.jsonl" 2> /dev/null || true
  local from
  from=$(sed -n 's/^sluice: continuing from checkpoint \([0-9]*\) .*/\1/p' "$W/eos2.err")
  if ((rc != 0)); then
    fail $c/aborted "exit $rc"; detail "$W/eos2.err"
  elif ! grep -q "is unusable: the Kafka transaction of its output was aborted" "$W/eos2.err" ||
       [ -z "$from" ] || ((from >= n)); then
    fail $c/aborted "checkpoint $n taken as aborted, but the run did not continue from an earlier one"; detail "$W/eos2.err"
  elif ! cmp -s <(LC_ALL=C sort -u "$W/eos2.jsonl") <(sort -u "$W/file.sorted") ||
       (($(wc -l < "$W/eos2.jsonl") <= $(wc -l < "$W/eos1.jsonl"))); then
    fail $c/aborted "after continuing from checkpoint $from the topic holds $(wc -l < "$W/eos2.jsonl") rows ($(sort -u "$W/eos2.jsonl" | wc -l) distinct), the file run $(wc -l < "$W/file.sorted")"
  else
    pass "$c/aborted (checkpoint $n aborted, continued from $from, $(($(wc -l < "$W/eos2.jsonl") - $(wc -l < "$W/eos1.jsonl"))) rows written again)"
  fi
}
exactly_once

# ---- kafka/malformed ------------------------------------------------------------
# Partition 0 and 1 of topic `mixed` each get 40 good flights (sorted) with bad
# records at known offsets; the bad ones must be named "partition P offset O".
malformed() {
  if [ ! -x "$SLUICE" ]; then fail malformed "$SLUICE missing (make)"; return; fi
  local -a bad=(
    'this is not json'
    '{"date":"2001-01-01 00:03:00.000","delay":"seven","distance":1,"origin":"AAA","destination":"BBB"}'
    '{"date":"yesterday","delay":1,"distance":1,"origin":"AAA","destination":"BBB"}'
    '{"date":"2001-01-01 00:04:00.000","delay":5,'
    '[1,2,3]'
  )
  local -a want=()   # "P O" of every bad record
  local p i j good
  : > "$W/mixed-good.jsonl"
  for p in 0 1; do
    : > "$W/mixed-$p.jsonl"
    j=0
    for i in $(seq 0 39); do
      # Good lines: flights p*40 .. p*40+39 of the input (sorted by date).
      if ((i % 8 == 3)) && ((j < ${#bad[@]})); then
        printf '%s\n' "${bad[$j]}" >> "$W/mixed-$p.jsonl"
        want+=("$p $(($(wc -l < "$W/mixed-$p.jsonl") - 1))")
        j=$((j + 1))
      fi
      good=$(sed -n "$((p * 40 + i + 1))p" "$INPUT")
      printf '%s\n' "$good" >> "$W/mixed-$p.jsonl"
      printf '%s\n' "$good" >> "$W/mixed-good.jsonl"
    done
    timeout 30 kcat -b "$B" -P -t mixed -p "$p" < "$W/mixed-$p.jsonl" 2>> "$W/produce.err" || true
  done
  local n_mixed
  n_mixed=$(topic_count mixed)
  if [ "$n_mixed" != $((80 + ${#want[@]})) ]; then
    fail malformed "topic mixed holds $n_mixed records, want $((80 + ${#want[@]}))"; return
  fi

  local rc=0
  timeout 120 "$SLUICE" build tests/kafka/malformed.sql -o "$W/malformed" 2> "$W/build-malformed.err" || rc=$?
  if ((rc != 0)); then fail malformed "sluice build tests/kafka/malformed.sql failed (exit $rc)"; detail "$W/build-malformed.err"; return; fi
  timeout 120 "$W/malformed" --brokers "$B" --bounded > "$W/malformed.out" 2> "$W/malformed.err" || rc=$?
  if ((rc != 0)); then fail malformed "the run exited with $rc (malformed records must not stop it)"; detail "$W/malformed.err"; return; fi

  local missing=() po
  for po in "${want[@]}"; do
    grep -q "^sluice: flights: partition ${po% *} offset ${po#* }: malformed record: " "$W/malformed.err" ||
      missing+=("partition ${po% *} offset ${po#* }")
  done
  if ((${#missing[@]})); then
    fail malformed "no 'sluice: flights: partition P offset O: malformed record: ...' line for: ${missing[*]}"
    detail "$W/malformed.err" 12; return
  fi
  local stats
  stats=$(grep '^sluice: source flights: .* read' "$W/malformed.err" | tail -n 1 || true)
  if [[ $stats != "sluice: source flights: $((80 + ${#want[@]})) read, ${#want[@]} malformed, 0 late" ]]; then
    fail malformed "want 'sluice: source flights: $((80 + ${#want[@]})) read, ${#want[@]} malformed, 0 late', got '${stats:-nothing}'"
    detail "$W/malformed.err" 12; return
  fi

  # Every good record comes out, projected to (date, origin, destination, delay, distance).
  timeout 60 kcat -b "$B" -C -t mixed_out -o beginning -e -q > "$W/mixed_out.jsonl" 2>> "$W/consume.err" || true
  node -e '
    const fs = require("fs");
    for (const l of fs.readFileSync(process.argv[1], "utf8").split("\n")) {
      if (!l) continue;
      const r = JSON.parse(l);
      console.log(JSON.stringify({date: r.date, origin: r.origin, destination: r.destination,
                                  delay: r.delay, distance: r.distance}));
    }' "$W/mixed-good.jsonl" | LC_ALL=C sort > "$W/mixed-want.sorted"
  LC_ALL=C sort "$W/mixed_out.jsonl" > "$W/mixed-got.sorted"
  if cmp -s "$W/mixed-want.sorted" "$W/mixed-got.sorted"; then
    pass malformed
  else
    fail malformed "topic mixed_out has $(wc -l < "$W/mixed-got.sorted") rows, want the 80 good records"
    diff "$W/mixed-want.sorted" "$W/mixed-got.sorted" | head -n 10 | sed 's/^/    /' || true
  fi

  # The dead-letter topic holds each malformed record once: its bytes as the
  # value, where it came from and why in headers.
  timeout 60 kcat -b "$B" -C -t mixed_dead -o beginning -e -q -f '%h\t%s\n' > "$W/dead.txt" 2>> "$W/consume.err" || true
  local k=0 bad_missing=()
  for p in 0 1; do
    for po in "${want[@]}"; do
      [ "${po% *}" = "$p" ] || continue
      local text; text=$(sed -n "$((${po#* } + 1))p" "$W/mixed-$p.jsonl")
      grep -qF "sluice.partition=$p,sluice.offset=${po#* }"$'\t'"$text" "$W/dead.txt" || bad_missing+=("$po")
      k=$((k + 1))
    done
  done
  if ((${#bad_missing[@]} == 0)) && [ "$(wc -l < "$W/dead.txt")" = "$k" ] &&
     grep -q 'sluice.error=malformed: ' "$W/dead.txt" &&
     grep -q "^sluice: source flights: $k dead letters sent to mixed_dead" "$W/malformed.err"; then
    pass dead-letter-topic
  else
    fail dead-letter-topic "topic mixed_dead: $(wc -l < "$W/dead.txt") messages, want $k; missing: ${bad_missing[*]:-none}"
    detail "$W/dead.txt"
  fi
}
malformed

# ---- kafka/upsert/* ---------------------------------------------------------------
# The oracle: DuckDB (tests/diff/oracle.mjs) runs a batch query over a file.
oracle() { # SQL OUT NAME=FILE
  timeout 120 node tests/diff/oracle.mjs --set "$3" "$1" "$2" 2>> "$W/oracle.err"
}
# Reads a whole topic as "PARTITION<TAB>KEY<TAB>VALUE" lines, NULL for a
# missing key or value (-Z), for tests/kafka/changelog.mjs upsert.
topic_kv() { timeout 60 kcat -b "$B" -C -t "$1" -o beginning -e -q -Z -f '%p\t%k\t%s\n'; }
# sink_written ERRFILE SINK: N of "sluice: sink SINK: N written".
sink_written() { sed -n "s/^sluice: sink $2: \([0-9]*\) written\$/\1/p" "$1" | tail -n 1; }

upsert_cases=(upsert/sink upsert/deletes upsert/partitions upsert/java-partitioner upsert/source)
fail_upsert() { for c in "${upsert_cases[@]}"; do fail "$c" "$1"; done; }
upsert() {
  if [ ! -x "$SLUICE" ]; then fail_upsert "$SLUICE missing (make)"; return; fi
  local rc=0
  timeout 120 "$SLUICE" build tests/kafka/upsert.sql -o "$W/upsert" 2> "$W/build-upsert.err" || rc=$?
  if ((rc != 0)); then fail_upsert "sluice build tests/kafka/upsert.sql failed (exit $rc)"; detail "$W/build-upsert.err"; return; fi
  # over the flights topic that kafka/dev-broker loaded
  timeout 120 "$W/upsert" --brokers "$B" --bounded > "$W/upsert.out" 2> "$W/upsert.err" || rc=$?
  if ((rc != 0)); then fail_upsert "the run exited with $rc"; detail "$W/upsert.err"; return; fi
  local stats
  stats=$(grep '^sluice: source flights: ' "$W/upsert.err" | tail -n 1 || true)
  if [[ $stats != "sluice: source flights: $n_in read, 0 malformed, 0 late" ]]; then
    fail_upsert "want 'sluice: source flights: $n_in read, 0 malformed, 0 late', got '${stats:-nothing}'"
    detail "$W/upsert.err"; return
  fi
  oracle tests/kafka/upsert-oracle-per-origin.sql "$W/per_origin.want" "flights=$INPUT" || rc=$?
  oracle tests/kafka/upsert-oracle-by-count.sql "$W/by_count.want" "flights=$INPUT" || rc=$?
  if ((rc != 0)); then fail_upsert "the DuckDB oracle failed (exit $rc)"; detail "$W/oracle.err"; return; fi

  # Each topic read back as a table. The mock drops message sets past 5 MB
  # a partition without notice: the topic must hold every message the sink
  # says it delivered, or the comparison would test the mock.
  local t n_topic n_sink moved=0 case_name
  for t in per_origin by_count; do
    case_name=upsert/sink
    [ "$t" = by_count ] && case_name=upsert/deletes
    topic_kv "$t" > "$W/$t.tsv" 2>> "$W/consume.err" || true
    n_topic=$(wc -l < "$W/$t.tsv")
    n_sink=$(sink_written "$W/upsert.err" "$t")
    if [ "$n_topic" != "${n_sink:-?}" ] || ((n_topic == 0)); then
      fail "$case_name" "topic $t holds $n_topic messages, the sink says ${n_sink:-nothing} written"
      moved=1; continue
    fi
    rc=0
    node tests/kafka/changelog.mjs upsert "$W/$t.tsv" "$W/$t.got" 2> "$W/$t.fold" || rc=$?
    # rc 1 with a table: keys on more than one partition (upsert/partitions)
    if ((rc != 0)) && ! grep -q ' on another partition ' "$W/$t.fold"; then
      fail "$case_name" "topic $t cannot be read as a table"; detail "$W/$t.fold"; moved=1; continue
    fi
    ((rc == 0)) || moved=1
    if [ "$t" = by_count ] && grep -q ' 0 tombstones' "$W/$t.fold"; then
      # the check below would pass without any delete: the case lost its point
      fail "$case_name" "topic by_count has no tombstone (the -D of emptied buckets)"
      detail "$W/$t.fold"; continue
    fi
    if node tests/diff/compare.mjs "$W/$t.want" "$W/$t.got" > "$W/$t.cmp" 2>&1; then
      pass "$case_name"
    else
      fail "$case_name" "topic $t read as a table differs from DuckDB (expected: DuckDB, actual: the topic)"
      detail "$W/$t.cmp" 14; detail "$W/$t.fold" 2
    fi
  done
  if ((moved == 0)); then
    pass upsert/partitions
  else
    fail upsert/partitions "messages of one key on several partitions (or a topic unreadable)"
    cat "$W/per_origin.fold" "$W/by_count.fold" 2> /dev/null | head -n 8 | sed 's/^/    /' || true
  fi

  # Where the keys are: Flink's upsert-kafka sink, Kafka Streams and ksqlDB
  # place a key with the Java client's murmur2 partitioner; another writer
  # of the same topic (a Flink job before or beside this one) must agree,
  # or a key's changes end up on two partitions (tests/kafka/partitioner.mjs).
  if node tests/kafka/partitioner.mjs "$W/per_origin.tsv" 4 > "$W/partitioner.txt" 2>&1 &&
    node tests/kafka/partitioner.mjs "$W/by_count.tsv" 4 >> "$W/partitioner.txt" 2>&1; then
    pass upsert/java-partitioner
  else
    fail upsert/java-partitioner "keys are not on the partition Kafka's Java producer (murmur2) gives them"
    detail "$W/partitioner.txt"
  fi

  # kafka/upsert/source: by_count read back by sluice, with a message
  # without a key appended to partition 1 (kcat -P without -K: a NULL key).
  printf '%s\n' '{"flights":999999,"origins":5}' |
    timeout 30 kcat -b "$B" -P -t by_count -p 1 2>> "$W/produce.err" || true
  local null_off n_msgs
  null_off=$(timeout 60 kcat -b "$B" -C -t by_count -p 1 -o beginning -e -q -Z -f '%o\t%k\n' 2>> "$W/consume.err" |
    awk -F'\t' '$2 == "NULL" { print $1 }' | tail -n 1)
  if [ -z "$null_off" ]; then fail upsert/source "the message without a key is not in topic by_count"; return; fi
  n_msgs=$(($(wc -l < "$W/by_count.tsv") + 1))
  rc=0
  timeout 120 "$SLUICE" build tests/kafka/upsert-source.sql -o "$W/upsert-source" 2> "$W/build-upsert-source.err" || rc=$?
  if ((rc != 0)); then fail upsert/source "sluice build tests/kafka/upsert-source.sql failed (exit $rc)"; detail "$W/build-upsert-source.err"; return; fi
  timeout 120 "$W/upsert-source" --brokers "$B" --bounded --output "by_count_copy=$W/by_count_copy.txt" \
    > /dev/null 2> "$W/upsert-source.err" || rc=$?
  if ((rc != 0)); then fail upsert/source "the run exited with $rc"; detail "$W/upsert-source.err"; return; fi
  if ! grep -q "^sluice: by_count: partition 1 offset $null_off: malformed record: " "$W/upsert-source.err"; then
    fail upsert/source "no 'sluice: by_count: partition 1 offset $null_off: malformed record: ...' for the message without a key"
    detail "$W/upsert-source.err"; return
  fi
  # every message is read, tombstones included (they delete), and only the
  # keyless one is malformed
  stats=$(grep '^sluice: source by_count: ' "$W/upsert-source.err" | tail -n 1 || true)
  if [[ $stats != "sluice: source by_count: $n_msgs read, 1 malformed, 0 late" ]]; then
    fail upsert/source "want 'sluice: source by_count: $n_msgs read, 1 malformed, 0 late', got '${stats:-nothing}'"
    detail "$W/upsert-source.err"; return
  fi
  rc=0
  node tests/kafka/changelog.mjs print "$W/by_count_copy.txt" "$W/by_count_copy.got" 2> "$W/by_count_copy.fold" || rc=$?
  if ((rc != 0)); then fail upsert/source "the print sink's changelog is not consistent"; detail "$W/by_count_copy.fold"; return; fi
  if node tests/diff/compare.mjs "$W/by_count.want" "$W/by_count_copy.got" > "$W/by_count_copy.cmp" 2>&1; then
    pass upsert/source
  else
    fail upsert/source "by_count read by an upsert-kafka source differs from DuckDB (expected: DuckDB)"
    detail "$W/by_count_copy.cmp" 14
  fi
}
upsert

# ---- kafka/debezium/* ----------------------------------------------------------
# A stream of changes with a fixed seed (KAFKA_CDC_SEED replays another);
# keyed by id, so that the changes of a row stay in order on one partition.
CDC_ROWS=8000
CDC_SEED=${KAFKA_CDC_SEED:-1}
debezium() {
  if [ ! -x "$SLUICE" ]; then fail debezium/source "$SLUICE missing (make)"; fail debezium/sink "$SLUICE missing"; return; fi
  local counts rc=0
  counts=$(node tests/kafka/cdc.mjs "$INPUT" "$CDC_ROWS" "$CDC_SEED" "$W" 2> "$W/cdc.err") || rc=$?
  if ((rc != 0)); then fail debezium/source "tests/kafka/cdc.mjs failed"; fail debezium/sink "tests/kafka/cdc.mjs failed"; detail "$W/cdc.err"; return; fi
  local n_msgs n_tomb n_bad
  read -r n_msgs n_tomb n_bad <<< "$counts"
  timeout 60 kcat -b "$B" -P -t cdc -K $'\t' -Z -X linger.ms=20 < "$W/cdc.tsv" 2>> "$W/produce.err" || true
  timeout 60 kcat -b "$B" -C -t cdc -o beginning -e -q -Z -f '%p\t%o\t%s\n' > "$W/cdc-topic.tsv" 2>> "$W/consume.err" || true
  local n_topic
  n_topic=$(wc -l < "$W/cdc-topic.tsv")
  if [ "$n_topic" != "$n_msgs" ]; then
    fail debezium/source "topic cdc holds $n_topic messages, want $n_msgs (seed $CDC_SEED)"
    fail debezium/sink "topic cdc incomplete"; return
  fi
  # where the malformed changes landed: "partition offset"
  awk -F'\t' 'NR == FNR { bad[$0] = 1; next } ($3 in bad) { print $1 " " $2 }' \
    "$W/cdc-bad.txt" "$W/cdc-topic.tsv" > "$W/cdc-bad.pos"
  oracle tests/kafka/debezium-oracle.sql "$W/cdc.want" "final=$W/cdc-final.jsonl" || rc=$?
  if ((rc != 0)); then fail debezium/source "the DuckDB oracle failed (exit $rc)"; fail debezium/sink "the oracle failed"; detail "$W/oracle.err"; return; fi

  timeout 120 "$SLUICE" build tests/kafka/debezium.sql -o "$W/debezium" 2> "$W/build-debezium.err" || rc=$?
  if ((rc != 0)); then
    fail debezium/source "sluice build tests/kafka/debezium.sql failed (exit $rc)"; detail "$W/build-debezium.err"
    fail debezium/sink "sluice build failed"; return
  fi
  timeout 120 "$W/debezium" --brokers "$B" --bounded --output "cdc_per_origin=$W/cdc_per_origin.jsonl" \
    > /dev/null 2> "$W/debezium.err" || rc=$?
  if ((rc != 0)); then fail debezium/source "the run exited with $rc"; detail "$W/debezium.err"; fail debezium/sink "the run failed"; return; fi

  # kafka/debezium/source
  local why="" po
  while read -r po; do
    grep -q "^sluice: cdc: partition ${po% *} offset ${po#* }: malformed record: debezium-json update without" "$W/debezium.err" ||
      why="no 'sluice: cdc: partition ${po% *} offset ${po#* }: malformed record: debezium-json update without ...' line"
  done < "$W/cdc-bad.pos"
  [ "$(wc -l < "$W/cdc-bad.pos")" = "$n_bad" ] || why="the $n_bad malformed changes are not all in topic cdc"
  # tombstones are skipped (not read, not malformed); the rest is read
  local stats
  stats=$(grep '^sluice: source cdc: ' "$W/debezium.err" | tail -n 1 || true)
  local want_stats="sluice: source cdc: $((n_msgs - n_tomb)) read, $n_bad malformed, 0 late"
  [ -n "$why" ] || [[ $stats == "$want_stats" ]] || why="want '$want_stats', got '${stats:-nothing}'"
  if [ -n "$why" ]; then
    fail debezium/source "$why (seed $CDC_SEED)"; detail "$W/debezium.err"
  else
    rc=0
    node tests/kafka/changelog.mjs debezium "$W/cdc_per_origin.jsonl" "$W/cdc_per_origin.got" 2> "$W/cdc_per_origin.fold" || rc=$?
    if ((rc != 0)); then
      fail debezium/source "the debezium-json file is not a consistent changelog (seed $CDC_SEED)"; detail "$W/cdc_per_origin.fold"
    elif node tests/diff/compare.mjs "$W/cdc.want" "$W/cdc_per_origin.got" > "$W/cdc_per_origin.cmp" 2>&1; then
      pass debezium/source
    else
      fail debezium/source "the folded changelog differs from DuckDB over the final table (seed $CDC_SEED)"
      detail "$W/cdc_per_origin.cmp" 14
    fi
  fi

  # kafka/debezium/sink: the topic holds every change the sink delivered
  local n_sink
  n_sink=$(sink_written "$W/debezium.err" cdc_per_origin_topic)
  timeout 60 kcat -b "$B" -C -t cdc_per_origin -o beginning -e -q > "$W/cdc_per_origin_topic.jsonl" 2>> "$W/consume.err" || true
  n_topic=$(wc -l < "$W/cdc_per_origin_topic.jsonl")
  if [ "$n_topic" != "${n_sink:-?}" ] || ((n_topic == 0)); then
    fail debezium/sink "topic cdc_per_origin holds $n_topic messages, the sink says ${n_sink:-nothing} written"; return
  fi
  rc=0
  node tests/kafka/changelog.mjs debezium "$W/cdc_per_origin_topic.jsonl" "$W/cdc_per_origin_topic.got" \
    2> "$W/cdc_per_origin_topic.fold" || rc=$?
  if ((rc != 0)); then
    fail debezium/sink "topic cdc_per_origin is not a consistent changelog"; detail "$W/cdc_per_origin_topic.fold"
  elif node tests/diff/compare.mjs "$W/cdc.want" "$W/cdc_per_origin_topic.got" > "$W/cdc_per_origin_topic.cmp" 2>&1; then
    pass debezium/sink
  else
    fail debezium/sink "topic cdc_per_origin folded differs from DuckDB over the final table (seed $CDC_SEED)"
    detail "$W/cdc_per_origin_topic.cmp" 14
  fi
}
debezium

# ---- kafka/faults/* (a broker of their own, which the last case kills) ------------
stop_broker
tests/kafka/faults.sh

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
#   kafka/malformed   malformed records in a topic are reported on stderr with
#                     partition and offset, counted, and skipped; every good
#                     record still comes out (tests/kafka/malformed.sql)
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

CASES=(dev-broker roundtrip malformed)
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
bin/kafka-dev-broker --topic flights:4 --topic mixed:2 > "$W/boot.txt" 2> "$W/broker.err" &
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
  stats=$(grep '^sluice: source flights: ' "$W/malformed.err" | tail -n 1 || true)
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
}
malformed

# ---- kafka/faults/* (a broker of their own, which the last case kills) ------------
stop_broker
tests/kafka/faults.sh

#!/bin/bash
# tests/kafka/demo.sh - `make demo-kafka`: the flights demo, Kafka to Kafka.
#
# Starts bin/kafka-dev-broker (librdkafka mock cluster), loads flights into a
# 16-partition topic `flights` with kcat, builds examples/flights/delays-kafka.sql
# with bin/sluice, runs it with --bounded, reads topic `hourly_delays` back and
# prints the first rows and the totals. The broker is stopped on exit.
#
# Why a subset: the 2.0.2 mock keeps at most 5 MB of message sets (and 100,000
# sets) per partition and silently deletes older ones. The 3,000,000 flights
# are 289 MB of JSON; even zstd-compressed, a partition holds only about 340,000
# of them, so 4 partitions cannot hold the whole set. The demo loads January
# and February 2001 (966,409 flights, about 3.5 MB compressed per partition)
# and checks that the topic still holds every record before running.
# DEMO_MONTHS=1 loads January only.
set -euo pipefail
cd "$(dirname "$0")/../.."

W=build/demo-kafka
MONTHS=${DEMO_MONTHS:-6}
PARTS=${DEMO_PARTITIONS:-16}
mkdir -p "$W"

broker_pid=
stop_broker() {
  if [ -n "$broker_pid" ]; then
    kill "$broker_pid" 2>/dev/null || true
    timeout 15 tail --pid="$broker_pid" -f /dev/null 2>/dev/null || kill -9 "$broker_pid" 2>/dev/null || true
    broker_pid=
    echo "demo-kafka: broker stopped"
  fi
}
trap stop_broker EXIT
trap 'exit 130' INT TERM
now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# The subset: the first MONTHS months of 2001 (the file is sorted by date).
input=$W/flights-$MONTHS-months.jsonl
if [ "$MONTHS" -ge 6 ]; then
  input=data/flights.jsonl
elif [ ! -s "$input" ] || [ data/flights.jsonl -nt "$input" ]; then
  awk -v stop="\"date\":\"2001-0$((MONTHS + 1))-" 'index($0, stop) { exit } { print }' \
    data/flights.jsonl > "$input.tmp"
  mv "$input.tmp" "$input"
fi
n_in=$(wc -l < "$input")

bin/kafka-dev-broker --topic flights:$PARTS --topic hourly_delays:$PARTS > "$W/boot.txt" 2> "$W/broker.err" &
broker_pid=$!
for _ in $(seq 100); do [ "$(wc -l < "$W/boot.txt")" -ge 1 ] && break; sleep 0.1; done
B=$(head -n 1 "$W/boot.txt")
[[ $B == 127.0.0.1:* ]] || { cat "$W/broker.err" >&2; echo "demo-kafka: the broker did not start" >&2; exit 1; }
echo "demo-kafka: broker at $B"

t=$(now)
timeout 300 kcat -b "$B" -P -t flights -X compression.codec=zstd -X sticky.partitioning.linger.ms=0 \
  -X linger.ms=100 -X batch.num.messages=100000 -X batch.size=1000000 < "$input"
n_topic=$(timeout 120 kcat -b "$B" -C -t flights -o beginning -e -q -f 'x\n' | wc -l)
echo "demo-kafka: loaded $n_topic of $n_in flights ($MONTHS months of 2001) into topic flights ($PARTS partitions, zstd) in $(since "$t") s"
if [ "$n_topic" != "$n_in" ]; then
  echo "demo-kafka: the mock dropped records (5 MB per partition): use DEMO_MONTHS=1" >&2
  exit 1
fi

t=$(now)
bin/sluice build examples/flights/delays-kafka.sql -o "$W/delays-kafka"
echo "demo-kafka: sluice build examples/flights/delays-kafka.sql in $(since "$t") s"

t=$(now)
timeout 600 "$W/delays-kafka" --brokers "$B" --bounded 2> >(tee "$W/run.err" >&2)
echo "demo-kafka: Kafka -> Kafka run in $(since "$t") s"

timeout 120 kcat -b "$B" -C -t hourly_delays -o beginning -e -q > "$W/hourly_delays.jsonl"
written=$(sed -n 's/^sluice: sink hourly_delays: \([0-9]*\) written$/\1/p' "$W/run.err")
if [ "$(wc -l < "$W/hourly_delays.jsonl")" != "$written" ]; then
  echo "demo-kafka: read $(wc -l < "$W/hourly_delays.jsonl") rows back, the program wrote ${written:-?}" >&2
  exit 1
fi
node -e '
  const fs = require("fs");
  const rows = fs.readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  rows.sort((a, b) => (a.window_start < b.window_start ? -1 : a.window_start > b.window_start ? 1
                       : a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
  console.log(`hourly_delays: ${rows.length} rows; the first 8 by window and origin:`);
  for (const r of rows.slice(0, 8)) console.log("  " + JSON.stringify(r));
  const sum = (f) => rows.reduce((s, r) => s + r[f], 0);
  const worst = rows.reduce((w, r) => (r.flights >= 20 && (!w || r.avg_delay > w.avg_delay) ? r : w), null);
  console.log("totals:");
  console.log(`  windows (hours) ${new Set(rows.map((r) => r.window_start)).size}, origin airports ${new Set(rows.map((r) => r.origin)).size}`);
  console.log(`  flights in reported windows ${sum("flights")}, of which more than 15 min late ${sum("delayed")}`);
  console.log(`  mean delay ${(rows.reduce((s, r) => s + r.avg_delay * r.flights, 0) / sum("flights")).toFixed(2)} min`);
  if (worst) console.log(`  worst hour (>= 20 flights): ${worst.origin} ${worst.window_start}: ${worst.flights} flights, avg delay ${worst.avg_delay.toFixed(1)} min`);
' "$W/hourly_delays.jsonl"

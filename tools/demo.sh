#!/bin/bash
# demo.sh - `make demo`: compiles examples/flights/delays.sql, runs it over
# the 3,000,000 real flights in data/flights.jsonl and prints the first rows
# of the hourly delay table and its totals.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=build/demo
mkdir -p "$OUT"
echo "== sluice build examples/flights/delays.sql -o $OUT/delays"
start=$(date +%s.%N)
bin/sluice build examples/flights/delays.sql -o "$OUT/delays"
end=$(date +%s.%N)
printf '   compiled in %.2f s\n' "$(echo "$end - $start" | bc -l)"
echo "== $OUT/delays --output hourly_delays=$OUT/hourly_delays.jsonl   (input: data/flights.jsonl, $(wc -l < data/flights.jsonl) flights)"
start=$(date +%s.%N)
"$OUT/delays" --output hourly_delays="$OUT/hourly_delays.jsonl"
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
printf '   ran in %.2f s (%.1f M events/s)\n\n' "$secs" "$(echo "3 / $secs" | bc -l)"
node tools/demo-table.mjs "$OUT/hourly_delays.jsonl" 15

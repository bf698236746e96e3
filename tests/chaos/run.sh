#!/bin/bash
# tests/chaos/run.sh - suite "chaos": kill -9 at any moment, restart, and the
# output is exactly the uninterrupted run's (checkpoints, --state-dir).
#
# For each query under tests/chaos/*.sql (file source, file sink), over the
# 3M flights (data/flights.jsonl):
#   1. an uninterrupted run without --state-dir gives the reference output;
#   2. a run with --state-dir and a short --checkpoint-interval is killed
#      with SIGKILL after a random delay, and restarted, KILLS times (then
#      left to finish): its output must equal the reference byte for byte,
#      and its final statistics (records read, rows written) the
#      reference's. The delays are drawn so that kills land anywhere in a
#      run, checkpoint writes included.
# tests/chaos/kafka.sh does the same with Kafka sources and sinks. Then the
# checkpoint files themselves:
#   - the newest truncated, or with one byte flipped: the run says so,
#     uses the one before it, and still produces the reference output;
#   - a checkpoint of another program is refused (exit 2, the differing
#     plan line named) and --state-reset starts over;
#   - SIGTERM takes a final checkpoint and exits 0; the next run goes on.
#   - a full disk during a checkpoint: the run fails (exit 1) and the
#     previous checkpoint stays usable (a file size limit, RLIMIT_FSIZE,
#     stands in for the full disk);
#   - stdin as a source and --state-reset without --state-dir are refused
#     (exit 2), and so is a second run on a state directory in use (exit 1).
#
# Environment: CHAOS_KILLS (default 50), CHAOS_SEED (printed; set it to
# replay a run's delays), KEEP_TMP=1 keeps the work directory.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SLUICE=$ROOT/bin/sluice
KILLS=${CHAOS_KILLS:-50}
SEED=${CHAOS_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
RANDOM=$SEED
WORK=$(mktemp -d /tmp/sluice-chaos.XXXXXX)
if [ "${KEEP_TMP:-}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi

pass() { echo "PASS: chaos/$1"; }
fail() { echo "FAIL: chaos/$1: $2"; }

if [ ! -s data/flights.jsonl ]; then
  echo "chaos: data/flights.jsonl missing: running make data"
  timeout 600 make --no-print-directory data >&2 || true
fi
if [ ! -s data/flights.jsonl ]; then fail setup "data/flights.jsonl missing (make data failed)"; exit 0; fi
IN=$ROOT/data/flights.jsonl
echo "chaos: $KILLS kills per query, seed $SEED (replay: CHAOS_SEED=$SEED tests/chaos/run.sh)"

# stats FILE: the "read" and "written" counts of a run's stderr
stats() { grep -E '^sluice: (source .*read|sink .*written)' "$1" | sed 's/, [0-9]* late.*//' ; }

# chaos_query NAME: the kill loop for tests/chaos/NAME.sql
chaos_query() {
  local name=$1 dir=$WORK/$1
  mkdir -p "$dir"
  if ! "$SLUICE" build "tests/chaos/$name.sql" -o "$dir/q" 2> "$dir/build.err"; then
    fail "$name" "build failed: $(head -3 "$dir/build.err")"; return
  fi
  # every sink of the file, written to DIR/ref.NAME or DIR/out.NAME
  local -a sinks; mapfile -t sinks < <(sed -n 's/^INSERT INTO \([a-z_]*\).*/\1/p' "tests/chaos/$name.sql")
  outs() { local k; for k in "${sinks[@]}"; do printf -- '--output\n%s=%s.%s\n' "$k" "$1" "$k"; done; }
  local -a ref_args out_args
  mapfile -t ref_args < <(outs "$dir/ref")
  mapfile -t out_args < <(outs "$dir/out")
  same() { local k; for k in "${sinks[@]}"; do cmp -s "$dir/ref.$k" "$dir/out.$k" || return 1; done; }
  local t_start; t_start=$(date +%s%N)
  "$dir/q" --input "flights=$IN" "${ref_args[@]}" 2> "$dir/ref.err"
  local rc=$?
  # the reference run's duration (ms) bounds the random delays, so that
  # kills land anywhere in a run whatever the machine's speed
  local t_ms=$((($(date +%s%N) - t_start) / 1000000))
  ((t_ms < 50)) && t_ms=50
  if ((rc != 0)) || [ ! -s "$dir/ref.${sinks[0]}" ]; then fail "$name" "reference run failed (exit $rc)"; return; fi
  # cycles: a fresh state dir, then kills and restarts until a run ends on
  # its own; the output of every cycle must be the reference
  local kills=0 runs=0 cycles=0 t0=$SECONDS
  while ((kills < KILLS)); do
    cycles=$((cycles + 1))
    rm -rf "$dir/state" "$dir"/out.*
    while :; do
      runs=$((runs + 1))
      "$dir/q" --input "flights=$IN" "${out_args[@]}" --state-dir "$dir/state" \
        --checkpoint-interval 20ms 2> "$dir/run.err" &
      local pid=$!
      sleep "$(awk -v r=$((RANDOM % 1000)) -v t="$t_ms" 'BEGIN { printf "%.3f", r * t / 1000 / 1000 }')"
      if ((kills < KILLS)) && kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null
        cat "$dir/run.err" >> "$dir/all.err"
        kills=$((kills + 1))
        continue
      fi
      wait "$pid"; rc=$?
      break
    done
    cat "$dir/run.err" >> "$dir/all.err"
    if ((rc != 0)); then fail "$name" "cycle $cycles: the last run exited $rc: $(tail -3 "$dir/run.err")"; return; fi
    if ! same; then
      fail "$name" "cycle $cycles: output differs from the uninterrupted run after $kills kills ($(cat "$dir"/out.* | wc -l) vs $(cat "$dir"/ref.* | wc -l) lines; seed $SEED)"
      return
    fi
    if [ "$(stats "$dir/ref.err")" != "$(stats "$dir/run.err")" ]; then
      fail "$name" "cycle $cycles: statistics differ: $(stats "$dir/run.err" | tr '\n' ' ') vs $(stats "$dir/ref.err" | tr '\n' ' ')"
      return
    fi
  done
  local resumed; resumed=$(grep -c 'continuing from checkpoint' "$dir/all.err")
  if ((resumed == 0)); then fail "$name" "no run continued from a checkpoint"; return; fi
  pass "$name ($kills kills in $cycles cycles, $runs runs of which $resumed resumed, $((SECONDS - t0)) s, $(cat "$dir"/out.* | wc -l) rows)"
}

for f in tests/chaos/*.sql; do
  chaos_query "$(basename "$f" .sql)"
done

# Kafka sources and sinks under the same chaos (tests/chaos/kafka.sh)
tests/chaos/kafka.sh "$WORK" "$KILLS"

# ---- the checkpoint files ----------------------------------------------------
D=$WORK/files
mkdir -p "$D"
"$SLUICE" build tests/chaos/delays.sql -o "$D/q" 2> "$D/build.err" || { fail files "build failed"; exit 0; }
SMALL=$ROOT/data/flights-100k.jsonl
"$D/q" --input "flights=$SMALL" --output "hourly_delays=$D/ref" 2> /dev/null

# the newest checkpoint file of state dir $1
newest() { ls "$1"/checkpoint-* 2>/dev/null | grep -v '\.tmp$' | sort | tail -1; }

# SIGTERM: a final checkpoint, exit 0, and the next run continues from it
rm -rf "$D/st" "$D/out"
"$D/q" --input "flights=$IN" --output "hourly_delays=$D/big" --state-dir "$D/st" 2> "$D/term.err" &
pid=$!
sleep 0.3
kill -TERM "$pid"; wait "$pid"; rc=$?
if ((rc != 0)); then
  fail sigterm-checkpoint "SIGTERM: exit $rc, expected 0: $(tail -2 "$D/term.err")"
elif grep -q 'reached the end\|stopped by SIGTERM' "$D/term.err" && ! grep -q 'stopped by SIGTERM; checkpoint' "$D/term.err"; then
  fail sigterm-checkpoint "no final checkpoint reported: $(tail -2 "$D/term.err")"
else
  "$D/q" --input "flights=$IN" --output "hourly_delays=$D/big" --state-dir "$D/st" 2> "$D/term2.err"
  "$D/q" --input "flights=$IN" --output "hourly_delays=$D/bigref" 2> /dev/null
  if cmp -s "$D/big" "$D/bigref" && grep -q 'continuing from checkpoint' "$D/term2.err"; then
    pass sigterm-checkpoint
  else
    fail sigterm-checkpoint "the run after SIGTERM did not complete the output: $(tail -2 "$D/term2.err")"
  fi
fi

# corrupt newest checkpoint: truncated, or one byte flipped
for how in truncated flipped; do
  rm -rf "$D/st" "$D/out"
  "$D/q" --input "flights=$IN" --output "hourly_delays=$D/out" --state-dir "$D/st" \
    --checkpoint-interval 20ms 2> /dev/null &
  pid=$!
  sleep 0.3
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  n=$(ls "$D/st"/checkpoint-* 2>/dev/null | wc -l)
  last=$(newest "$D/st")
  if ((n < 2)); then fail "corrupt-$how" "only $n checkpoints after 0.3 s"; continue; fi
  size=$(stat -c %s "$last")
  if [ "$how" = truncated ]; then
    truncate -s $((size / 2)) "$last"
  else
    pos=$((RANDOM % size))
    byte=$(od -An -tu1 -j "$pos" -N1 "$last" | tr -d ' ')
    printf "$(printf '\\%03o' $(((byte + 1) % 256)))" | dd of="$last" bs=1 seek="$pos" conv=notrunc status=none
  fi
  "$D/q" --input "flights=$IN" --output "hourly_delays=$D/out" --state-dir "$D/st" 2> "$D/corrupt.err"
  rc=$?
  if ((rc == 0)) && grep -q "$(basename "$last") is unusable" "$D/corrupt.err" &&
     grep -q 'using checkpoint' "$D/corrupt.err" && cmp -s "$D/out" "$D/bigref"; then
    pass "corrupt-$how"
  else
    fail "corrupt-$how" "exit $rc: $(grep -v '^sluice: s' "$D/corrupt.err" | head -3)"
  fi
done

# a checkpoint of another program is refused; --state-reset starts over
sed 's/>= 5/>= 6/' tests/chaos/delays.sql > "$D/other.sql"
"$SLUICE" build "$D/other.sql" -o "$D/other" 2> /dev/null
"$D/other" --input "flights=$SMALL" --output "hourly_delays=$D/o" --state-dir "$D/st" 2> "$D/other.err"
rc=$?
if ((rc == 2)) && grep -q 'taken by another program: line [0-9]* of its plan' "$D/other.err"; then
  pass other-program-refused
else
  fail other-program-refused "exit $rc: $(head -2 "$D/other.err")"
fi
"$D/other" --input "flights=$SMALL" --output "hourly_delays=$D/o" --state-dir "$D/st" --state-reset 2> /dev/null
rc=$?
"$D/other" --input "flights=$SMALL" --output "hourly_delays=$D/oref" 2> /dev/null
if ((rc == 0)) && cmp -s "$D/o" "$D/oref"; then pass state-reset; else fail state-reset "exit $rc or output differs"; fi

# a full disk during a checkpoint: exit 1, the previous checkpoint intact
rm -rf "$D/st"
"$D/q" --input "flights=$SMALL" --output "hourly_delays=$D/full" --state-dir "$D/st" 2> /dev/null
before=$(newest "$D/st")
sum_before=$(md5sum < "$before")
# the state dir is reused: the next run has nothing left to read, and its
# final checkpoint (the plan and the state) is larger than the limit of
# 2 KiB (the sink, already complete, is not written)
(ulimit -f 2; trap '' XFSZ; exec "$D/q" --input "flights=$SMALL" --output "hourly_delays=$D/full" \
  --state-dir "$D/st" --checkpoint-interval 1ms) 2> "$D/full.err"
rc=$?
if ((rc == 1)) && grep -q 'checkpoint: cannot write' "$D/full.err" && grep -q 'is intact' "$D/full.err" &&
   [ "$(md5sum < "$before")" = "$sum_before" ] && [ -z "$(ls "$D/st" | grep '\.tmp$')" ]; then
  pass full-disk
else
  fail full-disk "exit $rc: $(grep -v '^sluice: s' "$D/full.err" | head -3)"
fi
# what checkpoints cannot do is refused before anything is opened
rm -rf "$D/st"
"$D/q" --input flights=- --output "hourly_delays=$D/x" --state-dir "$D/st" < "$SMALL" 2> "$D/stdin.err"
rc=$?
if ((rc == 2)) && grep -q 'reads stdin, which cannot be read again' "$D/stdin.err" && [ ! -e "$D/x" ]; then
  pass stdin-refused
else
  fail stdin-refused "exit $rc: $(head -2 "$D/stdin.err")"
fi
"$D/q" --input "flights=$SMALL" --output "hourly_delays=$D/x" --state-reset 2> "$D/reset.err"
rc=$?
if ((rc == 2)) && grep -q "'--state-reset' needs --state-dir" "$D/reset.err"; then
  pass state-reset-needs-dir
else
  fail state-reset-needs-dir "exit $rc: $(head -2 "$D/reset.err")"
fi

# one run per state directory: a second one is refused while the first runs
rm -rf "$D/st"
"$D/q" --input "flights=$IN" --output "hourly_delays=$D/l1" --state-dir "$D/st" 2> /dev/null &
pid=$!
for _ in $(seq 50); do [ -e "$D/st/LOCK" ] && break; sleep 0.01; done
"$D/q" --input "flights=$IN" --output "hourly_delays=$D/l2" --state-dir "$D/st" 2> "$D/lock.err"
rc=$?
wait "$pid"; rc1=$?
if ((rc == 1 && rc1 == 0)) && grep -q 'is in use by another run' "$D/lock.err" && [ ! -s "$D/l2" ]; then
  pass state-dir-locked
else
  fail state-dir-locked "second run: exit $rc, first: $rc1: $(head -2 "$D/lock.err")"
fi
exit 0

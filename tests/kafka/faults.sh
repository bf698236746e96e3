#!/bin/bash
# tests/kafka/faults.sh - Kafka faults end cleanly (part of suite "kafka",
# run by tests/kafka/run.sh). The dev broker runs with --control, so that
# the cases can break the cluster at chosen moments through the mock's
# fault API (rd_kafka_mock_broker_set_down, rd_kafka_mock_push_request_errors),
# and the last case kills the broker process outright.
#
#   faults/missing-topic          a source topic that does not exist: exit 1, named
#                                 (bounded and unbounded)
#   faults/below-log-start        committed offsets below the log start (retention
#                                 deleted records the group never read) are
#                                 reported with the number skipped (both modes)
#   faults/transient-errors       retriable Fetch and Produce errors lose nothing
#   faults/brokers-down-timeout   all brokers down: said once, and after
#                                 --broker-timeout the run ends with exit 1
#   faults/brokers-come-back      down for a moment: the run goes on, nothing lost
#   faults/sigterm-undelivered    SIGTERM with messages that cannot be delivered:
#                                 ends within 10 s, exit 1, the count said
#   faults/second-sigterm         a second SIGTERM ends the process at once
#   faults/broker-killed          kill -9 of the broker: exit 1 after --broker-timeout
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SLUICE=${SLUICE:-$ROOT/bin/sluice}
W=$ROOT/build/tests/kafka/faults
rm -rf "$W"; mkdir -p "$W"
cd "$W"

pass() { echo "PASS: kafka/faults/$1"; }
fail() { echo "FAIL: kafka/faults/$1: $2"; [ -n "${3:-}" ] && [ -f "$3" ] && head -n 12 "$3" | sed 's/^/    /'; return 0; }
CASES=(missing-topic below-log-start transient-errors brokers-down-timeout brokers-come-back
       sigterm-undelivered second-sigterm broker-killed)
fail_all() { for c in "${CASES[@]}"; do fail "$c" "$1"; done; exit 0; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# wait_lines FILE N SECONDS: until FILE has N lines (false on timeout)
wait_lines() {
  local t
  for t in $(seq $(($3 * 10))); do
    [ -f "$1" ] && [ "$(wc -l < "$1")" -ge "$2" ] && return 0
    sleep 0.1
  done
  return 1
}
topic_count() { timeout 60 kcat -b "$B" -C -t "$1" -o beginning -e -q -f 'x\n' 2>/dev/null | wc -l; }
# recs FROM TO [PAD]: JSON records {"a":i,"p":PAD}
recs() { awk -v f="$1" -v t="$2" -v p="${3:-}" 'BEGIN { for (i = f; i <= t; i++) printf "{\"a\":%d,\"p\":\"%s\"}\n", i, p }'; }

command -v kcat > /dev/null || fail_all "kcat missing"
[ -x "$ROOT/bin/kafka-dev-broker" ] || fail_all "bin/kafka-dev-broker missing (make)"

# ---- the broker, driven through a FIFO on its stdin ----------------------------------------
rm -f ctl; mkfifo ctl
"$ROOT/bin/kafka-dev-broker" --control --topic ev:1 --topic tr:2 --topic out:1 --topic outt:1 \
  --topic ev3:1 --topic ev4:1 --topic out2:1 --topic ev5:1 < ctl > broker.out 2> broker.err &
broker=$!
exec 8> ctl
cleanup() { exec 8>&- 2>/dev/null; kill "$broker" 2>/dev/null; wait "$broker" 2>/dev/null; }
trap cleanup EXIT
for _ in $(seq 100); do [ -s broker.out ] && break; sleep 0.1; done
B=$(head -n 1 broker.out)
[[ $B == 127.0.0.1:* ]] || fail_all "dev broker printed no bootstrap list"
# ctl CMD: one command, answered with a line of broker.out
ctl() {
  local n; n=$(wc -l < broker.out)
  echo "$*" >&8
  for _ in $(seq 50); do [ "$(wc -l < broker.out)" -gt "$n" ] && break; sleep 0.1; done
  [ "$(tail -n 1 broker.out)" = ok ]
}

for f in consume produce missing; do
  if ! "$SLUICE" build "$ROOT/tests/kafka/faults-$f.sql" -o "$f" > "build-$f.err" 2>&1; then
    fail_all "sluice build tests/kafka/faults-$f.sql failed"
  fi
done
# variants: another topic or group, same program
variant() { # NAME SQL SED-SCRIPT
  sed "$3" "$ROOT/tests/kafka/faults-$2.sql" > "$1.sql" && "$SLUICE" build "$1.sql" -o "$1" > "build-$1.err" 2>&1
}

# ---- missing-topic ----------------------------------------------------------------------------
rc1=0; timeout 60 ./missing --brokers "$B" --bounded > m1.out 2> m1.err || rc1=$?
rc2=0; timeout 60 ./missing --brokers "$B" > m2.out 2> m2.err || rc2=$?
if [ "$rc1" = 1 ] && [ "$rc2" = 1 ] && grep -q "topic 'no_such_topic' does not exist" m1.err &&
   grep -q "topic 'no_such_topic' does not exist" m2.err; then
  pass missing-topic
else
  fail missing-topic "exit $rc1 (bounded), $rc2 (unbounded), want 1 with the topic named" m1.err
fi

# ---- below-log-start ----------------------------------------------------------------------------
# Groups faults and faults2 commit offset 5 of topic ev; then 8 MB more make
# the mock drop its oldest records (it keeps 5 MB per partition).
below() {
  variant consume2 consume 's/faults/faults2/' || { fail below-log-start "build of a variant failed"; return; }
  recs 1 10 | kcat -b "$B" -P -t ev
  for g in faults faults2; do
    # (a short session: the mock waits it out before the next member of the group joins)
    timeout 30 kcat -b "$B" -G "$g" -X auto.offset.reset=earliest -X session.timeout.ms=6000 \
      -X heartbeat.interval.ms=1500 -c 5 -q ev > /dev/null 2>&1
  done
  local pad; pad=$(printf 'x%.0s' $(seq 200))
  recs 11 40010 "$pad" | kcat -b "$B" -P -t ev -X linger.ms=50
  local lo end
  lo=$(timeout 20 kcat -b "$B" -C -t ev -o beginning -c 1 -q -f '%o\n')
  end=40010
  if ! [ "$lo" -gt 5 ] 2>/dev/null; then fail below-log-start "the mock kept offset 5 (log start '$lo')"; return; fi
  local skipped=$((lo - 5)) rc=0
  timeout 60 ./consume --brokers "$B" --bounded --output copied=b1.jsonl > b1.out 2> b1.err || rc=$?
  ./consume2 --brokers "$B" --output copied=b2.jsonl > b2.out 2> b2.err &
  local pid=$!
  wait_lines b2.jsonl $((end - lo)) 60
  kill -TERM $pid; local rc2=0; wait $pid || rc2=$?
  local want="partition 0: offset 5 is no longer in the log (it starts at $lo: deleted by retention): $skipped records skipped"
  if [ "$rc" = 0 ] && grep -qF "$want" b1.err && grep -q "$skipped skipped" b1.err &&
     [ "$(wc -l < b1.jsonl)" = $((end - lo)) ] && [ "$rc2" = 143 ] && grep -qF "$want" b2.err &&
     [ "$(wc -l < b2.jsonl)" = $((end - lo)) ]; then
    pass below-log-start
  else
    fail below-log-start "exit $rc/$rc2, want 0/143 and '$want' from both (copied $(wc -l < b1.jsonl)/$(wc -l < b2.jsonl 2>/dev/null) of $((end - lo)))" b1.err
  fi
}
below

# ---- transient-errors -----------------------------------------------------------------------------
transient() {
  variant consume_tr consume 's/'"'"'ev'"'"'/'"'"'tr'"'"'/; s/faults/faults_tr/; s/group-offsets/earliest-offset/' &&
    variant produce_tr produce 's/'"'"'out'"'"'/'"'"'outt'"'"'/' || { fail transient-errors "build of a variant failed"; return; }
  recs 1 2000 | kcat -b "$B" -P -t tr -X sticky.partitioning.linger.ms=0
  # API keys: 1 Fetch, 0 Produce; 6 NOT_LEADER_OR_FOLLOWER, 7 REQUEST_TIMED_OUT
  ctl errors 1 6 20 || { fail transient-errors "the broker refused 'errors 1 6 20'"; return; }
  local rc=0
  timeout 120 ./consume_tr --brokers "$B" --bounded --output copied=t1.jsonl > t1.out 2> t1.err || rc=$?
  recs 1 2000 | sed 's/,"p":""//' > t.jsonl
  ctl errors 0 7 10 || { fail transient-errors "the broker refused 'errors 0 7 10'"; return; }
  local rc2=0
  timeout 120 ./produce_tr --brokers "$B" --input ev=t.jsonl > t2.out 2> t2.err || rc2=$?
  local n1 n2; n1=$(sort -u t1.jsonl | wc -l); n2=$(topic_count outt)
  if [ "$rc" = 0 ] && [ "$n1" = 2000 ] && [ "$rc2" = 0 ] && [ "$n2" = 2000 ] &&
     grep -q 'sink out_topic: 2000 written' t2.err; then
    pass transient-errors
  else
    fail transient-errors "exit $rc/$rc2, read $n1 of 2000 through Fetch errors, delivered $n2 of 2000 through Produce errors" t2.err
  fi
}
transient

# ---- brokers-down-timeout ---------------------------------------------------------------------------
down_timeout() {
  variant consume3 consume 's/'"'"'ev'"'"'/'"'"'ev3'"'"'/; s/faults/faults3/; s/group-offsets/earliest-offset/' ||
    { fail brokers-down-timeout "build of a variant failed"; return; }
  recs 1 500 | kcat -b "$B" -P -t ev3
  ./consume3 --brokers "$B" --broker-timeout 3s --output copied=d.jsonl > d.out 2> d.err &
  local pid=$!
  wait_lines d.jsonl 500 60
  local t0; t0=$(now)
  ctl down all
  local rc=0; timeout 60 tail --pid=$pid -f /dev/null; wait $pid || rc=$?
  local took; took=$(since "$t0")
  ctl up all
  local downs; downs=$(grep -c 'all brokers are down' d.err)
  if [ "$rc" = 1 ] && [ "$downs" = 1 ] && grep -q 'no broker reachable for 3 s (--broker-timeout): stopping' d.err &&
     grep -q 'source ev: 500 read' d.err && awk -v t="$took" 'BEGIN { exit !(t < 20) }'; then
    pass brokers-down-timeout
  else
    fail brokers-down-timeout "exit $rc after ${took} s, 'all brokers are down' said $downs times (want exit 1 in < 20 s, said once)" d.err
  fi
}
down_timeout

# ---- brokers-come-back ----------------------------------------------------------------------------
come_back() {
  variant consume4 consume 's/'"'"'ev'"'"'/'"'"'ev4'"'"'/; s/faults/faults4/; s/group-offsets/earliest-offset/' ||
    { fail brokers-come-back "build of a variant failed"; return; }
  recs 1 300 | kcat -b "$B" -P -t ev4
  ./consume4 --brokers "$B" --broker-timeout 30s --output copied=c.jsonl > c.out 2> c.err &
  local pid=$!
  wait_lines c.jsonl 300 60
  ctl down all; sleep 3; ctl up all
  recs 301 600 | timeout 60 kcat -b "$B" -P -t ev4
  local got=0
  wait_lines c.jsonl 600 60 && got=1
  kill -TERM $pid; local rc=0; wait $pid || rc=$?
  if [ "$got" = 1 ] && [ "$rc" = 143 ] && [ "$(sort -u c.jsonl | wc -l)" = 600 ] &&
     grep -q 'all brokers are down' c.err && grep -q 'brokers reachable again after' c.err; then
    pass brokers-come-back
  else
    fail brokers-come-back "exit $rc (want 143), copied $(wc -l < c.jsonl) of 600, both messages said?" c.err
  fi
}
come_back

# ---- sigterm-undelivered / second-sigterm ------------------------------------------------------------
# produce_run NAME: faults-produce from a FIFO; 100 records delivered, then
# the brokers go down and 300 more are produced into librdkafka's queue
produce_run() {
  rm -f "$1.fifo"; mkfifo "$1.fifo"
  ./produce --brokers "$B" --input "ev=$1.fifo" > "$1.out" 2> "$1.err" &
  PID=$!
  exec 7> "$1.fifo"
  recs 1 100 | sed 's/,"p":""//' >&7
  for _ in $(seq 100); do grep -q . "$1.err" 2>/dev/null; [ "$(topic_count out)" -ge "$((BASE + 100))" ] && break; sleep 0.2; done
  ctl down all; sleep 1
  recs 101 400 | sed 's/,"p":""//' >&7
  sleep 2
}
BASE=0
produce_run u
t0=$(now); kill -TERM $PID; rc=0; wait $PID || rc=$?; took=$(since "$t0"); exec 7>&-
ctl up all
if [ "$rc" = 1 ] && awk -v t="$took" 'BEGIN { exit !(t < 10) }' && grep -q "300 messages not delivered to topic 'out'" u.err &&
   grep -q 'sink out_topic: 100 written, 300 not delivered' u.err && grep -q 'source ev: 400 read' u.err; then
  pass sigterm-undelivered
else
  fail sigterm-undelivered "exit $rc after ${took} s (want 1 within 10 s, with the 300 undelivered messages counted)" u.err
fi
BASE=100
produce_run s
t0=$(now); kill -TERM $PID; sleep 1; kill -TERM $PID 2>/dev/null; rc=0; wait $PID || rc=$?; took=$(since "$t0"); exec 7>&-
ctl up all
if [ "$rc" = 143 ] && awk -v t="$took" 'BEGIN { exit !(t < 3) }'; then
  pass second-sigterm
else
  fail second-sigterm "exit $rc after ${took} s (want 143, within 3 s of the first SIGTERM)" s.err
fi

# ---- broker-killed ------------------------------------------------------------------------------------
variant consume5 consume 's/'"'"'ev'"'"'/'"'"'ev5'"'"'/; s/faults/faults5/; s/group-offsets/earliest-offset/'
recs 1 200 | kcat -b "$B" -P -t ev5
./consume5 --brokers "$B" --broker-timeout 3s --output copied=k.jsonl > k.out 2> k.err &
pid=$!
wait_lines k.jsonl 200 60
t0=$(now)
kill -9 "$broker"; wait "$broker" 2>/dev/null
rc=0; timeout 60 tail --pid=$pid -f /dev/null; wait $pid || rc=$?; took=$(since "$t0")
if [ "$rc" = 1 ] && grep -q 'no broker reachable for 3 s' k.err && grep -q 'source ev: 200 read' k.err &&
   awk -v t="$took" 'BEGIN { exit !(t < 25) }'; then
  pass broker-killed
else
  fail broker-killed "exit $rc after ${took} s (want 1, within 25 s)" k.err
fi
exit 0

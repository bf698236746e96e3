#!/bin/bash
# tests/cli/run.sh - suite "cli": what a user can do wrong from the command
# line, and what must then happen (the hardening rules of README.md, "Exit
# status and safety"). One "PASS: cli/NAME" or "FAIL: cli/NAME: reason" per
# check; work files in build/tests/cli/.
#
#   inject/*     SQL text that would be C code if copied raw builds and runs
#                as data (the table name from the hardening issue)
#   safety/*     no sink and no compiler output may be a file the program
#                reads (also through a symbolic link or stdin/stdout); nothing
#                is opened for writing then, and the data stays intact
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SLUICE=${SLUICE:-$ROOT/bin/sluice}
W=$ROOT/build/tests/cli
rm -rf "$W"; mkdir -p "$W"
cd "$W"

pass() { echo "PASS: cli/$1"; }
fail() { echo "FAIL: cli/$1: $2"; [ -n "${3:-}" ] && [ -f "$3" ] && head -n 8 "$3" | sed 's/^/    /'; return 0; }
# check NAME CONDITION-COMMAND... : PASS when the command succeeds
check() { local n=$1; shift; if "$@"; then pass "$n"; else fail "$n" "${WHY:-check failed}" "${LOG:-}"; fi; WHY=; LOG=; }

# a small query over 200 flights-like records
cat > flights.jsonl <<'J'
{"date":"2001-01-01 00:01:00.000","delay":33,"distance":2176,"origin":"LAS","destination":"PHL"}
{"date":"2001-01-01 00:20:00.000","delay":-2,"distance":100,"origin":"SFO","destination":"LAX"}
{"date":"2001-01-01 01:05:00.000","delay":7,"distance":300,"origin":"LAS","destination":"SFO"}
{"date":"2001-01-01 02:10:00.000","delay":12,"distance":900,"origin":"SFO","destination":"PHL"}
J
cat > q.sql <<'S'
CREATE TABLE flights (`date` TIMESTAMP(3), delay BIGINT, origin STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE)
WITH ('connector' = 'filesystem', 'path' = 'flights.jsonl', 'format' = 'json');
CREATE TABLE hourly (origin STRING, window_start TIMESTAMP(3), n BIGINT, total BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'hourly.jsonl');
INSERT INTO hourly
SELECT origin, window_start, COUNT(*), SUM(delay)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))
GROUP BY origin, window_start, window_end;
S
if ! "$SLUICE" build q.sql -o q > build.log 2>&1; then
  echo "FAIL: cli/setup: sluice build q.sql failed"; sed 's/^/    /' build.log | head; exit 0
fi
cp flights.jsonl flights.orig

# ---- inject -------------------------------------------------------------------------------
cat > inject.sql <<'S'
CREATE TABLE `x */
#define sl_main(p, c, v) (system("touch pwned"), sl_main(p, c, v))
/* ` (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl');
CREATE TABLE out1 (a BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT a FROM `x */
#define sl_main(p, c, v) (system("touch pwned"), sl_main(p, c, v))
/* `;
S
printf '{"a":1}\n{"a":2}\n' > in.jsonl
rm -f pwned
rc=0; "$SLUICE" build inject.sql -o inject > inject.log 2>&1 || rc=$?
WHY="sluice build exited with $rc" LOG=inject.log check inject/builds test "$rc" = 0
if [ -x inject ]; then
  ./inject --help > help.out 2>&1; ./inject > run.out 2> run.err
  WHY="--help or a run executed SQL text (file 'pwned' exists)" check inject/help-runs-nothing test ! -e pwned
  WHY="the program did not read the table with that name: $(head -c 200 run.out)" LOG=run.err \
    check inject/runs test "$(cat run.out)" = $'{"a":1}\n{"a":2}'
fi

# ---- safety ---------------------------------------------------------------------------------
intact() { cmp -s flights.jsonl flights.orig; }
# run_q CASE EXPECT-RC ARGS...: runs ./q and checks the exit status, a message, the input
run_q() {
  local name=$1 want=$2; shift 2
  local rc=0
  ./q "$@" > "$name.out" 2> "$name.err" < /dev/null || rc=$?
  if [ "$rc" != "$want" ]; then fail "safety/$name" "exit status $rc, expected $want" "$name.err"
  elif ! intact; then fail "safety/$name" "flights.jsonl was modified"; cp flights.orig flights.jsonl
  elif ! grep -q "is the file that source flights reads" "$name.err"; then fail "safety/$name" "no clear message" "$name.err"
  else pass "safety/$name"; fi
}
run_q sink-is-source 2 --input flights=flights.jsonl --output hourly=flights.jsonl
ln -sf flights.jsonl link.jsonl
run_q sink-is-symlink-to-source 2 --output hourly=link.jsonl
mkdir -p sub
run_q sink-is-source-other-spelling 2 --output hourly=sub/../flights.jsonl
rc=0; ./q --input flights=- --output hourly=flights.jsonl < flights.jsonl > stdin.out 2> stdin.err || rc=$?
WHY="exit $rc, or the input changed" LOG=stdin.err check safety/sink-is-stdin-file \
  bash -c "test $rc = 2 && cmp -s flights.jsonl flights.orig && grep -q '<stdin>' stdin.err"
rc=0; ./q --output hourly=- >> flights.jsonl 2> stdout.err || rc=$?
WHY="exit $rc, or the input changed" LOG=stdout.err check safety/stdout-appends-to-source \
  bash -c "test $rc = 2 && cmp -s flights.jsonl flights.orig"
cp flights.orig flights.jsonl
rc=0; ./q --output hourly=a.jsonl > ok.out 2> ok.err || rc=$?
WHY="a normal run failed (exit $rc)" LOG=ok.err check safety/normal-run-still-works \
  bash -c "test $rc = 0 && test -s a.jsonl"
printf 'old\n' > same.jsonl
cat > two.sql <<'S'
CREATE TABLE ev (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'in.jsonl');
CREATE TABLE o1 (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'o1.jsonl');
CREATE TABLE o2 (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'o2.jsonl');
INSERT INTO o1 SELECT a FROM ev; INSERT INTO o2 SELECT a FROM ev;
S
"$SLUICE" build two.sql -o two > /dev/null 2>&1
rc=0; ./two --output o1=same.jsonl --output o2=./same.jsonl > two.out 2> two.err || rc=$?
WHY="exit $rc" LOG=two.err check safety/two-sinks-one-file \
  bash -c "test $rc = 2 && test \"\$(cat same.jsonl)\" = old && grep -q 'both write' two.err"

# the compiler's output
cp q.sql q.orig
for variant in build emit-c; do
  rc=0; "$SLUICE" $variant q.sql -o q.sql > "c-$variant.out" 2> "c-$variant.err" || rc=$?
  WHY="exit $rc or q.sql changed" LOG="c-$variant.err" check "safety/$variant-o-input" \
    bash -c "test $rc = 2 && cmp -s q.sql q.orig && grep -q 'is the input file' c-$variant.err"
done
ln -sf q.sql qlink
rc=0; "$SLUICE" build q.sql -o qlink > c-link.out 2> c-link.err || rc=$?
WHY="exit $rc or q.sql changed" LOG=c-link.err check safety/build-o-symlink-to-input \
  bash -c "test $rc = 2 && cmp -s q.sql q.orig"
rc=0; "$SLUICE" build q.sql -o flights.jsonl > c-src.out 2> c-src.err || rc=$?
WHY="exit $rc or flights.jsonl changed" LOG=c-src.err check safety/build-o-source-file \
  bash -c "test $rc = 2 && cmp -s flights.jsonl flights.orig && grep -q 'source flights reads' c-src.err"
exit 0

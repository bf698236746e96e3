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

# A table name may begin with '=' or hold several: --input matches the longest declared name.
cat > eqname.sql <<'S'
CREATE TABLE `=a=b` (a BIGINT) WITH ('connector' = 'filesystem', 'path' = 'none.jsonl');
CREATE TABLE out1 (a BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT a FROM `=a=b`;
S
rc=0; "$SLUICE" build eqname.sql -o eqname > eqname.log 2>&1 || rc=$?
WHY="sluice build exited with $rc" LOG=eqname.log check inject/eq-name-builds test "$rc" = 0
if [ -x eqname ]; then
  rc=0; ./eqname --input '=a=b=in.jsonl' > eq.out 2> eq.err || rc=$?
  WHY="exit $rc, output: $(head -c 200 eq.out)" LOG=eq.err \
    check inject/eq-name-input test "$rc:$(cat eq.out)" = $'0:{"a":1}\n{"a":2}'
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

# ---- build: user errors get plain messages; nothing is left behind -------------------------
#   build/*      an unwritable -o, a directory as input, a missing C compiler and an
#                interrupted build: a plain message, no output file, and the
#                temporary directory removed (TMPDIR is private to these checks)
export TMPDIR=$W/tmp
mkdir -p "$TMPDIR"
no_tmp_left() { [ -z "$(ls -A "$TMPDIR")" ]; }
rc=0; "$SLUICE" build q.sql -o /nonexistent/dir/q > b1.out 2> b1.err || rc=$?
WHY="exit $rc, message '$(head -c 200 b1.err)'" check build/unwritable-output \
  bash -c "test $rc = 1 && grep -qx \"sluice: cannot write '/nonexistent/dir/q': No such file or directory\" b1.err && ! grep -q 'sluice bug' b1.err && [ -z \"\$(ls -A '$TMPDIR')\" ]"
rc=0; "$SLUICE" check "$W" > b2.out 2> b2.err || rc=$?
WHY="exit $rc, message '$(head -c 200 b2.err)'" check build/check-a-directory \
  bash -c "test $rc = 1 && grep -q \"cannot read '$W': it is a directory\" b2.err"
rc=0; CC=no-such-cc "$SLUICE" build q.sql -o b3 > b3.out 2> b3.err || rc=$?
WHY="exit $rc, message '$(head -c 300 b3.err)'" check build/no-c-compiler \
  bash -c "test $rc = 1 && grep -q \"cannot run the C compiler 'no-such-cc'\" b3.err && ! grep -q 'sluice bug' b3.err && test ! -e b3 && [ -z \"\$(ls -A '$TMPDIR')\" ]"
# a C compiler that takes a while, so that the signal lands during the build
cat > slowcc <<'SH'
#!/bin/sh
sleep 2
exec cc "$@"
SH
chmod +x slowcc
for sig in INT TERM; do
  want=$((128 + $(kill -l $sig)))
  # perl restores the default action (a background job would ignore SIGINT)
  CC=$W/slowcc perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' "$SLUICE" build q.sql -o "b-$sig" \
    > "b-$sig.out" 2> "b-$sig.err" &
  pid=$!
  sleep 0.7
  kill -$sig $pid
  rc=0; wait $pid || rc=$?
  sleep 0.2
  WHY="exit $rc (want $want), left: $(ls -A "$TMPDIR" | head -3) $(ls b-$sig* 2>/dev/null | grep -v '\.out$\|\.err$')" \
    check "build/sig$sig-cleans-up" \
    bash -c "test $rc = $want && [ -z \"\$(ls -A '$TMPDIR')\" ] && test ! -e b-$sig && ! ls b-$sig.tmp* > /dev/null 2>&1"
done
unset TMPDIR

# ---- run: honest exit status and statistics --------------------------------------------------
#   run/*        only what was written counts; an interrupted run says what it did
#                not emit and exits 128 + signal; every output reads back in
if [ -w /dev/full ]; then
  rc=0; ./q --output hourly=/dev/full > r1.out 2> r1.err || rc=$?
  WHY="exit $rc" LOG=r1.err check run/dev-full-counts-nothing-written \
    bash -c "test $rc = 1 && grep -q 'sluice: sink hourly: 0 written, 4 not written' r1.err"
fi
# a source that stays open: the run is interrupted before the end of its input
for sig in INT TERM; do
  want=$((128 + $(kill -l $sig)))
  rm -f "fifo-$sig"; mkfifo "fifo-$sig"
  perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' ./q --input "flights=fifo-$sig" --output "hourly=r-$sig.jsonl" \
    > "r-$sig.out" 2> "r-$sig.err" &
  pid=$!
  exec 7> "fifo-$sig"
  cat flights.jsonl >&7
  sleep 0.5
  kill -$sig $pid
  rc=0; wait $pid || rc=$?
  exec 7>&-
  WHY="exit $rc (want $want)" LOG="r-$sig.err" check "run/sig$sig-reports-what-was-not-emitted" \
    bash -c "test $rc = $want && grep -q 'stopped by SIG$sig before the end of the input' r-$sig.err && grep -q 'sluice: 1 open window with 1 group was not emitted' r-$sig.err && test \"\$(wc -l < r-$sig.jsonl)\" = 3"
done
# every output reads back in: a window end past 9999-12-31 is written
# '+10000-01-01 ...' and a second program reads it as a TIMESTAMP(3)
cat > y10k.sql <<'S'
CREATE TABLE ev (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'y10k.jsonl');
CREATE TABLE w WITH ('connector' = 'filesystem', 'path' = 'w.jsonl') AS
SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' DAY)) GROUP BY window_start, window_end;
S
cat > readback.sql <<'S'
CREATE TABLE w (window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'w.jsonl');
CREATE TABLE back WITH ('connector' = 'filesystem', 'path' = 'back.jsonl') AS
SELECT window_end, CAST(window_end AS BIGINT) AS ms, n FROM w;
S
echo '{"ts":"9999-12-31 12:00:00"}' > y10k.jsonl
"$SLUICE" build y10k.sql -o y10k > /dev/null 2>&1 && "$SLUICE" build readback.sql -o readback > /dev/null 2>&1
./y10k 2> y10k.err; ./readback 2> readback.err
WHY="w.jsonl: $(cat w.jsonl 2>/dev/null); back.jsonl: $(cat back.jsonl 2>/dev/null)" LOG=readback.err \
  check run/window-end-past-9999-reads-back \
  bash -c "grep -q '\"window_end\":\"+10000-01-01 00:00:00.000\"' w.jsonl && grep -q 'source w: 1 read, 0 malformed' readback.err && grep -qx '{\"window_end\":\"+10000-01-01 00:00:00.000\",\"ms\":253402300800000,\"n\":1}' back.jsonl"

# state that cannot be emitted: every record has the same event time, so the
# watermark never passes a window end and one window collects 200,000 groups
cat > stall.sql <<'S'
CREATE TABLE ev (k BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'stall.jsonl');
CREATE TABLE c WITH ('connector' = 'filesystem', 'path' = 'c.jsonl') AS
SELECT k, COUNT(*) AS n FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY k, window_start, window_end;
S
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{\"k\":%d,\"ts\":\"2024-01-01 00:00:00\"}\n", i }' > stall.jsonl
"$SLUICE" build stall.sql -o stall > /dev/null 2>&1
rc=0; ./stall --max-state-bytes 4m > s1.out 2> s1.err || rc=$?
WHY="exit $rc" LOG=s1.err check run/max-state-bytes-fails-cleanly \
  bash -c "test $rc = 1 && grep -q 'over --max-state-bytes 4194304: stopping (the watermark of source ev is 2023-12-31 23:59:59.000)' s1.err && grep -q 'not emitted' s1.err"
rc=0; ./stall --stall-records 10000 > s2.out 2> s2.err || rc=$?
WHY="exit $rc, $(grep -c 'has not advanced' s2.err) warnings" LOG=s2.err check run/stalled-watermark-warns-once \
  bash -c "test $rc = 0 && test \$(grep -c 'source ev: the watermark has not advanced over the last' s2.err) = 1 && test \$(wc -l < c.jsonl) = 200000 && grep -q 'sluice: state: [1-9][0-9]* bytes' s2.err"
rc=0; ./stall > s3.out 2> s3.err || rc=$?
WHY="exit $rc" LOG=s3.err check run/no-warning-below-the-default-stall-records \
  bash -c "test $rc = 0 && ! grep -q 'has not advanced' s3.err"
# ---- reader: lines across blocks ------------------------------------------------------------
#   reader/*     every line is delivered once and in order, whatever its length and wherever
#                the reader's 256 KB blocks end: from a file (read ahead on a thread) and from
#                a pipe (read in-line); CRLF, a blank line, a line longer than two blocks, a
#                last line without '\n'
cat > ids.sql <<'S'
CREATE TABLE ev (id BIGINT, pad STRING)
WITH ('connector' = 'filesystem', 'path' = 'ids.jsonl', 'format' = 'json');
CREATE TABLE out1 (id BIGINT, n INT) WITH ('connector' = 'filesystem', 'path' = 'ids.out');
INSERT INTO out1 SELECT id, CHAR_LENGTH(pad) FROM ev;
S
awk 'BEGIN {
  N = 60000
  long = "x"; while (length(long) < 700000) long = long long
  long = substr(long, 1, 700000)
  for (i = 1; i <= N; i++) {
    n = (i * 7919) % 41
    if (i == 30000) n = 700000
    pad = substr(long, 1, n)
    line = "{\"id\":" i ",\"pad\":\"" pad "\"}"
    if (i % 7 == 0) line = line "\r"
    if (i == 100) print ""
    if (i < N) print line; else printf "%s", line
    printf "{\"id\":%d,\"n\":%d}\n", i, n > "ids.expected"
  } }' > ids.jsonl
if "$SLUICE" build ids.sql -o ids > ids.build 2>&1; then
  rc=0; ./ids > ids1.log 2>&1 || rc=$?
  WHY="exit $rc, $(cmp ids.out ids.expected 2>&1 | head -c 200)" LOG=ids1.log \
    check reader/file-every-line-once bash -c "test $rc = 0 && cmp -s ids.out ids.expected"
  rc=0; cat ids.jsonl | ./ids --input ev=- > ids2.log 2>&1 || rc=$?
  WHY="exit $rc, $(cmp ids.out ids.expected 2>&1 | head -c 200)" LOG=ids2.log \
    check reader/pipe-every-line-once bash -c "test $rc = 0 && cmp -s ids.out ids.expected"
else
  fail reader/build "sluice build ids.sql failed" ids.build
fi

# ---- dead letters ---------------------------------------------------------------------------
#   dead-letter/file     malformed records (a wrong type, not JSON, a string that is not
#                        UTF-8) and a late one go to 'dead-letter.path' as JSON lines with
#                        the error, the line and the record's bytes (base64 when not UTF-8);
#                        processing goes on and the count is in the statistics
#   dead-letter/is-input a dead-letter file that is the input is refused (exit 2), intact
cat > dl.sql <<'S'
CREATE TABLE ev (ts TIMESTAMP(3), k STRING, v BIGINT, WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'dl_in.jsonl', 'dead-letter.path' = 'dead.jsonl');
CREATE TABLE dl_out (k STRING, window_start TIMESTAMP(3), n BIGINT, s BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'dl_out.jsonl');
INSERT INTO dl_out SELECT k, window_start, COUNT(*), SUM(v)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end;
S
printf '%s\n' '{"ts":"2024-01-01 00:00:01","k":"a","v":1}' '{"ts":"2024-01-01 00:00:02","k":"a","v":"x"}' \
  'not json' '{"ts":"2024-01-01 00:02:00","k":"b","v":2}' '{"ts":"2024-01-01 00:00:30","k":"a","v":5}' \
  $'{"ts":"2024-01-01 00:02:01","k":"\xff","v":2}' '{"ts":"2024-01-01 00:03:00","k":"c","v":3}' > dl_in.jsonl
"$SLUICE" build dl.sql -o dl > dl-build.log 2>&1
rc=0; ./dl > dl.out 2> dl.err || rc=$?
cat > dl-check.mjs <<'J'
import fs from 'node:fs';
const input = fs.readFileSync('dl_in.jsonl').toString('latin1').split('\n');
const lines = fs.readFileSync('dead.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const want = [[2, 'malformed: '], [3, 'malformed: '], [5, 'late: '], [6, 'malformed: ']];
if (lines.length !== want.length) throw new Error(`${lines.length} dead letters, want ${want.length}`);
lines.forEach((d, i) => {
  const [line, prefix] = want[i];
  if (d.source !== 'ev' || d.line !== line || !d.error.startsWith(prefix))
    throw new Error(`dead letter ${i}: ${JSON.stringify(d)}`);
  const bytes = d.record !== undefined ? Buffer.from(d.record, 'utf8') : Buffer.from(d.record_base64, 'base64');
  if (bytes.toString('latin1') !== input[line - 1]) throw new Error(`dead letter ${i}: not the record of line ${line}`);
});
J
WHY="exit $rc, or dead.jsonl wrong: $(node dl-check.mjs 2>&1 | grep Error | head -1)" LOG=dl.err check dead-letter/file \
  bash -c "test $rc = 0 && node dl-check.mjs && test \$(wc -l < dl_out.jsonl) = 3 && grep -q 'source ev: 4 dead letters sent to dead.jsonl' dl.err && grep -q '3 malformed, 1 late' dl.err"
cp dl_in.jsonl dl_in.orig
sed "s/'dead.jsonl'/'dl_in.jsonl'/" dl.sql > dl2.sql
"$SLUICE" build dl2.sql -o dl2 > dl2-build.log 2>&1
rc=0; ./dl2 > dl2.out 2> dl2.err || rc=$?
WHY="exit $rc" LOG=dl2.err check dead-letter/is-input \
  bash -c "test $rc = 2 && cmp -s dl_in.jsonl dl_in.orig && grep -q 'refusing to overwrite it' dl2.err"
# ---- changelog: a retraction repeats the row it retracts ------------------------------------
#   changelog/retracts-what-it-emitted  a GROUP BY into debezium-json and into print: every
#                         "before" of a -U/-D line (debezium) and every -U line (print) is
#                         byte for byte the last +I/+U row of its key, the changelog applied
#                         to an empty table gives the groups computed from the input, and a
#                         run that saves and loads its state after every record (no kept
#                         encodings) writes the same bytes
cat > memo.sql <<'S'
CREATE TABLE ev (k STRING, v DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'memo.jsonl', 'format' = 'json');
CREATE TABLE dbz (k STRING, n BIGINT, a DOUBLE, hi DOUBLE)
WITH ('connector' = 'filesystem', 'path' = 'memo_dbz.jsonl', 'format' = 'debezium-json');
CREATE TABLE shown (k STRING, s DOUBLE, lo DOUBLE) WITH ('connector' = 'print');
INSERT INTO dbz SELECT k, COUNT(*), AVG(v), MAX(v) FROM ev GROUP BY k;
INSERT INTO shown SELECT k, SUM(v), MIN(v) FROM ev GROUP BY k;
S
awk 'BEGIN {
  split("a|b \\\"q\\\"|c\\\\d|\\u00e9t\\u00e9|long key of more than thirty-two bytes .........", keys, "|")
  for (i = 1; i <= 4000; i++) {
    k = keys[(i * 7) % 5 + 1]
    if (i % 13 == 0) v = "null"
    else if (k == "a") v = 2.5            # constant: rows that do not change are not written
    else v = ((i * 7919) % 2001 - 1000) / 7
    printf "{\"k\":\"%s\",\"v\":%s}\n", k, v
  } }' > memo.jsonl
cat > memo-check.mjs <<'J'
import fs from 'node:fs';
const [dbzFile, printFile] = process.argv.slice(2);
const input = fs.readFileSync('memo.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const want = new Map();
for (const { k, v } of input) {
  const g = want.get(k) ?? { n: 0, cnt: 0, sum: 0, hi: null, lo: null };
  g.n++;
  if (v !== null) {
    g.cnt++; g.sum += v;
    g.hi = g.hi === null ? v : Math.max(g.hi, v);
    g.lo = g.lo === null ? v : Math.min(g.lo, v);
  }
  want.set(k, g);
}
const close = (x, y) => (x === null ? y === null : y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
// debezium-json: a "before" is the text of the last "after" of its key
const last = new Map(), table = new Map();
for (const line of fs.readFileSync(dbzFile, 'utf8').trim().split('\n')) {
  const ins = line.match(/^\{"before":null,"after":(.*),"op":"c"\}$/);
  const del = line.match(/^\{"before":(.*),"after":null,"op":"d"\}$/);
  const text = (ins ?? del)?.[1];
  if (text === undefined) throw new Error(`not a debezium line: ${line}`);
  const row = JSON.parse(text);
  if (del && last.get(row.k) !== text) throw new Error(`-U/-D ${text} is not the last row of ${row.k}: ${last.get(row.k)}`);
  if (ins) { last.set(row.k, text); table.set(row.k, row); } else { last.delete(row.k); table.delete(row.k); }
}
if (table.size !== want.size) throw new Error(`${table.size} groups, want ${want.size}`);
for (const [k, g] of want) {
  const r = table.get(k);
  if (!r || r.n !== g.n || !close(g.cnt ? g.sum / g.cnt : null, r.a) || !close(g.hi, r.hi))
    throw new Error(`group ${k}: ${JSON.stringify(r)}, want ${JSON.stringify(g)}`);
}
// print: a -U line is the text of the last +I/+U line of its key
const shown = new Map();
let updates = 0;
for (const line of fs.readFileSync(printFile, 'utf8').trim().split('\n')) {
  const kind = line.slice(0, 3), text = line.slice(3), row = JSON.parse(text);
  if (kind === '-U ') {
    updates++;
    if (shown.get(row.k) !== text) throw new Error(`-U ${text} is not the last row of ${row.k}: ${shown.get(row.k)}`);
  } else if (kind === '+I ' || kind === '+U ') shown.set(row.k, text);
  else throw new Error(`unexpected line: ${line}`);
}
for (const [k, g] of want) {
  const r = JSON.parse(shown.get(k));
  if (!close(g.cnt ? g.sum : null, r.s) || !close(g.lo, r.lo)) throw new Error(`printed group ${k}: ${JSON.stringify(r)}`);
}
if (updates < 1000) throw new Error(`only ${updates} updates printed`);
J
if "$SLUICE" build memo.sql -o memo > memo.build 2>&1; then
  rc=0; ./memo > memo.out 2> memo.err || rc=$?
  cp memo_dbz.jsonl memo_dbz1.jsonl
  rc2=0; SLUICE_TEST_SNAPSHOT_EVERY=1 ./memo > memo2.out 2> memo2.err || rc2=$?
  WHY="exit $rc/$rc2: $(node memo-check.mjs memo_dbz1.jsonl memo.out 2>&1 | grep Error | head -1)" LOG=memo.err \
    check changelog/retracts-what-it-emitted bash -c "test $rc = 0 && test $rc2 = 0 && node memo-check.mjs memo_dbz1.jsonl memo.out && cmp -s memo_dbz1.jsonl memo_dbz.jsonl && cmp -s memo.out memo2.out"
else
  fail changelog/build "sluice build memo.sql failed" memo.build
fi
# ---- decoding ahead on the reader thread ------------------------------------------------------
#   decode/ahead-is-inline  a 3 MB file (a dozen blocks) with escaped strings, CRLF and blank
#                         lines, a byte order mark, malformed and late records, read by a
#                         projection and a window aggregation with a dead-letter file: the
#                         outputs, the dead-letter file and the counts are byte for byte the
#                         same whether every record is decoded on the reader thread
#                         (SLUICE_TEST_DECODE=ahead), on the main thread (=inline) or as the
#                         timing falls (unset), and the malformed and late counts and the
#                         projection's rows are those of the input
cat > ahead.sql <<'S'
CREATE TABLE ev (ts TIMESTAMP(3), k STRING, v BIGINT, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'ahead.jsonl', 'format' = 'json',
      'dead-letter.path' = 'ahead_dead.jsonl');
CREATE TABLE raw (ts TIMESTAMP(3), k STRING, v BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'ahead_raw.jsonl', 'format' = 'json');
CREATE TABLE agg (k STRING, window_start TIMESTAMP(3), n BIGINT, s BIGINT, hi STRING)
WITH ('connector' = 'filesystem', 'path' = 'ahead_agg.jsonl', 'format' = 'json');
INSERT INTO raw SELECT ts, k, v FROM ev WHERE v % 3 = 0;
INSERT INTO agg SELECT k, window_start, COUNT(*), SUM(v), MAX(k)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY k, window_start, window_end;
S
awk 'BEGIN {
  split("plain|q\\\"uote|back\\\\slash|\\u00e9t\\u00e9|a longer key, past eight bytes, with a \\n newline", keys, "|")
  printf "\xEF\xBB\xBF"
  bad = 0; rows = 0; late = 0
  for (i = 1; i <= 36000; i++) {
    ms = i * 100
    ts = sprintf("2001-01-01 %02d:%02d:%02d.%03d", int(ms / 3600000), int(ms / 60000) % 60, int(ms / 1000) % 60, ms % 1000)
    if (i % 211 == 0) ts = sprintf("2000-12-31 23:00:%02d.%03d", i % 60, i % 1000) # late from the start
    k = keys[i % 5 + 1]
    if (i % 97 == 0) { printf "{\"ts\":\"%s\",\"k\":\"%s\",\"v\":\"seven\"}\n", ts, k; bad++; continue }
    if (i % 101 == 0) { printf "not json %d\n", i; bad++; continue }
    if (i % 89 == 0) printf "   \n"
    printf "{\"ts\":\"%s\",\"k\":\"%s\",\"v\":%d}%s\n", ts, k, i, i % 83 == 0 ? "\r" : ""
    if (i % 3 == 0) rows++
    if (i % 211 == 0) late++
  }
  printf "%d %d %d\n", bad, late, rows > "ahead.want"
}' > ahead.jsonl
read -r want_bad want_late want_rows < ahead.want
ahead_ok=true ahead_why=
if "$SLUICE" build ahead.sql -o ahead > ahead.build 2>&1; then
  for mode in inline ahead default; do
    rm -f ahead_dead.jsonl
    rc=0
    if [ $mode = default ]; then ./ahead 2> ahead_$mode.err || rc=$?
    else SLUICE_TEST_DECODE=$mode ./ahead 2> ahead_$mode.err || rc=$?; fi
    for f in raw agg dead; do mv ahead_$f.jsonl ahead_$f.$mode; done
    [ $rc = 0 ] || { ahead_ok=false; ahead_why+="$mode: exit $rc; "; }
  done
  for mode in ahead default; do
    for f in raw agg dead; do
      cmp -s ahead_$f.inline ahead_$f.$mode || { ahead_ok=false; ahead_why+="$mode: $f differs; "; }
    done
    for f in inline $mode; do # the reports of malformed records, with their lines, and the counts
      grep -v '^sluice: state:' ahead_$f.err > ahead_$f.report
    done
    cmp -s ahead_inline.report ahead_$mode.report || { ahead_ok=false; ahead_why+="$mode: messages differ; "; }
  done
  grep -q "^sluice: source ev: .* $want_bad malformed, $want_late late" ahead_inline.err ||
    { ahead_ok=false; ahead_why+="$(grep '^sluice: source ev: [0-9]' ahead_inline.err), want $want_bad malformed, $want_late late; "; }
  got_rows=$(wc -l < ahead_raw.inline)
  [ "$got_rows" = "$want_rows" ] || { ahead_ok=false; ahead_why+="$got_rows projected rows, want $want_rows; "; }
  grep -q 'q\\"uote' ahead_raw.ahead && grep -q 'back\\\\slash' ahead_raw.ahead && grep -q '"été"' ahead_raw.ahead ||
    { ahead_ok=false; ahead_why+="escaped strings missing from the output; "; }
  WHY="$ahead_why" LOG=ahead_ahead.err check decode/ahead-is-inline $ahead_ok
else
  fail decode/build "sluice build ahead.sql failed" ahead.build
fi
# ---- shared types ----------------------------------------------------------------------------
#   codegen/shared-types  aggregations of one shape compile one set of types, group tables and
#                         window pools (the first's): tests/sql/cases/shared_types has four
#                         window aggregations, three of one shape, and two GROUP BYs of one
#                         shape, so two window pools and three group tables are instantiated
"$SLUICE" emit-c "$ROOT/tests/sql/cases/shared_types/query.sql" -o shared.c 2> shared.err
npools=$(grep -c '^SL_WINPOOL_DEFINE' shared.c) ntabs=$(grep -c '^SL_GTAB_DEFINE' shared.c)
WHY="$npools window pools and $ntabs group tables instantiated, expected 2 and 3" LOG=shared.err \
  check codegen/shared-types bash -c "test $npools = 2 && test $ntabs = 3"
#   codegen/shared-types-hop-session  the same for HOP over panes and SESSION: two HOP and two
#                         SESSION aggregations of one shape each, so two group tables
"$SLUICE" emit-c "$ROOT/tests/sql/cases/shared_types_hop_session/query.sql" -o shared2.c 2> shared2.err
ntabs=$(grep -c '^SL_GTAB_DEFINE' shared2.c)
WHY="$ntabs group tables instantiated, expected 2" LOG=shared2.err \
  check codegen/shared-types-hop-session bash -c "test $ntabs = 2"
# ---- SET 'state.checkpoints.dir' ---------------------------------------------------------------
#   checkpoints/set-dir   a file's SET 'state.checkpoints.dir' = 'file://DIR' is the run's
#                         --state-dir: the first run writes a checkpoint there, the second
#                         continues from it; --state-dir on the command line wins
sed "1i SET 'state.checkpoints.dir' = 'file://$W/setck';" q.sql > qset.sql
"$SLUICE" build qset.sql -o qset 2> qset.err
rm -rf setck cmdck
./qset --input flights=flights.jsonl --output hourly=s1.jsonl 2> s1.err; rc1=$?
./qset --input flights=flights.jsonl --output hourly=s1.jsonl 2> s2.err; rc2=$?
./qset --input flights=flights.jsonl --output hourly=s3.jsonl --state-dir cmdck 2> s3.err; rc3=$?
WHY="exits $rc1 $rc2 $rc3; $(ls setck 2>&1 | tr '\n' ' ')" LOG=s2.err check checkpoints/set-dir \
  bash -c "test $rc1$rc2$rc3 = 000 && ls setck | grep -q '^checkpoint-0*1\$' &&
    grep -q '^sluice: continuing from checkpoint 1 in $W/setck ' s2.err && ls cmdck | grep -q '^checkpoint-' &&
    ! grep -q continuing s3.err"
# ---- build --static --------------------------------------------------------------------------
#   static/needs-only-libc-libm-sasl2  `sluice build --static`: the binary's NEEDED
#                        libraries are libsasl2, libm, libc (and the loader)
#   static/runs-without-librdkafka     it runs with the shared librdkafka hidden (a mount
#                        namespace binds /dev/null over it; the dynamic build then fails
#                        to start) and writes what the dynamic build writes
rc=0; "$SLUICE" build --static q.sql -o qstatic > static.log 2>&1 || rc=$?
needed=$(readelf -d qstatic 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
WHY="exit $rc; NEEDED: $needed" LOG=static.log check static/needs-only-libc-libm-sasl2 \
  test "$rc:$needed" = "0:ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libsasl2.so.2 "
./q --output hourly=dyn.jsonl > /dev/null 2>&1
rdk=$(ldd ./q | sed -n 's/.*librdkafka.so[^ ]* => \([^ ]*\).*/\1/p')
rm -f static.jsonl
unshare -m sh -c "mount --bind /dev/null '$rdk' && ./qstatic --output hourly=static.jsonl && { ./q --help; test \$? = 127; }" > static-run.out 2> static-run.err
rc=$?
WHY="exit $rc (librdkafka at '$rdk')" LOG=static-run.err check static/runs-without-librdkafka \
  bash -c "test $rc = 0 && test -s static.jsonl && cmp -s static.jsonl dyn.jsonl && grep -q 'librdkafka.so.1: file too short' static-run.err"
# ---- --metrics-port ---------------------------------------------------------------------------
#   metrics/serves       while a run waits for input, GET /metrics answers in the Prometheus
#                        text format with the records read so far and the rows written, and
#                        GET /health answers 200 ok; another path is 404
#   metrics/port-in-use  a second run on the same port fails with exit 1 and says so
http_get() { # PORT PATH: the whole HTTP response
  exec 3<> "/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
  cat <&3
  exec 3<&-
}
port=$((20000 + RANDOM % 20000))
( cat flights.jsonl; sleep 3 ) | ./q --input flights=- --output hourly=m.jsonl --metrics-port "$port" 2> m.err &
mpid=$!
for _ in $(seq 50); do http_get "$port" /health > health.txt 2>/dev/null && break; sleep 0.1; done
sleep 0.5
http_get "$port" /metrics > metrics.txt 2>/dev/null
http_get "$port" /health > health.txt 2>/dev/null
http_get "$port" /nothing > nothing.txt 2>/dev/null
rc=0; ./q --input flights=flights.jsonl --output hourly=m2.jsonl --metrics-port "$port" > m2.out 2> m2.err || rc=$?
wait "$mpid"; rc1=$?
WHY="exit $rc1; /metrics said: $(grep -E 'records_total|^HTTP' metrics.txt | tr '\n' ' ')" LOG=m.err check metrics/serves \
  bash -c "test $rc1 = 0 && grep -q '^HTTP/1.1 200' metrics.txt && grep -q 'Content-Type: text/plain; version=0.0.4' metrics.txt &&
    grep -q '^sluice_source_records_total{source=\"flights\"} 4\$' metrics.txt &&
    grep -q '^# TYPE sluice_source_records_total counter\$' metrics.txt &&
    grep -q '^sluice_sink_records_total{sink=\"hourly\"} [0-9]' metrics.txt &&
    grep -q '^sluice_operator_state_bytes{operator=\"op[0-9]* WindowAggregate(TUMBLE) from INSERT INTO hourly\"} [1-9][0-9]*\$' metrics.txt &&
    grep -q '^HTTP/1.1 200' health.txt && tail -1 health.txt | grep -q '^ok\$' && grep -q '^HTTP/1.1 404' nothing.txt"
WHY="exit $rc" LOG=m2.err check metrics/port-in-use \
  bash -c "test $rc = 1 && grep -q 'cannot listen on 127.0.0.1:$port' m2.err"
# ---- progress on a terminal -----------------------------------------------------------------
#   progress/terminal    with stderr on a terminal (script(1) provides one) a slow run shows a
#                        progress line (records, rate, watermark, state) overwritten in place,
#                        cleared before the statistics
#   progress/not-a-file  with stderr in a file there is none
# A script file, not an exported function: script(1) runs its command with $SHELL, and a
# /bin/sh shell (as CI has) drops bash's exported functions from the environment.
printf '%s\n' '#!/bin/bash' \
  'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do cat flights.jsonl; sleep 0.2; done' > feed.sh
chmod +x feed.sh
feed() { ./feed.sh; }
SHELL=/bin/sh script -qec "./feed.sh | env -u CI ./q --input flights=- --output hourly=p.jsonl" /dev/null > tty.txt 2>&1
rc=$?
WHY="exit $rc: $(cat -v tty.txt | head -3)" check progress/terminal \
  bash -c "test $rc = 0 && grep -q \$'\r\033\\[Ksluice: [0-9]* records, [0-9]*/s, watermark ' tty.txt && grep -q \$'\r\033\\[Ksluice: source flights: 48 read' tty.txt"
feed | env -u CI ./q --input flights=- --output hourly=p.jsonl 2> notty.err
WHY="a progress line went to a file" LOG=notty.err check progress/not-a-file \
  bash -c "! grep -q 'records, .*/s, watermark' notty.err && grep -q 'source flights: 48 read' notty.err"
exit 0

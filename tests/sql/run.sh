#!/bin/bash
# tests/sql/run.sh - suite "sql": end-to-end cases of the compiler and the
# programs it builds. Prints one "PASS: sql/..." or "FAIL: sql/...: reason"
# line per check (details indented below a FAIL); work files are kept in
# build/tests/sql/.
#
# OK cases: tests/sql/cases/NAME/
#   query.sql              the program
#   <source>.jsonl         input of source <source> (--input <source>=FILE)
#   expected/<sink>.jsonl  expected output of sink <sink> (--output <sink>=TMP);
#                          exact ordered text, or sorted lines when the case
#                          has a file `unordered`
#   expected.stdout        optional: exact expected stdout
#   stdout.contains        optional: substrings (one per line) stdout must contain
#   expected.stderr        optional: substrings (one per line) stderr must contain
#   args                   optional: extra arguments of the binary (shell words)
#   stdin                  optional: fed to the binary's stdin (else /dev/null)
#   exit_code              optional: expected exit status (default 0)
#   known_bug              optional: first line says why this case is expected
#                          to FAIL today (a bug outside the tests' files); the
#                          case still runs and still reports FAIL while the bug
#                          is there, with this reason appended
# The binary runs in the case directory. Each OK case gives these lines:
#   sql/NAME         build with bin/sluice, run, compare
#   sql/NAME/snapshot the same binary with SLUICE_TEST_SNAPSHOT_EVERY=1: the
#                    program's state is saved, destroyed and loaded after
#                    every record (every operator's save/load round trip)
#   sql/NAME/cflags  `sluice emit-c` output compiles under
#                    cc -fsyntax-only -Wall -Wextra -Werror
#   sql/NAME/asan    (with a snapshot round trip every 3 records) build with build/asan/bin/sluice (itself under ASan+UBSan)
#                    and CFLAGS="-O1 -g -fsanitize=address,undefined
#                    -fno-sanitize-recover=undefined" against
#                    build/asan/lib/libsluice_rt.a, run, same comparisons, and
#                    no sanitizer report
#   sql/NAME/wide    the same (and -Wall -Wextra -Werror) with
#                    SLUICE_WIDE_COLUMNS=1: every source, output
#                    and aggregation through the table-driven code sluice uses
#                    for queries with many columns (templates/sl_wide.h,
#                    sl_decode_object), which must give the same results
#
# Error cases: tests/sql/errors/NAME.sql with a comment line
#   -- expect: NAME.sql:LINE:COL: error: message
# (or the file NAME.expect holding that line, for inputs that cannot hold a
# comment, e.g. an empty file). Run in tests/sql/errors as `sluice check
# NAME.sql`: exit 1, stderr line 1 is exactly the expected line, line 2 is
# the source line (" LINE | text") and line 3 the caret under COL; `sluice
# build` exits 1 and leaves no output file; build/asan/bin/sluice check
# agrees and reports no sanitizer error. One line: sql/errors/NAME.
#
# With data/flights-100k.jsonl present (make data), one more line:
# sql/flights_100k/asan, examples/flights/delays.sql over it under ASan+UBSan.
#
# Environment: SQL_ONLY (run only the cases whose name contains it),
# SQL_ASAN=0 (skip the ASan variants), JOBS (parallel cases, default nproc),
# SLUICE, ASAN_SLUICE, CC.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export ROOT
export SLUICE=${SLUICE:-$ROOT/bin/sluice}
export ASAN_SLUICE=${ASAN_SLUICE:-$ROOT/build/asan/bin/sluice}
export ASAN_RT=$ROOT/build/asan/lib/libsluice_rt.a
export OUT=$ROOT/build/tests/sql
export SQL_ASAN=${SQL_ASAN:-1}
export CC=${CC:-cc}
export ASAN_CFLAGS="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
SQL_ONLY=${SQL_ONLY:-}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
mkdir -p "$OUT"
# One run at a time per checkout (work files live at fixed paths; other
# engineers may run the suites concurrently): wait for the lock.
if command -v flock > /dev/null; then
  exec 9> "$OUT/.lock"
  flock 9
fi

if [ ! -x "$SLUICE" ]; then
  echo "FAIL: sql/setup: $SLUICE missing (run make)"
  exit 0
fi
if [ "$SQL_ASAN" = 1 ] && [ "$ASAN_SLUICE" = "$ROOT/build/asan/bin/sluice" ]; then
  # make check builds them (sanitize-build); bring them up to date here too
  # so the suite also works on its own (the templates are embedded in sluice).
  make -s SAN=1 build/asan/bin/sluice build/asan/lib/libsluice_rt.a > "$OUT/asan-make.log" 2>&1 ||
    { echo "FAIL: sql/setup: make SAN=1 build/asan/bin/sluice failed"; sed 's/^/    /' "$OUT/asan-make.log" | head -20; }
fi

# ---- helpers (exported for the parallel workers) ---------------------------------

# Prints the first lines of a file, indented, under a FAIL line.
detail() { head -n "${2:-10}" "$1" 2>/dev/null | sed 's/^/    /' || true; }
# A sanitizer report in a stderr file?
sanitizer_report() { grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Undefined|Leak)' "$1"; }

# run_prog CASE_DIR WORK PROG TAG: runs PROG as the case says and compares.
# Prints "" on success, else the reason (and details on following lines).
run_prog() {
  local dir=$1 work=$2 prog=$3 tag=$4
  local out=$work/out$tag
  rm -rf "$out"; mkdir -p "$out"
  local -a args=()
  local f name
  for f in "$dir"/*.jsonl; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .jsonl)
    args+=(--input "$name=$f")
  done
  for f in "$dir"/expected/*.jsonl; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .jsonl)
    args+=(--output "$name=$out/$name.jsonl")
  done
  if [ -f "$dir/args" ]; then
    local -a extra
    eval "extra=($(cat "$dir/args"))"
    args+=("${extra[@]}")
  fi
  local in=/dev/null
  [ -f "$dir/stdin" ] && in=$dir/stdin
  local rc=0
  (cd "$dir" && timeout 60 "$prog" "${args[@]}") < "$in" > "$out/stdout" 2> "$out/stderr" || rc=$?
  local want_rc=0
  [ -f "$dir/exit_code" ] && want_rc=$(tr -d ' \n' < "$dir/exit_code")
  if [ -n "$tag" ] && sanitizer_report "$out/stderr"; then
    echo "sanitizer report"; grep -E -A12 'ERROR: |runtime error:' "$out/stderr" | head -20 | sed 's/^/    /'
    return
  fi
  if [ "$rc" != "$want_rc" ]; then
    echo "exit status $rc, expected $want_rc"; detail "$out/stderr"; return
  fi
  for f in "$dir"/expected/*.jsonl; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .jsonl)
    if [ ! -f "$out/$name.jsonl" ]; then echo "sink $name: no output file"; return; fi
    if [ -f "$dir/unordered" ]; then
      if ! diff <(LC_ALL=C sort "$f") <(LC_ALL=C sort "$out/$name.jsonl") > "$out/$name.diff"; then
        echo "sink $name: output differs (as sorted lines; < expected, > actual)"; detail "$out/$name.diff" 16; return
      fi
    elif ! diff "$f" "$out/$name.jsonl" > "$out/$name.diff"; then
      echo "sink $name: output differs (< expected, > actual)"; detail "$out/$name.diff" 16; return
    fi
  done
  if [ -f "$dir/expected.stdout" ] && ! diff "$dir/expected.stdout" "$out/stdout" > "$out/stdout.diff"; then
    echo "stdout differs (< expected, > actual)"; detail "$out/stdout.diff" 16; return
  fi
  local s
  if [ -f "$dir/stdout.contains" ]; then
    while IFS= read -r s || [ -n "$s" ]; do
      [ -z "$s" ] && continue
      if ! grep -qF -- "$s" "$out/stdout"; then echo "stdout lacks '$s'"; detail "$out/stdout"; return; fi
    done < "$dir/stdout.contains"
  fi
  if [ -f "$dir/expected.stderr" ]; then
    while IFS= read -r s || [ -n "$s" ]; do
      [ -z "$s" ] && continue
      if ! grep -qF -- "$s" "$out/stderr"; then echo "stderr lacks '$s'"; detail "$out/stderr"; return; fi
    done < "$dir/expected.stderr"
  fi
}

# One OK case: prints its three result lines.
ok_case() {
  local name=$1 dir=$ROOT/tests/sql/cases/$1 work=$OUT/cases/$1
  rm -rf "$work"; mkdir -p "$work"
  local bug=""
  [ -f "$dir/known_bug" ] && bug=" [known bug: $(head -n 1 "$dir/known_bug")]"
  local why rc=0
  # 1. build and run
  (cd "$dir" && timeout 120 "$SLUICE" build query.sql -o "$work/prog") > "$work/build.out" 2> "$work/build.err" || rc=$?
  if ((rc != 0)) || [ ! -x "$work/prog" ]; then
    echo "FAIL: sql/$name: sluice build exited with $rc$bug"; detail "$work/build.err"
  else
    why=$(run_prog "$dir" "$work" "$work/prog" "")
    if [ -z "$why" ]; then echo "PASS: sql/$name"
    else echo "FAIL: sql/$name: ${why%%$'\n'*}$bug"; [[ $why == *$'\n'* ]] && echo "${why#*$'\n'}"; fi
    # 1b. every operator's state saved, destroyed and loaded after every
    # record: the same output proves each save/load round trip
    why=$(SLUICE_TEST_SNAPSHOT_EVERY=1 run_prog "$dir" "$work" "$work/prog" "-snap")
    if [ -z "$why" ]; then echo "PASS: sql/$name/snapshot"
    else echo "FAIL: sql/$name/snapshot: ${why%%$'\n'*}$bug"; [[ $why == *$'\n'* ]] && echo "${why#*$'\n'}"; fi
  fi
  # 2. generated C is warning-free
  rc=0
  (cd "$dir" && timeout 60 "$SLUICE" emit-c query.sql -o "$work/prog.c") 2> "$work/emit.err" || rc=$?
  if ((rc != 0)); then
    echo "FAIL: sql/$name/cflags: sluice emit-c exited with $rc$bug"; detail "$work/emit.err"
  elif ! $CC -std=c11 -fsyntax-only -Wall -Wextra -Werror -I"$ROOT/runtime/include" -I"$ROOT/templates" \
        "$work/prog.c" > "$work/cflags.err" 2>&1; then
    echo "FAIL: sql/$name/cflags: generated C does not compile cleanly under -Wall -Wextra -Werror$bug"
    detail "$work/cflags.err"
  else
    echo "PASS: sql/$name/cflags"
  fi
  [ "$SQL_ASAN" = 1 ] || return 0
  # 3. ASan + UBSan, the compiler itself included
  # (with a snapshot round trip every 3 records: save/load under ASan)
  SLUICE_TEST_SNAPSHOT_EVERY=3 sanitized_case "$name" "$dir" "$work" asan "$bug" "$ASAN_SLUICE" \
    "$ASAN_CFLAGS"
  # 4. the table-driven code of wide queries, under ASan+UBSan and -Werror
  SLUICE_WIDE_COLUMNS=1 sanitized_case "$name" "$dir" "$work" wide "$bug" "$SLUICE" \
    "$ASAN_CFLAGS -Wall -Wextra -Werror"
}

# sanitized_case NAME DIR WORK TAG BUG COMPILER CFLAGS: builds the case with
# COMPILER and CFLAGS against the ASan runtime, runs it, compares; prints
# its sql/NAME/TAG line.
sanitized_case() {
  local name=$1 dir=$2 work=$3 tag=$4 bug=$5 compiler=$6 cflags=$7 rc=0 why
  (cd "$dir" && CFLAGS="$cflags" SLUICE_RUNTIME="$ASAN_RT" timeout 180 "$compiler" build query.sql \
     -o "$work/prog-$tag") > "$work/build-$tag.out" 2> "$work/build-$tag.err" || rc=$?
  if ((rc != 0)) || [ ! -x "$work/prog-$tag" ]; then
    echo "FAIL: sql/$name/$tag: sluice build exited with $rc$bug"; detail "$work/build-$tag.err"
  elif sanitizer_report "$work/build-$tag.err"; then
    echo "FAIL: sql/$name/$tag: sanitizer report from sluice build"; detail "$work/build-$tag.err" 20
  else
    why=$(run_prog "$dir" "$work" "$work/prog-$tag" "-$tag")
    if [ -z "$why" ]; then echo "PASS: sql/$name/$tag"
    else echo "FAIL: sql/$name/$tag: ${why%%$'\n'*}$bug"; [[ $why == *$'\n'* ]] && echo "${why#*$'\n'}"; fi
  fi
}

# The three lines sluice should print for an error case, from the expect
# line and the source (perl: byte-exact, like diag.c's excerpt).
expected_diag() { # FILE.sql EXPECT-LINE
  perl -e '
    my ($file, $expect) = @ARGV;
    print "$expect\n";
    exit 0 unless $expect =~ /^[^:]*:(\d+):(\d+): /;
    my ($ln, $col) = ($1, $2);
    open(my $fh, "<:raw", $file) or die;
    local $/; my $src = <$fh>; close $fh;
    my @lines = split(/\n/, $src, -1);
    exit 0 if $ln > @lines;
    my $l = $lines[$ln - 1]; $l =~ s/\r$//;
    my $w = length("$ln") < 4 ? 4 : length("$ln");
    (my $shown = $l) =~ s/([\x00-\x08\x0a-\x1f\x7f])/?/g;
    printf(" %*s | %s\n", $w, $ln, $shown);
    my $pad = "";
    my @b = split(//, $l);
    for (my $i = 0; $i < $col - 1; $i++) {
      if ($i >= @b) { $pad .= " "; next; }
      my $c = ord($b[$i]);
      if ($c == 9) { $pad .= "\t"; } elsif (($c & 0xC0) != 0x80) { $pad .= " "; }
    }
    printf(" %*s | %s^\n", $w, "", $pad);
  ' "$1" "$2"
}

error_case() {
  local name=$1 edir=$ROOT/tests/sql/errors work=$OUT/errors/$1
  rm -rf "$work"; mkdir -p "$work"
  local expect
  expect=$(grep -a -m1 '^-- expect: ' "$edir/$name.sql" | sed 's/^-- expect: //' | tr -d '\r')
  if [ -z "$expect" ] && [ -f "$edir/$name.expect" ]; then expect=$(head -n 1 "$edir/$name.expect"); fi
  if [ -z "$expect" ]; then echo "FAIL: sql/errors/$name: no '-- expect: ' line"; return; fi
  expected_diag "$edir/$name.sql" "$expect" > "$work/want.txt"
  local n; n=$(wc -l < "$work/want.txt")
  local rc=0
  (cd "$edir" && timeout 30 "$SLUICE" check "$name.sql") > "$work/check.out" 2> "$work/check.err" || rc=$?
  if ((rc != 1)); then echo "FAIL: sql/errors/$name: sluice check exited with $rc, expected 1"; detail "$work/check.err"; return; fi
  head -n "$n" "$work/check.err" > "$work/got.txt"
  if ! cmp -s "$work/want.txt" "$work/got.txt"; then
    echo "FAIL: sql/errors/$name: diagnostic differs (- expected, + actual)"
    diff -u "$work/want.txt" "$work/got.txt" | tail -n +3 | sed 's/^/    /' | head -12; return
  fi
  rc=0
  (cd "$edir" && timeout 30 "$SLUICE" build "$name.sql" -o "$work/prog") > "$work/build.out" 2> "$work/build.err" || rc=$?
  if ((rc != 1)); then echo "FAIL: sql/errors/$name: sluice build exited with $rc, expected 1"; return; fi
  if [ -e "$work/prog" ]; then echo "FAIL: sql/errors/$name: sluice build left an output file"; return; fi
  if [ "$SQL_ASAN" = 1 ]; then
    rc=0
    (cd "$edir" && timeout 60 "$ASAN_SLUICE" check "$name.sql") > "$work/asan.out" 2> "$work/asan.err" || rc=$?
    if sanitizer_report "$work/asan.err"; then
      echo "FAIL: sql/errors/$name: sanitizer report from build/asan/bin/sluice check"; detail "$work/asan.err" 20; return
    fi
    head -n "$n" "$work/asan.err" > "$work/got-asan.txt"
    if ((rc != 1)) || ! cmp -s "$work/want.txt" "$work/got-asan.txt"; then
      echo "FAIL: sql/errors/$name: build/asan/bin/sluice check disagrees (exit $rc)"; detail "$work/asan.err"; return
    fi
  fi
  echo "PASS: sql/errors/$name"
}

# The real data, when `make data` has run: examples/flights/delays.sql over
# data/flights-100k.jsonl built with ASan+UBSan must run clean (no sanitizer
# report, no leak) and write exactly what the normal build writes.
flights_case() {
  local work=$OUT/flights_100k data=$ROOT/data/flights-100k.jsonl q=$ROOT/examples/flights/delays.sql
  rm -rf "$work"; mkdir -p "$work"
  local rc=0
  "$SLUICE" build "$q" -o "$work/prog" > "$work/build.log" 2>&1 || rc=$?
  CFLAGS="$ASAN_CFLAGS" SLUICE_RUNTIME="$ASAN_RT" "$ASAN_SLUICE" build "$q" -o "$work/prog-asan" \
    >> "$work/build.log" 2>&1 || rc=$?
  if ((rc != 0)); then echo "FAIL: sql/flights_100k/asan: build failed"; detail "$work/build.log"; return; fi
  "$work/prog" --input flights="$data" --output hourly_delays="$work/out.jsonl" 2> "$work/run.err" || rc=$?
  timeout 300 "$work/prog-asan" --input flights="$data" --output hourly_delays="$work/out-asan.jsonl" \
    2> "$work/run-asan.err" || rc=$?
  if sanitizer_report "$work/run-asan.err"; then
    echo "FAIL: sql/flights_100k/asan: sanitizer report"; detail "$work/run-asan.err" 20; return
  fi
  if ((rc != 0)); then echo "FAIL: sql/flights_100k/asan: exit status $rc"; detail "$work/run-asan.err"; return; fi
  if ! grep -q 'source flights: 100000 read, 0 malformed, 0 late' "$work/run-asan.err"; then
    echo "FAIL: sql/flights_100k/asan: unexpected statistics"; detail "$work/run-asan.err"; return
  fi
  if ! cmp -s "$work/out.jsonl" "$work/out-asan.jsonl" || [ ! -s "$work/out.jsonl" ]; then
    echo "FAIL: sql/flights_100k/asan: the ASan build's output differs from the normal build's"; return
  fi
  echo "PASS: sql/flights_100k/asan"
}

export -f detail sanitizer_report run_prog ok_case sanitized_case expected_diag error_case flights_case

# ---- run --------------------------------------------------------------------------

jobs_list=$OUT/jobs.txt
: > "$jobs_list"
for d in tests/sql/cases/*/; do
  [ -f "$d/query.sql" ] || continue
  n=$(basename "$d")
  [ -z "$SQL_ONLY" ] || [[ $n == *"$SQL_ONLY"* ]] || continue
  echo "ok $n" >> "$jobs_list"
done
for f in tests/sql/errors/*.sql; do
  [ -e "$f" ] || continue
  n=$(basename "$f" .sql)
  [ -z "$SQL_ONLY" ] || [[ $n == *"$SQL_ONLY"* ]] || continue
  echo "error $n" >> "$jobs_list"
done

if [ "$SQL_ASAN" = 1 ] && [ -f data/flights-100k.jsonl ] && [ -z "$SQL_ONLY" ]; then
  echo "flights 100k" >> "$jobs_list"
fi

# Workers write one result file per job; print them in job order.
rm -rf "$OUT/results"; mkdir -p "$OUT/results"
i=0
while read -r kind n; do
  printf '%s %s %05d\n' "$kind" "$n" "$i"; i=$((i + 1))
done < "$jobs_list" |
  xargs -P "$JOBS" -L 1 bash -c 'case "$0" in ok) ok_case "$1" ;; error) error_case "$1" ;; *) flights_case ;; esac > "$OUT/results/$2" 2>&1'
for r in "$OUT"/results/*; do
  [ -e "$r" ] && cat "$r"
done
exit 0

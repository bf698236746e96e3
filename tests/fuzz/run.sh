#!/bin/bash
# tests/fuzz/run.sh - suite "fuzz": builds every libFuzzer target (mk/fuzz.mk:
# clang -fsanitize=fuzzer,address,undefined) and runs each for a bounded
# time, seeded from its committed corpus. Prints "PASS: fuzz/TARGET" or
# "FAIL: fuzz/TARGET: reason" with the crash file and the first lines of
# the sanitizer report.
#
#   target        corpus                      what it feeds
#   fuzz_parse    tests/fuzz/corpus_parse     tokenizer + parser
#   fuzz_json     tests/fuzz/corpus_json      runtime JSON/timestamp primitives
#   fuzz_decode   tests/fuzz/corpus_decode    a generated program (fuzz_decode.sql)
#   fuzz_decode_wide  tests/fuzz/corpus_decode the same program's table-driven form
#                                              (SLUICE_WIDE_COLUMNS=1)
#   fuzz_compile  tests/sql, examples (*)      parse -> bind -> optimize -> codegen
#   fuzz_inject   tests/fuzz/corpus_inject     programs with hostile names and literals,
#                                              compiled with cc -Werror and run
# (*) the SQL targets are also seeded with every .sql program under tests/sql
#     and examples/, copied into the work directory at run time.
#
# Environment: FUZZ_SECONDS (per target, default 30), FUZZ_ONLY (targets whose
# name contains it), FUZZ_JOBS (targets run at once, default nproc), and
# FUZZ_SEED (libFuzzer -seed, to replay a run; printed on every run).
# New inputs found go to build/fuzz/work/TARGET/corpus (not committed);
# crashes to build/fuzz/work/TARGET/crash-*. Replay one with
#   build/fuzz/TARGET build/fuzz/work/TARGET/crash-...
set -uo pipefail
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_ONLY=${FUZZ_ONLY:-}
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
FUZZ_SEED=${FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
WORK=build/fuzz/work
mkdir -p "$WORK"
# one run at a time per checkout (fixed work paths)
if command -v flock > /dev/null; then
  exec 9> "$WORK/.lock"
  flock 9
fi
export FUZZ_SECONDS FUZZ_SEED WORK

targets=()
for t in parse json decode decode_wide compile inject; do
  [ -z "$FUZZ_ONLY" ] || [[ fuzz_$t == *"$FUZZ_ONLY"* ]] || continue
  src=tests/fuzz/fuzz_${t%_wide}.c
  [ -f "$src" ] || { echo "FAIL: fuzz/fuzz_$t: $src missing"; continue; }
  targets+=("fuzz_$t")
done
echo "fuzz: ${#targets[@]} targets, ${FUZZ_SECONDS} s each, seed $FUZZ_SEED"

if ! command -v clang > /dev/null; then
  for t in "${targets[@]}"; do echo "FAIL: fuzz/$t: clang not found (make deps)"; done
  exit 0
fi
if ! make -s bin/sluice > "$WORK/make.log" 2>&1; then
  for t in "${targets[@]}"; do echo "FAIL: fuzz/$t: make bin/sluice failed"; done
  sed 's/^/    /' "$WORK/make.log" | head -20
  exit 0
fi

# run_target NAME: builds and fuzzes one target; prints its result line(s).
run_target() {
  local t=$1 w=$WORK/$1 corpus=tests/fuzz/corpus_${1#fuzz_}
  [ "$t" = fuzz_decode_wide ] && corpus=tests/fuzz/corpus_decode
  mkdir -p "$w/corpus"
  rm -f "$w"/crash-* "$w"/leak-* "$w"/timeout-* "$w"/oom-*
  if ! make -s "build/fuzz/$t" > "$w/build.log" 2>&1; then
    echo "FAIL: fuzz/$t: build failed (make build/fuzz/$t)"
    sed 's/^/    /' "$w/build.log" | grep -v '^    $' | head -15
    return
  fi
  local -a args=(-max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=4096
                 -seed="$FUZZ_SEED" -artifact_prefix="$w/" -print_final_stats=1)
  [[ $t == fuzz_parse || $t == fuzz_compile ]] && args+=(-dict=tests/fuzz/sql.dict)
  [[ $t == fuzz_inject ]] && args+=(-dict=tests/fuzz/inject.dict -max_len=512)
  local -a dirs=("$w/corpus")
  [ -d "$corpus" ] && dirs+=("$corpus")
  if [[ $t == fuzz_parse || $t == fuzz_compile ]]; then
    # Seeds for the SQL targets: every program the repository already has
    # (end-to-end cases, compile-error cases, examples), gathered at run
    # time rather than committed twice.
    rm -rf "$w/seeds" && mkdir -p "$w/seeds"
    local f n=0
    for f in tests/sql/cases/*/query.sql tests/sql/errors/*.sql examples/*/*.sql tests/fuzz/fuzz_decode.sql; do
      [ -f "$f" ] && cp "$f" "$w/seeds/seed_$((n++)).sql"
    done
    dirs+=("$w/seeds")
  fi
  local rc=0
  "build/fuzz/$t" "${args[@]}" "${dirs[@]}" > "$w/fuzz.log" 2>&1 || rc=$?
  local crash
  crash=$(ls "$w"/crash-* "$w"/leak-* "$w"/timeout-* "$w"/oom-* 2>/dev/null | head -n 1)
  if ((rc != 0)) || [ -n "$crash" ]; then
    echo "FAIL: fuzz/$t: ${crash:-exit status $rc} (replay: build/fuzz/$t ${crash:-...})"
    grep -E -m 12 -A 8 'ERROR: |runtime error:|check failed|deadly signal|SUMMARY' "$w/fuzz.log" |
      head -n 14 | sed 's/^/    /'
    return
  fi
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$w/fuzz.log" | grep -o '[0-9]*$')
  echo "PASS: fuzz/$t (${runs:-?} inputs in ${FUZZ_SECONDS} s)"
}
export -f run_target

# results of this run (a directory of its own: runs may overlap)
RESULTS=$(mktemp -d "$WORK/results.XXXXXX")
export RESULTS
printf '%s\n' "${targets[@]}" |
  xargs -P "$FUZZ_JOBS" -I{} bash -c 'run_target "$1" > "$RESULTS/$1" 2>&1' _ {}
for t in "${targets[@]}"; do cat "$RESULTS/$t"; done
rm -rf "$RESULTS"
exit 0

#!/bin/bash
# run.sh - runs every test suite and prints one summary line,
# "N passed, N failed", exiting non-zero when anything failed.
#
# Protocol: every suite prints one line per test case, "PASS: name" or
# "FAIL: name: reason" (anything else is shown but not counted). Unit tests
# are Criterion binaries whose TAP output is translated here.
# Usage: tests/run.sh [SUITE...]   (suites: style unit asan sql cli diff kafka chaos fuzz)
set -uo pipefail
cd "$(dirname "$0")/.."
export SLUICE_ROOT=$PWD
LOG=build/test-log.txt
mkdir -p build
: > "$LOG"

suites=("$@")
if ((${#suites[@]} == 0)); then suites=(style unit asan sql cli diff kafka chaos fuzz); fi

run_criterion() { # DIR LABEL
  local dir=$1 label=$2
  for t in "$dir"/tests/test_*; do
    [ -x "$t" ] || continue
    local name; name=$(basename "$t")
    # --jobs 1 keeps output ordered; TAP: "ok N - suite::test" / "not ok N - ..."
    "$t" --jobs 1 --tap=- 2>&1 | awk -v p="$label/$name" '
      /^ok / { sub(/^ok( [0-9]+)? - /, ""); print "PASS: " p "::" $0; next }
      /^not ok / { sub(/^not ok( [0-9]+)? - /, ""); print "FAIL: " p "::" $0; next }
      /^#/ { next }
      { print }'
    local rc=${PIPESTATUS[0]}
    if ((rc != 0)); then echo "FAIL: $label/$name: exit status $rc"; fi
  done
}

for s in "${suites[@]}"; do
  echo "== suite $s" | tee -a "$LOG"
  case "$s" in
    unit) run_criterion build unit ;;
    asan) ASAN_OPTIONS=detect_leaks=1 run_criterion build/asan asan ;;
    *)
      if [ -x "tests/$s/run.sh" ]; then "tests/$s/run.sh"
      else echo "FAIL: suite $s: tests/$s/run.sh missing"; fi ;;
  esac 2>&1 | tee -a "$LOG"
done

passed=$(grep -c '^PASS: ' "$LOG" || true)
failed=$(grep -c '^FAIL: ' "$LOG" || true)
if ((failed > 0)); then
  echo "failures:"; grep '^FAIL: ' "$LOG" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed"
((failed == 0 && passed > 0))

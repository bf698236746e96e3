#!/bin/bash
# tests/style/run.sh - suite "style": every C file follows .clang-format.
# Prints one PASS/FAIL line; on failure, the files and a `make format` hint.
set -uo pipefail
cd "$(dirname "$0")/../.."
bad=()
files=(compiler/*.c compiler/*.h compiler/cg/*.c compiler/cg/*.h runtime/*.c runtime/*.h runtime/include/*.h templates/*.h
       tools/*.c tests/unit/*.c tests/fuzz/*.c)
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if clang-format --dry-run --Werror "$f" > /dev/null 2>&1; then :; else bad+=("$f"); fi
done
if ((${#bad[@]})); then
  echo "FAIL: style/clang-format: ${#bad[@]} file(s) differ from .clang-format (run make format): ${bad[*]}"
else
  echo "PASS: style/clang-format (${#files[@]} files)"
fi

#!/usr/bin/env bash
# The style checks: every C++ file formatted as .clang-format says (clang-format 14), and
# the library sources clean under .clang-tidy (clang-tidy 14, on the compile_commands.json
# of build/, which scripts/setup.sh makes). Prints each finding and fails if there is any.
# Usage: scripts/style.sh [format|tidy|tidy-all]   (default: format and tidy)
#   tidy      core, model, random and scenarios (the equations, the random streams'
#             kernels and every input check, with the engine headers they include): what
#             CI runs, about 2 minutes of CPU;
#   tidy-all  every library (output and runner too): about 9 minutes of CPU, run before
#             a change to output/ or runner/ lands.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
status=0
if [ "$what" = all ] || [ "$what" = format ]; then
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' '*.c')
  if ! clang-format-14 --dry-run -Werror "${files[@]}"; then
    echo "style: files not formatted as .clang-format says; clang-format-14 -i FILE fixes one" >&2
    status=1
  fi
fi
if [ "$what" = all ] || [ "$what" = tidy ] || [ "$what" = tidy-all ]; then
  folders="core|model|random|scenarios"
  [ "$what" = tidy-all ] && folders="core|model|random|scenarios|output|runner"
  [ -f build/compile_commands.json ] || { echo "style: no build/compile_commands.json: run scripts/setup.sh first" >&2; exit 1; }
  log="$(mktemp)"
  trap 'rm -f "$log"' EXIT
  # run-clang-tidy's own exit code is 0 even with findings; WarningsAsErrors makes each an
  # "error:" line, which is what is counted.
  run-clang-tidy-14 -p build -j "$(nproc)" -quiet \
    "$PWD/($folders)/[^/]*\.cpp\$" > "$log" 2>&1 || true
  findings="$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^/.*: (error|warning): ' |
    sed -E 's#/build/include_roots/[^/]+/#/#' | sort -u || true)"
  if [ -n "$findings" ]; then
    echo "$findings" >&2
    echo "style: clang-tidy found $(echo "$findings" | wc -l) problems (.clang-tidy)" >&2
    status=1
  elif grep -q "Error while processing\|error: unable to" "$log"; then
    cat "$log" >&2
    echo "style: clang-tidy could not process every file" >&2
    status=1
  fi
fi
exit "$status"

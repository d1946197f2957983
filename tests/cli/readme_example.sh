#!/usr/bin/env bash
# README.md's example output ("How to read a comparison") is what a user sees: the command
# the README names is run (with -o into a temporary folder instead of results/, which does
# not change the table) and its comparison block must equal the README's, line for line.
# When the model changes the figures, regenerate the block by running the README's command
# and pasting its "Comparison of options" block.
# Usage (from the repository root): bash tests/cli/readme_example.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command='build/pcsim run scenarios/delegation-options.toml --force'
grep -qF "\`$command\`" README.md || {
  echo "readme_example: FAILED: README.md no longer names \`$command\`; update this test" >&2
  exit 1
}
"$pcsim" run scenarios/delegation-options.toml --force -o "$work/d.h5" >"$work/out" 2>"$work/err" || {
  echo "readme_example: FAILED: the README's command exits with $?" >&2
  exit 1
}
# The block: from "Comparison of options" to the blank line after it (output) or to the
# closing fence (README).
awk '/^Comparison of options/ { on = 1 } on && /^$/ { exit } on' "$work/out" >"$work/printed"
awk '/^Comparison of options/ { on = 1 } on && /^```/ { exit } on' README.md >"$work/readme"
[[ -s "$work/printed" ]] || { echo "readme_example: FAILED: the run printed no comparison" >&2; exit 1; }
if ! diff -u "$work/readme" "$work/printed" >"$work/diff"; then
  echo "readme_example: FAILED: README.md's comparison differs from what \`$command\` prints now:" >&2
  cat "$work/diff" >&2
  exit 1
fi
echo "readme_example: README.md's comparison is what the run prints ($(wc -l <"$work/printed") lines)"

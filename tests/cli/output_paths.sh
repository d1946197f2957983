#!/usr/bin/env bash
# -o must name a file pcsim may write (docs/cli.md, "Exit codes"): an existing directory,
# device or FIFO is refused before any work, --force or not, and left as it was; "-o
# newdir/" (a folder) is refused with a clear message and creates nothing. Each refusal
# comes at once (a run of a million iterations would take minutes) with exit code 4.
# Usage (from the repository root): bash tests/cli/output_paths.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "output_paths: FAILED: $*" >&2
  failures=$((failures + 1))
}

# Every path under $work with its type and size (the test's own err file aside).
listing() { find "$work" -mindepth 1 -not -name err -printf '%p %y %s\n' | sort; }

# refused WHAT NEEDLE OUT [FLAGS...]: pcsim run -o OUT exits 4 within 5 seconds, its
# message names OUT and contains NEEDLE, and $work holds what it held before.
refused() {
  local what=$1 needle=$2 out=$3
  shift 3
  local before
  before=$(listing)
  local start=$SECONDS
  "$pcsim" run scenarios/synthetic.toml -o "$out" --iterations 1000000 --quiet "$@" 2>"$work/err"
  local code=$?
  [[ $code -eq 4 ]] || fail "$what: exit $code, expected 4: $(cat "$work/err")"
  [[ $((SECONDS - start)) -lt 5 ]] || fail "$what: took $((SECONDS - start)) s: work was done"
  grep -qF -- "$out" "$work/err" || fail "$what: the message does not name $out: $(cat "$work/err")"
  grep -qF -- "$needle" "$work/err" || fail "$what: the message lacks '$needle': $(cat "$work/err")"
  [[ "$(listing)" == "$before" ]] || fail "$what: $work changed: $(listing)"
}

mkdir "$work/folder"
echo "keep" >"$work/folder/keep.txt"
refused "a directory" "is a directory" "$work/folder"
refused "a directory, --force" "is a directory" "$work/folder" --force
[[ "$(cat "$work/folder/keep.txt")" == "keep" ]] || fail "the directory's file changed"

mkfifo "$work/pipe"
refused "a FIFO" "is a FIFO" "$work/pipe" --force
[[ -p "$work/pipe" ]] || fail "the FIFO was replaced"

if [[ $(id -u) -eq 0 ]]; then
  # A private copy of /dev/null (character device 1:3): replacing the real one as root
  # would break the machine; this one shows the same refusal.
  mknod "$work/null" c 1 3
  refused "a character device" "is a character device" "$work/null" --force
  [[ -c "$work/null" ]] || fail "the device node was replaced"
  rm -f "$work/null"
else
  echo "output_paths: SKIPPED the device case (mknod needs root)"
fi

refused "a name ending in /" "names a folder, not a results file" "$work/newdir/"
[[ ! -e "$work/newdir" ]] || fail "-o newdir/ created the folder"

# An existing regular file without --force: refused at once (exit 4), with --force replaced.
echo "earlier results" >"$work/old.h5"
refused "an existing file" "use --force" "$work/old.h5"
"$pcsim" run scenarios/synthetic.toml -o "$work/old.h5" --iterations 20 --force --quiet ||
  fail "--force did not replace a regular file"

# An output that is a file the command reads is refused even with --force (exit 4, at
# once), naming the input, and the input is left as it was (the bad-input audit: each of
# these replaced its input with exit 0): the scenario, through a symbolic link too, a
# practice data file, a file the scenario includes; sensitivity's scenario; report's and
# export's results file, report's --chartjs file; and --pdf may not be the report's HTML.
# reads_refused WHAT NEEDLE INPUT COMMAND...: exit 4, NEEDLE in the message, INPUT unchanged.
reads_refused() {
  local what=$1 needle=$2 input=$3
  shift 3
  local before start=$SECONDS
  before=$(sha256sum <"$input")
  "$pcsim" "$@" 2>"$work/err" >/dev/null
  local code=$?
  [[ $code -eq 4 ]] || fail "$what: exit $code, expected 4: $(cat "$work/err")"
  [[ $((SECONDS - start)) -lt 5 ]] || fail "$what: took $((SECONDS - start)) s: work was done"
  grep -qF -- "$needle" "$work/err" || fail "$what: the message lacks '$needle': $(cat "$work/err")"
  [[ "$(sha256sum <"$input")" == "$before" ]] || fail "$what: $input changed"
}
mkdir "$work/area"
cp scenarios/synthetic.toml "$work/area/s.toml"
cp -r scenarios/data "$work/area/data"
printf '[funding]\nlevel_down = false\n' >"$work/area/fragment.toml"
sed 's/^format = 1$/format = 1\ninclude = ["fragment.toml"]/' scenarios/synthetic.toml \
  >"$work/area/included.toml"
ln -s s.toml "$work/area/link.toml"
a=$work/area
reads_refused "run -o the scenario" "is the scenario file" "$a/s.toml" \
  run "$a/s.toml" -o "$a/s.toml" --force --iterations 1000000 --quiet
reads_refused "run -o a link to the scenario" "is the scenario file" "$a/s.toml" \
  run "$a/s.toml" -o "$a/link.toml" --force --iterations 1000000 --quiet
reads_refused "run -o the payments file" "is practices.payments_csv" \
  "$a/data/synthetic-payments.csv" \
  run "$a/s.toml" -o "$a/data/synthetic-payments.csv" --force --iterations 1000000 --quiet
reads_refused "run -o the attributes file" "is practices.attributes_csv" \
  "$a/data/synthetic-attributes.csv" \
  run "$a/s.toml" -o "$a/data/synthetic-attributes.csv" --force --iterations 1000000 --quiet
reads_refused "validate -o the scenario" "is the scenario file" "$a/s.toml" \
  validate "$a/s.toml" -o "$a/s.toml"
reads_refused "sensitivity -o the scenario" "is the scenario file" "$a/s.toml" \
  sensitivity "$a/s.toml" -o "$a/s.toml" --force --iterations 1000000 --quiet
"$pcsim" run "$a/s.toml" -o "$a/r.h5" --iterations 20 --quiet 2>"$work/err" ||
  fail "the results for report and export: $(cat "$work/err")"
reads_refused "report -o the results" "is the results file" "$a/r.h5" \
  report "$a/r.h5" -o "$a/r.h5" --force
reads_refused "report --pdf the results" "is the results file" "$a/r.h5" \
  report "$a/r.h5" -o "$a/r.html" --pdf "$a/r.h5" --force
reads_refused "report -o the --chartjs file" "is the --chartjs file" "$a/s.toml" \
  report "$a/r.h5" -o "$a/s.toml" --chartjs "$a/s.toml" --force
reads_refused "export --xlsx the results" "is the results file" "$a/r.h5" \
  export "$a/r.h5" --xlsx "$a/r.h5" --force
"$pcsim" report "$a/r.h5" -o "$a/twice.html" --pdf "$a/twice.html" --force \
  >/dev/null 2>"$work/err"
[[ $? -eq 4 ]] || fail "report --pdf the HTML: not exit 4: $(cat "$work/err")"
grep -q "is the report's HTML file" "$work/err" || fail "report --pdf the HTML: $(cat "$work/err")"
if "$pcsim" validate "$a/included.toml" >/dev/null 2>"$work/err"; then
  reads_refused "run -o an included file" "is a file the scenario includes" \
    "$a/fragment.toml" run "$a/included.toml" -o "$a/fragment.toml" --force --iterations 1000000 --quiet
else
  fail "the scenario with an include does not validate: $(cat "$work/err")"
fi

# A folder on a file system without blocks (/proc) is not "full": the run fails at once
# with the system's reason (exit 4), not with "0 bytes free: free some space" (exit 6).
if [[ -d /proc/self ]]; then
  "$pcsim" run scenarios/synthetic.toml -o /proc/pcsim-x.h5 --iterations 1000000 --quiet \
    >/dev/null 2>"$work/err"
  code=$?
  [[ $code -eq 4 ]] || fail "-o /proc/pcsim-x.h5: exit $code, expected 4: $(cat "$work/err")"
  grep -q "free some space" "$work/err" && fail "-o /proc/pcsim-x.h5 blames the free space"
fi

# pcsim validate refuses the same outputs (it checks the plan of the run), and only notes
# an existing regular file.
"$pcsim" validate scenarios/synthetic.toml -o "$work/folder" >/dev/null 2>"$work/err"
[[ $? -eq 4 ]] || fail "validate -o a directory: not exit 4: $(cat "$work/err")"
"$pcsim" validate scenarios/synthetic.toml -o "$work/old.h5" >/dev/null 2>"$work/err" ||
  fail "validate -o an existing file failed: $(cat "$work/err")"
grep -q "needs --force" "$work/err" || fail "validate does not note the existing file"

if [[ $failures -ne 0 ]]; then
  echo "output_paths: $failures check(s) failed" >&2
  exit 1
fi
echo "output_paths: OK"

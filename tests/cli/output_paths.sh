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

# A symbolic link as -o is a name like any other: without --force it is refused, a link to
# a missing file said to be one (the message probe of 2026-12-07: "'dangling.h5' exists"
# though nothing did); with --force the link itself is replaced by the results, and its
# target is never written, nor created when missing. validate says the same in its note.
ln -s missing-target.h5 "$work/dangling.h5"
refused "a link to a missing file" \
  "is a symbolic link to a missing file ('missing-target.h5'); pcsim does not write through links" \
  "$work/dangling.h5"
"$pcsim" validate scenarios/synthetic.toml -o "$work/dangling.h5" >/dev/null 2>"$work/err" ||
  fail "validate -o a dangling link failed: $(cat "$work/err")"
grep -qF "is a symbolic link to a missing file (missing-target.h5)" "$work/err" ||
  fail "validate does not say what the dangling link is: $(cat "$work/err")"
"$pcsim" run scenarios/synthetic.toml -o "$work/dangling.h5" --iterations 20 --force --quiet ||
  fail "--force did not replace a link to a missing file"
[[ -f "$work/dangling.h5" && ! -L "$work/dangling.h5" ]] || fail "the dangling link was not replaced"
[[ ! -e "$work/missing-target.h5" ]] || fail "--force created the dangling link's target"
echo "kept" >"$work/target.h5"
ln -s target.h5 "$work/link.h5"
refused "a link to an existing file" \
  "exists (a symbolic link to 'target.h5'); use --force to replace the link itself" "$work/link.h5"
"$pcsim" run scenarios/synthetic.toml -o "$work/link.h5" --iterations 20 --force --quiet ||
  fail "--force did not replace a link to a file"
[[ -f "$work/link.h5" && ! -L "$work/link.h5" ]] || fail "the link was not replaced"
[[ "$(cat "$work/target.h5")" == "kept" ]] || fail "--force wrote through the link to its target"
rm -f "$work/dangling.h5" "$work/link.h5" "$work/target.h5"

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

# report -o, report --pdf and export --xlsx/--csv refuse the same outputs as run -o, before
# any work (the input audit B: with --force a FIFO or a device node was replaced by a
# regular file, -o DIR failed after the work, -o newdir/ created the folder and then
# failed), and export refuses every target before writing any (a workbook was left behind
# when a CSV table was refused).
# cmd_refused WHAT NEEDLE OUT COMMAND...: exit 4 at once, naming OUT with NEEDLE; $work as before.
cmd_refused() {
  local what=$1 needle=$2 out=$3
  shift 3
  local before start=$SECONDS
  before=$(listing)
  "$pcsim" "$@" >"$work/out.txt" 2>"$work/err"
  local code=$?
  rm -f "$work/out.txt"
  [[ $code -eq 4 ]] || fail "$what: exit $code, expected 4: $(cat "$work/err")"
  [[ $((SECONDS - start)) -lt 5 ]] || fail "$what: took $((SECONDS - start)) s"
  [[ $(wc -l <"$work/err") -eq 1 ]] || fail "$what: not one line: $(cat "$work/err")"
  grep -qF -- "$out" "$work/err" || fail "$what: the message does not name $out: $(cat "$work/err")"
  grep -qF -- "$needle" "$work/err" || fail "$what: the message lacks '$needle': $(cat "$work/err")"
  [[ "$(listing)" == "$before" ]] || fail "$what: $work changed: $(listing)"
}
r=$a/r.h5
for force in "" --force; do
  cmd_refused "report -o a directory $force" "is a directory" "$work/folder" \
    report "$r" -o "$work/folder" $force
  cmd_refused "report -o a FIFO $force" "is a FIFO" "$work/pipe" report "$r" -o "$work/pipe" $force
  cmd_refused "report --pdf a FIFO $force" "is a FIFO" "$work/pipe" \
    report "$r" -o "$work/new.html" --pdf "$work/pipe" $force
  cmd_refused "export --xlsx a directory $force" "is a directory" "$work/folder" \
    export "$r" --xlsx "$work/folder" $force
  cmd_refused "export --xlsx a FIFO $force" "is a FIFO" "$work/pipe" \
    export "$r" --xlsx "$work/pipe" $force
  cmd_refused "export --csv a regular file $force" "not a folder" "$a/s.toml" \
    export "$r" --csv "$a/s.toml" $force
  cmd_refused "export --csv a FIFO $force" "not a folder" "$work/pipe" \
    export "$r" --csv "$work/pipe" $force
done
[[ -p "$work/pipe" ]] || fail "the FIFO was replaced"
cmd_refused "report -o newdir/" "names a folder, not a report file" "$work/newdir/" \
  report "$r" -o "$work/newdir/"
cmd_refused "export --xlsx newdir/" "names a folder, not a workbook file" "$work/newdir/" \
  export "$r" --xlsx "$work/newdir/" --force
[[ ! -e "$work/newdir" ]] || fail "-o newdir/ created the folder"
if [[ $(id -u) -eq 0 ]]; then
  mknod "$work/null" c 1 3  # a private device node, never /dev/null itself
  cmd_refused "report -o a character device" "is a character device" "$work/null" \
    report "$r" -o "$work/null" --force
  cmd_refused "export --xlsx a character device" "is a character device" "$work/null" \
    export "$r" --xlsx "$work/null" --force
  [[ -c "$work/null" ]] || fail "the device node was replaced"
  rm -f "$work/null"
fi
# A table that exists (without --force), or a table name that is a directory (with it):
# refused before the workbook is written.
mkdir "$work/tables"
echo "an older table" >"$work/tables/summary.csv"
cmd_refused "export: an existing table" "use --force" "$work/tables/summary.csv" \
  export "$r" --xlsx "$work/book.xlsx" --csv "$work/tables"
[[ "$(cat "$work/tables/summary.csv")" == "an older table" ]] || fail "the older table changed"
rm "$work/tables/summary.csv"
mkdir "$work/tables/summary.csv"
cmd_refused "export: a table name that is a directory" "is a directory" "$work/tables/summary.csv" \
  export "$r" --xlsx "$work/book.xlsx" --csv "$work/tables" --force
rm -r "$work/tables"
cmd_refused "export: an existing workbook" "use --force" "$a/s.toml" \
  export "$r" --xlsx "$a/s.toml" --csv "$work/new-tables"
[[ ! -e "$work/new-tables" ]] || fail "export created the tables' folder before refusing"
# Both at once, into a new folder, succeed and leave no temporary file.
"$pcsim" export "$r" --xlsx "$work/made/book.xlsx" --csv "$work/made/tables" >/dev/null \
  2>"$work/err" || fail "export to new folders: $(cat "$work/err")"
[[ -s "$work/made/book.xlsx" && -s "$work/made/tables/summary.csv" ]] || fail "export wrote nothing"
[[ -z $(find "$work/made" -name '*.tmp') ]] || fail "export left $(find "$work/made" -name '*.tmp')"
rm -r "$work/made"

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

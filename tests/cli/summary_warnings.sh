#!/usr/bin/env bash
# `pcsim summary OUT.h5` ends with the run's warnings, so that a reader of the summary alone
# (docs/cli.md, "pcsim summary") sees what the figures rest on — above all that levelling up
# buys no capacity when funding.clinical_spend_share is 0:
#  - scenarios/bolton.toml (clinical_spend_share = 0, as scenarios/national.toml): after the
#    tables, "Warnings of the run: N" and one line per warning of /warnings, each once, in
#    the format recomputed here from /warnings with h5py (key, message, item count, the first
#    five items up to their ':'), the clinical_spend_share line among them; the same lines
#    as the run printed on standard error; --verbose gives every item of /warnings; --csv
#    prints no warning; `pcsim run`'s own summary ends the same way;
#  - tests/cli/fixtures/no_warnings/scenario.toml (accepted by --strict): "Warnings of the
#    run: none" and no warning line.
# Usage (from the repository root): bash tests/cli/summary_warnings.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "summary_warnings: FAILED: $*" >&2
  failures=$((failures + 1))
}

"$pcsim" run scenarios/bolton.toml -o "$work/bolton.h5" --iterations 20 >"$work/run.out" \
  2>"$work/run.err" || fail "bolton run exit $?"
"$pcsim" summary "$work/bolton.h5" >"$work/summary.txt" || fail "summary exit $?"
"$pcsim" summary "$work/bolton.h5" --verbose >"$work/verbose.txt" || fail "summary --verbose exit $?"
"$pcsim" summary "$work/bolton.h5" --csv >"$work/summary.csv" || fail "summary --csv exit $?"

grep -q '^warning: funding.clinical_spend_share: levelling up buys no capacity in this scenario (funding.clinical_spend_share = 0)' \
  "$work/summary.txt" || fail "the summary does not say that levelling up buys no capacity"
grep -q 'warning' "$work/summary.csv" && fail "--csv carries warnings"

/usr/bin/python3 - "$work" <<'PY' || fail "the summary's warnings against /warnings"
import sys
import h5py
import numpy as np

work = sys.argv[1]
with h5py.File(f"{work}/bolton.h5", "r") as f:
    keys = [k.decode() for k in f["/warnings/key"][:]]
    messages = [m.decode() for m in f["/warnings/message"][:]]
    items = [i.decode() for i in f["/warnings/item"][:]]
    owner = f["/warnings/item_warning"][:]
assert "funding.clinical_spend_share" in keys, keys
items_of = [[items[k] for k in np.flatnonzero(owner == w)] for w in range(len(keys))]


def line(key, message, its):
    # The documented format (docs/cli.md): the count and the first five items up to ':'.
    text = f"warning: {key}: {message}"
    if its:
        shown = "; ".join(i.split(":")[0] for i in its[:5])
        more = f" and {len(its) - 5} more" if len(its) > 5 else ""
        text += f" [{len(its)}: {shown}{more}]"
    return text


def after_tables(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    heading = [n for n, l in enumerate(lines) if l.startswith("Warnings of the run: ")]
    assert len(heading) == 1, heading
    options = [n for n, l in enumerate(lines) if l.startswith("Option: ")]
    assert options and max(options) < heading[0], "the warnings come after the tables"
    return lines[heading[0]], lines[heading[0] + 1:]


expected = [line(k, m, its) for k, m, its in zip(keys, messages, items_of)]
heading, rest = after_tables(f"{work}/summary.txt")
assert heading == f"Warnings of the run: {len(keys)}", heading
shown = [l for l in rest if l.startswith("warning: ")]
assert shown == expected, (shown, expected)
assert len(set(shown)) == len(shown), "a warning printed twice"
assert all(l.startswith("warning: ") or l.startswith("pcsim: --verbose") for l in rest), rest

# As the run printed them on standard error before it started.
printed = [l for l in open(f"{work}/run.err", encoding="utf-8").read().splitlines()
           if l.startswith("warning: ")]
assert printed == expected, (printed, expected)
# pcsim run's own summary (standard output) ends the same way.
_, run_rest = after_tables(f"{work}/run.out")
assert run_rest == rest, (run_rest, rest)

# --verbose: every item of /warnings, whole and in order, under its warning.
_, verbose = after_tables(f"{work}/verbose.txt")
listed, current = {}, None
for l in verbose:
    if l.startswith("warning: "):
        current = l
        listed[current] = []
    else:
        assert l.startswith("    ") and current, l
        listed[current].append(l[4:])
assert list(listed) == [f"warning: {k}: {m}" for k, m in zip(keys, messages)], list(listed)
assert list(listed.values()) == items_of
print(f"summary_warnings: {len(keys)} warnings, {len(items)} items as stored in /warnings")
PY

# A run without warnings: --strict accepts it, and its summary says there are none.
"$pcsim" run tests/cli/fixtures/no_warnings/scenario.toml --strict -o "$work/clean.h5" \
  --iterations 20 --quiet 2>"$work/clean.err" || fail "warning-free run exit $?"
grep -q '^warning' "$work/clean.err" && fail "the warning-free fixture raised a warning"
"$pcsim" summary "$work/clean.h5" >"$work/clean.txt" || fail "summary of the clean run exit $?"
[[ $(tail -n 1 "$work/clean.txt") == "Warnings of the run: none" ]] ||
  fail "the clean run's summary does not end with 'Warnings of the run: none'"
grep -q '^warning' "$work/clean.txt" && fail "the clean run's summary prints a warning"

# --verbose belongs to the text summary: with a CSV table it is a usage error.
"$pcsim" summary "$work/bolton.h5" --csv --verbose >/dev/null 2>&1
code=$?
[[ $code -eq 2 ]] || fail "summary --csv --verbose: exit $code, expected 2"

[[ $failures -eq 0 ]] || exit 1
echo "summary_warnings: all checks passed"

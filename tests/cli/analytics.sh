#!/usr/bin/env bash
# The planner analytics end to end (docs/cli.md): pcsim run --drivers --sobol on
# scenarios/delegation-options.toml stores the change by driver, EVPPI and Sobol indices by
# year; tests/cli/check_analytics.py checks them against a --central run, pcsim sensitivity
# and NumPy; pcsim summary prints each section; the stochastic split is the same at one
# and two threads; the usage errors exit with 2.
# Usage (from the repository root): bash tests/cli/analytics.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "analytics: FAILED: $*" >&2
  failures=$((failures + 1))
}
scenario=scenarios/delegation-options.toml

"$pcsim" run "$scenario" --iterations 120 --seed 5 --threads 2 --drivers --sobol 12 \
  --bootstrap 20 --quiet -o "$work/run.h5" 2>/dev/null || fail "run --drivers --sobol"
"$pcsim" run "$scenario" --central --quiet -o "$work/central.h5" 2>/dev/null || fail "run --central"
"$pcsim" sensitivity "$scenario" --iterations 10 --sobol 12 --bootstrap 20 --seed 5 --threads 2 \
  --quiet -o "$work/sensitivity.h5" 2>/dev/null || fail "sensitivity --sobol"
"$pcsim" summary "$work/run.h5" --drivers --csv > "$work/drivers.csv" || fail "summary --drivers --csv"
"$pcsim" summary "$work/run.h5" --risk --csv > "$work/risk.csv" || fail "summary --risk --csv"
"$pcsim" summary "$work/run.h5" --sobol --csv > "$work/sobol.csv" || fail "summary --sobol --csv"
/usr/bin/python3 tests/cli/check_analytics.py "$work/run.h5" "$work/central.h5" \
  "$work/sensitivity.h5" "$work/drivers.csv" "$work/risk.csv" "$work/sobol.csv" ||
  fail "check_analytics.py"

# The text sections say what they show.
"$pcsim" summary "$work/run.h5" --drivers --evppi --sobol --risk > "$work/text" || fail "summary sections"
for heading in "Change by driver: exact Shapley values" "Value of information" \
               "Sobol indices by year" "Who bears the risk"; do
  grep -qF "$heading" "$work/text" || fail "summary lacks '$heading'"
done
# A file without the analytics says how to get them.
"$pcsim" summary "$work/central.h5" --drivers --sobol > "$work/none" || fail "summary of a plain file"
grep -qF "run with pcsim run --drivers" "$work/none" || fail "no hint for --drivers"

# The stochastic split depends on the seed only, not the thread count.
for t in 1 2; do
  "$pcsim" run scenarios/synthetic.toml --iterations 6 --drivers --driver-iterations 3 \
    --threads $t --quiet -o "$work/s$t.h5" 2>/dev/null || fail "stochastic drivers, $t threads"
done
/usr/bin/python3 - "$work/s1.h5" "$work/s2.h5" <<'PY' || fail "stochastic drivers differ by threads"
import sys, h5py, numpy as np
with h5py.File(sys.argv[1]) as a, h5py.File(sys.argv[2]) as b:
    g, h = a["options/delegate and invest/drivers"], b["options/delegate and invest/drivers"]
    assert g.attrs["evaluation"] == "stochastic" and g.attrs["iterations"] == 3
    for kind in ("change", "change_alone", "change_se", "change_alone_se"):
        for name in g[kind]:
            assert np.array_equal(g[kind][name][()], h[kind][name][()], equal_nan=True), (kind, name)
PY

# Usage errors: exit 2, before any work.
expect_usage() {
  "$pcsim" run scenarios/synthetic.toml --quiet -o "$work/u.h5" "$@" >/dev/null 2>"$work/err"
  [[ $? -eq 2 ]] || fail "run $*: expected exit 2"
  [[ ! -e "$work/u.h5" ]] || fail "run $*: wrote a file"
}
expect_usage --driver-iterations 3
expect_usage --bootstrap 10
expect_usage --drivers --driver-iterations 500 --iterations 10
expect_usage --drivers --driver-iterations 2 --central
# sensitivity refuses --bootstrap without --sobol, as run does (it was silently ignored).
"$pcsim" sensitivity scenarios/synthetic.toml --bootstrap 10 -o "$work/b.h5" >/dev/null 2>&1
[[ $? -eq 2 && ! -e "$work/b.h5" ]] || fail "sensitivity --bootstrap without --sobol: not exit 2"
# --until-se may stop at --iterations, its minimum: refused before the run, not after it.
expect_usage --drivers --driver-iterations 100 --iterations 20 --until-se npv:0.9
"$pcsim" validate scenarios/synthetic.toml --iterations 20 --until-se npv:0.9 --drivers \
  --driver-iterations 100 >/dev/null 2>&1
[[ $? -eq 2 ]] || fail "validate accepts --driver-iterations above an --until-se run's minimum"

[[ $failures -eq 0 ]] && echo "analytics: OK"
exit $((failures > 0))

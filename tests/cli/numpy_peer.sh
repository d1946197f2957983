#!/usr/bin/env bash
# pcsim against its NumPy peer (benchmarks/numpy_peer/, issue 18): an independent
# implementation of docs/model.md with its own random numbers must give the same law. On
# scenarios/bolton.toml, and on tests/cli/fixtures/bolton_levers.toml (the same practices
# with the levers the shipped scenarios leave off switched on: levelling down, what the
# money buys, diversion, extra GP and nurse posts, benchmarking, an optional quality
# standard, the closure threshold), at 300 iterations, every metric's Monte Carlo mean in
# every year (59 per-year metrics x 10 years + npv and payback_year: 592 means), and the
# share of iterations with no payback year, must agree within 4 standard errors of the
# difference.
#
# Why 4: under the same law each difference / SE is about N(0, 1), and P(|z| > 4) = 6.3e-5,
# so even 593 independent comparisons would raise a false alarm with probability under 4%
# (they are strongly correlated across years and metrics, so fewer in effect); both seeds
# are fixed, so the test is deterministic. At 300 iterations 4 SE of gp_headcount is about
# 1 GP in 200: a wrong equation that moves a metric by more is caught. The last run is the
# control that shows it can fail: the peer with a leaver rate 20% too high (0.036 for
# 0.03) must disagree.
# Usage (from the repository root): bash tests/cli/numpy_peer.sh PATH_TO_PCSIM
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
pcsim=$(realpath "$1")
fail() { echo "numpy_peer: FAILED: $*" >&2; exit 1; }
compare() {  # scenario, then compare.py's further options
  /usr/bin/python3 benchmarks/numpy_peer/compare.py "$1" --iterations 300 --seed 20170401 \
    --pcsim "$pcsim" --tolerance 4 --check --show 5 "${@:2}"
}

for scenario in scenarios/bolton.toml tests/cli/fixtures/bolton_levers.toml; do
  compare "$scenario" || fail "pcsim and the NumPy peer disagree on $scenario (above)"
done

if compare scenarios/bolton.toml --peer-set workforce.leaver_rate=0.036 > /dev/null 2>&1; then
  fail "a peer with a leaver rate 20% too high still agreed: the comparison has no power"
fi
echo "numpy_peer: OK (and the control with a wrong leaver rate disagrees)"

#!/usr/bin/env bash
# scripts/compare_draws.py, the check that a change of the random draws left the model's
# law as it was (docs/performance-history.md, "The fourteenth round"), must pass two runs of one law
# and fail two runs of different laws:
#   - scenarios/bolton.toml at two seeds (independent draws of the same law), 2,000
#     iterations each: every option's mean, P10, P50 and P90 of every metric-year within 4
#     standard errors (unpaired: the seeds differ);
#   - the control: the same seed with the leaver rate 20 % higher (0.036 for 0.03, a copy
#     of the scenario in a temporary folder): iteration i of both runs shares its draws, so
#     the means are compared paired, and the GP leavers must move by far more than 4
#     standard errors.
# Usage (from the repository root): bash tests/cli/compare_draws.sh PATH_TO_PCSIM
set -uo pipefail
export PYTHONDONTWRITEBYTECODE=1
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "compare_draws: FAILED: $*" >&2; exit 1; }
run() {  # scenario, seed, output
  "$pcsim" run "$1" --iterations 2000 --seed "$2" --threads 1 --quiet -o "$3" 2>/dev/null ||
    fail "pcsim run $1 --seed $2 exited with $?"
}

run scenarios/bolton.toml 11 "$work/a.h5"
run scenarios/bolton.toml 12 "$work/b.h5"
/usr/bin/python3 scripts/compare_draws.py "$work/a.h5" "$work/b.h5" >"$work/same" 2>&1 ||
  { cat "$work/same" >&2; fail "two seeds of one law disagree (above)"; }
grep -q "means unpaired" "$work/same" || fail "two seeds' means were not compared unpaired"

# The control: bolton.toml with its paths made absolute and a higher leaver rate.
root=$(pwd)
grep -q '^leaver_rate = { value = 0.03,' scenarios/bolton.toml ||
  fail "scenarios/bolton.toml no longer sets leaver_rate = 0.03 as this test expects"
sed -e "s#^include = \[\"fragments/#include = [\"$root/scenarios/fragments/#" \
  -e "s#= \"data/#= \"$root/scenarios/data/#" \
  -e 's#^leaver_rate = { value = 0.03,#leaver_rate = { value = 0.036,#' \
  scenarios/bolton.toml >"$work/higher_leaver_rate.toml"
run "$work/higher_leaver_rate.toml" 11 "$work/c.h5"
if /usr/bin/python3 scripts/compare_draws.py "$work/a.h5" "$work/c.h5" >"$work/other" 2>&1; then
  cat "$work/other" >&2
  fail "a leaver rate 20% higher still agreed: the comparison has no power"
fi
grep -q "means paired by iteration" "$work/other" || fail "one seed's means were not paired"
grep -q "gp_leavers" "$work/other" || fail "the control's worst figures are not the GP leavers"
echo "compare_draws: two seeds of one law agree; a leaver rate 20% higher does not"

#!/usr/bin/env bash
# Batches of scenarios (docs/cli.md, "Batches of scenarios"):
#  1. `pcsim run FOLDER FILE -o OUT` writes OUT/<stem>.h5 for every scenario (the folder's
#     *.toml in name order, then the file) and OUT/index.csv; each results file equals a
#     run of that scenario alone, and the index's headline figures equal the figures
#     recomputed with NumPy from each file's per-iteration data (pandas reads the index);
#  2. the same batch under mpirun -np 2 writes identical files and the same index;
#  3. nothing runs unless every scenario and every output is fine: an invalid scenario in
#     the folder, two scenarios with one name, an existing output without --force, a
#     folder without a scenario each exit with their code before any results file exists;
#  4. every scenario's run is checked against the machine before any runs: under a
#     file-size limit (ulimit -f) too small for any results file, exit 6, nothing written;
#  5. SIGTERM during the second scenario: exit 143, the message says that its results file
#     was not written, the first scenario's file is complete and listed in the index, and
#     no temporary file (OUT.<pid>.<hex>.tmp) is left.
# Usage (from the repository root): bash tests/cli/batch.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/mpi_support.sh"

fail() {
  echo "batch: FAILED: $*" >&2
  [[ -f "$work/err" ]] && grep -v '^warning' "$work/err" | sed 's/^/  stderr: /' >&2
  exit 1
}
same() { /usr/bin/python3 tests/cli/same_results.py "$@"; }

# Two variants of the synthetic scenario (absolute practice paths, other seeds).
mkdir -p "$work/variants"
for v in 11 12; do
  sed -e "s#\"data/#\"$PWD/scenarios/data/#" -e "s/^seed = .*/seed = $v/" \
    scenarios/synthetic.toml > "$work/variants/seed-$v.toml"
done
flags=(--iterations 60 --threads 2)

# 1. One process.
"$pcsim" run "$work/variants" scenarios/bolton.toml -o "$work/one" "${flags[@]}" \
  >"$work/table" 2>"$work/err" || fail "the batch failed"
for f in seed-11.h5 seed-12.h5 bolton.h5 index.csv; do
  [[ -f "$work/one/$f" ]] || fail "$f missing"
done
[[ $(ls "$work/one" | wc -l) -eq 4 ]] || fail "unexpected files: $(ls "$work/one")"
grep -q 'seed-12.h5' "$work/table" || fail "no index table on standard output"
"$pcsim" run scenarios/bolton.toml -o "$work/bolton-alone.h5" "${flags[@]}" --quiet 2>/dev/null
same "$work/bolton-alone.h5" "$work/one/bolton.h5"

/usr/bin/python3 - "$work/one" <<'PY'
import sys
import h5py
import numpy as np
import pandas as pd

folder = sys.argv[1]
index = pd.read_csv(f"{folder}/index.csv")
expected_columns = ["scenario", "scenario_file", "results_file", "option", "baseline",
                    "iterations", "seed", "first_year", "npv_mean", "npv_p10", "npv_p90",
                    "npv_central", "investment_first_year_mean", "investment_first_year_p10",
                    "investment_first_year_p90"]
assert list(index.columns) == expected_columns, list(index.columns)
assert list(index.drop_duplicates("results_file").results_file) == \
    ["seed-11.h5", "seed-12.h5", "bolton.h5"], list(index.results_file)
rows = 0
for results_file, group in index.groupby("results_file", sort=False):
    with h5py.File(f"{folder}/{results_file}", "r") as f:
        order = [o.decode() if isinstance(o, bytes) else o for o in f["options"].attrs["option_order"]]
        assert list(group.option) == order, (list(group.option), order)
        assert list(group.baseline) == [True] + [False] * (len(order) - 1)
        for _, row in group.iterrows():
            option = f["options"][row.option]
            npv = option["npv"][()]
            investment = option["investment"][:, 0]
            assert row.iterations == f.attrs["iterations"] == len(npv)
            assert row.seed == f.attrs["seed"]
            def near(a, b):
                return np.isclose(a, b, rtol=1e-12, atol=1e-6)
            assert near(row.npv_mean, npv.mean()), (row.npv_mean, npv.mean())
            assert near(row.npv_p10, np.percentile(npv, 10)) and near(row.npv_p90, np.percentile(npv, 90))
            assert near(row.npv_central, option["central"]["npv"][()].item())
            assert near(row.investment_first_year_mean, investment.mean())
            assert near(row.investment_first_year_p10, np.percentile(investment, 10))
            assert near(row.investment_first_year_p90, np.percentile(investment, 90))
            rows += 1
assert index.seed.tolist()[:2] == [11, 12]
print(f"batch: index.csv: {rows} rows equal to NumPy's figures from the results files")
PY

# 2. Two processes: the same files and the same index.
mpi_run 2 "$pcsim" run "$work/variants" scenarios/bolton.toml -o "$work/two" "${flags[@]}" \
  --quiet 2>"$work/err" || fail "the batch under mpirun failed"
for f in seed-11.h5 seed-12.h5 bolton.h5; do same "$work/one/$f" "$work/two/$f"; done
cmp -s "$work/one/index.csv" "$work/two/index.csv" || fail "the index differs under mpirun"
echo "batch: under mpirun -np 2: identical results files and index"

# 3. Refused before anything runs.
refused() {  # refused CODE PATTERN ARGS...: exit CODE, PATTERN on stderr, no results file
  local code=$1 pattern=$2 got=0
  shift 2
  rm -rf "$work/refused"
  "$pcsim" run "$@" -o "$work/refused" --iterations 5 --quiet >/dev/null 2>"$work/err" || got=$?
  [[ $got -eq $code ]] || fail "exit $got, expected $code: $*"
  grep -qE "$pattern" "$work/err" || fail "no '$pattern' for: $*"
  [[ -z "$(find "$work/refused" -name '*.h5*' 2>/dev/null)" ]] || fail "a refused batch wrote: $*"
}
mkdir -p "$work/broken" "$work/other" "$work/empty"
cp "$work/variants/seed-11.toml" "$work/broken/a-good.toml"
sed -e 's/^iterations = .*/iterations = 0/' "$work/variants/seed-11.toml" > "$work/broken/b-bad.toml"
refused 3 "b-bad.toml:[0-9]+:[0-9]+: key 'iterations'" "$work/broken"
grep -q '1 of the batch.s 2 scenarios cannot run; nothing was run' "$work/err" || fail "no summary line"
cp "$work/variants/seed-11.toml" "$work/other/seed-11.toml"
refused 3 "seed-11.toml.*writes too" "$work/variants" "$work/other"
refused 3 "a folder without a .toml file" "$work/empty"
mkdir -p "$work/refused-keep"
echo "keep" > "$work/refused-keep/seed-12.h5"
got=0
"$pcsim" run "$work/variants" -o "$work/refused-keep" --iterations 5 --quiet 2>"$work/err" || got=$?
[[ $got -eq 4 ]] || fail "exit $got for an existing output, expected 4"
[[ ! -e "$work/refused-keep/seed-11.h5" ]] || fail "a scenario ran although an output exists"
[[ "$(cat "$work/refused-keep/seed-12.h5")" == "keep" ]] || fail "the existing output was touched"
echo "batch: invalid scenario, name clash, empty folder and existing output refused before any run"

# 4. A run that cannot fit, refused before any scenario runs.
got=0
(ulimit -f 64; exec "$pcsim" run "$work/variants" -o "$work/limited" --iterations 5 --quiet) \
  >/dev/null 2>"$work/err" || got=$?
[[ $got -eq 6 ]] || fail "exit $got under ulimit -f 64, expected 6"
[[ $(grep -c "will not fit.*the file-size limit (ulimit -f) is" "$work/err") -eq 1 ]] ||
  fail "the file-size limit not named once"
[[ -z "$(find "$work/limited" -name '*.h5*' 2>/dev/null)" ]] || fail "a refused batch wrote a file"
echo "batch: a run the machine cannot hold: exit 6 before any scenario ran"

# 5. Interrupted in its second scenario (a long one).
mkdir -p "$work/interrupted-in"
sed -e 's/^iterations = .*/iterations = 20/' "$work/variants/seed-11.toml" \
  > "$work/interrupted-in/a-quick.toml"
sed -e 's/^iterations = .*/iterations = 400000/' "$work/variants/seed-12.toml" \
  > "$work/interrupted-in/b-long.toml"
out="$work/interrupted"
"$pcsim" run "$work/interrupted-in" -o "$out" --threads 1 --quiet 2>"$work/err" &
pid=$!
waited=0
until compgen -G "$out/b-long.h5.*.tmp" >/dev/null; do
  sleep 0.05
  waited=$((waited + 1))
  [[ $waited -lt 600 ]] || { kill -KILL "$pid"; fail "the second scenario never started"; }
done
sleep 0.5
kill -TERM "$pid"
got=0
wait "$pid" || got=$?
[[ $got -eq 143 ]] || fail "exit $got after SIGTERM, expected 143"
grep -qF "pcsim: interrupted by SIGTERM: the run stopped before its results were complete; no results file was written ('$out/b-long.h5' does not exist)" "$work/err" ||
  fail "the interruption message does not name the second scenario's file"
[[ "$(ls -A "$out" | tr '\n' ' ')" == "a-quick.h5 index.csv " ]] || fail "left: $(ls -A "$out")"
/usr/bin/python3 - "$out" <<'PY'
import sys
import h5py
import pandas as pd

index = pd.read_csv(f"{sys.argv[1]}/index.csv")
assert set(index.results_file) == {"a-quick.h5"}, list(index.results_file)
with h5py.File(f"{sys.argv[1]}/a-quick.h5", "r") as f:
    assert f.attrs["iterations"] == 20
PY
echo "batch: SIGTERM in the second scenario: exit 143, the first scenario's file and index kept"

echo "batch: OK"

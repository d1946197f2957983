#!/usr/bin/env bash
# The recipes of docs/output-format.md run as written: every ```python block (in order, as
# one script, so later blocks may use names of earlier ones) and every ```r block (with
# Rscript and hdf5r), in a folder holding the files they name: results.h5 (a run with
# several options and --per-practice figures), results/synthetic-sensitivity.h5, the
# CSV tables of `pcsim export --csv tables` and a batch's results/index.csv.
# Usage (from the repository root): bash tests/cli/docs_recipes.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
doc=$(realpath docs/output-format.md)
scenarios=$(realpath scenarios)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$pcsim" run "$scenarios/delegation-options.toml" -o results.h5 --iterations 200 --per-practice \
  --drivers --sobol 16 --quiet
"$pcsim" sensitivity "$scenarios/synthetic.toml" -o results/synthetic-sensitivity.h5 \
  --iterations 100 --sobol 16 --bootstrap 10 --quiet
"$pcsim" export results.h5 --csv tables >/dev/null
# A batch: results/synthetic.h5, results/bolton.h5 and results/index.csv.
"$pcsim" run "$scenarios/synthetic.toml" "$scenarios/bolton.toml" -o results --iterations 20 \
  --quiet 2>/dev/null

extract() {  # extract LANGUAGE: the fenced blocks of that language, one after another
  awk -v lang="$1" '
    $0 == "```" lang { inside = 1; blocks++; print "# --- block " blocks; next }
    inside && $0 == "```" { inside = 0; next }
    inside { print }' "$doc"
}
extract python > recipes.py
extract r > recipes.R
python_blocks=$(grep -c '^# --- block' recipes.py)
r_blocks=$(grep -c '^# --- block' recipes.R)
[ "$python_blocks" -ge 5 ] || { echo "docs_recipes: only $python_blocks python blocks found" >&2; exit 1; }
[ "$r_blocks" -ge 1 ] || { echo "docs_recipes: no R block found" >&2; exit 1; }
/usr/bin/python3 recipes.py > python.out
Rscript recipes.R > r.out 2>&1 || { cat r.out >&2; echo "docs_recipes: the R recipe failed" >&2; exit 1; }
echo "docs_recipes: $python_blocks python and $r_blocks R blocks of docs/output-format.md ran"

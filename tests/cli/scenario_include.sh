#!/usr/bin/env bash
# include = [...] end to end: a scenario that takes one parameter from an included file
# gives the same results as the same scenario with the parameter written in it; the
# results file stores the included file's text, and scripts/restore_scenario.py restores
# the scenario and the included file byte for byte from it, ready to run again.
# Usage (from the repository root): bash tests/cli/scenario_include.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/with/fragments" "$work/inline"

# The synthetic scenario with absolute data paths; list_noise_sd moved to a fragment.
sed -e "s|\"data/|\"$root/scenarios/data/|" scenarios/synthetic.toml > "$work/base.toml"
grep -q '^list_noise_sd = 0.01$' "$work/base.toml"
fragment='[population]
list_noise_sd = { value = 0.015, rationale = "from the included fragment" }'
printf '%s\n' "$fragment" > "$work/with/fragments/noise.toml"
{ echo 'include = ["fragments/noise.toml"]'; grep -v '^list_noise_sd = ' "$work/base.toml"; } \
  > "$work/with/scenario.toml"
sed -e 's|^list_noise_sd = 0.01$|list_noise_sd = { value = 0.015, rationale = "from the included fragment" }|' \
  "$work/base.toml" > "$work/inline/scenario.toml"

"$pcsim" run "$work/with/scenario.toml" -o "$work/with.h5" --iterations 20 --quiet
"$pcsim" run "$work/inline/scenario.toml" -o "$work/inline.h5" --iterations 20 --quiet

/usr/bin/python3 "$root/scripts/restore_scenario.py" "$work/with.h5" "$work/restored" > /dev/null
cmp "$work/restored/scenario.toml" "$work/with/scenario.toml"
cmp "$work/restored/fragments/noise.toml" "$work/with/fragments/noise.toml"
"$pcsim" validate "$work/restored/scenario.toml" > /dev/null

/usr/bin/python3 - "$work" <<'PY'
import sys
import h5py
import numpy as np

work = sys.argv[1]
def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
        text = f.attrs["scenario_text"]
    return out, text

with_include, text = datasets(f"{work}/with.h5")
inline, _ = datasets(f"{work}/inline.h5")
assert '#@pcsim include "fragments/noise.toml"' in text, "the included file is not stored"
assert "from the included fragment" in text
numeric = [k for k, v in inline.items() if np.asarray(v).dtype.kind in "fiu"]
assert numeric, "no numeric datasets to compare"
assert sorted(with_include) == sorted(inline), "different datasets"
for name in numeric:
    assert np.array_equal(with_include[name], inline[name], equal_nan=True), f"{name} differs"
print(f"include: {len(numeric)} numeric datasets identical to the inline scenario's; restored byte for byte")
PY

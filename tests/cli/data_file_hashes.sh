#!/usr/bin/env bash
# Every data file a run reads is recorded with its SHA-256 (docs/output-format.md, "The
# practice load report"), so a figure can be traced to the exact bytes, not only a path:
# Bolton's payments, GP headcount series, CCG->ICB map and a PCN-codes file of another year,
# and the synthetic scenario's attributes file, each against coreutils' sha256sum of the
# file. A copy with one figure changed gives another hash; a file not given, an empty one.
# Usage (from the repository root): bash tests/cli/data_file_hashes.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=$(realpath scenarios/data)
fail() { echo "data_file_hashes: FAILED: $*" >&2; exit 1; }

attribute() {  # FILE NAME: a root string attribute, as h5py reads it
  /usr/bin/python3 -c '
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    v = f.attrs[sys.argv[2]]
    print(v.decode() if isinstance(v, bytes) else v)' "$1" "$2"
}
expect() {  # FILE ATTRIBUTE EXPECTED
  local got
  got=$(attribute "$1" "$2") || fail "$2 missing in $1"
  [[ "$got" == "$3" ]] || fail "$2 = '$got', expected '$3'"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

# Bolton with a PCN-codes file of 2019/20 added under [practices].
sed -e "s#= \"data/#= \"$data/#" -e "s#\[\"fragments/#[\"$data/../fragments/#" \
    -e "s#^area_icb_csv = .*#&\npcn_payments_csv = { \"2019/20\" = \"$data/nhs-payments/nhspaymentsgp-19-20.csv\" }#" \
    scenarios/bolton.toml >"$work/bolton.toml"
grep -q '^pcn_payments_csv' "$work/bolton.toml" || fail "could not add pcn_payments_csv"
"$pcsim" run "$work/bolton.toml" -o "$work/b.h5" --iterations 20 --quiet 2>/dev/null \
  || fail "pcsim run bolton"
payments="$data/nhs-payments/nhspaymentsgp-16-17.csv"
expect "$work/b.h5" practices_payments_file_sha256 "$(sha "$payments")"
expect "$work/b.h5" practices_gp_headcount_file_sha256 \
  "$(sha "$data/gp-workforce/practice_gp_headcount_by_year.csv")"
expect "$work/b.h5" practices_area_icb_file_sha256 "$(sha "$data/geography/ccg_icb.csv")"
expect "$work/b.h5" practices_attributes_file_sha256 ""
expect "$work/b.h5" practices_pcn_payments_files \
  "2019/20: $data/nhs-payments/nhspaymentsgp-19-20.csv"
expect "$work/b.h5" practices_pcn_payments_files_sha256 \
  "$(sha "$data/nhs-payments/nhspaymentsgp-19-20.csv")"

# The synthetic scenario's attributes file, then a copy with one figure changed.
mkdir "$work/s"
cp -r scenarios/data/synthetic-*.csv "$work/s/"
sed -e 's#"data/#"#' scenarios/synthetic.toml >"$work/s/s.toml"
"$pcsim" run "$work/s/s.toml" -o "$work/s1.h5" --iterations 20 --quiet 2>/dev/null \
  || fail "pcsim run synthetic"
first=$(sha "$work/s/synthetic-attributes.csv")
expect "$work/s1.h5" practices_attributes_file_sha256 "$first"
expect "$work/s1.h5" practices_pcn_payments_files ""
/usr/bin/python3 - "$work/s/synthetic-attributes.csv" <<'PY'
import sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
# Change the last character of the first data row's last field that is a digit.
for i, line in enumerate(lines):
    if i > 0 and line and line[-1].isdigit():
        lines[i] = line[:-1] + ("1" if line[-1] != "1" else "2")
        break
else:
    sys.exit("no row ends in a digit")
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
second=$(sha "$work/s/synthetic-attributes.csv")
[[ "$first" != "$second" ]] || fail "the edit did not change the file"
"$pcsim" run "$work/s/s.toml" -o "$work/s2.h5" --iterations 20 --quiet 2>/dev/null \
  || fail "pcsim run synthetic, changed"
expect "$work/s2.h5" practices_attributes_file_sha256 "$second"

# The hashes reach what a user takes away: the report and the provenance table.
"$pcsim" report "$work/b.h5" -o "$work/b.html" >/dev/null || fail "pcsim report"
grep -q "$(sha "$payments")" "$work/b.html" || fail "report lacks the payments file's hash"
"$pcsim" export "$work/b.h5" --csv "$work/tables" >/dev/null || fail "pcsim export"
grep -q "^practices_payments_file_sha256,$(sha "$payments")" "$work/tables/provenance.csv" \
  || fail "provenance.csv lacks the payments file's hash"
echo "data_file_hashes: OK"

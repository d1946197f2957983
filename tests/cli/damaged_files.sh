#!/usr/bin/env bash
# pcsim summary gives one line, exit 4, for every file that is not a readable results file
# (docs/cli.md, "pcsim summary"): missing, a directory, empty, text, a foreign HDF5 file,
# a results file of a newer format, a truncated file, and a results
# file with 64 bytes changed anywhere - at 48 places across the file and inside every
# dataset's stored bytes - which the whole-file checksum reports instead of summarising
# (or crashing in HDF5 on a damaged string heap). --debug adds HDF5's error stack.
# Usage (from the repository root): bash tests/cli/damaged_files.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "damaged_files: FAILED: $*" >&2
  failures=$((failures + 1))
}

# one_line WHAT FILE NEEDLE: pcsim summary FILE exits 4 with one line holding NEEDLE.
one_line() {
  local what=$1 file=$2 needle=$3
  "$pcsim" summary "$file" >"$work/out" 2>"$work/err"
  local code=$?
  [[ $code -eq 4 ]] || fail "$what: exit $code, expected 4: $(head -c 300 "$work/err")"
  [[ $(wc -l <"$work/err") -eq 1 ]] || fail "$what: not one line: $(cat "$work/err")"
  grep -qF -- "$needle" "$work/err" || fail "$what: the message lacks '$needle': $(cat "$work/err")"
  [[ ! -s "$work/out" ]] || fail "$what: something was summarised"
}

"$pcsim" run scenarios/synthetic.toml -o "$work/good.h5" --iterations 100 --quiet ||
  fail "the run failed"
"$pcsim" summary "$work/good.h5" >/dev/null || fail "the intact file does not summarise"

one_line "missing file" "$work/absent.h5" "no such file"
one_line "a directory" "$work" "is a directory"
: >"$work/empty.h5"
one_line "an empty file" "$work/empty.h5" "is empty"
cp scenarios/synthetic.toml "$work/text.h5"
one_line "a text file" "$work/text.h5" "is not an HDF5 file"
"$pcsim" sensitivity scenarios/synthetic.toml -o "$work/sens.h5" --iterations 50 --quiet ||
  fail "the sensitivity run failed"
# A sensitivity file summarises as its tornado; --csv, which is for results files, refuses it.
"$pcsim" summary "$work/sens.h5" >/dev/null || fail "the sensitivity file does not summarise"
"$pcsim" summary "$work/sens.h5" --csv >/dev/null 2>"$work/err"
[[ $? -eq 4 ]] && grep -qF "is a sensitivity file" "$work/err" ||
  fail "summary --csv of a sensitivity file: $(cat "$work/err")"
head -c 40000 "$work/good.h5" >"$work/truncated.h5"
one_line "a truncated file" "$work/truncated.h5" "is truncated"
/usr/bin/python3 - "$work" <<'PY'
import sys
import h5py
work = sys.argv[1]
with h5py.File(f"{work}/foreign.h5", "w") as f:
    f["data"] = [1.0, 2.0]
with h5py.File(f"{work}/newer.h5", "w") as f:
    f.attrs["format_version"] = 99
PY
one_line "a foreign HDF5 file" "$work/foreign.h5" "not one pcsim wrote"
one_line "a newer format" "$work/newer.h5" "newer than this pcsim reads"

# 64 bytes inverted at 48 evenly spread offsets, and in the middle of each dataset's bytes:
# one damaged copy per offset, made in one go.
mkdir "$work/flipped"
/usr/bin/python3 - "$work/good.h5" "$work/flipped" <<'PY'
import os, sys
import h5py
path, folder = sys.argv[1], sys.argv[2]
size = os.path.getsize(path)
offsets = {size * k // 48 for k in range(48)} | {size - 64}
with h5py.File(path, "r") as f:
    def visit(name, obj):
        if isinstance(obj, h5py.Dataset) and obj.id.get_storage_size() > 0:
            if obj.chunks:
                info = obj.id.get_chunk_info(0)
                offsets.add(info.byte_offset + info.size // 2)
            elif obj.id.get_offset() is not None:
                offsets.add(obj.id.get_offset() + obj.id.get_storage_size() // 2)
    f.visititems(visit)
good = open(path, "rb").read()
for offset in sorted(min(o, size - 64) for o in offsets):
    damaged = bytearray(good)
    damaged[offset:offset + 64] = bytes(x ^ 0xFF for x in damaged[offset:offset + 64])
    with open(os.path.join(folder, f"at-{offset}.h5"), "wb") as out:
        out.write(damaged)
PY
# Every copy takes the same path (the whole-file checksum fails first), so the sanitizer
# run (PCSIM_SANITIZER_RUN=1, CMakePresets.json), where each process costs about a second,
# reads every 8th copy and the last; the release suite reads them all.
stride=1
[ "${PCSIM_SANITIZER_RUN:-0}" = 1 ] && stride=8
files=("$work"/flipped/*.h5)
count=0
for i in "${!files[@]}"; do
  ((i % stride == 0 || i + 1 == ${#files[@]})) || continue
  one_line "64 bytes changed in $(basename "${files[$i]}")" "${files[$i]}" "is damaged"
  count=$((count + 1))
done
echo "damaged_files: $count of ${#files[@]} damaged copies read, each reported"

# The input that made HDF5 1.10.8 crash (a segmentation fault reading a damaged string
# heap) before pcsim checked the whole-file checksum first: now one line, exit 4.
one_line "a damaged string heap" fuzz/regressions/fuzz_results/damaged-string-heap.h5 "is damaged"

# --debug: the same one-line cause, then HDF5's own error stack.
"$pcsim" --debug summary "$work/truncated.h5" 2>"$work/err" >/dev/null
grep -q "HDF5 error stack" "$work/err" || fail "--debug shows no HDF5 stack: $(cat "$work/err")"
grep -q "H5Fopen" "$work/err" || fail "--debug: the stack lacks H5Fopen: $(cat "$work/err")"

if [[ $failures -ne 0 ]]; then
  echo "damaged_files: $failures check(s) failed" >&2
  exit 1
fi
echo "damaged_files: OK"

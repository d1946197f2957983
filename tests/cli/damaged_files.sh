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

# Every other reading path checks the checksum first too, and names the file: the section
# flags of summary (which once parsed the file without it: a SIGSEGV on the string heap, a
# damaged file summarised with exit 0), report and export. One line, exit 4, nothing written.
# refused WHAT FILE NEEDLE ARGS...: pcsim ARGS exits 4 with one line naming FILE and NEEDLE.
refused() {
  local what=$1 file=$2 needle=$3
  shift 3
  rm -rf "$work/out-dir"
  mkdir "$work/out-dir"
  "$pcsim" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  [[ $code -eq 4 ]] || fail "$what: pcsim $*: exit $code, expected 4: $(head -c 300 "$work/err")"
  [[ $(wc -l <"$work/err") -eq 1 ]] || fail "$what: pcsim $*: not one line: $(cat "$work/err")"
  grep -qF -- "'$file'" "$work/err" || fail "$what: pcsim $*: the file is not named: $(cat "$work/err")"
  grep -qF -- "$needle" "$work/err" || fail "$what: pcsim $*: the message lacks '$needle': $(cat "$work/err")"
  [[ ! -s "$work/out" ]] || fail "$what: pcsim $*: something was printed: $(head -c 300 "$work/out")"
  [[ -z $(ls -A "$work/out-dir") ]] || fail "$what: pcsim $*: wrote $(ls -A "$work/out-dir")"
}
heap=fuzz/regressions/fuzz_results/damaged-string-heap.h5
middle=${files[$((${#files[@]} / 2))]}
# Under the sanitizers (a second a process) the damaged heap alone; the release suite reads
# the flipped copy too.
damaged_inputs=("$heap" "$middle")
[ "${PCSIM_SANITIZER_RUN:-0}" = 1 ] && damaged_inputs=("$heap")
for file in "${damaged_inputs[@]}"; do
  for section in --drivers --evppi --sobol --risk "--risk --csv" "--drivers --evppi --sobol --risk --csv"; do
    # shellcheck disable=SC2086  # the sections are separate arguments
    refused "summary $section" "$file" "is damaged" summary "$file" $section
  done
  refused "report" "$file" "is damaged" report "$file" -o "$work/out-dir/r.html"
  refused "export --xlsx" "$file" "is damaged" export "$file" --xlsx "$work/out-dir/b.xlsx"
  refused "export --csv" "$file" "is damaged" export "$file" --csv "$work/out-dir/tables"
done
# The sections of a sensitivity file: --risk names it as such; the intact files read.
refused "summary --risk of a sensitivity file" "$work/sens.h5" "is a sensitivity file" \
  summary "$work/sens.h5" --risk
for section in --drivers --evppi --sobol --risk; do
  "$pcsim" summary "$work/good.h5" $section >/dev/null 2>"$work/err" ||
    fail "summary $section of the intact file: $(cat "$work/err")"
done

# Files without the checksum record (an older pcsim's, or with the first 512 bytes cut off
# by h5unjam): nothing vouches for them, so (the input audit B) the root attribute
# 'iterations' is checked against the datasets' shapes before it is used (a wrong one made
# export --csv write without end), a dataset of the wrong shape is refused, not reshaped,
# and a damaged string heap, on which HDF5 crashes, is read first in a child process.
if command -v h5unjam >/dev/null; then
  h5unjam -i "$work/good.h5" -o "$work/old.h5" -u "$work/user-block.bin" >/dev/null ||
    fail "h5unjam failed"
  "$pcsim" summary "$work/old.h5" >/dev/null 2>"$work/err" ||
    fail "an intact file without the checksum record: $(cat "$work/err")"
  /usr/bin/python3 - "$work" <<'PY'
import shutil, sys
import h5py
work = sys.argv[1]
for name, value in (("negative", -5), ("huge", 10**12), ("zero", 0), ("more", 101)):
    shutil.copy(f"{work}/old.h5", f"{work}/iterations-{name}.h5")
    with h5py.File(f"{work}/iterations-{name}.h5", "r+") as f:
        f.attrs["iterations"] = value
shutil.copy(f"{work}/old.h5", f"{work}/reshaped.h5")
with h5py.File(f"{work}/reshaped.h5", "r+") as f:
    option = f["options"].attrs["option_order"][0]
    option = option.decode() if isinstance(option, bytes) else option
    group = f["options"][option]
    values = group["net_cost"][()]
    attrs = dict(group["net_cost"].attrs)
    del group["net_cost"]
    group["net_cost"] = values.T.copy()  # [years x iterations]
    for k, v in attrs.items():
        group["net_cost"].attrs[k] = v
PY
  iteration_cases=(negative huge zero more)
  [ "${PCSIM_SANITIZER_RUN:-0}" = 1 ] && iteration_cases=(negative more)
  for name in "${iteration_cases[@]}"; do
    refused "iterations = $name, summary" "$work/iterations-$name.h5" "iterations" \
      summary "$work/iterations-$name.h5"
    start=$SECONDS
    refused "iterations = $name, export --csv" "$work/iterations-$name.h5" "iterations" \
      export "$work/iterations-$name.h5" --csv "$work/out-dir/tables"
    [[ $((SECONDS - start)) -lt 30 ]] || fail "iterations = $name: export took $((SECONDS - start)) s"
  done
  refused "a dataset of the wrong shape" "$work/reshaped.h5" "net_cost' is [" \
    export "$work/reshaped.h5" --csv "$work/out-dir/tables"
  h5unjam -i "$heap" -o "$work/heap-old.h5" -u "$work/user-block.bin" >/dev/null ||
    fail "h5unjam failed on the heap file"
  for args in "summary" "summary --risk" "summary --drivers"; do
    # shellcheck disable=SC2086
    refused "no checksum record, a damaged heap: $args" "$work/heap-old.h5" "HDF5 crashed reading it" \
      $args "$work/heap-old.h5"
  done
  refused "no checksum record, a damaged heap: report" "$work/heap-old.h5" "HDF5 crashed reading it" \
    report "$work/heap-old.h5" -o "$work/out-dir/r.html"
  refused "no checksum record, a damaged heap: export" "$work/heap-old.h5" "HDF5 crashed reading it" \
    export "$work/heap-old.h5" --xlsx "$work/out-dir/b.xlsx"
else
  echo "damaged_files: SKIPPED the files without a checksum record (no h5unjam: hdf5-tools)"
fi

# Files edited by hand (h5py), their checksum record written again so the checksum passes:
# summary (every form and section), report and export refuse each alike, naming the file
# and the full path of what is wrong, print nothing and write nothing (the message probe of
# 2026-12-07: export said "cannot open dataset 'npv'" or "dataset 'net_cost' is not
# floating point" while summary and report read the same files with exit 0, and summary
# --drivers --evppi --risk printed two sections before failing on the third).
"$pcsim" run scenarios/synthetic.toml -o "$work/two.h5" --iterations 10 --quiet ||
  fail "the run for the edited files failed"
/usr/bin/python3 - "$work" <<'PY'
import shutil, sys, zlib
import h5py
import numpy as np
work = sys.argv[1]
def edited(name, edit):
    path = f"{work}/{name}.h5"
    shutil.copy(f"{work}/two.h5", path)
    with h5py.File(path, "r+") as f:
        option = f["options"].attrs["option_order"][0]
        group = f["options"][option.decode() if isinstance(option, bytes) else option]
        edit(f, group)
    data = bytearray(open(path, "rb").read())
    record = b"pcsim file checksum 1\nbytes %d\ncrc32 %08x\n" % (len(data), zlib.crc32(data[512:]))
    data[:512] = record + bytes(512 - len(record))
    open(path, "wb").write(data)
def retyped(dtype):
    def edit(f, group):
        values = group["net_cost"][()]
        del group["net_cost"]
        group["net_cost"] = values.astype(dtype) if dtype != "text" else \
            np.full(values.shape, "x", dtype=h5py.string_dtype())
    return edit
edited("npv-deleted", lambda f, group: group.__delitem__("npv"))
edited("net-cost-int", retyped("int32"))
edited("net-cost-text", retyped("text"))
def longer_years(f, group):
    years = f["years"][()]
    del f["years"]
    f["years"] = np.concatenate([years, years[:1]])
edited("years-longer", longer_years)
def iterations_text(f, group):
    f.attrs["iterations"] = "10"
edited("iterations-text", iterations_text)
PY
option=$(grep -m1 '^baseline = ' scenarios/synthetic.toml | sed 's/^baseline = "\(.*\)"$/\1/')
for edit in "npv-deleted:dataset '/options/$option/npv' is missing; expected [iterations] = [10]" \
  "net-cost-int:dataset '/options/$option/net_cost' holds integers, not floating-point numbers" \
  "net-cost-text:dataset '/options/$option/net_cost' holds text, not floating-point numbers" \
  "years-longer:is damaged or lacks part of the pcsim layout: summary '" \
  "iterations-text:attribute 'iterations' is not an integer"; do
  file=$work/${edit%%:*}.h5
  needle=${edit#*:}
  forms=("summary" "summary --csv" "summary --csv-comparison" "summary --drivers --evppi --risk"
    "summary --drivers --evppi --sobol --risk --csv")
  # Under the sanitizers (a second a process) the sections alone; the release suite reads all.
  [ "${PCSIM_SANITIZER_RUN:-0}" = 1 ] && forms=("summary --drivers --evppi --risk")
  for args in "${forms[@]}"; do
    # shellcheck disable=SC2086  # the words are separate arguments
    refused "${edit%%:*}: $args" "$file" "$needle" ${args%% *} "$file" ${args#summary}
  done
  refused "${edit%%:*}: report" "$file" "$needle" report "$file" -o "$work/out-dir/r.html"
  refused "${edit%%:*}: export" "$file" "$needle" \
    export "$file" --xlsx "$work/out-dir/b.xlsx" --csv "$work/out-dir/tables"
done
"$pcsim" summary "$work/two.h5" --drivers --evppi --risk >/dev/null 2>"$work/err" ||
  fail "the unedited file's sections: $(cat "$work/err")"

# --debug: the same one-line cause, then HDF5's own error stack.
"$pcsim" --debug summary "$work/truncated.h5" 2>"$work/err" >/dev/null
grep -q "HDF5 error stack" "$work/err" || fail "--debug shows no HDF5 stack: $(cat "$work/err")"
grep -q "H5Fopen" "$work/err" || fail "--debug: the stack lacks H5Fopen: $(cat "$work/err")"

if [[ $failures -ne 0 ]]; then
  echo "damaged_files: $failures check(s) failed" >&2
  exit 1
fi
echo "damaged_files: OK"

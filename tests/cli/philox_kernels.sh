#!/usr/bin/env bash
# Every Philox kernel gives the same results (random/philox_blocks.hpp): Bolton at 203
# iterations, 2 threads, with PCSIM_PHILOX_KERNEL set to each kernel this processor runs,
# gives the same figures as with the portable kernel (tests/cli/same_results.py: every
# dataset and attribute but the run's own); a kernel name that is not one, or one the
# processor does not run, is refused with exit code 2 before any work.
# Usage (from the repository root): bash tests/cli/philox_kernels.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() {  # kernel, output
  PCSIM_PHILOX_KERNEL=$1 "$pcsim" run scenarios/bolton.toml -o "$2" --iterations 203 \
    --threads 2 --quiet --force 2> "$work/stderr"
}

run portable "$work/portable.h5"
compared=0
for kernel in avx2 avx512; do
  status=0
  run "$kernel" "$work/$kernel.h5" || status=$?
  if [ "$status" != 0 ]; then
    # Refused (exit 2) only because this processor does not run it.
    if [ "$status" = 2 ] && grep -q "does not run that kernel" "$work/stderr"; then
      echo "philox_kernels: $kernel not run by this processor: skipped"
      continue
    fi
    cat "$work/stderr" >&2
    echo "philox_kernels: the $kernel run failed ($status)" >&2
    exit 1
  fi
  /usr/bin/python3 tests/cli/same_results.py "$work/portable.h5" "$work/$kernel.h5"
  compared=$((compared + 1))
done
echo "philox_kernels: $compared wide kernel(s) gave the portable kernel's results"

status=0
PCSIM_PHILOX_KERNEL=avx9 "$pcsim" run scenarios/bolton.toml -o "$work/bad.h5" --iterations 5 \
  --quiet 2> "$work/stderr" || status=$?
if [ "$status" != 2 ] || ! grep -q "PCSIM_PHILOX_KERNEL: 'avx9' is not a kernel" "$work/stderr" ||
   [ -e "$work/bad.h5" ]; then
  cat "$work/stderr" >&2
  echo "philox_kernels: an unknown kernel name was not refused with exit code 2 ($status)" >&2
  exit 1
fi
echo "philox_kernels: an unknown kernel name refused (exit 2, nothing written)"
# Commands that draw nothing do not ask for the kernel: --version and schema still work.
PCSIM_PHILOX_KERNEL=avx9 "$pcsim" --version > /dev/null ||
  { echo "philox_kernels: a bad PCSIM_PHILOX_KERNEL broke --version" >&2; exit 1; }
PCSIM_PHILOX_KERNEL=avx9 "$pcsim" schema > /dev/null ||
  { echo "philox_kernels: a bad PCSIM_PHILOX_KERNEL broke schema" >&2; exit 1; }
# The global --debug before the command does not hide it from the check (exit 2, not 0).
status=0
PCSIM_PHILOX_KERNEL=avx9 "$pcsim" --debug validate scenarios/synthetic.toml >/dev/null 2>&1 ||
  status=$?
[ "$status" = 2 ] ||
  { echo "philox_kernels: --debug validate with a bad kernel: exit $status, not 2" >&2; exit 1; }

#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages only), configures and builds pcsim into build/.
# Idempotent: packages already present are skipped, and the build is incremental.
# Usage: scripts/setup.sh [TARGET...]   builds the given CMake targets (default: everything),
# e.g. `scripts/setup.sh pcsim` for the command line alone.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config git
          libboost-dev libboost-math-dev libeigen3-dev libtbb-dev libhdf5-dev hdf5-tools
          libgtest-dev libgmock-dev libbenchmark-dev
          libtomlplusplus-dev librandom123-dev libcli11-dev libfmt-dev libssl-dev zlib1g-dev
          python3 python3-h5py python3-numpy python3-jsonschema time
          # pcsim report / export: Chart.js to inline, the Excel writer, the HDF5 high-level
          # library (dimension scales) comes with libhdf5-dev
          libjs-chart.js libxlsxwriter-dev
          # the tests of the report, the exports and the docs' recipes
          chromium python3-openpyxl python3-pandas python3-xarray python3-h5netcdf r-cran-hdf5r
          # runs over several processes (mpirun; docs/cli.md) and the memory checks (GNU time)
          libopenmpi-dev openmpi-bin time
          # the sanitizer and fuzzing builds (scripts/sanitize.sh, scripts/fuzz.sh)
          clang-14 libclang-rt-14-dev libfuzzer-14-dev llvm-14
          # the style checks (scripts/style.sh)
          clang-format-14 clang-tidy-14)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
if [ $# -gt 0 ]; then
  cmake --build build --target "$@"
else
  cmake --build build
fi

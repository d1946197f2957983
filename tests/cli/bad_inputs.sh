#!/usr/bin/env bash
# The bad-input suite (tests/cli/bad_inputs.py): over a hundred broken scenarios, files
# and command lines, each checked for its exit code, a message naming the file, line and
# key, and no file left. Debian's python3 (h5py not needed).
# Usage (from the repository root): bash tests/cli/bad_inputs.sh PATH_TO_PCSIM
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$0")/bad_inputs.py" "$1"

#!/usr/bin/env bash
# The benchmark script (docs/performance.md, "What measures what"; issue 18): in one go, the
# Google Benchmark kernels, the whole national run at 1 and 2 threads (wall, CPU, peak RSS,
# marginal time an iteration) and, when NumPy is present, pcsim against its NumPy peer; a
# short plain report, and the same as JSON with --json FILE. About three minutes by
# default, under half a minute with --quick. The work is done by scripts/bench.py (Debian's
# python3, standard library only; the peer needs NumPy and h5py).
# Usage: scripts/bench.sh [BUILD] [--quick] [--iterations N] [--repeats R] [--filter REGEX]
#                         [--min-time SECONDS] [--peer-iterations M] [--scenario FILE]
#                         [--python PATH] [--json FILE]
# Exit codes: 0 done, 1 a step failed (named), 2 bad usage.
set -euo pipefail
PYTHONDONTWRITEBYTECODE=1 exec /usr/bin/python3 "$(dirname "$0")/bench.py" "$@"

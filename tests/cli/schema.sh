#!/usr/bin/env bash
# `pcsim schema` (docs/cli.md): valid JSON Schema (draft 2020-12) that every shipped
# scenario and docs example satisfies and that refuses what the loader refuses
# (tests/cli/check_schema.py); the copy shipped for editors (scenarios/scenario.schema.json)
# is the one pcsim generates.
# Usage (from the repository root): bash tests/cli/schema.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$pcsim" schema > "$work/schema.json"
if ! cmp -s "$work/schema.json" scenarios/scenario.schema.json; then
  echo "schema: FAILED: scenarios/scenario.schema.json differs from pcsim schema; regenerate it:" >&2
  echo "  build/pcsim schema > scenarios/scenario.schema.json" >&2
  exit 1
fi
/usr/bin/python3 tests/cli/check_schema.py "$pcsim" "$work/schema.json"

#!/usr/bin/env bash
# A run killed with SIGKILL part-way leaves no results file under the final name: the
# writer fills OUT.tmp and renames it only when complete (docs/cli.md). Two kills: one
# a couple of seconds into the iterations, one as soon as OUT.tmp appears (the temporary
# file is opened when the run starts, so that per-practice batches can stream into it).
# A leftover temporary (OUT.<pid>.<hex>.tmp) is allowed: nothing can clean up after
# SIGKILL. The next run to the same OUT reports it, removes it and writes OUT.
# Usage (from the repository root): bash tests/cli/sigkill.sh PATH_TO_PCSIM
set -euo pipefail
pcsim=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Enough iterations of the synthetic scenario for several seconds on one thread.
iterations=100000

fail() {
  echo "sigkill: FAILED: $*" >&2
  exit 1
}

# kill_when OUT CONDITION: starts a run writing OUT, waits until CONDITION (a shell test)
# holds, checks the run is still going, and kills it with SIGKILL.
kill_when() {
  local out=$1 condition=$2
  "$pcsim" run scenarios/synthetic.toml -o "$out" --iterations "$iterations" --threads 1 \
    --quiet &
  local pid=$!
  local waited=0
  until eval "$condition"; do
    kill -0 "$pid" 2>/dev/null || fail "the run ended before the kill point ($condition)"
    sleep 0.05
    waited=$((waited + 1))
    [[ $waited -lt 1200 ]] || { kill -9 "$pid"; fail "timed out waiting for: $condition"; }
  done
  kill -0 "$pid" 2>/dev/null || fail "the run ended before it could be killed ($condition)"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null && fail "the killed run exited normally"
  [[ ! -e "$out" ]] || fail "$out exists after SIGKILL ($condition)"
  local left
  left=$(compgen -G "$out.*.tmp" || true)
  echo "sigkill: killed at '$condition': no $out${left:+ ($left left)}"
  # The next run to OUT names and removes what the killed one left, and writes OUT.
  "$pcsim" run scenarios/synthetic.toml -o "$out" --iterations 20 --quiet 2>"$work/err" ||
    fail "the run after the kill failed: $(cat "$work/err")"
  if [[ -n "$left" ]]; then
    grep -qF "removed $left" "$work/err" || fail "the stale $left was not reported: $(cat "$work/err")"
  fi
  [[ -f "$out" ]] || fail "the run after the kill wrote no $out"
  ! compgen -G "$out.*.tmp" >/dev/null || fail "a temporary remains after the next run: $(ls "$work")"
}

# 1. During the iterations (two seconds in, long before the final write).
start=$SECONDS
kill_when "$work/during-run.h5" '[[ $((SECONDS - start)) -ge 2 ]]'
# 2. As soon as the temporary file exists.
kill_when "$work/during-write.h5" 'compgen -G "$work/during-write.h5.*.tmp" >/dev/null'
echo "sigkill: OK"

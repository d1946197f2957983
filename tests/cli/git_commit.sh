#!/usr/bin/env bash
# The git commit of a build (the results file's git_commit attribute, pcsim --version) is
# found at every build by scripts/git_commit.cmake, not once when CMake configures: a binary
# rebuilt after new commits reported the configure-time commit. Checked here on small
# repositories of its own, against git's own answers: a clean tree gives HEAD; a change to
# a tracked file, staged or not, gives HEAD-dirty; an untracked file does not count; a new
# commit is seen at the next run; a copy without git metadata, and one inside another
# repository, give "unknown"; the header is rewritten only when its text changes (so a
# build with nothing changed rebuilds nothing). And the built pcsim reports the commit of
# the header it was built with.
# Usage (from the repository root): bash tests/cli/git_commit.sh PATH_TO_PCSIM
set -uo pipefail
pcsim=$(realpath "$1")
script=$(realpath scripts/git_commit.cmake)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
  echo "git_commit: FAILED: $*" >&2
  failures=$((failures + 1))
}
if ! command -v git >/dev/null; then
  echo "git_commit: SKIPPED (no git)"
  exit 0
fi

# commit_of DIR: the commit the script writes for source folder DIR.
commit_of() {
  cmake -DSOURCE_DIR="$1" -DOUTPUT="$work/header.hpp" -P "$script" >/dev/null 2>&1 ||
    fail "the script failed for $1"
  sed -n 's/^inline constexpr const char\* kGitCommit = "\(.*\)";$/\1/p' "$work/header.hpp"
}

repo=$work/repo
mkdir "$repo"
git -C "$repo" init -q
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -q --allow-empty -m first
echo one >"$repo/tracked.txt"
git -C "$repo" add tracked.txt
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -q -m second
head=$(git -C "$repo" rev-parse HEAD)
[[ $head =~ ^[0-9a-f]{40}$ ]] || fail "git gave no commit: $head"

[[ $(commit_of "$repo") == "$head" ]] || fail "a clean tree: $(commit_of "$repo"), expected $head"
# Rewritten only when the text changes.
touch -d '2001-01-01' "$work/header.hpp"
commit_of "$repo" >/dev/null
[[ $(stat -c %Y "$work/header.hpp") == $(date -d '2001-01-01' +%s) ]] ||
  fail "the header was rewritten with the same text"

echo untracked >"$repo/new.txt"
[[ $(commit_of "$repo") == "$head" ]] || fail "an untracked file made it dirty: $(commit_of "$repo")"
echo two >"$repo/tracked.txt"
[[ $(commit_of "$repo") == "$head-dirty" ]] || fail "an edited file: $(commit_of "$repo")"
git -C "$repo" add tracked.txt
[[ $(commit_of "$repo") == "$head-dirty" ]] || fail "a staged edit: $(commit_of "$repo")"
git -C "$repo" -c user.name=t -c user.email=t@example.org commit -q -m third
new_head=$(git -C "$repo" rev-parse HEAD)
[[ $new_head != "$head" ]] || fail "no new commit"
[[ $(commit_of "$repo") == "$new_head" ]] || fail "a new commit: $(commit_of "$repo"), expected $new_head"

# A copy of the source without its git metadata, alone and inside another repository.
mkdir "$work/plain"
cp "$repo/tracked.txt" "$work/plain/"
[[ $(commit_of "$work/plain") == unknown ]] || fail "no git metadata: $(commit_of "$work/plain")"
mkdir "$repo/inner"
cp "$repo/tracked.txt" "$repo/inner/"
[[ $(commit_of "$repo/inner") == unknown ]] || fail "inside another repository: $(commit_of "$repo/inner")"

# The built program reports the commit of its build's header.
header=$(dirname "$pcsim")/generated/pcsim_git_commit.hpp
if [[ -f $header ]]; then
  built=$(sed -n 's/^inline constexpr const char\* kGitCommit = "\(.*\)";$/\1/p' "$header")
  "$pcsim" --version | grep -qF "(git $built)" ||
    fail "pcsim --version: $("$pcsim" --version), expected the header's $built"
  [[ $built =~ ^([0-9a-f]{40}(-dirty)?|unknown)$ ]] || fail "the build's commit: '$built'"
fi

if [[ $failures -ne 0 ]]; then
  echo "git_commit: $failures check(s) failed" >&2
  exit 1
fi
echo "git_commit: OK"

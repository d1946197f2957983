# Writes OUTPUT, the header with the git commit the program is built from, at every build
# (the pcsim_git_commit target of CMakeLists.txt), so that a binary rebuilt after new
# commits or edits reports them: `git rev-parse HEAD`, with "-dirty" appended when a
# tracked file differs from that commit; "unknown" without git or without the source's own
# git metadata (a clean copy of the source, or one inside another repository). The file is
# rewritten only when its text changes, so that a build without changes stays a no-op.
# Usage: cmake -DSOURCE_DIR=... -DOUTPUT=... [-DGIT_EXECUTABLE=...] -P git_commit.cmake
set(commit "unknown")
if(NOT GIT_EXECUTABLE)
  find_program(GIT_EXECUTABLE git)
endif()
if(GIT_EXECUTABLE)
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --show-toplevel
                  WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE top_result
                  OUTPUT_VARIABLE top OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  file(REAL_PATH "${SOURCE_DIR}" source_real)
  if(top_result EQUAL 0 AND top)
    file(REAL_PATH "${top}" top_real)
  endif()
  # Only the source's own repository: a copy unpacked inside another one is not its commit.
  if(top_result EQUAL 0 AND top_real STREQUAL source_real)
    execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --verify HEAD
                    WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE head_result
                    OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(head_result EQUAL 0 AND head MATCHES "^[0-9a-f]+$")
      set(commit "${head}")
      # Staged or unstaged changes to tracked files (untracked files, such as the build
      # folder, do not count); `git status` refreshes the index's stat data first.
      execute_process(COMMAND "${GIT_EXECUTABLE}" status --porcelain --untracked-files=no
                      WORKING_DIRECTORY "${SOURCE_DIR}" RESULT_VARIABLE status_result
                      OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
      if(NOT status_result EQUAL 0 OR NOT changes STREQUAL "")
        string(APPEND commit "-dirty")
      endif()
    endif()
  endif()
endif()
set(text "#pragma once
// Generated at build time by scripts/git_commit.cmake: the commit in every output file.
namespace pcsim {
inline constexpr const char* kGitCommit = \"${commit}\";
}  // namespace pcsim
")
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()

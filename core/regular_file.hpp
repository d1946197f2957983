#pragma once
// Reading a whole file that a user names, safely: only a regular file of bounded size, so
// that /dev/zero is not read until memory runs out and a FIFO does not block for ever
// (the bad-input audit: `pcsim report --chartjs /dev/zero` read forever).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace pcsim {

// The text of a file, or, when it cannot be had, what the path is instead.
struct RegularFileText {
  std::string text;
  std::string problem;       // empty when read: "a directory", "a file of N bytes", ...
  bool not_regular = false;  // it exists but is a directory, device, FIFO or socket
};

// What a file of `mode` (stat's st_mode) is, for messages about a path that should be a
// regular file: "a directory", "a character device", "a block device", "a FIFO (named
// pipe)", "a socket", else "a special file".
std::string kind_of_file(mode_t mode);

// Opens `path` without blocking (a FIFO is found and refused before any read) and reads it
// only when fstat shows a regular file of at most `max_bytes`. Never throws for the file's
// sake: `problem` says what was found (a name holding a NUL, a file that cannot be read
// and why, a directory / device / FIFO / socket, a file of N bytes).
RegularFileText read_regular_file(const std::filesystem::path& path, std::uintmax_t max_bytes);

}  // namespace pcsim

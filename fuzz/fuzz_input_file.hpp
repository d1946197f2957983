#pragma once
// The readers of practice and results files take a path: each fuzz input is written to one
// file of the fuzzing process (in /dev/shm when there is one, so it stays in memory) and
// the reader is pointed at it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace pcsim::fuzz {

inline std::filesystem::path input_file(const std::string& extension) {
  const std::filesystem::path folder = std::filesystem::is_directory("/dev/shm")
                                           ? "/dev/shm"
                                           : std::filesystem::temp_directory_path();
  return folder / ("pcsim-fuzz-" + std::to_string(::getpid()) + extension);
}

// Writes the input to `path` (replacing what the previous input left).
inline void write_input(const std::filesystem::path& path, const std::uint8_t* data,
                        std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace pcsim::fuzz

#pragma once
// A checksum of the whole file, in the HDF5 user block: the first 512 bytes of every file
// pcsim writes, which HDF5 and every HDF5 reader skip (the superblock says where the HDF5
// data start). HDF5's own checksums (Fletcher-32 on each dataset chunk, the 1.10 format's
// metadata checksums) do not cover the "global heap" that holds variable-length strings,
// and HDF5 1.10.8 crashes reading a damaged one; so a reader checks this first, before
// HDF5 parses anything, and any changed byte is reported instead of read.
//
// The record is text, NUL-padded to 512 bytes:
//   pcsim file checksum 1
//   bytes <size of the file>
//   crc32 <CRC-32 (zlib) of bytes 512 to the end, 8 hex digits>
#include <cstdint>
#include <filesystem>

namespace pcsim::output::h5 {

inline constexpr std::uint64_t kUserBlockBytes = 512;

// Computes the checksum of the closed HDF5 file `path` (created with a user block of
// kUserBlockBytes) and writes the record into its user block. Throws OutputError naming
// the file and the system's reason.
void write_file_checksum(const std::filesystem::path& path);

enum class FileChecksum {
  absent,    // no record: a file written before pcsim had it, or not by pcsim
  verified,  // the record matches every byte
};

// Reads the whole file once. Throws DamagedFileError (hdf5_handles.hpp) when the record
// does not match (a changed byte, a truncated or extended file) or is itself damaged;
// OutputError when the file cannot be read.
FileChecksum verify_file_checksum(const std::filesystem::path& path);

// The size of the user block of an open file (0 when it has none): a pcsim file without
// its record but with a user block of kUserBlockBytes has lost the record to damage.
std::uint64_t user_block_bytes(long long file);

}  // namespace pcsim::output::h5

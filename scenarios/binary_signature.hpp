#pragma once
// What a file that is not text is, told from its first bytes, so that a gzip-compressed
// practice file or an Excel workbook given as CSV is named as such ("gzip-compressed?
// decompress it first") instead of being blamed on its encoding (it was told to convert a
// gzip file with iconv -f UTF-16).
#include <optional>
#include <string>
#include <string_view>

namespace pcsim::scenarios {

// A kind of file known by its signature (its first bytes).
struct BinarySignature {
  std::string what;    // "gzip-compressed", "a ZIP archive, such as an Excel .xlsx workbook"
  std::string bytes;   // the signature as shown: "1F 8B"
  std::string advice;  // what to do: "decompress it first, e.g. gunzip -c FILE > NEW"
};

// The kind whose signature `text` begins with (gzip, bzip2, xz, zstd, ZIP and .xlsx, 7-Zip,
// old Excel .xls, HDF5, PDF, PNG, ELF programs), or nullopt when it begins with none.
// `extension` is the extension of the file text is wanted in (".csv", ".toml"), for the advice.
std::optional<BinarySignature> binary_signature(std::string_view text, std::string_view extension);

// "UTF-16 little-endian", "UTF-16 big-endian", "UTF-32 little-endian" or "UTF-32 big-endian"
// when the NUL bytes of `text` fall as they do beside the ASCII characters of such text
// without a byte-order mark, or "" when they follow no such pattern (binary data). A layout
// is taken when at least 9 in 10 of the first (up to 64) units of its width are one
// printable ASCII character or whitespace in its place and NULs elsewhere: the first bytes
// alone called a binary file "UTF-16 big-endian".
std::string nul_pattern(std::string_view text);

}  // namespace pcsim::scenarios

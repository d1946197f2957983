#include "scenarios/binary_signature.hpp"

#include <algorithm>
#include <cstddef>

#include <fmt/format.h>

namespace pcsim::scenarios {

std::optional<BinarySignature> binary_signature(std::string_view text, std::string_view extension) {
  using namespace std::string_view_literals;
  struct Known {
    std::string_view bytes;
    const char* what;
    const char* shown;
    const char* tool;  // the decompressor; nullptr for what is not compressed
  };
  // Signatures of at least 2 bytes no text file begins with (a CSV header or a TOML line
  // starts with a printable character; "BZh" alone could, so bzip2's block mark is included).
  static constexpr Known kKnown[] = {
      {"\x1F\x8B"sv, "gzip-compressed", "1F 8B", "gunzip -c"},
      {"BZh"sv, "bzip2-compressed", "42 5A 68", "bunzip2 -c"},
      {"\xFD"
       "7zXZ\0"sv,
       "xz-compressed", "FD 37 7A 58 5A 00", "xz -dc"},
      {"\x28\xB5\x2F\xFD"sv, "zstd-compressed", "28 B5 2F FD", "zstd -dc"},
      {"7z\xBC\xAF\x27\x1C"sv, "a 7-Zip archive", "37 7A BC AF 27 1C", nullptr},
      {"PK\x03\x04"sv, "a ZIP archive, such as an Excel .xlsx workbook", "50 4B 03 04", nullptr},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "an Excel .xls workbook", "D0 CF 11 E0 A1 B1 1A E1",
       nullptr},
      {"\x89HDF\r\n\x1A\n"sv, "an HDF5 file, such as pcsim's results", "89 48 44 46", nullptr},
      {"%PDF-"sv, "a PDF document", "25 50 44 46 2D", nullptr},
      {"\x89PNG\r\n\x1A\n"sv, "a PNG image", "89 50 4E 47", nullptr},
      {"\x7F"
       "ELF"sv,
       "a program (ELF)", "7F 45 4C 46", nullptr},
  };
  for (const Known& k : kKnown) {
    if (!text.starts_with(k.bytes)) continue;
    // bzip2: "BZh", a block size 1-9, then the block's mark 31 41 59 26 53 59 (or the
    // end-of-stream mark of an empty file).
    if (k.bytes == "BZh"sv && !(text.size() >= 10 && text[3] >= '1' && text[3] <= '9' &&
                                (text.substr(4, 6) == "\x31\x41\x59\x26\x53\x59"sv ||
                                 text.substr(4, 6) == "\x17\x72\x45\x38\x50\x90"sv)))
      continue;
    BinarySignature found;
    found.what = k.what;
    found.bytes = k.shown;
    if (k.tool != nullptr) {
      found.advice = fmt::format("decompress it first, e.g. {} FILE > NEW{}", k.tool, extension);
    } else if (std::string_view(k.what).find("Excel") != std::string_view::npos) {
      found.advice =
          "open it in the spreadsheet and save the sheet as \"CSV UTF-8 (Comma "
          "delimited)\"";
    } else {
      found.advice = "is this the file meant?";
    }
    return found;
  }
  return std::nullopt;
}

std::string nul_pattern(std::string_view text) {
  const auto ascii_units = [&](std::size_t width, std::size_t ascii_at) {
    const std::size_t units = std::min<std::size_t>(text.size() / width, 64);
    if (units < 2) return false;
    std::size_t ascii = 0;
    for (std::size_t u = 0; u < units; ++u) {
      bool unit_is_ascii = true;
      for (std::size_t b = 0; b < width; ++b) {
        const auto c = static_cast<unsigned char>(text[u * width + b]);
        unit_is_ascii = unit_is_ascii && (b == ascii_at ? (c >= 0x20 && c < 0x7F) || c == '\t' ||
                                                              c == '\n' || c == '\r'
                                                        : c == 0);
      }
      ascii += unit_is_ascii ? 1 : 0;
    }
    return 10 * ascii >= 9 * units;
  };
  // UTF-32 first: its units hold three NULs, which UTF-16's pattern would not take anyway.
  if (ascii_units(4, 0)) return "UTF-32 little-endian";
  if (ascii_units(4, 3)) return "UTF-32 big-endian";
  if (ascii_units(2, 0)) return "UTF-16 little-endian";
  if (ascii_units(2, 1)) return "UTF-16 big-endian";
  return {};
}

}  // namespace pcsim::scenarios

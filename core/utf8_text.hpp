#pragma once
// UTF-8 as pcsim reads and writes it. Text in the data files (codes, names) must be UTF-8
// and is refused otherwise (scenarios/csv_reader.cpp); a path is bytes on Linux and cannot
// be refused for that, so wherever a path or echoed input reaches an output that must be
// UTF-8 (HDF5 strings, and through them the report, the workbook and the CSV tables) each
// byte that is not part of a well-formed UTF-8 character is written visibly as \xE9.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pcsim {

// The character starting at byte `at` of `text`: its code point and its length in bytes,
// or a length of 0 where the bytes there are not a well-formed UTF-8 character (a stray
// continuation byte, a cut or overlong sequence, a surrogate, beyond U+10FFFF; Latin-1's
// 0xE9 alone).
struct Utf8Char {
  char32_t code = 0;
  std::size_t size = 0;
};
Utf8Char utf8_char_at(std::string_view text, std::size_t at);

// The offset of the first byte of `text` that is not part of a well-formed UTF-8
// character, or nullopt for valid UTF-8 (ASCII included).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// `text` with each byte that is not part of a well-formed UTF-8 character written as
// \xHH (upper-case hex): valid UTF-8 whatever the input, and the byte still visible
// ("caf\xE9.toml"). Valid UTF-8 is returned unchanged.
std::string valid_utf8(std::string_view text);

// Unicode's White_Space characters (U+0009-000D, U+0020, U+0085, U+00A0, U+1680,
// U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000).
bool is_unicode_space(char32_t code);

// Characters that change how text around them looks or reads without showing themselves:
// the C0 and C1 controls and DEL, the line and paragraph separators U+2028/2029, the
// bidirectional controls (U+061C, U+200E/F, U+202A-202E, U+2066-2069) and the other
// invisible format characters (soft hyphen U+00AD, U+180E, zero-width U+200B-200D,
// U+2060-2064, U+206A-206F, U+FEFF, U+FFF9-FFFB, tags U+E0000-E007F).
bool is_hidden_control(char32_t code);

// "U+202E", for messages.
std::string code_point_name(char32_t code);

}  // namespace pcsim

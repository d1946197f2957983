#pragma once
// A guard in front of the TOML parser. TOML allows characters beyond ASCII only inside
// strings and comments (bare keys, table headers and values are ASCII), so a scenario with
// one anywhere else is invalid whatever the parser says. Debian's toml++ 3.3.0 reaches
// undefined behaviour (__builtin_unreachable in its Unicode tables, upstream issue 295,
// fixed after 3.3.0) on such a character in a bare key or table header - "[abécd]" - so
// the text is checked here first and toml++ never sees one. toml++ also recurses once per
// part of a dotted key or table header, so a key of some 30,000 parts ("a.a.a...",
// 60 KB) overflows the stack; keys are bounded here as toml++ bounds nested values.
#include <filesystem>
#include <string_view>

namespace pcsim::scenarios {

// Throws InputError, first, for text that is not UTF-8, naming the encoding where it can be
// told: a UTF-16 or UTF-32 byte-order mark, NUL bytes (their pattern beside ASCII
// characters: UTF-16 or UTF-32 without a mark), or the first byte that is not UTF-8
// (Latin-1), each at its line and column with how to convert the file.
// Throws InputError at the first byte >= 0x80 outside a string or a comment, naming the
// file, line and column (in characters) and the character, and saying how to write it
// (quote the key). A UTF-8 byte-order mark at the start of the file is allowed.
// Also throws at the first dotted key or table header of more than kMaxTomlKeyParts parts,
// naming its file, line and column.
inline constexpr int kMaxTomlKeyParts = 256;  // as toml++'s TOML_MAX_NESTED_VALUES
void check_toml_text(std::string_view text, const std::filesystem::path& file);

}  // namespace pcsim::scenarios

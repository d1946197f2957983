#pragma once
// A guard in front of the TOML parser. TOML allows characters beyond ASCII only inside
// strings and comments (bare keys, table headers and values are ASCII), so a scenario with
// one anywhere else is invalid whatever the parser says. Debian's toml++ 3.3.0 reaches
// undefined behaviour (__builtin_unreachable in its Unicode tables, upstream issue 295,
// fixed after 3.3.0) on such a character in a bare key or table header - "[abécd]" - so
// the text is checked here first and toml++ never sees one.
#include <filesystem>
#include <string_view>

namespace pcsim::scenarios {

// Throws InputError at the first byte >= 0x80 outside a string or a comment, naming the
// file, line and column (in characters) and the character, and saying how to write it
// (quote the key). A UTF-8 byte-order mark at the start of the file is allowed.
void check_toml_text(std::string_view text, const std::filesystem::path& file);

}  // namespace pcsim::scenarios

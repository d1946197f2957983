#include "scenarios/toml_text_guard.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/utf8_text.hpp"
#include "scenarios/binary_signature.hpp"

namespace pcsim::scenarios {

namespace {

enum class Context { Syntax, Comment, Basic, Literal, MultiBasic, MultiLiteral };

bool starts(std::string_view text, std::size_t at, std::string_view what) {
  return text.substr(at, what.size()) == what;
}

// The UTF-8 character starting at `at` as written (up to 4 bytes), for the message.
std::string character_at(std::string_view text, std::size_t at) {
  std::size_t end = at + 1;
  while (end < text.size() && end < at + 4 &&
         (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    ++end;
  }
  const std::string raw(text.substr(at, end - at));
  // Shown only when it is well formed; otherwise its first byte in hex.
  const auto lead = static_cast<unsigned char>(raw[0]);
  const std::size_t expected = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (expected != 0 && raw.size() == expected) return "'" + raw + "'";
  return fmt::format("the byte 0x{:02X} (not UTF-8)", lead);
}

[[noreturn]] void refuse_long_key(const std::filesystem::path& file, int line, int column) {
  Diagnostic d;
  d.file = file.string();
  d.line = line;
  d.column = column;
  d.found = fmt::format("a dotted key or table header of more than {} parts", kMaxTomlKeyParts);
  d.expected = fmt::format("keys of at most {} dot-separated parts", kMaxTomlKeyParts);
  throw InputError(std::vector<Diagnostic>{d});
}

// The 1-based line and column (in characters) of byte `at`.
std::pair<int, int> place_of(std::string_view text, std::size_t at) {
  int line = 1;
  int column = 1;
  for (std::size_t k = 0; k < at; ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

[[noreturn]] void refuse_encoding(const std::filesystem::path& file, std::size_t at,
                                  std::string_view text, std::string found,
                                  std::string_view convert_from) {
  Diagnostic d;
  d.file = file.string();
  std::tie(d.line, d.column) = place_of(text, at);
  d.found = std::move(found);
  d.expected = fmt::format(
      "a scenario in UTF-8 (or plain ASCII), as TOML requires: save it as UTF-8 in the "
      "editor, or convert it, e.g. iconv -f {} -t UTF-8 FILE > NEW.toml",
      convert_from);
  throw InputError(std::vector<Diagnostic>{d});
}

// A scenario saved as UTF-16 or UTF-32 (a Windows editor's "Unicode"), or as Latin-1,
// was read byte by byte and blamed on its keys ("write the key in quotes"): the
// encoding is named instead, at the first byte that shows it.
void check_encoding(std::string_view text, const std::filesystem::path& file) {
  // A compressed scenario, a workbook, a results file: named by its first bytes.
  if (const auto binary = binary_signature(text, ".toml")) {
    Diagnostic d;
    d.file = file.string();
    d.line = 1;
    d.column = 1;
    d.found = fmt::format("a file that is not TOML text ({}? it begins with the bytes {})",
                          binary->what, binary->bytes);
    d.expected = "a scenario: a TOML text file in UTF-8 (or plain ASCII); " + binary->advice;
    throw InputError(std::vector<Diagnostic>{d});
  }
  const auto starts = [&](std::string_view mark) { return text.substr(0, mark.size()) == mark; };
  using namespace std::string_view_literals;
  struct Mark {
    std::string_view bytes, name, shown;
  };
  // UTF-32's marks first: FF FE 00 00 begins with UTF-16's FF FE.
  for (const Mark& m : {Mark{"\xFF\xFE\0\0"sv, "UTF-32 little-endian", "FF FE 00 00"},
                        Mark{"\0\0\xFE\xFF"sv, "UTF-32 big-endian", "00 00 FE FF"},
                        Mark{"\xFF\xFE"sv, "UTF-16 little-endian", "FF FE"},
                        Mark{"\xFE\xFF"sv, "UTF-16 big-endian", "FE FF"}}) {
    if (starts(m.bytes))
      refuse_encoding(file, 0, text,
                      fmt::format("{} text (it begins with the byte-order mark {}), not UTF-8",
                                  m.name, m.shown),
                      m.name.substr(0, 6));
  }
  if (const std::size_t at = text.find('\0'); at != std::string_view::npos) {
    const std::string pattern = nul_pattern(text);
    if (pattern.empty()) {
      // No text layout: a binary file (a results file, a program) given as the scenario.
      Diagnostic d;
      d.file = file.string();
      std::tie(d.line, d.column) = place_of(text, at);
      d.found = "a NUL byte in no pattern of UTF-16 or UTF-32 text: the file is not text";
      d.expected =
          "a scenario: a TOML text file in UTF-8 (or plain ASCII); is this the file meant?";
      throw InputError(std::vector<Diagnostic>{d});
    }
    refuse_encoding(file, at, text,
                    fmt::format("a NUL byte: the file is not UTF-8 text (its NULs beside ASCII "
                                "characters are {} text without a byte-order mark)",
                                pattern),
                    pattern.substr(0, 6) + (pattern.ends_with("little-endian") ? "LE" : "BE"));
  }
  if (const auto at = first_invalid_utf8(text))
    refuse_encoding(file, *at, text,
                    fmt::format("the byte 0x{:02X} (not UTF-8), as in Latin-1 or Windows-1252 text",
                                static_cast<unsigned char>(text[*at])),
                    "WINDOWS-1252");
}

}  // namespace

void check_toml_text(std::string_view text, const std::filesystem::path& file) {
  check_encoding(text, file);
  std::size_t at = starts(text, 0, "\xEF\xBB\xBF") ? 3 : 0;  // a byte-order mark
  Context context = Context::Syntax;
  int line = 1;
  int column = 1;
  int key_dots = 0;  // dots outside strings since the line or the last '=', ',', [ ] { }
  while (at < text.size()) {
    const char c = text[at];
    std::size_t step = 1;
    switch (context) {
      case Context::Syntax:
        if (static_cast<unsigned char>(c) >= 0x80) {
          Diagnostic d;
          d.file = file.string();
          d.line = line;
          d.column = column;
          d.found = fmt::format("{} outside a string or comment", character_at(text, at));
          d.expected =
              "TOML's keys and syntax in ASCII (letters A-Z and a-z, digits, '_' and '-' in "
              "bare keys): write the key in quotes, e.g. [\"abécd\"] or \"clé\" = 1";
          throw InputError(std::vector<Diagnostic>{d});
        }
        if (c == '.' && ++key_dots >= kMaxTomlKeyParts) refuse_long_key(file, line, column);
        if (c == '=' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}') {
          key_dots = 0;
        }
        if (c == '#') {
          context = Context::Comment;
        } else if (starts(text, at, "\"\"\"")) {
          context = Context::MultiBasic;
          step = 3;
        } else if (starts(text, at, "'''")) {
          context = Context::MultiLiteral;
          step = 3;
        } else if (c == '"') {
          context = Context::Basic;
        } else if (c == '\'') {
          context = Context::Literal;
        }
        break;
      case Context::Comment:
        if (c == '\n') context = Context::Syntax;
        break;
      case Context::Basic:
        if (c == '\\' && at + 1 < text.size() && text[at + 1] != '\n') {
          step = 2;
        } else if (c == '"' || c == '\n') {  // a newline ends it (an error toml++ reports)
          context = Context::Syntax;
        }
        break;
      case Context::Literal:
        if (c == '\'' || c == '\n') context = Context::Syntax;
        break;
      case Context::MultiBasic:
        if (c == '\\' && at + 1 < text.size() && text[at + 1] != '\n') {
          step = 2;
        } else if (starts(text, at, "\"\"\"")) {
          // Up to two more quotes belong to the string: """a"""" ends after 5.
          step = 3;
          while (step < 5 && at + step < text.size() && text[at + step] == '"') ++step;
          context = Context::Syntax;
        }
        break;
      case Context::MultiLiteral:
        if (starts(text, at, "'''")) {
          step = 3;
          while (step < 5 && at + step < text.size() && text[at + step] == '\'') ++step;
          context = Context::Syntax;
        }
        break;
    }
    for (std::size_t k = at; k < at + step && k < text.size(); ++k) {
      if (text[k] == '\n') {
        ++line;
        column = 1;
        key_dots = 0;
      } else if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) {
        ++column;  // columns count characters, not the continuation bytes of UTF-8
      }
    }
    at += step;
  }
}

}  // namespace pcsim::scenarios

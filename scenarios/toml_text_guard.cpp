#include "scenarios/toml_text_guard.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"

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

}  // namespace

void check_toml_text(std::string_view text, const std::filesystem::path& file) {
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

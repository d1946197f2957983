#include "scenarios/toml_key_reuse.hpp"

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace pcsim::scenarios {

namespace {

// One key of a line: the dotted key as TOML reads it (quotes removed, the parts joined by
// '.', the parts of the table or inline table it is in before it), as written, and where
// it begins in the line.
struct LineKey {
  std::string full;
  std::string written;
  std::size_t begin = 0;
  bool header = false;  // a [table] or [[array]] header
};

bool bare(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

void skip_spaces(std::string_view s, std::size_t& at) {
  while (at < s.size() && (s[at] == ' ' || s[at] == '\t')) ++at;
}

// `code` in UTF-8 (a code point toml++ has already accepted).
void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// The escape of a basic string at `at` (just past its backslash), decoded as TOML reads it
// and appended to `part`: "list_noise\u005Fsd" is the key list_noise_sd, so it must be
// compared as that (compared as written, the key given twice was not found, and toml++'s
// own garbled message was shown).
void unescape(std::string_view s, std::size_t& at, std::string& part) {
  const char c = s[at++];
  const std::size_t digits = c == 'u' ? 4 : c == 'U' ? 8 : c == 'x' ? 2 : 0;
  if (digits > 0) {
    std::uint32_t code = 0;
    std::size_t k = 0;
    for (; k < digits && at < s.size() && std::isxdigit(static_cast<unsigned char>(s[at])); ++k) {
      const char h = static_cast<char>(std::tolower(static_cast<unsigned char>(s[at++])));
      code = code * 16 + static_cast<std::uint32_t>(h <= '9' ? h - '0' : h - 'a' + 10);
    }
    if (k == digits && code <= 0x10FFFF) append_utf8(part, code);
    return;
  }
  switch (c) {
    case 'b':
      part += '\b';
      break;
    case 't':
      part += '\t';
      break;
    case 'n':
      part += '\n';
      break;
    case 'f':
      part += '\f';
      break;
    case 'r':
      part += '\r';
      break;
    case 'e':
      part += '\x1B';
      break;
    default:
      part += c;  // \" and \\ (toml++ refused any other)
  }
}

// A quoted part from the quote at `at` to past its closing quote, with a basic string's
// escapes decoded (a literal string has none).
std::optional<std::string> quoted(std::string_view s, std::size_t& at) {
  const char quote = s[at++];
  std::string part;
  while (at < s.size() && s[at] != quote) {
    if (quote == '"' && s[at] == '\\' && at + 1 < s.size()) {
      unescape(s, ++at, part);
      continue;
    }
    part += s[at++];
  }
  if (at >= s.size()) return std::nullopt;
  ++at;
  return part;
}

// A dotted key from `at`: its parts, or nullopt when there is none.
std::optional<std::vector<std::string>> dotted_key(std::string_view s, std::size_t& at) {
  std::vector<std::string> parts;
  while (true) {
    skip_spaces(s, at);
    if (at >= s.size()) return std::nullopt;
    if (s[at] == '"' || s[at] == '\'') {
      auto part = quoted(s, at);
      if (!part) return std::nullopt;
      parts.push_back(std::move(*part));
    } else if (bare(s[at])) {
      const std::size_t from = at;
      while (at < s.size() && bare(s[at])) ++at;
      parts.emplace_back(s.substr(from, at - from));
    } else {
      return std::nullopt;
    }
    skip_spaces(s, at);
    if (at >= s.size() || s[at] != '.') return parts;
    ++at;
  }
}

std::string joined(const std::vector<std::string>& prefix, const std::vector<std::string>& parts) {
  std::string key;
  for (const auto* list : {&prefix, &parts})
    for (const auto& part : *list) key += (key.empty() ? "" : ".") + part;
  return key;
}

// The keys of one line: a table header's, or the key-value pairs' (inline tables'
// included); `table` is the table the line is in.
std::vector<LineKey> keys_of_line(std::string_view s, const std::vector<std::string>& table) {
  std::vector<LineKey> keys;
  std::size_t at = 0;
  skip_spaces(s, at);
  if (at < s.size() && s[at] == '[') {
    const std::size_t begin = at;
    at += (at + 1 < s.size() && s[at + 1] == '[') ? 2 : 1;
    if (auto parts = dotted_key(s, at)) {
      while (at < s.size() && s[at] == ']') ++at;  // shown closed: [a] or [[a]]
      keys.push_back({joined({}, *parts), std::string(s.substr(begin, at - begin)), begin, true});
    }
    return keys;
  }
  // Key-value pairs; '{' opens an inline table whose keys follow the key before it.
  std::vector<std::vector<std::string>> prefixes{table};
  while (at < s.size()) {
    skip_spaces(s, at);
    const std::size_t begin = at;
    auto parts = dotted_key(s, at);
    if (!parts || at >= s.size() || s[at] != '=') return keys;
    const std::string written(s.substr(begin, at - begin));
    keys.push_back({joined(prefixes.back(), *parts),
                    written.substr(0, written.find_last_not_of(" \t") + 1), begin, false});
    ++at;
    skip_spaces(s, at);
    if (at < s.size() && s[at] == '{') {
      std::vector<std::string> inner = prefixes.back();
      inner.insert(inner.end(), parts->begin(), parts->end());
      prefixes.push_back(std::move(inner));
      ++at;
      continue;
    }
    // Past the value: strings skipped whole, brackets counted; then ',' or '}' or the end.
    int depth = 0;
    while (at < s.size()) {
      const char c = s[at];
      if (c == '"' || c == '\'') {
        if (!quoted(s, at)) return keys;
        continue;
      }
      if (c == '#') return keys;
      if (c == '[') ++depth;
      if (c == ']') --depth;
      if (depth == 0 && (c == ',' || c == '}')) break;
      ++at;
    }
    while (at < s.size() && (s[at] == '}' || s[at] == ',' || s[at] == ' ' || s[at] == '\t')) {
      if (s[at] == '}' && prefixes.size() > 1) prefixes.pop_back();
      ++at;
    }
  }
  return keys;
}

}  // namespace

std::optional<Diagnostic> key_reuse_problem(std::string_view text, int line,
                                            std::string_view description,
                                            const std::filesystem::path& file) {
  if (description.find("cannot redefine existing") == std::string_view::npos) return std::nullopt;
  // Every line up to toml++'s, with the table each is in, and the keys on it.
  std::vector<std::string> table;
  struct Seen {
    int line;
    LineKey key;
  };
  std::vector<Seen> seen;
  std::size_t from = 0;
  for (int n = 1; n <= line && from <= text.size(); ++n) {
    const std::size_t end = std::min(text.find('\n', from), text.size());
    std::string_view s = text.substr(from, end - from);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    for (LineKey& key : keys_of_line(s, table)) {
      if (key.header) {
        std::size_t at = key.begin + (key.written.starts_with("[[") ? 2 : 1);
        table = *dotted_key(s, at);
      }
      seen.push_back({n, std::move(key)});
    }
    from = end + 1;
  }
  // The last key of toml++'s line given before it, on an earlier line or earlier on it:
  // the same key first, then a value given keys below it, or a table header over keys
  // given (a.b = 1 then [a]).
  const auto same = [](const LineKey& first, const LineKey& again) {
    return first.full == again.full;
  };
  const auto covering = [](const LineKey& first, const LineKey& again) {
    return (!first.header && again.full.starts_with(first.full + ".")) ||
           (again.header && first.full.starts_with(again.full + "."));
  };
  for (const auto& clash : {+same, +covering}) {
    for (auto again = seen.rbegin(); again != seen.rend() && again->line == line; ++again) {
      for (auto first = again + 1; first != seen.rend(); ++first) {
        if (!clash(first->key, again->key)) continue;
        Diagnostic d;
        d.file = file.string();
        d.line = line;
        d.column = static_cast<int>(again->key.begin) + 1;
        d.key = again->key.full;
        d.found = fmt::format("{} again (first given at line {} as {})", again->key.written,
                              first->line, first->key.written);
        d.expected =
            "each key and table once (TOML reads format, \"format\" and 'format' as one key): "
            "remove one of them or give the second another name";
        return d;
      }
    }
  }
  return std::nullopt;
}

}  // namespace pcsim::scenarios

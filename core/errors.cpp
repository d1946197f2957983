#include "core/errors.hpp"

#include <cstdio>
#include <sstream>

#include "core/utf8_text.hpp"

namespace pcsim {

namespace {
// The longest a key, and any other part, of a message is shown: far beyond any real key
// or value, short enough that one line stays readable.
constexpr std::size_t kMaxKeyBytes = 200;
constexpr std::size_t kMaxPartBytes = 2000;
}  // namespace

namespace {

std::string shown_text(std::string_view text, std::size_t max_bytes, bool keep_line_breaks) {
  std::size_t cut = text.size();
  if (cut > max_bytes) {
    cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  std::string shown;
  shown.reserve(cut + 32);
  for (std::size_t i = 0; i < cut;) {
    const Utf8Char c = utf8_char_at(text.substr(0, cut), i);
    char escaped[16];
    if (c.size == 0) {  // not UTF-8 (Latin-1's 0xE9): the byte, visibly
      std::snprintf(escaped, sizeof escaped, "\\x%02X", static_cast<unsigned char>(text[i]));
      shown += escaped;
      ++i;
      continue;
    }
    const bool line_break = c.code == '\n' || c.code == '\t';  // our own lists break lines
    if (is_hidden_control(c.code) && !(keep_line_breaks && line_break)) {
      std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c.code));
      shown += escaped;
    } else {
      shown.append(text.substr(i, c.size));
    }
    i += c.size;
  }
  if (cut < text.size()) shown += "... (" + std::to_string(text.size()) + " bytes in all)";
  return shown;
}

}  // namespace

std::string printable_text(std::string_view text, std::size_t max_bytes) {
  return shown_text(text, max_bytes, true);
}

std::string one_line_text(std::string_view text, std::size_t max_bytes) {
  return shown_text(text, max_bytes, false);
}

std::string Diagnostic::format() const {
  std::ostringstream out;
  if (!file.empty()) {
    out << one_line_text(file, kMaxPartBytes);
    if (line > 0) out << ':' << line;
    if (column > 0) out << ':' << column;
    out << ": ";
  }
  if (!key.empty()) out << "key '" << one_line_text(key, kMaxKeyBytes) << "': ";
  bool any = false;
  if (!found.empty()) {
    out << "found " << one_line_text(found, kMaxPartBytes);
    any = true;
  }
  if (!expected.empty()) {
    out << (any ? "; " : "") << "expected " << printable_text(expected, kMaxPartBytes);
    any = true;
  }
  if (!suggestion.empty())
    out << (any ? " " : "") << '(' << one_line_text(suggestion, kMaxPartBytes) << ')';
  return out.str();
}

static std::string join(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.format();
  }
  return text;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(const std::string& message) : std::runtime_error(message) {}

}  // namespace pcsim

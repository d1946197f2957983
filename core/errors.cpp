#include "core/errors.hpp"

#include <cstdio>
#include <sstream>

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
  for (std::size_t i = 0; i < cut; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool line_break = c == '\n' || c == '\t';  // our own lists break lines
    if ((c < 0x20 && !(keep_line_breaks && line_break)) || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04X", c);
      shown += escaped;
    } else {
      shown += text[i];
    }
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

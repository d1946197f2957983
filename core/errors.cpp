#include "core/errors.hpp"

#include <sstream>

namespace pcsim {

std::string Diagnostic::format() const {
  std::ostringstream out;
  if (!file.empty()) {
    out << file;
    if (line > 0) out << ':' << line;
    if (column > 0) out << ':' << column;
    out << ": ";
  }
  if (!key.empty()) out << "key '" << key << "': ";
  bool any = false;
  if (!found.empty()) {
    out << "found " << found;
    any = true;
  }
  if (!expected.empty()) {
    out << (any ? "; " : "") << "expected " << expected;
    any = true;
  }
  if (!suggestion.empty()) out << (any ? " " : "") << '(' << suggestion << ')';
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

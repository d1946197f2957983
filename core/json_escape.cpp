#include "core/json_escape.hpp"

#include "core/utf8_text.hpp"

namespace pcsim {

namespace {

void append_unicode_escape(std::string& out, unsigned char byte) {
  constexpr std::string_view kHex = "0123456789abcdef";
  out += "\\u00";
  out += kHex[byte >> 4];
  out += kHex[byte & 0xf];
}

}  // namespace

std::string json_quote(std::string_view raw, std::string_view also_as_unicode) {
  const std::string text = valid_utf8(raw);  // JSON is UTF-8: a path's 0xE9 as \xE9
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20 || (byte < 0x80 && also_as_unicode.find(c) != std::string_view::npos)) {
          append_unicode_escape(out, byte);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace pcsim

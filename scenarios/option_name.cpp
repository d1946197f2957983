#include "scenarios/option_name.hpp"

#include <fmt/format.h>

#include "core/utf8_text.hpp"

namespace pcsim::scenarios {

std::string option_name_problem(std::string_view name) {
  if (name.empty()) return "an empty name";
  if (name == "." || name == "..") return "a name the results file reserves";
  if (name.find('/') != std::string_view::npos) return "a '/' (a group separator in the results)";
  bool any_shown = false;    // a character that is neither a space nor hidden
  char32_t space_first = 0;  // the space at the start or the end, or 0
  char32_t space_last = 0;
  bool after_space = false;  // the previous character was a space
  int two_spaces_at = 0;     // the first of two spaces in a row, or 0
  int position = 0;          // in characters, 1-based
  for (std::size_t at = 0; at < name.size();) {
    const Utf8Char c = utf8_char_at(name, at);
    ++position;
    if (c.size == 0)
      return fmt::format("the byte 0x{:02X} at character {}, not UTF-8",
                         static_cast<unsigned char>(name[at]), position);
    // A tab or U+2028 is a space to Unicode but a control here: refused anywhere.
    const bool space = is_unicode_space(c.code) && !is_hidden_control(c.code);
    if (!space && is_hidden_control(c.code))
      return fmt::format("the control or invisible format character {} at character {}",
                         code_point_name(c.code), position);
    // Two spaces print as one in the report and the workbook: "a  b" would look like "a b".
    if (space && after_space && two_spaces_at == 0) two_spaces_at = position - 1;
    after_space = space;
    if (position == 1) space_first = space ? c.code : 0;
    space_last = space ? c.code : 0;
    any_shown = any_shown || !space;
    at += c.size;
  }
  if (!any_shown) return fmt::format("only spaces ({} first)", code_point_name(space_first));
  if (space_first) return fmt::format("a space ({}) at the start", code_point_name(space_first));
  if (space_last) return fmt::format("a space ({}) at the end", code_point_name(space_last));
  if (two_spaces_at > 0)
    return fmt::format("two spaces in a row at character {} (a page shows them as one)",
                       two_spaces_at);
  return {};
}

}  // namespace pcsim::scenarios

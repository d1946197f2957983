#pragma once
// What an option's name (and the baseline's) may be. Names become group names in the
// results file and headings in the summary, report and workbook, where two names must
// look different and a name must read as it is: so no '/', not "." or "..", nothing
// invisible (Unicode spaces alone, U+2028 line breaks, bidirectional controls such as
// U+202E that reverse the text after them, zero-width characters) and no surrounding
// space of any kind (NBSP included), nor two spaces in a row (a page shows them as one).
#include <string>
#include <string_view>

namespace pcsim::scenarios {

// What is wrong with `name` ("a control or invisible format character U+202E at
// character 2", "only spaces", ...), or "" for a usable name. TOML strings are UTF-8, so
// `name` is decoded as UTF-8; a byte that is not is a problem too.
std::string option_name_problem(std::string_view name);

// The rule as the messages state it.
inline constexpr std::string_view kOptionNameRule =
    "a non-empty string without '/', control characters, invisible or bidirectional-format "
    "characters (e.g. U+2028, U+202E, U+200B), surrounding spaces (NBSP included) or two spaces "
    "in a row, not \".\" or \"..\"";

}  // namespace pcsim::scenarios

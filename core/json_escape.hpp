#pragma once
// JSON string literals, written once for every JSON pcsim writes (the scenario schema, the
// report's chart data).
#include <string>
#include <string_view>

namespace pcsim {

// `text` as a JSON string literal: in quotes, with '"' and '\' escaped, newline, carriage
// return and tab as \n \r \t, the other control characters (below 0x20) as \u00XX, and
// every other byte as it is (UTF-8 passes through; a byte that is not UTF-8, as in a
// Latin-1 file name, is written visibly as \\xE9: core/utf8_text.hpp, valid_utf8). Each ASCII
// character of `also_as_unicode` is written as \u00XX too: "<>&" lets the JSON sit inside an HTML
// <script> element whatever the text holds.
std::string json_quote(std::string_view text, std::string_view also_as_unicode = {});

}  // namespace pcsim

// json_quote (core/json_escape.hpp): the escapes RFC 8259 requires, written the way the
// expected strings below spell them out by hand, and nothing more unless asked.
#include "core/json_escape.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace pcsim {
namespace {

struct Case {
  std::string text;
  std::string expected;                   // the literal, quotes included
  std::string_view also_as_unicode = {};  // json_quote's second argument
};

void expect_all(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(json_quote(c.text, c.also_as_unicode), c.expected) << c.text;
  }
}

// Fact: quotes and backslashes are escaped; newline, carriage return and tab by name.
TEST(JsonQuote, QuotesBackslashesAndNamedControls) {
  expect_all({{"", R"("")"},
              {"plain", R"("plain")"},
              {R"(say "hi")", R"("say \"hi\"")"},
              {R"(C:\data\x.csv)", R"("C:\\data\\x.csv")"},
              {"a\nb\rc\td", R"("a\nb\rc\td")"}});
}

// Fact: every other byte below 0x20 is \u00XX in lower-case hex (NUL included); DEL
// (0x7f) needs no escape and is left as it is.
TEST(JsonQuote, OtherControlCharactersAsUnicodeEscapes) {
  expect_all({{std::string("x\0y", 3), R"("x\u0000y")"},
              {"\x01", R"("\u0001")"},
              {"\b\f", R"("\u0008\u000c")"},
              {"\x1b[0m", R"("\u001b[0m")"},
              {"\x1f", R"("\u001f")"},
              {"\x7f", "\"\x7f\""}});
}

// Fact: UTF-8 passes through byte for byte (£, the true minus, an emoji, U+2028).
TEST(JsonQuote, NonAsciiUtf8PassesThrough) {
  expect_all({{"£5", "\"£5\""},
              {"\u2212£2.4m", "\"\u2212£2.4m\""},
              {"\xF0\x9F\x8F\xA5", "\"\xF0\x9F\x8F\xA5\""},
              {"a\u2028b", "\"a\u2028b\""}});
}

// Fact: the characters asked for are written as \u00XX as well (the report's "<>&"), and
// only those; the usual escapes still apply; a non-ASCII byte in the list changes nothing.
TEST(JsonQuote, ExtraCharactersOnRequest) {
  expect_all({{"</script>&", R"("\u003c/script\u003e\u0026")", "<>&"},
              {"a<b", R"("a<b")", ">"},
              {"\"<\\\n", R"("\"\u003c\\\n")", "<"},
              {"£", "\"£\"", "\xc2\xa3"},
              {"</script>", R"("</script>")"}});  // not asked: left as it is
}

}  // namespace
}  // namespace pcsim

// UTF-8 as pcsim reads and writes it (core/utf8_text.hpp): what is well-formed, how a byte
// that is not is shown (\xE9), and which characters hide or reorder text (the input audit
// B, repro_04 and repro_14 d; docs/input-audit.md).
#include "core/utf8_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pcsim {
namespace {

// Fact: ASCII, 2-, 3- and 4-byte characters are well-formed; Latin-1's lone 0xE9, a stray
// continuation byte, a cut character, an overlong form, a surrogate and a code point
// beyond U+10FFFF are not, each found at its first byte.
TEST(Utf8Text, OnlyWellFormedCharactersAreUtf8) {
  EXPECT_EQ(first_invalid_utf8("plain"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("Z0000\xE9"), 5u);
  EXPECT_EQ(first_invalid_utf8("a\x80"), 1u);
  EXPECT_EQ(first_invalid_utf8("ab\xE2\x82"), 2u);
  EXPECT_EQ(first_invalid_utf8("\xC0\xAF"), 0u);          // '/' overlong
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);      // U+D800
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // U+110000
  const Utf8Char euro = utf8_char_at("\xE2\x82\xAC", 0);
  EXPECT_EQ(euro.code, U'\u20AC');
  EXPECT_EQ(euro.size, 3u);
}

// Fact: valid_utf8 leaves UTF-8 as it is and writes each byte that is not as \xHH, so a
// Latin-1 file name stays visible in an output that must be UTF-8.
TEST(Utf8Text, BytesThatAreNotUtf8AreWrittenVisibly) {
  EXPECT_EQ(valid_utf8("caf\xC3\xA9.toml"), "caf\xC3\xA9.toml");
  EXPECT_EQ(valid_utf8("caf\xE9.toml"), "caf\\xE9.toml");
  EXPECT_EQ(valid_utf8("\xFF\xFE"
                       "a\xE2\x82"),
            "\\xFF\\xFE"
            "a\\xE2\\x82");
  EXPECT_EQ(first_invalid_utf8(valid_utf8("\x80\xC0\xAF\xED\xA0\x80")), std::nullopt);
}

// Fact: the characters that hide or reorder text are the controls, U+2028/2029, the
// bidirectional controls and the invisible format characters; letters, NBSP and the
// ordinary space are not. NBSP and U+3000 are spaces to Unicode.
TEST(Utf8Text, HiddenControlsAndSpaces) {
  for (const char32_t c : {0x00u, 0x1Bu, 0x7Fu, 0x85u, 0xADu, 0x061Cu, 0x200Bu, 0x200Eu, 0x200Fu,
                           0x2028u, 0x2029u, 0x202Au, 0x202Eu, 0x2066u, 0x2069u, 0xFEFFu, 0xE0041u})
    EXPECT_TRUE(is_hidden_control(c)) << code_point_name(c);
  for (const char32_t c : {0x20u, 0x41u, 0xA0u, 0xE9u, 0x20ACu, 0x3000u})
    EXPECT_FALSE(is_hidden_control(c)) << code_point_name(c);
  EXPECT_TRUE(is_unicode_space(0xA0));
  EXPECT_TRUE(is_unicode_space(0x3000));
  EXPECT_FALSE(is_unicode_space(0x200B));  // zero-width, but a format character
  EXPECT_EQ(code_point_name(0x202E), "U+202E");
}

}  // namespace
}  // namespace pcsim

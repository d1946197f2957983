// What a message shows of the input (core/errors.hpp, printable_text and
// Diagnostic::format): control characters escaped, long text cut with its length, so that
// a NUL or an escape sequence in a scenario cannot break the terminal and a 1 MB key
// cannot flood it (the bad-input audit, docs/input-audit.md items 15 and 20).
#include <gtest/gtest.h>

#include <string>

#include "core/errors.hpp"

namespace pcsim {
namespace {

// Fact: a NUL, an escape and DEL become \u0000, \u001B and \u007F; a newline and a tab,
// which pcsim's own messages use, are kept; other text is unchanged.
TEST(PrintableText, ControlCharactersAreEscaped) {
  EXPECT_EQ(printable_text(std::string("a\0b", 3), 100), "a\\u0000b");
  EXPECT_EQ(printable_text("\x1B[31mred\x7F", 100), "\\u001B[31mred\\u007F");
  EXPECT_EQ(printable_text("one\ntwo\tthree", 100), "one\ntwo\tthree");
  EXPECT_EQ(printable_text("caf\xC3\xA9", 100), "caf\xC3\xA9");
}

// Fact: a byte that is not UTF-8 (a Latin-1 file name or code) is shown as \xE9, so a
// message is UTF-8 whatever the input holds; a bidirectional override (U+202E), U+2028 and
// a zero-width space are shown as \u202E, \u2028, \u200B, so a message reads as it is
// (the input audit B, repro_04 and repro_14 d).
TEST(PrintableText, BytesThatAreNotUtf8AndHiddenCharactersAreShownEscaped) {
  EXPECT_EQ(printable_text("caf\xE9.toml", 100), "caf\\xE9.toml");
  EXPECT_EQ(one_line_text("x\u202Eevil a\u2028b c\u200Bd", 100),
            "x\\u202Eevil a\\u2028b c\\u200Bd");
  EXPECT_EQ(printable_text("\u00A0caf\u00E9", 100), "\u00A0caf\u00E9");  // visible: kept
  Diagnostic d;
  d.file = "caf\xE9.toml";
  d.line = 2;
  d.key = "options[1].name";
  d.found = "\"x\u202Eevil\"";
  EXPECT_EQ(d.format(), "caf\\xE9.toml:2: key 'options[1].name': found \"x\\u202Eevil\"");
}

// Fact: what a diagnostic echoes of the input (the file, the key, the value found) keeps a
// problem on one line: a newline or a tab there is \u000A / \u0009 (the input audit B: a
// value "med<newline>ian" made one problem two lines). pcsim's own expected text is kept.
TEST(PrintableText, EchoedInputStaysOnOneLine) {
  EXPECT_EQ(one_line_text("med\nian\tx", 100), "med\\u000Aian\\u0009x");
  Diagnostic d;
  d.file = "data/no\nsuch.csv";
  d.line = 3;
  d.key = "funding.tar\nget";
  d.found = "'med\nian'";
  d.expected = "one of median, mean";
  EXPECT_EQ(d.format(),
            "data/no\\u000Asuch.csv:3: key 'funding.tar\\u000Aget': found 'med\\u000Aian'; "
            "expected one of median, mean");
}

// Fact: text beyond the limit is cut there, never inside a UTF-8 character, and the note
// gives the whole length in bytes; text at the limit is whole.
TEST(PrintableText, LongTextIsCutWithItsLength) {
  EXPECT_EQ(printable_text(std::string(10, 'a'), 10), std::string(10, 'a'));
  EXPECT_EQ(printable_text(std::string(11, 'a'), 10),
            std::string(10, 'a') + "... (11 bytes in all)");
  // "é" is 2 bytes at bytes 3-4: a cut at 4 would split it, so it comes at 3.
  EXPECT_EQ(printable_text("abc\xC3\xA9xyz", 4), "abc... (8 bytes in all)");
}

// Fact: a diagnostic whose key is 1 MB (an unknown key of a million characters, echoed in
// the key and in what was found) is printed in under 3,000 bytes, the key cut at 200; a
// NUL in what was found is shown as \u0000.
TEST(PrintableText, DiagnosticsShowAMegabyteKeyShortly) {
  Diagnostic d;
  d.file = "s.toml";
  d.line = 2;
  d.key = std::string(1 << 20, 'k');
  d.found = "an unknown key '" + d.key + "'";
  d.expected = "a key of [population]";
  const std::string line = d.format();
  EXPECT_LT(line.size(), 3000u);
  EXPECT_NE(line.find("key '" + std::string(200, 'k') + "... (1048576 bytes in all)'"),
            std::string::npos);
  d.key = "include";
  d.found = std::string("\"a.toml\0b\"", 10);
  EXPECT_EQ(d.format(),
            "s.toml:2: key 'include': found \"a.toml\\u0000b\"; expected a key of "
            "[population]");
}

}  // namespace
}  // namespace pcsim

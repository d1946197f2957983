// The guard in front of toml++ (scenarios/toml_text_guard.hpp): a byte beyond ASCII outside
// a string or comment is refused with its line and column, before the parser sees it;
// inside strings of all four kinds and in comments it is allowed, as TOML allows it. The
// fixture holds the reproducer of the toml++ 3.3.0 fault (upstream issue 295): a
// non-ASCII character in a table header.
#include "scenarios/toml_text_guard.hpp"

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"

namespace pcsim::scenarios {
namespace {

using namespace testing;

// The diagnostic of a text the guard must refuse.
Diagnostic refusal(std::string_view text) {
  try {
    check_toml_text(text, "guard.toml");
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    if (!e.diagnostics().empty()) return e.diagnostics().front();
  }
  ADD_FAILURE() << "accepted: " << text;
  return {};
}

// Fact: the reproducer "format = 1" / "[abécd]" is refused at line 2, column 4 (the 'é',
// counted in characters), naming the character and how to write the key instead, by
// load_scenario as by the guard itself: toml++ never parses it.
TEST(TomlTextGuard, TheToml295ReproducerIsRefusedWhereItIs) {
  const auto file = fixture("non_ascii_table_header.toml");
  ASSERT_EQ(read_text(file),
            "format = 1\n[ab\xC3\xA9"
            "cd]\n");
  try {
    load_scenario(file);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, file.string());
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.column, 4);
    EXPECT_TRUE(contains(d.found, "'\xC3\xA9' outside a string or comment")) << d.format();
    EXPECT_TRUE(contains(d.expected, "in quotes")) << d.format();
  }
}

// Fact: in a bare key, a value and after a string has ended, a non-ASCII byte is refused
// at its own line and column; columns count characters, not bytes.
TEST(TomlTextGuard, OutsideStringsIsRefusedWithItsPlace) {
  EXPECT_EQ(refusal("clé = 1\n").column, 3);
  const Diagnostic value = refusal("a = \"é\"\nb = é\n");
  EXPECT_EQ(value.line, 2);
  EXPECT_EQ(value.column, 5);
  const Diagnostic after = refusal("a = \"é\" é\n");
  EXPECT_EQ(after.line, 1);
  EXPECT_EQ(after.column, 9);
  const Diagnostic dotted = refusal("[a]\nb.ç = 1\n");
  EXPECT_EQ(dotted.line, 2);
  EXPECT_EQ(dotted.column, 3);
}

// Fact: bytes that are not UTF-8 at all are named by their value.
TEST(TomlTextGuard, InvalidUtf8IsNamedInHex) {
  EXPECT_TRUE(contains(refusal("a = \xFF\n").found, "0xFF (not UTF-8)"));
  EXPECT_TRUE(contains(refusal("[a\xC3]\n").found, "0xC3 (not UTF-8)"));
}

// Fact: inside basic, literal and both multi-line strings, in comments, after escaped
// quotes and with a byte-order mark at the start, non-ASCII text is allowed.
TEST(TomlTextGuard, StringsAndCommentsMayHoldAnything) {
  const std::string text =
      "\xEF\xBB\xBF# café\n"
      "a = \"clé \\\" é\"  # déjà\n"
      "b = 'naïve'\n"
      "c = \"\"\"\nlignes\nà \"\" la suite\"\"\"\n"
      "d = '''\nvoilà\n'''\n"
      "[\"quoted é\"]\n"
      "e.\"ü\" = 1\n";
  EXPECT_NO_THROW(check_toml_text(text, "guard.toml"));
}

// Fact: a multi-line string that ends with extra quotes ("""a"""" holds a"), then a bare
// non-ASCII byte, is refused on the right line: the closing quotes are counted exactly.
TEST(TomlTextGuard, ClosingQuotesAreCountedExactly) {
  const Diagnostic d = refusal("a = \"\"\"x\"\"\"\"\nb = ø\n");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 5);
}

// `parts` copies of "a" joined by ".".
std::string dotted(int parts) {
  std::string key = "a";
  for (int i = 1; i < parts; ++i) key += ".a";
  return key;
}

// Fact: a dotted key or table header is refused past kMaxTomlKeyParts (256) parts, at the
// dot that starts part 257 (line 2, column 2 x 256 = 512), and allowed at 256 parts.
// Quoted parts and spaces around the dots count the same.
TEST(TomlTextGuard, KeysOfMoreThan256PartsAreRefusedWhereTheyPassTheLimit) {
  ASSERT_EQ(kMaxTomlKeyParts, 256);
  EXPECT_NO_THROW(check_toml_text("x = 1\n" + dotted(256) + " = 1\n", "guard.toml"));
  EXPECT_NO_THROW(check_toml_text("[" + dotted(256) + "]\n", "guard.toml"));
  const Diagnostic key = refusal("x = 1\n" + dotted(257) + " = 1\n");
  EXPECT_EQ(key.line, 2);
  EXPECT_EQ(key.column, 512);
  EXPECT_TRUE(contains(key.found, "more than 256 parts")) << key.format();
  EXPECT_TRUE(contains(key.expected, "at most 256")) << key.format();
  EXPECT_EQ(refusal("[" + dotted(257) + "]\n").column, 513);
  EXPECT_EQ(refusal("[[" + dotted(300) + "]]\n").line, 1);
  EXPECT_EQ(refusal("x = { " + dotted(257) + " = 1 }\n").line, 1);
  std::string quoted = "\"a\"";
  for (int i = 1; i < 257; ++i) quoted += " . \"a\"";
  EXPECT_EQ(refusal("x = 1\n" + quoted + " = 2\n").line, 2);
}

// Fact: dots in strings, comments and values do not count towards a key's parts, and
// the count starts again on each line and after '=', ',' and brackets: 1,000 floats in
// one array, 1,000 dots in a string and in a comment, and 200 keys of 200 parts in one
// inline table are all allowed.
TEST(TomlTextGuard, DotsOutsideOneKeyDoNotCount) {
  std::string floats = "a = [1.5";
  for (int i = 0; i < 1000; ++i) floats += ", 2.5";
  EXPECT_NO_THROW(check_toml_text(floats + "]\n", "guard.toml"));
  const std::string dots(1000, '.');
  EXPECT_NO_THROW(check_toml_text("a = \"" + dots + "\" # " + dots + "\n", "guard.toml"));
  EXPECT_NO_THROW(check_toml_text("a = '''" + dots + "'''\n", "guard.toml"));
  std::string table = "x = { " + dotted(200) + "0 = 1";
  for (int i = 1; i < 200; ++i) table += ", " + dotted(200) + std::to_string(i) + " = 1";
  EXPECT_NO_THROW(check_toml_text(table + " }\n", "guard.toml"));
  std::string lines;
  for (int i = 0; i < 10; ++i) lines += dotted(200) + std::to_string(i) + " = 1\n";
  EXPECT_NO_THROW(check_toml_text(lines, "guard.toml"));
}

// Fact: the audit's reproducer, a 40,000-part dotted key (toml++ 3.3.0 overflowed its
// stack on it: SIGSEGV), and a 40,000-part table header, are refused by load_scenario
// with an InputError at line 2; toml++ never parses them.
TEST(TomlTextGuard, TheStackOverflowReproducerIsRefusedByTheReader) {
  for (const std::string& text :
       {"format = 1\n" + dotted(40000) + " = 1\n", "format = 1\n[" + dotted(40000) + "]\n"}) {
    try {
      parse_scenario(text, "deep.toml");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u);
      EXPECT_EQ(e.diagnostics().front().line, 2);
      EXPECT_TRUE(contains(e.diagnostics().front().found, "more than 256 parts"));
    }
  }
}

// Fact: a scenario saved as UTF-16 or UTF-32 is called so, by its byte-order mark or, without
// one, by where its NULs fall beside ASCII characters, and a Latin-1 byte anywhere (a
// string included) is named as not UTF-8, each with how to convert the file; the advice
// used to be about quoting keys (the input audit B, repro_14 e).
TEST(TomlTextGuard, TextThatIsNotUtf8IsNamedByItsEncoding) {
  const auto wide = [](std::string_view ascii, int width, bool little) {
    std::string out;
    for (const char c : ascii) {
      std::string unit(static_cast<std::size_t>(width), '\0');
      unit[little ? 0 : unit.size() - 1] = c;
      out += unit;
    }
    return out;
  };
  const std::string text = "format = 1\n";
  const struct {
    std::string bytes;
    int line, column;
    const char* found;
    const char* convert;
  } cases[] = {
      {"\xFF\xFE" + wide(text, 2, true), 1, 1,
       "UTF-16 little-endian text (it begins with the byte-order mark FF FE), not UTF-8",
       "iconv -f UTF-16 -t UTF-8"},
      {"\xFE\xFF" + wide(text, 2, false), 1, 1,
       "UTF-16 big-endian text (it begins with the byte-order mark FE FF)", "iconv -f UTF-16 "},
      {std::string("\xFF\xFE\0\0", 4) + wide(text, 4, true), 1, 1,
       "UTF-32 little-endian text (it begins with the byte-order mark FF FE 00 00)",
       "iconv -f UTF-32 "},
      {std::string("\0\0\xFE\xFF", 4) + wide(text, 4, false), 1, 1,
       "UTF-32 big-endian text (it begins with the byte-order mark 00 00 FE FF)",
       "iconv -f UTF-32 "},
      {wide(text, 2, true), 1, 2,
       "a NUL byte: the file is not UTF-8 text (its NULs beside ASCII characters are UTF-16 "
       "little-endian text without a byte-order mark)",
       "iconv -f UTF-16LE "},
      {wide(text, 2, false), 1, 1, "UTF-16 big-endian text without a byte-order mark",
       "iconv -f UTF-16BE "},
      {"format = 1\nname = \"Caf\xE9\"\n", 2, 12,
       "the byte 0xE9 (not UTF-8), as in Latin-1 or Windows-1252 text", "iconv -f WINDOWS-1252 "},
  };
  for (const auto& c : cases) {
    const Diagnostic d = refusal(c.bytes);
    EXPECT_EQ(d.line, c.line) << c.found;
    EXPECT_EQ(d.column, c.column) << c.found;
    EXPECT_TRUE(contains(d.found, c.found)) << d.format();
    EXPECT_TRUE(contains(d.expected, "a scenario in UTF-8")) << d.format();
    EXPECT_TRUE(contains(d.expected, c.convert)) << d.format();
  }
}

// Fact: a binary file (every byte value in turn; a program's header) is called not text,
// with no advice to convert it from UTF-16: its NULs follow no pattern of UTF-16 or UTF-32
// text (the input probe of 2026-12-07: the first four bytes alone called such a file
// "UTF-16 big-endian text"). A NUL in a text file is named at its place.
TEST(TomlTextGuard, ABinaryFileIsNotTakenForUtf16) {
  std::string every_byte;
  for (int round = 0; round < 4; ++round)
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  std::string program(
      "\x7F"
      "ELF\x02\x01\x01",
      7);
  program += std::string(9, '\0') + "\x03\0>\0\x01\0\0\0\x10\x10@\0\0\0\0\0@\0\0\0";
  for (const std::string& bytes : {every_byte, program, std::string("format = 1\nx\0 = 2\n", 17)}) {
    const Diagnostic d = refusal(bytes);
    // A program is named by its signature (below), the rest by their NULs.
    EXPECT_TRUE(contains(d.found, "the file is not text") || contains(d.found, "not TOML text"))
        << d.format();
    EXPECT_FALSE(contains(d.found, "endian")) << d.format();
    EXPECT_FALSE(contains(d.expected, "iconv")) << d.format();
  }
  const Diagnostic in_text = refusal(std::string("format = 1\nx\0 = 2\n", 17));
  EXPECT_EQ(in_text.line, 2);
  EXPECT_EQ(in_text.column, 2);
  // Known signatures are named, at line 1, column 1, with what to do.
  const Diagnostic elf = refusal(program);
  EXPECT_EQ(elf.found,
            "a file that is not TOML text (a program (ELF)? it begins with the bytes "
            "7F 45 4C 46)");
  const Diagnostic gzip = refusal(std::string("\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03", 10));
  EXPECT_EQ(gzip.line, 1);
  EXPECT_EQ(gzip.column, 1);
  EXPECT_EQ(gzip.format(),
            "guard.toml:1:1: found a file that is not TOML text (gzip-compressed? it begins with "
            "the bytes 1F 8B); expected a scenario: a TOML text file in UTF-8 (or plain ASCII); "
            "decompress it first, e.g. gunzip -c FILE > NEW.toml");
}

}  // namespace
}  // namespace pcsim::scenarios

// The CSV reader on files that are not UTF-8 text (UTF-16, binary, Latin-1 cells): each
// is named as what it is, where it is, with what to do. Cases written out by hand.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/errors.hpp"
#include "csv_test_support.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {
namespace {

using testing::fields;

// UTF-16 text (a spreadsheet's "Unicode text" export) is said to be UTF-16, little- or
// big-endian by its byte-order mark, with how to save it as UTF-8; without a mark, its NUL
// bytes give it away (at the first NUL's line and column). Read byte by byte it used to be
// "found 57 fields" or a missing column.
TEST(CsvReader, Utf16AndNulBytesAreNotUtf8Text) {
  // ASCII in UTF-16: each byte beside a NUL.
  auto utf16 = [](const std::string& ascii, bool little) {
    std::string out;
    for (char c : ascii) {
      out += little ? c : '\0';
      out += little ? '\0' : c;
    }
    return out;
  };
  const std::string text = "Practice Code,CCG Code\r\nP82001,00T\r\n";
  const struct {
    std::string bytes;
    int line, column;
    const char* found;
  } cases[] = {
      {"\xFF\xFE" + utf16(text, true), 1, 1,
       "UTF-16 text (little-endian: it begins with the "
       "byte-order mark FF FE), not UTF-8"},
      {"\xFE\xFF" + utf16(text, false), 1, 1,
       "UTF-16 text (big-endian: it begins with the "
       "byte-order mark FE FF), not UTF-8"},
      {utf16(text, true), 1, 2,
       "a NUL byte: the file is not UTF-8 text (its NULs beside ASCII characters are UTF-16 "
       "little-endian text without a byte-order mark)"},
      {utf16(text, false), 1, 1, "are UTF-16 big-endian text without a byte-order mark"},
  };
  for (const auto& c : cases) {
    try {
      parse_csv(c.bytes, "unicode.csv");
      ADD_FAILURE() << "accepted: " << c.found;
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u);
      const Diagnostic& d = e.diagnostics()[0];
      EXPECT_EQ(d.file, "unicode.csv");
      EXPECT_EQ(d.line, c.line) << c.found;
      EXPECT_EQ(d.column, c.column) << c.found;
      EXPECT_NE(d.found.find(c.found), std::string::npos) << d.found;
      EXPECT_NE(d.expected.find("CSV UTF-8"), std::string::npos) << d.expected;
    }
  }
  try {
    parse_csv(utf16(text, false), "unicode.csv");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics()[0].expected.find("iconv -f UTF-16BE -t UTF-8"), std::string::npos)
        << e.diagnostics()[0].expected;
  }
  // A UTF-8 byte-order mark and non-ASCII UTF-8 text are fine.
  EXPECT_EQ(fields(parse_csv("\xEF\xBB\xBFname\nCaf\xC3\xA9\n", "t.csv"), 1)[0], "Caf\xC3\xA9");
}

// A file that is not text at all is said to be so, not blamed on its encoding (the message
// probe of 2026-12-07: a gzip-compressed attributes file was to be converted with iconv -f
// UTF-16): known signatures are named with what to do, at line 1, column 1; NULs in no
// layout of UTF-16 or UTF-32 text are binary data, at the first NUL.
TEST(CsvReader, BinaryFilesAreNotCsvText) {
  using namespace std::string_literals;
  const struct {
    std::string bytes;
    int line, column;
    const char* found;
    const char* expected;
  } cases[] = {
      // gzip of "a,b\n": its 10-byte header, then deflated data with NULs
      {"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03KL\xE2J\x02\x00\x1D\x8B\x9A\x0E\x04\x00\x00\x00"s,
       1, 1, "a file that is not CSV text (gzip-compressed? it begins with the bytes 1F 8B)",
       "decompress it first, e.g. gunzip -c FILE > NEW.csv"},
      {"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"s, 1, 1,
       "a file that is not CSV text (a ZIP archive, such as an Excel .xlsx workbook? it begins "
       "with the bytes 50 4B 03 04)",
       "save the sheet as \"CSV UTF-8 (Comma delimited)\""},
      {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"s, 1, 1, "an Excel .xls workbook", "CSV UTF-8"},
      {"\x89HDF\r\n\x1A\n\x00\x00"s, 1, 1, "an HDF5 file", "is this the file meant?"},
      // bzip2: "BZh9" and the block mark 31 41 59 26 53 59
      {"BZh91AY&SY\x00\x01"s, 1, 1, "bzip2-compressed", "bunzip2 -c FILE > NEW.csv"},
      // no signature: a NUL in no layout of UTF-16 text (line 2, column 3)
      {"\x01\x02\x03\n\x04\x05\x00\xFF\xFE\x00\x00\x00\x07"s, 2, 3,
       "a NUL byte in no pattern of UTF-16 or UTF-32 text: the file is not CSV text (binary data?)",
       "is this the file meant?"},
      {"a,b\n1,2\n3,"s + '\0' + "\n", 3, 3, "the file is not CSV text (binary data?)",
       "CSV text in UTF-8"},
  };
  for (const auto& c : cases) {
    try {
      parse_csv(c.bytes, "a.csv");
      ADD_FAILURE() << "accepted: " << c.found;
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u);
      const Diagnostic& d = e.diagnostics()[0];
      EXPECT_EQ(d.file, "a.csv");
      EXPECT_EQ(d.line, c.line) << c.found;
      EXPECT_EQ(d.column, c.column) << c.found;
      EXPECT_NE(d.found.find(c.found), std::string::npos) << d.found;
      EXPECT_NE(d.expected.find(c.expected), std::string::npos) << d.expected;
      EXPECT_EQ(d.expected.find("iconv"), std::string::npos) << d.expected;
    }
  }
  // "BZh" alone is no signature: a header may begin so.
  EXPECT_EQ(fields(parse_csv("BZh,x\n1,2\n", "t.csv"), 0)[0], "BZh");
}

// A code or name that is not UTF-8 (a file saved as Latin-1: "Z0000\xE9") is refused at its
// line, column and header, the byte shown as \xE9, with how to save the file as UTF-8: it
// used to flow into the warnings, the per-practice codes and a workbook that was not
// well-formed XML (the input audit B, repro_04). A header is checked too; after ten cells
// the rest are counted, not listed.
TEST(CsvTable, CellsThatAreNotUtf8AreRefusedWhereTheyAre) {
  try {
    make_csv_table(parse_csv("Practice Code,Name\nZ00001,Caf\xC3\xA9\nZ0000\xE9,x\n", "p.csv"),
                   "p.csv");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.format(),
              "p.csv:3:1: key 'Practice Code': found 'Z0000\\xE9' (the byte 0xE9 at byte 6 is "
              "not UTF-8); expected text in UTF-8: save the file from the spreadsheet as \"CSV "
              "UTF-8 (Comma delimited)\", or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 "
              "FILE > NEW.csv");
  }
  try {
    make_csv_table(parse_csv("Code,Co\xFBt\nA,1\n", "h.csv"), "h.csv");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].line, 1);
    EXPECT_EQ(e.diagnostics()[0].column, 2);
    EXPECT_EQ(e.diagnostics()[0].found,
              "the header 'Co\xFBt' (the byte 0xFB at byte 3 is not UTF-8)");
  }
  std::string many = "Code\n";
  for (int k = 0; k < 25; ++k) many += "Z\xE9\n";
  try {
    make_csv_table(parse_csv(many, "m.csv"), "m.csv");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 10u);
    EXPECT_EQ(e.diagnostics()[9].line, 11);
    EXPECT_NE(e.diagnostics()[9].expected.find("(15 more cells are not UTF-8)"), std::string::npos);
  }
}

}  // namespace
}  // namespace pcsim::scenarios

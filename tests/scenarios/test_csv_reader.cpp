// The RFC 4180 reader and the published-number parser: each case is written out by hand.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "csv_test_support.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {
namespace {

using Fields = std::vector<std::string>;
using testing::fields;

// Plain records separated by LF: one record per line, line numbers from 1.
TEST(CsvReader, SplitsPlainRecordsWithLineNumbers) {
  const auto records = parse_csv("a,b,c\n1,2,3\n", "t.csv");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(fields(records, 0), (Fields{"a", "b", "c"}));
  EXPECT_EQ(fields(records, 1), (Fields{"1", "2", "3"}));
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].line, 2);
}

// RFC 4180: a quoted field may hold commas and doubled quotes ("" stands for ").
TEST(CsvReader, QuotedFieldsKeepCommasAndDoubledQuotes) {
  const auto records =
      parse_csv("code,address\nP1,\"1 Mill Lane, \"\"The Old Forge\"\", Town\"\n", "t.csv");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(fields(records, 1), (Fields{"P1", "1 Mill Lane, \"The Old Forge\", Town"}));
}

// CRLF, LF and a lone CR all end a record, and the CR never leaks into a field.
TEST(CsvReader, AcceptsCrlfLfAndCrLineEnds) {
  const auto records = parse_csv("h1,h2\r\na,b\nc,d\re,f", "t.csv");
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(fields(records, 1), (Fields{"a", "b"}));
  EXPECT_EQ(fields(records, 2), (Fields{"c", "d"}));
  EXPECT_EQ(fields(records, 3), (Fields{"e", "f"}));  // no line end at the end of the text
  EXPECT_EQ(records[3].line, 4);
}

// A UTF-8 byte-order mark (EF BB BF) before the first header is not part of it.
TEST(CsvReader, DropsByteOrderMark) {
  const auto records = parse_csv("\xEF\xBB\xBFNHS England (Region) code,x\n", "t.csv");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(fields(records, 0)[0], "NHS England (Region) code");
}

// A quoted line break stays in the field; the next record's line number counts it, so
// line numbers are those a text editor shows.
TEST(CsvReader, QuotedLineBreakCountsTowardsLineNumbers) {
  const auto records = parse_csv("a,b\r\n\"x\r\ny\",2\r\nlast,3\r\n", "t.csv");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(fields(records, 1)[0], "x\r\ny");
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 4);
}

// Empty fields, a trailing comma (an empty last field) and blank lines.
TEST(CsvReader, EmptyFieldsAndBlankLines) {
  const auto records = parse_csv("a,b,c\n1,,\n\n,,\n2,\"\",3\n", "t.csv");
  ASSERT_EQ(records.size(), 3u);  // "\n" and ",," (only commas) are dropped
  EXPECT_EQ(fields(records, 1), (Fields{"1", "", ""}));
  EXPECT_EQ(fields(records, 2), (Fields{"2", "", "3"}));
  EXPECT_EQ(records[2].line, 5);
}

// An unterminated quote is an InputError naming the file and the line the field began on.
TEST(CsvReader, UnterminatedQuoteIsAnErrorWithItsLine) {
  try {
    parse_csv("a,b\n1,\"open\n2,3\n", "broken.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, "broken.csv");
    EXPECT_EQ(e.diagnostics()[0].line, 2);
  }
}

// Text after a closing quote ("ab"c) is an error at that line and column (column 7 of
// line 2: 1 , " a b " c -> the 'c' is the 7th character).
TEST(CsvReader, TextAfterClosingQuoteIsAnError) {
  try {
    parse_csv("h1,h2\n1,\"ab\"c\n", "bad.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_EQ(e.diagnostics()[0].column, 7);
  }
}

// A quote opened and not closed on its line swallows the rows after it until a later quote
// closes it, and the text after that quote is the error: named at the opening quote, where
// the fix goes, with where it ended (the input probe of 2026-12-07 was told only of line
// 7117, 198 lines after the slip). A field over lines that ends well is read as written.
TEST(CsvReader, AnUnclosedQuoteIsNamedWhereItOpens) {
  try {
    parse_csv("h1,h2\n1,\"ab\n2,x\n3,\"y\"z\n", "bad.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.column, 3);
    EXPECT_EQ(d.found,
              "a quoted field that runs over 2 line breaks to 'y' after a closing quote at line "
              "4, column 4");
    EXPECT_TRUE(d.expected.starts_with("a quote closed on its own line")) << d.expected;
  }
  const CsvRecords ok = parse_csv("h1,h2\n1,\"a\nb\"\n", "ok.csv");
  EXPECT_EQ(ok.records.size(), 2u);
}

// A table tolerates rows with extra empty trailing fields and short rows (missing trailing
// fields read as ""), but not extra non-empty fields.
TEST(CsvTable, ToleratesTrailingEmptyFields) {
  CsvTable table = make_csv_table(parse_csv("a,b,c,,\n1,2,3,,,\n4,5\n", "t.csv"), "t.csv");
  EXPECT_EQ(table.header, (Fields{"a", "b", "c"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].size, 3u);
  EXPECT_EQ(table.field(table.rows[1], 2), "");
  EXPECT_EQ(table.field(table.rows[1], -1), "");
  EXPECT_THROW(make_csv_table(parse_csv("a,b\n1,2,3\n", "t.csv"), "t.csv"), InputError);
}

// Opening a file that does not exist is an InputError naming it.
TEST(CsvTable, MissingFileIsAnInputError) {
  try {
    read_csv_file("/nonexistent/pcsim-no-such.csv");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].file, "/nonexistent/pcsim-no-such.csv");
  }
}

// Published money and counts: commas in groups of three, '£', spaces, signs, brackets.
TEST(PublishedNumber, ReadsCommasPoundsSpacesAndSigns) {
  auto value = [](const char* text) {
    const NumericCell cell = parse_published_number(text, NumberUnit::Pounds);
    EXPECT_EQ(cell.kind, CellKind::Number) << text;
    return cell.value;
  };
  EXPECT_DOUBLE_EQ(value("837576.88"), 837576.88);
  EXPECT_DOUBLE_EQ(value("1,234,567.89"), 1234567.89);
  EXPECT_DOUBLE_EQ(value("\xC2\xA3"
                         "641,877.25"),
                   641877.25);  // £641,877.25
  EXPECT_DOUBLE_EQ(value(" \xC2\xA3 3,120.00 "), 3120.0);
  EXPECT_DOUBLE_EQ(value("-50,544.97"), -50544.97);
  EXPECT_DOUBLE_EQ(value("(1,234.50)"), -1234.5);
  EXPECT_DOUBLE_EQ(value(".5"), 0.5);
  EXPECT_DOUBLE_EQ(value("1 234"), 1234.0);
}

// The input audit B: a reader that dropped spaces, tabs and '£' wherever they were read
// "1 0" as 10, "3<TAB>6" as 36, "12£480" as 12480, "(-3.6)" as +3.6 and "£2" as a count
// of 2. Only well-formed figures are numbers: '£' in the sign position of a money column,
// thousands grouped by commas or single spaces in groups of three, brackets around an
// unsigned figure.
TEST(PublishedNumber, OnlyWellFormedFiguresAreRead) {
  const auto money = [](const char* text) {
    const NumericCell cell = parse_published_number(text, NumberUnit::Pounds);
    EXPECT_EQ(cell.kind, CellKind::Number) << text;
    return cell.value;
  };
  EXPECT_DOUBLE_EQ(money("\xC2\xA3"
                         "2"),
                   2.0);  // £2
  EXPECT_DOUBLE_EQ(money("-\xC2\xA3"
                         "50"),
                   -50.0);                        // -£50
  EXPECT_DOUBLE_EQ(money("\xC2\xA3-50"), -50.0);  // £-50
  EXPECT_DOUBLE_EQ(money("(\xC2\xA3"
                         "1,234.50)"),
                   -1234.5);  // (£1,234.50)
  EXPECT_DOUBLE_EQ(money("\t1,234,567\t"), 1234567.0);
  EXPECT_DOUBLE_EQ(money("1 234 567.5"), 1234567.5);
  EXPECT_DOUBLE_EQ(money("- 50"), -50.0);
  EXPECT_DOUBLE_EQ(money("1e3"), 1000.0);
  for (const char* bad : {"1 0",
                          "3\t6",
                          "3.6 1",
                          "12 34",
                          "1  234",
                          "1,234 567",
                          "1 234,567",
                          "12\xC2\xA3"
                          "480",
                          "480\xC2\xA3",
                          "(-3.6)",
                          "(+3.6)",
                          "-(3.6)",
                          "(3.6",
                          "3.6)",
                          "()",
                          "--5",
                          "-\xC2\xA3-5",
                          "\xC2\xA3\xC2\xA3"
                          "5",
                          "1,234,56",
                          "1,",
                          ",1",
                          "1.5e",
                          "1.5e+",
                          "0x10",
                          "1_000"}) {
    EXPECT_EQ(parse_published_number(bad, NumberUnit::Pounds).kind, CellKind::Invalid)
        << '"' << bad << '"';
    EXPECT_EQ(parse_published_number(bad).kind, CellKind::Invalid) << '"' << bad << '"';
  }
  // A count, a headcount or an FTE is never in pounds.
  for (const char* pounds : {"\xC2\xA3"
                             "2",
                             "-\xC2\xA3"
                             "2",
                             "(\xC2\xA3"
                             "2)",
                             "\xC2\xA3 3,120"})
    EXPECT_EQ(parse_published_number(pounds).kind, CellKind::Invalid) << '"' << pounds << '"';
  // The plain forms read the same in both kinds of column.
  for (const auto unit : {NumberUnit::Plain, NumberUnit::Pounds}) {
    EXPECT_DOUBLE_EQ(parse_published_number("12480", unit).value, 12480.0);
    EXPECT_DOUBLE_EQ(parse_published_number("4095.25", unit).value, 4095.25);
    EXPECT_DOUBLE_EQ(parse_published_number("-160122.98", unit).value, -160122.98);
    EXPECT_DOUBLE_EQ(parse_published_number("(3.6)", unit).value, -3.6);
    EXPECT_DOUBLE_EQ(parse_published_number("1,234", unit).value, 1234.0);
  }
}

// Empty cells are Blank; the publishers' suppression and not-available markers (NHS Digital,
// the Government Statistical Service, the HEEC series' NA) are Suppressed, surrounding spaces
// allowed; everything else non-numeric is Invalid, including commas out of their groups of
// three, infinities and NaN.
TEST(PublishedNumber, BlankSuppressedAndInvalidCells) {
  for (const char* blank : {"", "   "})
    EXPECT_EQ(parse_published_number(blank).kind, CellKind::Blank) << '"' << blank << '"';
  for (const char* marker :
       {"-", "N/A", "NA", "n/a", "*", "..", "c", " c ", "x", "z", "[c]", "[x]", "[z]"})
    EXPECT_EQ(parse_published_number(marker).kind, CellKind::Suppressed) << '"' << marker << '"';
  for (const char* bad : {"12x", "1,23,4", "1234,567", ",123", "12,34", "inf", "-inf", "Infinity",
                          "nan", "NaN", "1.2.3", "--5", ".", "three", "C5", "na"})
    EXPECT_EQ(parse_published_number(bad).kind, CellKind::Invalid) << '"' << bad << '"';
  // A pound sign with no figure was read as blank (then as £0): something was written.
  for (const char* pound : {"\xC2\xA3", " \xC2\xA3 ", "\xC2\xA3\xC2\xA3"})
    EXPECT_EQ(parse_published_number(pound, NumberUnit::Pounds).kind, CellKind::Invalid)
        << '"' << pound << '"';
}

// A path that exists but is not a regular file is told so, not "cannot be opened" or "an
// empty file" (the audit: "there is no such file"); a missing file gives the system's
// reason. A FIFO with no writer is refused at once, not waited on.
TEST(CsvTable, DirectoryDeviceAndFifoAreNotRegularFiles) {
  const auto found = [](const std::filesystem::path& path) {
    try {
      read_csv_file(path);
    } catch (const InputError& e) {
      EXPECT_EQ(e.diagnostics().size(), 1u);
      EXPECT_EQ(e.diagnostics().front().file, path.string());
      return e.diagnostics().front().found;
    }
    ADD_FAILURE() << "read " << path;
    return std::string();
  };
  const std::filesystem::path folder = ::testing::TempDir();
  EXPECT_EQ(found(folder), "a directory, not a regular file");
  EXPECT_EQ(found("/dev/null"), "a character device, not a regular file");
  EXPECT_EQ(found("/nonexistent/pcsim-no-such.csv"),
            "a file that cannot be read (No such file or directory)");
  const std::filesystem::path fifo = folder / ("pcsim-" + std::to_string(::getpid()) + ".csv");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(found(fifo), "a FIFO (named pipe), not a regular file");
  std::filesystem::remove(fifo);
}

// The table records the SHA-256 of the bytes as read, before the byte-order mark and CRLF
// are dropped (expected digests from coreutils' sha256sum of the same bytes), so the hash in
// the results matches `sha256sum` of the file.
TEST(CsvReader, RecordsTheSha256OfTheBytesRead) {
  const std::filesystem::path file =
      std::filesystem::path(::testing::TempDir()) / "pcsim-csv-sha256.csv";
  std::ofstream(file, std::ios::binary) << "a,b\n1,2\n";
  EXPECT_EQ(read_csv_file(file).sha256,
            "492d5ea496056f1a6a6592241032fab764c321596317930b4fa0e1e8bc3b7470");
  std::ofstream(file, std::ios::binary) << "\xef\xbb\xbf"
                                           "a,b\r\n1,2\r\n";
  const CsvTable table = read_csv_file(file);
  std::filesystem::remove(file);
  EXPECT_EQ(table.header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(table.sha256, "12d55567496e2714a23469371b5888bb9d0fb803d52b770c7c08ced31826d2d9");
}

}  // namespace
}  // namespace pcsim::scenarios

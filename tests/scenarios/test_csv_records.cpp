// The CSV reader's fields are views into the text a table owns: they survive moving the
// table, a quoted field is unescaped in place, and the last field of a file without a
// final line break is whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "scenarios/csv_reader.hpp"
#include "scenarios/csv_records.hpp"

namespace pcsim::scenarios {
namespace {

using Texts = std::vector<std::string>;

// Every field of every row of a table, copied, row by row.
std::vector<Texts> table_cells(const CsvTable& table) {
  std::vector<Texts> out;
  for (const CsvRecord& row : table.rows) {
    out.emplace_back();
    for (std::size_t k = 0; k < row.size; ++k)
      out.back().emplace_back(table.field(row, static_cast<int>(k)));
  }
  return out;
}

CsvTable table_of(std::string text) {
  return make_csv_table(parse_csv(std::move(text), "t.csv"), "t.csv");
}

static_assert(!std::is_copy_constructible_v<CsvTable>, "a copy's rows would view the original");
static_assert(std::is_nothrow_move_constructible_v<CsvTable>);

// A view taken before the table is moved (constructed, assigned, into a vector that then
// grows, returned) still reads the same bytes at the same address: the text is on the heap,
// including a text short enough for a std::string to keep inside itself.
TEST(CsvRecords, ViewsSurviveMovingTheTable) {
  const struct {
    std::string text, second_header, second_field;
  } cases[] = {
      {"a,b\n1,2\n", "b", "2"},  // 8 bytes: a std::string member would hold them inline
      {"code,name\nP1,\"a practice name well over fifteen characters\"\n", "name",
       "a practice name well over fifteen characters"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    CsvTable table = table_of(c.text);
    const std::string_view before = table.field(table.rows[0], 1);

    CsvTable moved = std::move(table);
    CsvTable assigned;
    assigned = std::move(moved);
    std::vector<CsvTable> tables;
    tables.push_back(std::move(assigned));
    for (int k = 0; k < 8; ++k) tables.push_back(table_of("x,y\n3,4\n"));  // reallocates

    const CsvTable& kept = tables.front();
    EXPECT_EQ(before, c.second_field);
    EXPECT_EQ(kept.field(kept.rows[0], 1), c.second_field);
    EXPECT_EQ(kept.field(kept.rows[0], 1).data(), before.data());
    EXPECT_EQ(kept.header.at(1), c.second_header);
  }
  // Returned from a function (read_csv_file builds the table and returns it).
  const std::filesystem::path file =
      std::filesystem::path(::testing::TempDir()) / "pcsim-csv-records-moved.csv";
  std::ofstream(file, std::ios::binary) << "h\nv\n";
  const CsvTable read = read_csv_file(file);
  std::filesystem::remove(file);
  EXPECT_EQ(table_cells(read), (std::vector<Texts>{{"v"}}));
}

// Quoted fields with "" escapes and line breaks (CRLF, LF, a lone CR) are read by view,
// unescaped over their own bytes without touching the fields after them, and the line
// numbers count the quoted line breaks.
TEST(CsvRecords, QuotedFieldsWithEscapesAndLineBreaksReadByView) {
  const CsvTable table = table_of(
      "name,note,last\r\n"
      "\"say \"\"hi\"\"\nnext\r\nline\rend\",plain,\"\"\"\"\r\n"
      "\"a\"\"b\",\"c\"\"\"\"d\",e\r\n"
      "\"\",\"x,y\",\"\"\"\"\"\"\n");
  EXPECT_EQ(table.header, (Texts{"name", "note", "last"}));
  EXPECT_EQ(table_cells(table), (std::vector<Texts>{
                                    {"say \"hi\"\nnext\r\nline\rend", "plain", "\""},
                                    {"a\"b", "c\"\"d", "e"},
                                    {"", "x,y", "\"\""},
                                }));
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[0].line, 2);
  EXPECT_EQ(table.rows[1].line, 6);  // the first row is lines 2-5: three quoted line breaks
  EXPECT_EQ(table.rows[2].line, 7);
}

// The last field of a file without a final line break is whole: plain, quoted (with an
// escape), empty after a trailing comma, and the only field of the file.
TEST(CsvRecords, FieldAtTheEndOfTheFileWithoutLineBreak) {
  EXPECT_EQ(table_cells(table_of("h1,h2\n1,last")), (std::vector<Texts>{{"1", "last"}}));
  EXPECT_EQ(table_cells(table_of("h1,h2\n1,\"q\"\"x\"")), (std::vector<Texts>{{"1", "q\"x"}}));
  EXPECT_EQ(table_cells(table_of("h1,h2\n1,")), (std::vector<Texts>{{"1", ""}}));
  EXPECT_EQ(table_cells(table_of("h1,h2\r\n1,z\r")), (std::vector<Texts>{{"1", "z"}}));
  const CsvRecords only = parse_csv("x", "t.csv");
  ASSERT_EQ(only.size(), 1u);
  ASSERT_EQ(only[0].size, 1u);
  EXPECT_EQ(only.text.field(only[0], 0), "x");
}

}  // namespace
}  // namespace pcsim::scenarios

#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"

namespace pcsim::scenarios {

// One record of a CSV file, with the 1-based line on which it starts (a quoted field may
// span lines, so records and lines are not one to one).
struct CsvRecord {
  int line = 0;
  std::vector<std::string> fields;
};

// A CSV file read whole: the first non-empty record is the header.
struct CsvTable {
  std::string file;  // the name used in error messages
  std::vector<std::string> header;
  int header_line = 0;
  std::vector<CsvRecord> rows;

  // The field of `row` at `column`, or "" where the row is short (trailing empty fields
  // are often left off by spreadsheet exports) or `column` is negative (an optional
  // column the file lacks).
  const std::string& field(const CsvRecord& row, int column) const;
  // A problem with one cell: the file, the row's line, the 1-based column, the column's
  // header as the key, the cell's text as found, and what was expected instead.
  Diagnostic cell_problem(const CsvRecord& row, int column, std::string expected) const;
  // A row with fewer fields than the header has lost cells (a file cut short, a bad
  // export): taking its missing cells as blank would be a silent guess. The problem at the
  // first missing column (file, line, column, its header, how many fields were found and
  // expected, and the row's first field), or nullopt for a whole row.
  std::optional<Diagnostic> short_row_problem(const CsvRecord& row) const;
};

// Parses RFC 4180 CSV text: fields separated by ',', records by CRLF, LF or a lone CR;
// a field in double quotes may hold commas, line breaks and doubled quotes ("" -> ").
// A UTF-8 byte-order mark at the start is dropped; UTF-16 text (a byte-order mark FF FE or
// FE FF) and a NUL byte anywhere are InputErrors saying the file is not UTF-8 text and how
// to save it so (at line 1, or the NUL's line and column). Records with no characters at all, or
// only commas, are dropped (blank lines at the end of exported files). Throws InputError
// naming the file and line for an unterminated quoted field or text after a closing quote.
std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& file);

// Builds a table from parsed records: trailing empty header cells are dropped, and a row
// longer than the header is accepted when its extra fields are empty; otherwise InputError
// (file, line, number of fields found and expected).
CsvTable make_csv_table(std::vector<CsvRecord> records, const std::string& file);

// Reads and parses a file: InputError naming it if it has no header, cannot be read (the
// system's reason), is over kMaxPracticeFileBytes, or is not a regular file ("a directory,
// not a regular file"; a FIFO is refused, not waited on).
CsvTable read_csv_file(const std::filesystem::path& path);

}  // namespace pcsim::scenarios

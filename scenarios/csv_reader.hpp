#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "scenarios/csv_records.hpp"

namespace pcsim::scenarios {

// A CSV file read whole: the first non-empty record is the header. The rows' fields are
// in `text`, which moves with the table: a view field() returned stays valid when the
// table is moved or returned, as long as the table lives. A table cannot be copied (see
// CsvText).
struct CsvTable {
  std::string file;  // the name used in error messages
  // SHA-256 of the bytes read (64 hex digits; read_csv_file only), recorded with results so
  // a figure can be traced to the exact file, not only its name.
  std::string sha256;
  std::vector<std::string> header;
  int header_line = 0;
  std::vector<CsvRecord> rows;
  CsvText text;  // the file's text, holding the rows' fields

  // The field of `row` at `column`, or "" where the row is short (trailing empty fields
  // are often left off by spreadsheet exports) or `column` is negative (an optional
  // column the file lacks). A view into the table's text: copy it to keep it longer.
  std::string_view field(const CsvRecord& row, int column) const;
  // A problem with one cell: the file, the row's line, the 1-based column, the column's
  // header as the key, the cell's text as found, and what was expected instead.
  Diagnostic cell_problem(const CsvRecord& row, int column, std::string expected) const;
  // A row with fewer fields than the header has lost cells (a file cut short, a bad
  // export): taking its missing cells as blank would be a silent guess. The problem at the
  // first missing column (file, line, column, its header, how many fields were found and
  // expected, and the row's first field), or nullopt for a whole row.
  std::optional<Diagnostic> short_row_problem(const CsvRecord& row) const;
};

// Builds a table from parsed records: trailing empty header cells are dropped, and a row
// longer than the header is accepted when its extra fields are empty; otherwise InputError
// (file, line, number of fields found and expected). A header or cell that is not UTF-8 (a
// Latin-1 file) is an InputError at its line, column and header, showing the byte as
// \xE9 and saying how to save the file as UTF-8.
CsvTable make_csv_table(CsvRecords records, const std::string& file);

// Reads and parses a file: InputError naming it if it has no header, cannot be read (the
// system's reason), is over kMaxPracticeFileBytes, or is not a regular file ("a directory,
// not a regular file"; a FIFO is refused, not waited on).
CsvTable read_csv_file(const std::filesystem::path& path);

}  // namespace pcsim::scenarios

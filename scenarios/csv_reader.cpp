#include "scenarios/csv_reader.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/regular_file.hpp"
#include "core/sha256.hpp"
#include "scenarios/input_files.hpp"

namespace pcsim::scenarios {

std::string_view CsvTable::field(const CsvRecord& row, int column) const {
  if (column < 0 || static_cast<std::uint32_t>(column) >= row.size) return {};
  return text.field(row, static_cast<std::size_t>(column));
}

std::optional<Diagnostic> CsvTable::short_row_problem(const CsvRecord& row) const {
  if (row.size >= header.size()) return std::nullopt;
  Diagnostic d;
  d.file = file;
  d.line = row.line;
  d.column = static_cast<int>(row.size) + 1;
  d.key = header[row.size];
  d.found = "a row cut short: " + std::to_string(row.size) + " fields";
  if (row.size > 0) d.found += fmt::format(" (it begins '{}')", text.field(row, 0));
  d.expected = std::to_string(header.size()) + " fields, one per header column";
  return d;
}

Diagnostic CsvTable::cell_problem(const CsvRecord& row, int column, std::string expected) const {
  Diagnostic d;
  d.file = file;
  d.line = row.line;
  d.column = column + 1;
  d.key = header[static_cast<std::size_t>(column)];
  d.found = fmt::format("'{}'", field(row, column));
  d.expected = std::move(expected);
  return d;
}

CsvTable make_csv_table(CsvRecords records, const std::string& file) {
  CsvTable table;
  table.file = file;
  if (records.empty())
    throw InputError({csv_diagnostic(file, 0, 0, "an empty file", "a header row")});
  const CsvRecord& first = records[0];
  for (std::size_t k = 0; k < first.size; ++k)
    table.header.emplace_back(records.text.field(first, k));
  table.header_line = first.line;
  while (!table.header.empty() && table.header.back().empty()) table.header.pop_back();

  // The rows kept in place, after the header: moved up over it and over refused rows.
  std::vector<Diagnostic> problems;
  const std::size_t width = table.header.size();
  std::vector<CsvRecord>& rows = records.records;
  std::size_t kept = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    CsvRecord row = rows[r];
    while (row.size > width && records.text.field(row, row.size - 1).empty()) --row.size;
    if (row.size > width) {
      problems.push_back(csv_diagnostic(
          file, row.line, static_cast<int>(width) + 1, std::to_string(row.size) + " fields",
          "at most " + std::to_string(width) + " fields, one per header column"));
      continue;
    }
    rows[kept++] = row;
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  rows.resize(kept);
  table.rows = std::move(rows);
  table.text = std::move(records.text);
  return table;
}

CsvTable read_csv_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  // Only a regular file: a directory read as "an empty file", a FIFO blocked, /dev/zero
  // was read until memory ran out.
  RegularFileText file = read_regular_file(path, kMaxPracticeFileBytes);
  if (!file.problem.empty()) {
    const std::string found =
        file.not_regular ? file.problem + ", not a regular file" : file.problem;
    throw InputError(
        {csv_diagnostic(name, 0, 0, found,
                        fmt::format("a readable CSV file: a regular file of at most {} MiB",
                                    kMaxPracticeFileBytes >> 20))});
  }
  // Hashed from the very bytes parsed: a file changed after the run cannot match.
  std::string digest = sha256_hex(file.text);
  CsvTable table = make_csv_table(parse_csv(std::move(file.text), name), name);
  table.sha256 = std::move(digest);
  return table;
}

}  // namespace pcsim::scenarios

#include "scenarios/csv_reader.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/regular_file.hpp"
#include "core/sha256.hpp"
#include "core/utf8_text.hpp"
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
  d.found = "a row cut short: " + std::to_string(row.size) + (row.size == 1 ? " field" : " fields");
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

namespace {

// A code or name that is not UTF-8 (a file saved as Latin-1 / Windows-1252: "Z0000\xE9")
// would flow into the warnings, the per-practice codes and the results file, whose text is
// UTF-8, so the cell is refused rather than guessed at or silently replaced. The first
// kMaxShown cells are named; the last of them says how many more there are.
constexpr std::size_t kMaxShown = 10;
constexpr std::string_view kUtf8Expected =
    "text in UTF-8: save the file from the spreadsheet as \"CSV UTF-8 (Comma delimited)\", or "
    "convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW.csv";

std::string not_utf8(std::string_view cell, std::size_t at) {
  return fmt::format("'{}' (the byte 0x{:02X} at byte {} is not UTF-8)", cell,
                     static_cast<unsigned char>(cell[at]), at + 1);
}

void check_utf8_cells(const CsvTable& table) {
  std::vector<Diagnostic> problems;
  std::size_t more = 0;
  const auto add = [&](Diagnostic d) {
    if (problems.size() < kMaxShown)
      problems.push_back(std::move(d));
    else
      ++more;
  };
  for (std::size_t k = 0; k < table.header.size(); ++k)
    if (const auto at = first_invalid_utf8(table.header[k]))
      add(csv_diagnostic(table.file, table.header_line, static_cast<int>(k) + 1,
                         "the header " + not_utf8(table.header[k], *at),
                         std::string(kUtf8Expected)));
  for (const CsvRecord& row : table.rows)
    for (std::uint32_t k = 0; k < row.size; ++k) {
      const std::string_view cell = table.text.field(row, k);
      if (const auto at = first_invalid_utf8(cell)) {
        Diagnostic d = table.cell_problem(row, static_cast<int>(k), std::string(kUtf8Expected));
        d.found = not_utf8(cell, *at);
        add(std::move(d));
      }
    }
  if (problems.empty()) return;
  if (more > 0) problems.back().expected += fmt::format(" ({} more cells are not UTF-8)", more);
  throw InputError(std::move(problems));
}

}  // namespace

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
  check_utf8_cells(table);
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

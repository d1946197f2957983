#include "scenarios/gp_headcount_series.hpp"

#include <cmath>
#include <set>

#include "core/errors.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/column_match.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {

namespace {

enum Column { kCode, kYear, kHeadcount };

const std::vector<ColumnSpec>& series_columns() {
  static const std::vector<ColumnSpec> columns = {
      {"Practice Code", {}, true},
      {"fiscal_year", {"financial_year"}, true},
      // Different measures in order of preference (permanent GPs first), not synonyms.
      {"TOTAL_GP_EXTGL_HC", {"TOTAL_GP_EXTG_HC", "TOTAL_GP_HC"}, true, true},
  };
  return columns;
}

Diagnostic cell(const CsvTable& table, const CsvRecord& row, int column, const std::string& code,
                std::string expected) {
  Diagnostic d = table.cell_problem(row, column, std::move(expected));
  if (!code.empty()) d.found += " for practice " + code;
  return d;
}

}  // namespace

GpHeadcountSeries read_gp_headcount_series(const std::filesystem::path& file, int end_year) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col =
      match_columns(table.header, series_columns(), table.file, table.header_line);

  GpHeadcountSeries out;
  out.file = table.file;
  out.sha256 = table.sha256;
  out.column = table.header[static_cast<std::size_t>(col[kHeadcount])];
  out.year = end_year;
  std::vector<Diagnostic> problems;
  std::set<int> years;

  for (const CsvRecord& row : table.rows) {
    if (auto cut = table.short_row_problem(row)) {  // as the payments reader: no guessing
      problems.push_back(std::move(*cut));
      continue;
    }
    const std::string code = upper_ascii(trim(table.field(row, col[kCode])));
    const auto year = parse_fiscal_year(table.field(row, col[kYear]));
    if (!year) {
      problems.push_back(cell(table, row, col[kYear], code,
                              "a financial year: 23 (for 2022/23), 2023 or 2022/23"));
      continue;
    }
    years.insert(*year);
    if (*year != end_year) continue;
    if (code.empty()) {
      problems.push_back(cell(table, row, col[kCode], "", "an ODS practice code such as P82001"));
      continue;
    }
    SeriesHeadcount figure;
    figure.line = row.line;
    const std::string_view text = table.field(row, col[kHeadcount]);
    const NumericCell value = parse_published_number(text);
    if (value.kind == CellKind::Suppressed) {
      figure.marker = trim(text);
    } else if (value.kind == CellKind::Number && value.value >= 0 && value.value <= 1000 &&
               value.value == std::floor(value.value)) {
      figure.headcount = static_cast<int>(value.value);
    } else {
      problems.push_back(cell(table, row, col[kHeadcount], code,
                              "a whole number of GPs from 0 to 1,000, or NA where the "
                              "publisher has no figure"));
      continue;
    }
    if (const auto [it, fresh] = out.by_code.emplace(code, figure); !fresh) {
      Diagnostic d = cell(table, row, col[kCode], "", "one row per practice and year");
      d.found = "practice " + code + " again for " + financial_year_label(end_year) +
                " (first on line " + std::to_string(it->second.line) + ")";
      problems.push_back(std::move(d));
    }
  }
  if (problems.empty() && out.by_code.empty()) {
    Diagnostic d;
    d.file = table.file;
    d.line = table.header_line;
    d.key = table.header[static_cast<std::size_t>(col[kYear])];
    d.found = "no row for " + financial_year_label(end_year) + "; the file has";
    if (years.empty()) d.found += " no rows";
    for (int y : years) {
      d.found += ' ';  // appended in two steps: GCC 12 warns falsely about " " + string
      d.found += financial_year_label(y);
    }
    d.expected = "rows for the scenario's base year " + financial_year_label(end_year) +
                 " (start_year " + std::to_string(end_year) + ")";
    problems.push_back(std::move(d));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace pcsim::scenarios

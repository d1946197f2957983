#include "scenarios/area_membership.hpp"

#include "core/errors.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/column_match.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {

namespace {

// "code again (first on line N)" for a key column.
Diagnostic repeated(const CsvTable& table, const CsvRecord& row, int column,
                    const std::string& what, int first_line) {
  Diagnostic d = table.cell_problem(row, column, "one row per " + what);
  d.found = what + " " + upper_ascii(trim(table.field(row, column))) + " again (first on line " +
            std::to_string(first_line) + ")";
  return d;
}

}  // namespace

std::string pcn_code_of(std::string_view cell) {
  std::string code = upper_ascii(trim(cell));
  if (code.empty() || code == "-" || code == "N/A" || code == "UNKNOWN OR NO PCN") return {};
  return code;
}

AreaIcbMap read_area_icb_map(const std::filesystem::path& file) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col =
      match_columns(table.header, {{"CCG Code", {}, true}, {"ICB Code", {}, true}}, table.file,
                    table.header_line);
  AreaIcbMap out;
  out.file = table.file;
  out.sha256 = table.sha256;
  std::map<std::string, int> line_of;
  std::vector<Diagnostic> problems;
  for (const CsvRecord& row : table.rows) {
    if (auto cut = table.short_row_problem(row)) {  // as the payments reader: no guessing
      problems.push_back(std::move(*cut));
      continue;
    }
    const std::string area = upper_ascii(trim(table.field(row, col[0])));
    const std::string icb = upper_ascii(trim(table.field(row, col[1])));
    if (area.empty() || icb.empty()) {
      const int column = area.empty() ? col[0] : col[1];
      problems.push_back(
          table.cell_problem(row, column, "a code (this file maps area codes to ICB codes)"));
      continue;
    }
    if (const auto [it, fresh] = line_of.emplace(area, row.line); !fresh) {
      problems.push_back(repeated(table, row, col[0], "area", it->second));
      continue;
    }
    out.icb_of_area.emplace(area, icb);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

PcnMembership read_pcn_membership(const std::filesystem::path& file, int year) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col = match_columns(table.header,
                                             {{"Practice Code", {}, true},
                                              {"PCN Code", {"Code"}, true},
                                              {"Practice Open Date", {}, false},
                                              {"Practice Close Date", {}, false}},
                                             table.file, table.header_line);
  const bool has_dates = col[2] >= 0 && col[3] >= 0;
  PcnMembership out;
  out.file = table.file;
  out.sha256 = table.sha256;
  out.year = year;
  std::map<std::string, int> line_of;
  std::vector<Diagnostic> problems;
  for (const CsvRecord& row : table.rows) {
    const std::string code = upper_ascii(trim(table.field(row, col[0])));
    if (code.empty()) continue;  // read_payments_file reports these in the base file
    if (const auto [it, fresh] = line_of.emplace(code, row.line); !fresh) {
      problems.push_back(repeated(table, row, col[0], "practice", it->second));
      continue;
    }
    if (has_dates)
      out.dated.push_back({code, row.line, parse_uk_date(trim(table.field(row, col[2]))),
                           parse_uk_date(trim(table.field(row, col[3])))});
    const std::string pcn = pcn_code_of(table.field(row, col[1]));
    if (pcn.empty()) continue;
    out.pcn_of.emplace(code, pcn);
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace pcsim::scenarios

#include "scenarios/payments_reader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/errors.hpp"
#include "scenarios/column_match.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {

namespace {

// Column order in kColumns; the indices below name them.
enum Column {
  kCode, kName, kCcgCode, kCcgName, kPostcode, kCloseDate, kContract,
  kRegistered, kWeighted, kGlobalSum, kMpig, kPmsBalance, kColumnCount
};

const std::vector<ColumnSpec>& payment_columns() {
  static const std::vector<ColumnSpec> columns = {
      {"Practice Code", {}, true},
      {"Practice Name", {}, true},
      {"CCG Code", {}, true},
      {"CCG NAME", {}, false},
      {"Practice Postcode", {}, true},
      {"Practice Close Date", {}, true},
      {"Contract Type", {}, true},
      {"Number of Registered Patients (Last Known Figure)", {}, true},
      {"Number of Weighted Patients (Last Known Figure)", {}, true},
      {"Global Sum", {}, true},
      {"MPIG Correction factor", {}, true},
      {"Balance of PMS Expenditure", {}, true},
  };
  return columns;
}

std::string upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

std::string format_count(double value) {
  const double whole = std::round(value);
  return whole == value ? std::to_string(static_cast<long long>(whole)) : std::to_string(value);
}

// Reads the numeric cells of one row, collecting a Diagnostic for each bad one.
class RowNumbers {
 public:
  RowNumbers(const CsvTable& table, const std::vector<int>& columns,
             std::vector<Diagnostic>& problems)
      : table_(table), columns_(columns), problems_(problems) {}

  // The cell's value; blank counts as 0 (no money paid, no patients recorded).
  double value(const CsvRecord& row, Column column) {
    const int index = columns_[column];
    const std::string& text = table_.field(row, index);
    const NumericCell cell = parse_published_number(text);
    if (cell.kind == CellKind::Number) return cell.value;
    if (cell.kind == CellKind::Blank) return 0;
    problems_.push_back(table_.cell_problem(
        row, index, "a number (commas, '£' and spaces allowed; blank means 0)"));
    return 0;
  }

 private:
  const CsvTable& table_;
  const std::vector<int>& columns_;
  std::vector<Diagnostic>& problems_;
};

}  // namespace

PaymentsSelection read_payments(const std::filesystem::path& file,
                                const std::vector<std::string>& ccg_codes) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col =
      match_columns(table.header, payment_columns(), table.file, table.header_line);

  std::set<std::string> wanted;
  for (const auto& c : ccg_codes) wanted.insert(upper(trim(c)));
  std::set<std::string> seen_ccgs;
  std::map<std::string, int> line_of_code;

  PaymentsSelection out;
  out.file = table.file;
  std::vector<Diagnostic> problems;
  RowNumbers numbers(table, col, problems);

  for (const CsvRecord& row : table.rows) {
    ++out.rows_read;
    const std::string ccg = upper(trim(table.field(row, col[kCcgCode])));
    if (!wanted.empty() && !wanted.count(ccg)) continue;
    seen_ccgs.insert(ccg);
    ++out.rows_matching;

    PaymentsRecord r;
    r.line = row.line;
    r.code = upper(trim(table.field(row, col[kCode])));
    r.name = trim(table.field(row, col[kName]));
    r.ccg_code = ccg;
    r.ccg_name = trim(table.field(row, col[kCcgName]));
    r.postcode = trim(table.field(row, col[kPostcode]));
    r.contract_type = trim(table.field(row, col[kContract]));
    r.registered_patients = numbers.value(row, kRegistered);
    r.weighted_patients = numbers.value(row, kWeighted);
    r.global_sum = numbers.value(row, kGlobalSum);
    r.mpig_correction = numbers.value(row, kMpig);
    r.pms_balance = numbers.value(row, kPmsBalance);
    r.core_funding = r.global_sum + r.mpig_correction + r.pms_balance;

    if (r.code.empty()) {
      Diagnostic d = table.cell_problem(row, col[kCode], "an ODS practice code such as P82001");
      d.found = "an empty practice code";
      problems.push_back(std::move(d));
      continue;
    }
    if (const auto [it, fresh] = line_of_code.emplace(r.code, row.line); !fresh) {
      Diagnostic d = table.cell_problem(row, col[kCode], "one row per practice");
      d.found = "practice " + r.code + " again (first on line " + std::to_string(it->second) + ")";
      problems.push_back(std::move(d));
      continue;
    }

    // Closed or empty practices are reported, never divided by.
    std::vector<std::string> reasons;
    const std::string close_date = trim(table.field(row, col[kCloseDate]));
    if (!close_date.empty()) reasons.push_back("closed " + close_date);
    if (r.registered_patients <= 0)
      reasons.push_back(format_count(r.registered_patients) + " registered patients");
    if (r.weighted_patients <= 0)
      reasons.push_back(format_count(r.weighted_patients) + " weighted patients");
    if (!reasons.empty()) {
      std::string text = r.code + " (line " + std::to_string(row.line) + "): ";
      for (std::size_t k = 0; k < reasons.size(); ++k) text += (k ? "; " : "") + reasons[k];
      out.skipped.push_back(std::move(text));
      continue;
    }
    out.practices.push_back(std::move(r));
  }

  for (const auto& code : wanted)
    if (!seen_ccgs.count(code)) {
      Diagnostic d;
      d.file = table.file;
      d.key = "practices.ccg_codes";
      d.found = "CCG code '" + code + "', which no row of the file has";
      d.expected = "a code from the file's CCG Code column (e.g. 00T for NHS Bolton CCG)";
      problems.push_back(std::move(d));
    }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace pcsim::scenarios

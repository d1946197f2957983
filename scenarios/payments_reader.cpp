#include "scenarios/payments_reader.hpp"

#include <map>

#include "core/errors.hpp"
#include "scenarios/area_membership.hpp"
#include "scenarios/column_match.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {

namespace {

// Column order in payment_columns(); the indices below name them.
enum Column {
  kCode,
  kName,
  kCcgCode,
  kCcgName,
  kPcnCode,
  kPostcode,
  kOpenDate,
  kCloseDate,
  kContract,
  kRegistered,
  kWeighted,
  kGlobalSum,
  kMpig,
  kPmsBalance,
  kColumnCount
};

// No practice in England has a list near this (the largest are about 100,000 patients): a
// larger figure is a corrupt cell, and would make one iteration take seconds.
constexpr double kMaxPatients = 2'000'000;

const std::vector<ColumnSpec>& payment_columns() {
  static const std::vector<ColumnSpec> columns = {
      {"Practice Code", {}, true},
      {"Practice Name", {}, true},
      {"CCG Code", {}, true},
      {"CCG NAME", {}, false},
      // 2019/20-2021/22 head it "PCN Code"; 2022/23 heads it "Code" (and puts the PCN's
      // name under "CCG NAME", beside "Sub ICB NAME").
      {"PCN Code", {"Code"}, false},
      {"Practice Postcode", {}, true},
      {"Practice Open Date", {}, true},
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

// Reads the cells of one row, collecting a Diagnostic for each bad one.
class RowReader {
 public:
  RowReader(const CsvTable& table, const std::vector<int>& columns,
            std::vector<Diagnostic>& problems)
      : table_(table), columns_(columns), problems_(problems) {}

  std::string text(const CsvRecord& row, Column column) const {
    return trim(table_.field(row, columns_[column]));
  }

  // A cell problem naming the practice of the row.
  void problem(const CsvRecord& row, Column column, const std::string& code, std::string expected) {
    Diagnostic d = table_.cell_problem(row, columns_[column], std::move(expected));
    if (!code.empty()) d.found += " for practice " + code;
    problems_.push_back(std::move(d));
  }

  // A patient count: a number from 0 to kMaxPatients; blank is an error, not a zero.
  double patients(const CsvRecord& row, Column column, const std::string& code) {
    const NumericCell cell = parse_published_number(table_.field(row, columns_[column]));
    if (cell.kind == CellKind::Number && cell.value >= 0 && cell.value <= kMaxPatients)
      return cell.value;
    problem(row, column, code,
            "a number of patients from 0 to 2,000,000 (0 for a practice without patients)");
    return 0;
  }

  // Money: any finite number (negative figures are corrections and recoveries); blank is £0
  // and is listed; a suppression marker or text is an error.
  double money(const CsvRecord& row, Column column, const std::string& code,
               std::vector<std::string>& blanks) {
    const int index = columns_[column];
    const NumericCell cell = parse_published_number(table_.field(row, index), NumberUnit::Pounds);
    if (cell.kind == CellKind::Number) return cell.value;
    if (cell.kind == CellKind::Blank) {
      blanks.push_back(code + " (line " + std::to_string(row.line) + "): " +
                       table_.header[static_cast<std::size_t>(index)] + " blank, read as £0");
      return 0;
    }
    problem(row, column, code,
            "an amount in pounds such as 1234.56, 1,234.56, £1,234.56, -£50 or (£50) (blank "
            "means £0; payments files do not suppress figures)");
    return 0;
  }

  // A date: dd/mm/yyyy, or none where blank or "-".
  std::optional<CalendarDate> date(const CsvRecord& row, Column column, const std::string& code) {
    const std::string t = text(row, column);
    if (t.empty() || t == "-") return std::nullopt;
    if (auto d = parse_uk_date(t)) return d;
    problem(row, column, code, "a date written dd/mm/yyyy, or a blank cell");
    return std::nullopt;
  }

 private:
  const CsvTable& table_;
  const std::vector<int>& columns_;
  std::vector<Diagnostic>& problems_;
};

}  // namespace

PaymentsFile read_payments_file(const std::filesystem::path& file) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col =
      match_columns(table.header, payment_columns(), table.file, table.header_line);

  PaymentsFile out;
  out.file = table.file;
  out.sha256 = table.sha256;
  out.has_pcn_column = col[kPcnCode] >= 0;
  out.rows.reserve(table.rows.size());  // grown row by row, each doubling moved every record
  std::vector<Diagnostic> problems;
  RowReader cells(table, col, problems);
  std::map<std::string, int> line_of_code;

  for (const CsvRecord& row : table.rows) {
    if (auto cut = table.short_row_problem(row)) {
      problems.push_back(std::move(*cut));
      continue;
    }
    PaymentsRecord r;
    r.line = row.line;
    r.code = upper_ascii(cells.text(row, kCode));
    if (r.code.empty()) {
      cells.problem(row, kCode, "", "an ODS practice code such as P82001");
      continue;
    }
    if (const auto [it, fresh] = line_of_code.emplace(r.code, row.line); !fresh) {
      Diagnostic d = table.cell_problem(row, col[kCode], "one row per practice");
      d.found = "practice " + r.code + " again (first on line " + std::to_string(it->second) + ")";
      problems.push_back(std::move(d));
      continue;
    }
    r.name = cells.text(row, kName);
    r.ccg_code = upper_ascii(cells.text(row, kCcgCode));
    r.ccg_name = col[kCcgName] >= 0 ? cells.text(row, kCcgName) : std::string();
    r.pcn_code = col[kPcnCode] >= 0 ? pcn_code_of(cells.text(row, kPcnCode)) : std::string();
    r.postcode = cells.text(row, kPostcode);
    r.contract_type = upper_ascii(cells.text(row, kContract));
    // The closure hazard's APMS term reads it: another value (a typo, "GMS/APMS") would be
    // taken as "not APMS" without a word. NHS Digital publishes these four (any case).
    if (r.contract_type != "GMS" && r.contract_type != "PMS" && r.contract_type != "APMS" &&
        r.contract_type != "UNKNOWN")
      cells.problem(row, kContract, r.code, "a contract type: GMS, PMS, APMS or UNKNOWN");
    r.open_date = cells.date(row, kOpenDate, r.code);
    r.close_date = cells.date(row, kCloseDate, r.code);
    if (r.close_date) r.close_date_text = cells.text(row, kCloseDate);
    // No row of the files 2014/15 to 2022/23 closes before it opens: such a row is a slip,
    // and read as it stands it would drop the practice as closed.
    if (r.open_date && r.close_date && *r.close_date < *r.open_date)
      cells.problem(
          row, kCloseDate, r.code,
          "a close date on or after the practice's open date, " + cells.text(row, kOpenDate));
    r.registered_patients = cells.patients(row, kRegistered, r.code);
    r.weighted_patients = cells.patients(row, kWeighted, r.code);
    r.global_sum = cells.money(row, kGlobalSum, r.code, out.blank_money);
    r.mpig_correction = cells.money(row, kMpig, r.code, out.blank_money);
    r.pms_balance = cells.money(row, kPmsBalance, r.code, out.blank_money);
    r.core_funding = r.global_sum + r.mpig_correction + r.pms_balance;
    if (r.ccg_code.empty())
      cells.problem(row, kCcgCode, r.code, "the practice's CCG or sub-ICB code");
    out.rows.push_back(std::move(r));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace pcsim::scenarios

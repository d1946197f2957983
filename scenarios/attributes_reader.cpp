#include "scenarios/attributes_reader.hpp"

#include "core/errors.hpp"
#include "scenarios/column_match.hpp"
#include "scenarios/csv_numbers.hpp"
#include "scenarios/csv_reader.hpp"

namespace pcsim::scenarios {

namespace {

// Positions in the column list built by attribute_columns(); role columns follow kRoles.
constexpr int kCode = 0;
constexpr int kPeerGroup = 1;
constexpr int kNeighbourhood = 2;
constexpr int kFirstBand = 3;                          // bands under_30 .. 60_64
constexpr int kBand65to69 = kFirstBand + model::kAgeBands - 1;
constexpr int kBand70Plus = kBand65to69 + 1;
constexpr int kBand65Plus = kBand70Plus + 1;           // our key, or a merged NHS column
constexpr int kReferrals = kBand65Plus + 1;
constexpr int kPrescribing = kReferrals + 1;
constexpr int kRoles = kPrescribing + 1;
constexpr int k65PlusBand = model::kAgeBands - 1;

// NHS Digital's workforce name of a band: "30_34" -> TOTAL_GP_HC_30TO34.
std::string nhs_band_column(std::string_view key) {
  if (key == "under_30") return "TOTAL_GP_HC_UNDER30";
  std::string name = "TOTAL_GP_HC_" + std::string(key);
  name.replace(name.find('_', 12), 1, "TO");
  return name;
}

std::vector<ColumnSpec> attribute_columns(const std::vector<model::RoleParameters>& roles) {
  std::vector<ColumnSpec> columns = {
      {"Practice Code", {"practice_code"}, true},
      {"peer_group", {}, false},
      {"neighbourhood", {"neighborhood"}, false},
  };
  for (int b = 0; b < k65PlusBand; ++b) {
    const std::string_view key = model::kAgeBandKeys[static_cast<std::size_t>(b)];
    columns.push_back({nhs_band_column(key), {"gp_hc_" + std::string(key)}, false});
  }
  columns.push_back({"TOTAL_GP_HC_65TO69", {}, false});
  columns.push_back({"TOTAL_GP_HC_70PLUS", {}, false});
  columns.push_back({"gp_hc_65_plus", {"TOTAL_GP_HC_65PLUS"}, false});
  columns.push_back({"referrals_per_1000_weighted", {}, false});
  columns.push_back({"prescribing_per_weighted", {}, false});
  for (const auto& role : roles)
    // A role without a column gets an empty name, which matches nothing, so that role r
    // is always at kRoles + r.
    columns.push_back({role.attributes_column, {}, false});
  return columns;
}

std::string upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

// Reads optional non-negative numbers from one table, collecting Diagnostics.
class OptionalNumbers {
 public:
  OptionalNumbers(const CsvTable& table, const std::vector<int>& columns,
                  std::vector<Diagnostic>& problems)
      : table_(table), columns_(columns), problems_(problems) {}

  bool has_column(int column) const { return columns_[static_cast<std::size_t>(column)] >= 0; }

  // The number in the cell, or nothing when the column is absent or the cell is blank or
  // suppressed (non-numeric). A negative number is an error: no count, FTE, rate or cost
  // can be below zero.
  std::optional<double> value(const CsvRecord& row, int column) {
    const int index = columns_[static_cast<std::size_t>(column)];
    if (index < 0) return std::nullopt;
    const std::string& text = table_.field(row, index);
    const NumericCell cell = parse_published_number(text);
    if (cell.kind != CellKind::Number) return std::nullopt;
    if (cell.value < 0) {
      problems_.push_back(table_.cell_problem(
          row, index, "a number >= 0, or a blank cell where it is not known"));
      return std::nullopt;
    }
    return cell.value;
  }

 private:
  const CsvTable& table_;
  const std::vector<int>& columns_;
  std::vector<Diagnostic>& problems_;
};

// The GP headcount by band, if every band column the file has holds a number.
std::optional<model::BandArray> read_headcount(OptionalNumbers& numbers, const CsvRecord& row) {
  model::BandArray bands{};
  bool any_column = false;
  bool all_given = true;
  auto take = [&](int column, double& into) {
    if (!numbers.has_column(column)) return;
    any_column = true;
    const auto v = numbers.value(row, column);
    if (v) into += *v;
    else all_given = false;
  };
  for (int b = 0; b < k65PlusBand; ++b) take(kFirstBand + b, bands[static_cast<std::size_t>(b)]);
  double& band_65_plus = bands[static_cast<std::size_t>(k65PlusBand)];
  if (numbers.has_column(kBand65Plus)) {
    take(kBand65Plus, band_65_plus);
  } else {  // NHS Digital's 65-69 and 70+ merge into our 65+
    take(kBand65to69, band_65_plus);
    take(kBand70Plus, band_65_plus);
  }
  if (!any_column || !all_given) return std::nullopt;
  return bands;
}

}  // namespace

PracticeAttributesTable read_attributes(const std::filesystem::path& file,
                                        const std::vector<model::RoleParameters>& roles) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col =
      match_columns(table.header, attribute_columns(roles), table.file, table.header_line);

  PracticeAttributesTable out;
  out.file = table.file;
  std::vector<Diagnostic> problems;
  OptionalNumbers numbers(table, col, problems);

  for (const CsvRecord& row : table.rows) {
    const std::string code = upper(trim(table.field(row, col[kCode])));
    Diagnostic bad_code;
    bad_code.file = table.file;
    bad_code.line = row.line;
    bad_code.column = col[kCode] + 1;
    bad_code.key = table.header[static_cast<std::size_t>(col[kCode])];
    bad_code.expected = "one row per practice, keyed by its practice code";
    if (code.empty()) {
      bad_code.found = "an empty practice code";
      problems.push_back(std::move(bad_code));
      continue;
    }
    if (const auto it = out.by_code.find(code); it != out.by_code.end()) {
      bad_code.found = "practice " + code + " again (first on line " +
                       std::to_string(it->second.line) + ")";
      problems.push_back(std::move(bad_code));
      continue;
    }

    PracticeAttributes a;
    a.line = row.line;
    a.peer_group = trim(table.field(row, col[kPeerGroup]));
    a.neighbourhood = trim(table.field(row, col[kNeighbourhood]));
    a.gp_headcount = read_headcount(numbers, row);
    for (std::size_t r = 0; r < roles.size(); ++r)
      a.role_fte.push_back(numbers.value(row, kRoles + static_cast<int>(r)));
    a.referrals_per_1000_weighted = numbers.value(row, kReferrals);
    a.prescribing_per_weighted = numbers.value(row, kPrescribing);
    out.by_code.emplace(code, std::move(a));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace pcsim::scenarios

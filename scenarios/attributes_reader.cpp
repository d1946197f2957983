#include "scenarios/attributes_reader.hpp"

#include <cmath>

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
constexpr int kFirstBand = 3;  // bands under_30 .. 60_64
constexpr int kBand65to69 = kFirstBand + model::kAgeBands - 1;
constexpr int kBand70Plus = kBand65to69 + 1;
constexpr int kBand65Plus = kBand70Plus + 1;  // our key, or a merged NHS column
constexpr int kGpTotal = kBand65Plus + 1;
constexpr int kReferrals = kGpTotal + 1;
constexpr int kPrescribing = kReferrals + 1;
constexpr int kRoles = kPrescribing + 1;
constexpr int k65PlusBand = model::kAgeBands - 1;

// What a numeric column may hold: its largest plausible value and whether it counts people.
struct Range {
  double max;
  bool whole;
  const char* expected;
  NumberUnit unit = NumberUnit::Plain;  // Pounds: a '£' may lead the figure
};
constexpr Range kHeadcount{1000, true, "a whole number of GPs from 0 to 1,000"};
constexpr Range kFte{1000, false, "an FTE from 0 to 1,000"};
constexpr Range kReferralRate{10000, false, "referrals per 1,000 weighted patients, 0 to 10,000"};
constexpr Range kPrescribingCost{10000, false, "£ per weighted patient, 0 to 10,000",
                                 NumberUnit::Pounds};

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
  // The model's GPs are permanent GPs: the headcount without locums and trainees first (the
  // workforce files hold all three measures side by side: an order, not synonyms).
  columns.push_back(
      {"TOTAL_GP_EXTGL_HC", {"TOTAL_GP_EXTG_HC", "TOTAL_GP_HC", "gp_headcount"}, false, true});
  columns.push_back({"referrals_per_1000_weighted", {}, false});
  columns.push_back({"prescribing_per_weighted", {}, false});
  for (const auto& role : roles)
    // A role without a column gets an empty name, which matches nothing, so that role r
    // is always at kRoles + r.
    columns.push_back({role.attributes_column, {}, false});
  return columns;
}

// A role that names a column the file does not have: the scenario promised data the file
// lacks, so every practice would silently take the default.
void check_role_columns(const CsvTable& table, const std::vector<int>& col,
                        const std::vector<model::RoleParameters>& roles,
                        std::vector<Diagnostic>& problems) {
  for (std::size_t r = 0; r < roles.size(); ++r) {
    if (roles[r].attributes_column.empty() || col[kRoles + r] >= 0) continue;
    Diagnostic d;
    d.file = table.file;
    d.line = table.header_line;
    d.key = "roles." + roles[r].name + ".attributes_column";
    d.found = "\"" + roles[r].attributes_column +
              "\", a column the attributes file lacks; its "
              "headers are";
    for (std::size_t c = 0; c < table.header.size(); ++c)
      d.found += (c == 0 ? " '" : ", '") + table.header[c] + "'";
    d.expected =
        "a column of the attributes file (case, spaces and punctuation ignored), or "
        "no attributes_column for a role the file does not give";
    problems.push_back(std::move(d));
  }
}

// The GP age-band columns come as a set: with some of them and not others, every practice
// would get no GP in the bands whose column is missing, which no figure in the file says.
// 65+ is one column (gp_hc_65_plus or NHS Digital's TOTAL_GP_HC_65PLUS), or NHS Digital's
// TOTAL_GP_HC_65TO69 and TOTAL_GP_HC_70PLUS together.
void check_band_columns(const CsvTable& table, const std::vector<int>& col,
                        std::vector<Diagnostic>& problems) {
  std::vector<std::string> missing;
  bool any = false;
  for (int b = 0; b < k65PlusBand; ++b) {
    const std::string_view key = model::kAgeBandKeys[static_cast<std::size_t>(b)];
    if (col[kFirstBand + b] >= 0)
      any = true;
    else
      missing.push_back(nhs_band_column(key) + " (or gp_hc_" + std::string(key) + ")");
  }
  const bool split_65 = col[kBand65to69] >= 0 && col[kBand70Plus] >= 0;
  const bool any_65 = col[kBand65Plus] >= 0 || col[kBand65to69] >= 0 || col[kBand70Plus] >= 0;
  any = any || any_65;
  if (col[kBand65Plus] < 0 && !split_65)
    missing.emplace_back(col[kBand65to69] >= 0 ? "TOTAL_GP_HC_70PLUS (beside TOTAL_GP_HC_65TO69)"
                         : col[kBand70Plus] >= 0
                             ? "TOTAL_GP_HC_65TO69 (beside TOTAL_GP_HC_70PLUS)"
                             : "gp_hc_65_plus (or TOTAL_GP_HC_65PLUS, or TOTAL_GP_HC_65TO69 "
                               "and TOTAL_GP_HC_70PLUS)");
  if (!any || missing.empty()) return;
  Diagnostic d;
  d.file = table.file;
  d.line = table.header_line;
  d.key = "GP age band columns";
  d.found = "some age bands without a column:";
  for (std::size_t i = 0; i < missing.size(); ++i) d.found += (i == 0 ? " " : ", ") + missing[i];
  d.expected =
      "a column for every age band (a blank or suppressed cell where a practice's figure is "
      "unknown), or none: GPs by age band then come from the total and gp_age_profile";
  problems.push_back(std::move(d));
}

// Reads optional non-negative numbers of one row, collecting Diagnostics and suppressed cells.
class OptionalNumbers {
 public:
  OptionalNumbers(const CsvTable& table, const std::vector<int>& columns,
                  std::vector<Diagnostic>& problems, std::vector<std::string>& suppressed)
      : table_(table), columns_(columns), problems_(problems), suppressed_(suppressed) {}

  bool has_column(int column) const { return columns_[static_cast<std::size_t>(column)] >= 0; }

  // The number in the cell, or nothing when the column is absent or the cell is blank or
  // suppressed. Anything else that is not a number in `range` is an error.
  std::optional<double> value(const CsvRecord& row, const std::string& code, int column,
                              const Range& range) {
    const int index = columns_[static_cast<std::size_t>(column)];
    if (index < 0) return std::nullopt;
    const std::string_view text = table_.field(row, index);
    const NumericCell cell = parse_published_number(text, range.unit);
    if (cell.kind == CellKind::Blank) return std::nullopt;
    if (cell.kind == CellKind::Suppressed) {
      suppressed_.push_back(code + " (line " + std::to_string(row.line) +
                            "): " + table_.header[static_cast<std::size_t>(index)] + " '" +
                            trim(text) + "'");
      return std::nullopt;
    }
    const bool fits = cell.kind == CellKind::Number && cell.value >= 0 && cell.value <= range.max &&
                      (!range.whole || cell.value == std::floor(cell.value));
    if (fits) return cell.value;
    Diagnostic d = table_.cell_problem(row, index,
                                       std::string(range.expected) +
                                           ", a blank cell where it is not known, or a "
                                           "publisher's suppression marker (c, *, .., x, NA)");
    d.found += " for practice " + code;
    problems_.push_back(std::move(d));
    return std::nullopt;
  }

 private:
  const CsvTable& table_;
  const std::vector<int>& columns_;
  std::vector<Diagnostic>& problems_;
  std::vector<std::string>& suppressed_;
};

// The GP headcount by band: every band the file gives, and whether each is known.
void read_bands(OptionalNumbers& numbers, const CsvRecord& row, const std::string& code,
                PracticeAttributes& a) {
  bool any_column = false;
  auto take = [&](int column, std::size_t band) {
    if (!numbers.has_column(column)) return;
    any_column = true;
    const auto v = numbers.value(row, code, column, kHeadcount);
    if (v)
      a.gp_bands_known[band] += *v;
    else
      a.gp_band_is_known[band] = false;
  };
  a.gp_band_is_known.fill(true);
  for (int b = 0; b < k65PlusBand; ++b) take(kFirstBand + b, static_cast<std::size_t>(b));
  const auto band_65_plus = static_cast<std::size_t>(k65PlusBand);
  if (numbers.has_column(kBand65Plus)) {
    take(kBand65Plus, band_65_plus);
  } else {  // NHS Digital's 65-69 and 70+ merge into our 65+
    take(kBand65to69, band_65_plus);
    take(kBand70Plus, band_65_plus);
  }
  if (!any_column) {
    a.gp_band_is_known.fill(false);
    a.gp_bands_known = {};
    return;
  }
  for (std::size_t b = 0; b < a.gp_band_is_known.size(); ++b)
    if (!a.gp_band_is_known[b]) a.gp_bands_known[b] = 0;
  bool all = true;
  for (bool known : a.gp_band_is_known) all = all && known;
  if (all) a.gp_headcount = a.gp_bands_known;
}

// Bands and total must agree: bands over the total are an error; with every band given and
// a different total, the bands are used and the difference is listed.
void check_total(const CsvTable& table, const std::vector<int>& col, const CsvRecord& row,
                 const std::string& code, const PracticeAttributes& a, PracticeAttributesTable& out,
                 std::vector<Diagnostic>& problems) {
  if (!a.gp_total) return;
  double known = 0;
  for (double v : a.gp_bands_known) known += v;
  if (a.gp_headcount) {
    if (known != *a.gp_total)
      out.total_mismatches.push_back(
          code + " (line " + std::to_string(row.line) + "): the age bands sum to " +
          std::to_string(static_cast<long>(known)) + " GPs, " + out.gp_total_column + " says " +
          std::to_string(*a.gp_total) + "; the bands are used");
    return;
  }
  if (known > *a.gp_total) {
    Diagnostic d =
        table.cell_problem(row, col[kGpTotal], "at least the GPs the age-band cells give");
    d.found += " for practice " + code + ", fewer than the " +
               std::to_string(static_cast<long>(known)) + " GPs of its age-band cells";
    problems.push_back(std::move(d));
  }
}

}  // namespace

PracticeAttributesTable read_attributes(const std::filesystem::path& file,
                                        const std::vector<model::RoleParameters>& roles) {
  const CsvTable table = read_csv_file(file);
  const std::vector<int> col =
      match_columns(table.header, attribute_columns(roles), table.file, table.header_line);

  PracticeAttributesTable out;
  out.file = table.file;
  out.sha256 = table.sha256;
  if (col[kGpTotal] >= 0)
    out.gp_total_column = table.header[static_cast<std::size_t>(col[kGpTotal])];
  std::vector<Diagnostic> problems;
  check_role_columns(table, col, roles, problems);
  check_band_columns(table, col, problems);
  OptionalNumbers numbers(table, col, problems, out.suppressed);

  for (const CsvRecord& row : table.rows) {
    if (auto cut = table.short_row_problem(row)) {  // as the payments reader: no guessing
      problems.push_back(std::move(*cut));
      continue;
    }
    const std::string code = upper_ascii(trim(table.field(row, col[kCode])));
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
      bad_code.found =
          "practice " + code + " again (first on line " + std::to_string(it->second.line) + ")";
      problems.push_back(std::move(bad_code));
      continue;
    }

    PracticeAttributes a;
    a.line = row.line;
    a.peer_group = trim(table.field(row, col[kPeerGroup]));
    a.neighbourhood = trim(table.field(row, col[kNeighbourhood]));
    read_bands(numbers, row, code, a);
    if (const auto total = numbers.value(row, code, kGpTotal, kHeadcount))
      a.gp_total = static_cast<int>(*total);
    check_total(table, col, row, code, a, out, problems);
    for (std::size_t r = 0; r < roles.size(); ++r)
      a.role_fte.push_back(numbers.value(row, code, kRoles + static_cast<int>(r), kFte));
    a.referrals_per_1000_weighted = numbers.value(row, code, kReferrals, kReferralRate);
    a.prescribing_per_weighted = numbers.value(row, code, kPrescribing, kPrescribingCost);
    out.by_code.emplace(code, std::move(a));
  }
  if (!problems.empty()) throw InputError(std::move(problems));
  return out;
}

}  // namespace pcsim::scenarios

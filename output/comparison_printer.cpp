#include "output/comparison_printer.hpp"

#include <array>
#include <limits>
#include <string>
#include <string_view>

#include "output/number_format.hpp"

namespace pcsim::output {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Columns of the text table: 2 + 18 + 14 + 29 + 9 + 14 + 13 = 99 characters. A longer
// option name goes on a line of its own, its figures on the next.
constexpr std::size_t kIndent = 2;
constexpr std::size_t kOptionWidth = 18;
constexpr std::size_t kNpvWidth = 14;
constexpr std::size_t kRangeWidth = 29;
constexpr std::size_t kBestWidth = 9;
constexpr std::size_t kOverspendWidth = 14;
constexpr std::size_t kGapWidth = 13;

// The P10 and P90 of option `name`'s NPV from its summary, NaN when it has none.
std::array<double, 2> npv_p10_p90(const ResultsSummary& summary, const std::string& name) {
  for (const auto& option : summary.options) {
    if (option.name != name) continue;
    if (const SummaryTable* npv = option.find("npv"); npv != nullptr && npv->rows() == 1) {
      return {npv->at(0, "p10"), npv->at(0, "p90")};
    }
  }
  return {kNaN, kNaN};
}

std::string npv_range(const std::array<double, 2>& range) {
  return format_for_unit(range[0], "GBP") + " to " + format_for_unit(range[1], "GBP");
}

std::string trimmed(std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);
  return line;
}

}  // namespace

void print_comparison_text(const ResultsSummary& summary, std::ostream& out) {
  if (!summary.comparison) return;
  const ComparisonSummary& c = *summary.comparison;
  const std::string last_year = summary.years.empty() ? "last year" : summary.years.back();
  out << "\nComparison of options (paired by iteration: common random numbers; baseline "
      << c.baseline << ")\n";
  std::string header(kIndent, ' ');
  header += align_left("option", kOptionWidth) + align_right("E[NPV]", kNpvWidth) +
            align_right("NPV P10 to P90", kRangeWidth) + align_right("P(best)", kBestWidth) +
            align_right("P(overspend)", kOverspendWidth) + align_right("gap " + last_year, kGapWidth);
  out << header << '\n';
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    std::string line(kIndent, ' ');
    if (display_width(c.options[o]) < kOptionWidth) {
      line += align_left(c.options[o], kOptionWidth);
    } else {
      out << line << c.options[o] << '\n';
      line += std::string(kOptionWidth, ' ');
    }
    line += align_right(format_for_unit(c.expected_npv[o], "GBP"), kNpvWidth);
    line += align_right(npv_range(npv_p10_p90(summary, c.options[o])), kRangeWidth);
    line += align_right(format_for_unit(c.p_best_npv[o], "0/1"), kBestWidth);
    line += align_right(format_for_unit(c.p_overspend_any_year[o], "0/1"), kOverspendWidth);
    line += align_right(format_for_unit(c.expected_gap_last_year[o], "appointments"), kGapWidth);
    out << trimmed(line) << '\n';
  }
  out << "  P(best): share of iterations in which the option has the highest NPV.\n"
      << "  P(overspend): in any year. gap: mean unmet appointments in " << last_year << ".\n"
      << "  EVPI " << format_for_unit(c.evpi, "GBP")
      << ": the expected value of perfect information, what removing all uncertainty\n"
      << "  before choosing would be worth; near £0, choosing by E[NPV] is rarely wrong or"
      << " costs little.\n";
}

void print_comparison_csv(const ResultsSummary& summary, std::ostream& out) {
  if (!summary.comparison) return;
  const ComparisonSummary& c = *summary.comparison;
  out << "option,expected_npv,npv_p10,npv_p90,p_best_npv,p_overspend_any_year,"
         "appointments_gap_last_year,evpi\n";
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    const auto range = npv_p10_p90(summary, c.options[o]);
    out << csv_field(c.options[o]) << ',' << csv_number(c.expected_npv[o]) << ','
        << csv_number(range[0]) << ',' << csv_number(range[1]) << ','
        << csv_number(c.p_best_npv[o]) << ',' << csv_number(c.p_overspend_any_year[o]) << ','
        << csv_number(c.expected_gap_last_year[o]) << ',' << csv_number(c.evpi) << '\n';
  }
}

}  // namespace pcsim::output

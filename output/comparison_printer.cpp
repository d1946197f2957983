#include "output/comparison_printer.hpp"

#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/not_a_number.hpp"
#include "output/number_format.hpp"
#include "output/text_table.hpp"

namespace pcsim::output {

namespace {

// An option name longer than this goes on a line of its own, its figures on the next.
constexpr std::size_t kOptionWidth = 20;

struct NpvFigures {
  double central = kNaN;
  double p10 = kNaN;
  double p90 = kNaN;
  double p_payback = kNaN;
};

NpvFigures npv_figures(const ResultsSummary& summary, const std::string& name) {
  NpvFigures figures;
  for (const auto& option : summary.options) {
    if (option.name != name) continue;
    figures.p_payback = option.p_payback_within_horizon;
    if (const SummaryTable* npv = option.find("npv"); npv != nullptr && npv->rows() == 1) {
      figures.p10 = npv->at(0, "p10");
      figures.p90 = npv->at(0, "p90");
      if (!npv->central.empty()) figures.central = npv->central[0];
    }
  }
  return figures;
}

}  // namespace

void print_comparison_text(const ResultsSummary& summary, std::ostream& out) {
  if (!summary.comparison) return;
  const ComparisonSummary& c = *summary.comparison;
  const std::string last_year = summary.years.empty() ? "last year" : summary.years.back();
  // One money scale for every NPV figure of the table, named in the headers.
  std::vector<NpvFigures> npv;
  std::vector<double> amounts;
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    npv.push_back(npv_figures(summary, c.options[o]));
    amounts.insert(amounts.end(),
                   {c.expected_npv[o], npv.back().central, npv.back().p10, npv.back().p90});
  }
  const MoneyScale scale = money_scale_for(amounts);
  const std::string unit(scale.unit);
  out << "\nComparison of options (paired by iteration: common random numbers; baseline "
      << c.baseline << ")\n";
  using A = TextTable::Align;
  TextTable table({"option", "E[NPV] " + unit, "central " + unit, "P10 " + unit, "P90 " + unit,
                   "P(best)", "P(overspend)", "gap " + last_year},
                  {A::Left});
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    std::string name = c.options[o];
    if (display_width(name) > kOptionWidth) {
      table.add_note(name);
      name.clear();
    }
    table.add_row({name, format_scaled(c.expected_npv[o], scale),
                   format_scaled(npv[o].central, scale), format_scaled(npv[o].p10, scale),
                   format_scaled(npv[o].p90, scale), format_for_unit(c.p_best_npv[o], "0/1"),
                   format_for_unit(c.p_overspend_any_year[o], "0/1"),
                   format_for_unit(c.expected_gap_last_year[o], "appointments")});
  }
  table.print(out);
  out << "  NPV in " << unit << (scale.word.empty() ? "" : " (" + std::string(scale.word) + "s)")
      << ": the mean E[NPV], the central case, and the P10 and P90 of the iterations.\n"
      << "  P(best): share of iterations in which the option has the highest NPV.\n"
      << "  P(overspend): in any year. gap: mean unmet appointments in " << last_year << ".\n"
      << "  EVPI " << format_money(c.evpi)
      << ": the expected value of perfect information, what removing all uncertainty\n"
      << "  before choosing would be worth; near £0, choosing by E[NPV] is rarely wrong or"
      << " costs little.\n";
}

void print_comparison_csv(const ResultsSummary& summary, std::ostream& out) {
  if (!summary.comparison) return;
  const ComparisonSummary& c = *summary.comparison;
  out << "option,expected_npv,central_npv,npv_p10,npv_p90,p_best_npv,p_overspend_any_year,"
         "appointments_gap_last_year,p_payback_within_horizon,evpi\n";
  for (std::size_t o = 0; o < c.options.size(); ++o) {
    const NpvFigures npv = npv_figures(summary, c.options[o]);
    out << csv_field(c.options[o]) << ',' << csv_number(c.expected_npv[o]) << ','
        << csv_number(npv.central) << ',' << csv_number(npv.p10) << ',' << csv_number(npv.p90)
        << ',' << csv_number(c.p_best_npv[o]) << ',' << csv_number(c.p_overspend_any_year[o]) << ','
        << csv_number(c.expected_gap_last_year[o]) << ',' << csv_number(npv.p_payback) << ','
        << csv_number(c.evpi) << '\n';
  }
}

}  // namespace pcsim::output

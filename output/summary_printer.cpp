#include "output/summary_printer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "output/base_year_figures.hpp"
#include "output/central_case_position.hpp"
#include "output/comparison_printer.hpp"
#include "output/headroom_list_growth.hpp"
#include "output/number_format.hpp"
#include "output/provenance_attributes.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"
#include "output/sensitivity_printer.hpp"
#include "output/sensitivity_reader.hpp"
#include "output/statistics.hpp"
#include "output/summary_reader_root.hpp"
#include "output/text_table.hpp"
#include "output/warnings_text.hpp"

namespace pcsim::output {

namespace {

// The metrics a commissioner looks at first, in the order shown.
constexpr std::array<std::string_view, 11> kKeyMetrics = {
    "list_size", "gp_headcount",    "appointments_gap", "investment", "savings",     "net_cost",
    "roi",       "budget_headroom", "overspend",        "npv",        "payback_year"};

constexpr std::array<std::string_view, 4> kTextStatistics = {"mean", "p10", "p50", "p90"};

// The tables to show: the key metrics the option holds, or, when it holds none of them
// (a file from a differently configured run), every metric and scalar.
std::vector<const SummaryTable*> tables_to_show(const OptionSummary& option) {
  std::vector<const SummaryTable*> shown;
  for (const auto name : kKeyMetrics) {
    if (const SummaryTable* table = option.find(name)) shown.push_back(table);
  }
  if (!shown.empty()) return shown;
  for (const auto& table : option.metrics) shown.push_back(&table);
  for (const auto& table : option.scalars) shown.push_back(&table);
  return shown;
}

// The rows shown: first and last year (one row when they coincide); a scalar's only row.
std::vector<std::size_t> rows_to_show(const SummaryTable& table) {
  if (table.rows() == 0) return {};
  if (table.rows() == 1) return {0};
  return {0, table.rows() - 1};
}

double central_of(const SummaryTable& table, std::size_t row) {
  return row < table.central.size() ? table.central[row] : std::nan("");
}

// One row's cells after the metric and year: unit, central, mean, p10, p50, p90. Money is
// scaled for the row (the unit says how); an indicator shows percentages (its mean is the
// probability; the central case is 0 or 100); other units as they are.
std::vector<std::string> figures(const SummaryTable& table, std::size_t row, bool has_central) {
  std::vector<double> values;
  if (has_central) values.push_back(central_of(table, row));
  for (const auto statistic : kTextStatistics) values.push_back(table.at(row, statistic));
  std::vector<std::string> cells;
  if (table.unit == "GBP") {
    const MoneyScale scale = money_scale_for(values);
    cells.emplace_back(scale.unit);
    for (const double value : values) cells.push_back(format_scaled(value, scale));
    return cells;
  }
  if (table.unit == "0/1") {
    cells.emplace_back("%");
    if (has_central) cells.push_back(group_thousands(values.front() * 100.0, 0));
    cells.push_back(percent_one_decimal(table.at(row, "mean")));
    return cells;  // the percentiles of a 0/1 indicator (0 or 1) say little
  }
  cells.emplace_back(table.unit == "year of projection" ? "year t" : table.unit);
  for (const double value : values) {
    cells.push_back(format_for_unit(value, table.unit == "ratio" ? "ratio" : ""));
  }
  return cells;
}

std::string row_label(const SummaryTable& table) {
  if (table.unit == "0/1") return "P(" + table.name + ")";
  return table.name;
}

// Says how many iterations a shown row left out as NaN (e.g. roi with zero investment).
void print_nan_notes(const ResultsSummary& summary, const OptionSummary& option,
                     std::ostream& out) {
  for (const SummaryTable* table : tables_to_show(option)) {
    if (table->name == layout::kPaybackYear) continue;  // said with P(payback) instead
    for (const std::size_t row : rows_to_show(*table)) {
      if (table->n_nan[row] == 0) continue;
      const bool has_year = table->per_year && row < summary.years.size();
      out << "  note: " << table->name << (has_year ? " " + summary.years[row] : "") << ": "
          << group_thousands(static_cast<double>(table->n_nan[row]), 0) << " of "
          << group_thousands(static_cast<double>(summary.provenance.iterations), 0)
          << " iterations have no value (NaN) and are left out\n";
    }
  }
}

void print_payback_note(const ResultsSummary& summary, const OptionSummary& option,
                        std::ostream& out) {
  if (option.find(layout::kPaybackYear) == nullptr) return;
  if (option.invests_nothing) {
    out << "  payback_year: the option invests nothing, so there is nothing to pay back\n";
    return;
  }
  out << "  payback_year: year t of the projection (1 = "
      << (summary.years.empty() ? "the first year" : summary.years.front())
      << "); its percentiles are over\n  the iterations that pay back within the horizon, "
         "P(payback) of them\n";
}

// `text` broken between words into lines of at most kNoteWidth characters, each after
// `indent`: a note longer than a terminal line.
constexpr std::size_t kNoteWidth = 92;
void print_wrapped(const std::string& text, std::string_view indent, std::ostream& out) {
  std::string line;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find(' ', from);
    if (end == std::string::npos) end = text.size();
    const std::string_view word(text.data() + from, end - from);
    if (!line.empty() && display_width(line) + 1 + display_width(word) > kNoteWidth) {
      out << indent << line << '\n';
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    from = end + 1;
  }
  if (!line.empty()) out << indent << line << '\n';
}

void print_option(const ResultsSummary& summary, const OptionSummary& option, std::ostream& out) {
  out << "\nOption: " << option.name << '\n';
  const bool has_central = std::any_of(option.metrics.begin(), option.metrics.end(),
                                       [](const SummaryTable& t) { return !t.central.empty(); });
  std::vector<std::string> headers = {"metric", "year", "unit"};
  if (has_central) headers.emplace_back("central");
  headers.insert(headers.end(), kTextStatistics.begin(), kTextStatistics.end());
  using A = TextTable::Align;
  TextTable table(headers, {A::Left, A::Left, A::Left});
  for (const SummaryTable* metric : tables_to_show(option)) {
    for (const std::size_t row : rows_to_show(*metric)) {
      const bool has_year = metric->per_year && row < summary.years.size();
      std::vector<std::string> cells = {row_label(*metric), has_year ? summary.years[row] : "all"};
      const auto rest = figures(*metric, row, has_central);
      cells.insert(cells.end(), rest.begin(), rest.end());
      table.add_row(std::move(cells));
    }
    if (metric->name == layout::kPaybackYear && !std::isnan(option.p_payback_within_horizon)) {
      std::vector<std::string> cells = {"P(payback)", "horizon", "%"};
      if (has_central) {
        cells.push_back(std::isnan(central_of(*metric, 0)) ? "0" : "100");
      }
      cells.push_back(percent_one_decimal(option.p_payback_within_horizon));
      table.add_row(std::move(cells));
    }
  }
  table.print(out);
  print_nan_notes(summary, option, out);
  print_payback_note(summary, option, out);
  if (const auto position = central_case_position(option)) {
    print_wrapped("note: " + central_case_position_text(*position), "  ", out);
  }
  if (const auto growth =
          headroom_list_growth(option, base_year_figures(summary.provenance), summary.years)) {
    print_wrapped("note: " + headroom_list_growth_text(*growth), "  ", out);
  }
}

void print_csv_row(const std::string& option, const SummaryTable& table, std::size_t row,
                   const std::string& year, std::ostream& out) {
  out << csv_field(option) << ',' << csv_field(table.name) << ',' << csv_field(table.unit) << ','
      << csv_field(year) << ',' << table.n_nan[row] << ',' << csv_number(central_of(table, row));
  for (const auto statistic : kStatisticNames) out << ',' << csv_number(table.at(row, statistic));
  out << '\n';
}

// The scenario by its name, with the file it was read from; a file of an older pcsim, which
// did not store the name, by its file alone.
void print_scenario_line(const Provenance& p, std::ostream& out) {
  if (p.scenario_name.empty()) {
    out << "  scenario " << p.scenario_file << '\n';
    return;
  }
  out << "  scenario: " << p.scenario_name << "\n  scenario file " << p.scenario_file << '\n';
}

// The provenance lines of a sensitivity file, then what it holds.
void print_sensitivity_header(hid_t root, const std::filesystem::path& source,
                              const SensitivityResults& r, std::ostream& out) {
  out << "pcsim sensitivity file: " << source.string() << '\n';
  const Provenance p = read_provenance_attributes(root);
  out << "  pcsim " << p.pcsim_version << '\n';
  print_scenario_line(p, out);
  out << "  option '" << r.option << "': " << r.parameters.size() << " uncertain parameters, "
      << group_thousands(static_cast<double>(r.iterations), 0)
      << " Monte Carlo iterations (Spearman), seed " << p.seed;
  if (r.sobol_rows > 0) {
    out << ", Sobol design of " << group_thousands(static_cast<double>(r.sobol_rows), 0) << " rows";
  }
  out << "\n\n";
}

// The run's warnings after the tables, as the run printed them on standard error (so a
// reader of the summary alone sees what the figures rest on); nothing for a file that does
// not hold them.
void print_stored_warnings(const ResultsSummary& summary, std::ostream& out, bool every_item) {
  if (!summary.warnings) return;
  if (summary.warnings->empty()) {
    out << "\nWarnings of the run: none\n";
    return;
  }
  out << "\nWarnings of the run: " << summary.warnings->size() << '\n';
  std::vector<std::string> names;  // as the run printed them: long option names cut
  for (const auto& option : summary.options) names.push_back(option.name);
  print_warnings(*summary.warnings, out, every_item, names);
}

// What year 0 held, so the tables can be reconciled with the payments file.
void print_base_year(const ResultsSummary& summary, std::ostream& out) {
  const BaseYearFigures figures = base_year_figures(summary.provenance);
  const std::vector<BaseYearItem> items = base_year_items(figures);
  if (items.empty() && figures.label.empty()) return;  // a file of an older pcsim
  out << '\n'
      << base_year_heading(figures, summary.years.empty() ? "" : summary.years.front()) << '\n';
  std::size_t label_width = 0, value_width = 0;
  for (const auto& item : items) {
    label_width = std::max(label_width, display_width(item.label));
    value_width = std::max(value_width, display_width(item.text));
  }
  for (const auto& item : items) {
    out << "  " << align_left(item.label, label_width) << "  "
        << align_right(item.text, value_width) << '\n';
  }
}

// `text` with a line break after each "; ", the later lines indented by `indent`: the price
// basis is longer than a terminal line.
void print_clauses(const std::string& text, std::string_view indent, std::ostream& out) {
  std::size_t from = 0;
  for (std::size_t at = text.find("; "); at != std::string::npos; at = text.find("; ", from)) {
    out << text.substr(from, at + 1 - from) << '\n' << indent;
    from = at + 2;
  }
  out << text.substr(from) << '\n';
}

// What the £ figures are in, once, before the tables.
void print_price_basis(const ResultsSummary& summary, std::ostream& out) {
  out << '\n';
  print_clauses(price_basis_text(summary.price_basis), "  ", out);
  for (const auto& [option, basis] : summary.option_price_bases) {
    out << "  ";
    print_clauses(option_price_basis_text(option, basis), "    ", out);
  }
}

}  // namespace

void print_summary_text(const ResultsSummary& summary, const std::filesystem::path& source,
                        std::ostream& out, bool every_warning_item) {
  out << "pcsim results: " << source.string() << '\n';
  const Provenance& p = summary.provenance;
  print_scenario_line(p, out);
  out << "  pcsim " << p.pcsim_version << " (commit " << p.git_commit.substr(0, 12)
      << "), results format " << summary.format_version << '\n';
  out << "  " << group_thousands(static_cast<double>(p.iterations), 0)
      << (p.iterations == 1 ? " iteration" : " iterations") << ", seed " << p.seed
      << (p.central ? ", central values only" : "") << '\n';
  out << "  started " << p.start_time << ", took " << group_thousands(p.wall_seconds, 1) << " s\n";
  if (!summary.years.empty()) {
    out << "  years " << summary.years.front() << " to " << summary.years.back()
        << "; the tables show the first and last\n";
  }
  out << "  central: every parameter at its central value and every event at its expectation"
         " (one run)\n";
  print_base_year(summary, out);
  print_price_basis(summary, out);
  print_comparison_text(summary, out);
  for (const auto& option : summary.options) print_option(summary, option, out);
  print_stored_warnings(summary, out, every_warning_item);
}

void print_summary_csv(const ResultsSummary& summary, std::ostream& out) {
  out << "option,metric,unit,year,n_nan,central";
  for (const auto statistic : kStatisticNames) out << ',' << statistic;
  out << '\n';
  for (const auto& option : summary.options) {
    for (const auto& table : option.metrics) {
      for (std::size_t row = 0; row < table.rows(); ++row) {
        const std::string year = row < summary.years.size() ? summary.years[row] : "";
        print_csv_row(option.name, table, row, year, out);
      }
    }
    for (const auto& table : option.scalars) {
      for (std::size_t row = 0; row < table.rows(); ++row) {
        print_csv_row(option.name, table, row, "", out);
      }
    }
  }
}

void print_summary(const std::filesystem::path& h5, std::ostream& out, SummaryFormat format,
                   bool every_warning_item) {
  OpenedResults opened = open_results(h5);
  if (opened.kind == ResultsKind::Sensitivity) {
    if (format != SummaryFormat::Text) {
      throw OutputError("'" + h5.string() + "' is a " + describe(opened.kind) + "; `pcsim export " +
                        h5.string() + " --csv DIR` writes its tables as CSV");
    }
    SensitivityResults sensitivity;
    read_or_explain(h5, [&] { sensitivity = read_sensitivity(opened.file.get()); });
    print_sensitivity_header(opened.file.get(), h5, sensitivity, out);
    print_npv_tornado(sensitivity, out);
    return;
  }
  ResultsSummary summary;
  read_or_explain(h5, [&] { summary = read_summary(opened.file.get()); });
  switch (format) {
    case SummaryFormat::Text:
      print_summary_text(summary, h5, out, every_warning_item);
      break;
    case SummaryFormat::StatisticsCsv:
      print_summary_csv(summary, out);
      break;
    case SummaryFormat::ComparisonCsv:
      if (!summary.comparison) {
        throw OutputError("'" + h5.string() +
                          "' holds a single option, so it has no comparison "
                          "of options (--csv gives its statistics)");
      }
      print_comparison_csv(summary, out);
      break;
  }
}

}  // namespace pcsim::output

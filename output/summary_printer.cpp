#include "output/summary_printer.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "output/comparison_printer.hpp"
#include "output/number_format.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

namespace {

// The metrics a commissioner looks at first, in the order shown.
constexpr std::array<std::string_view, 11> kKeyMetrics = {
    "list_size", "gp_headcount", "appointments_gap", "investment",   "savings",
    "net_cost",  "roi",          "budget_headroom",  "overspend",    "npv",
    "payback_year"};

// Columns of the text table: 2 + 26 + 10 + 4 x 15 = 98 characters.
constexpr std::size_t kIndent = 2;
constexpr std::size_t kMetricWidth = 26;
constexpr std::size_t kYearWidth = 10;
constexpr std::size_t kValueWidth = 15;
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

std::string row_label(const SummaryTable& table) {
  // A 0/1 indicator's mean is a probability; its percentiles (0 or 1) say little.
  if (table.unit == "0/1") return "P(" + table.name + ")";
  return table.name;
}

void print_row(const SummaryTable& table, std::size_t row, const std::string& year,
               std::ostream& out) {
  std::string line(kIndent, ' ');
  line += align_left(row_label(table), kMetricWidth);
  line += align_left(year, kYearWidth);
  for (const auto statistic : kTextStatistics) {
    const bool indicator_percentile = table.unit == "0/1" && statistic != "mean";
    const std::string cell =
        indicator_percentile ? "" : format_for_unit(table.at(row, statistic), table.unit);
    line += align_right(cell, kValueWidth);
  }
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

// Says how many iterations a shown row left out as NaN (e.g. roi with zero investment).
void print_nan_notes(const ResultsSummary& summary, const OptionSummary& option,
                     std::ostream& out) {
  for (const SummaryTable* table : tables_to_show(option)) {
    for (const std::size_t row : rows_to_show(*table)) {
      if (table->n_nan[row] == 0) continue;
      const bool has_year = table->per_year && row < summary.years.size();
      out << "  note: " << table->name << (has_year ? " " + summary.years[row] : "") << ": "
          << group_thousands(static_cast<double>(table->n_nan[row]), 0) << " of "
          << group_thousands(static_cast<double>(summary.iterations), 0)
          << " iterations have no value (NaN) and are left out\n";
    }
  }
}

void print_option(const ResultsSummary& summary, const OptionSummary& option,
                  std::ostream& out) {
  out << "\nOption: " << option.name << '\n';
  std::string header(kIndent, ' ');
  header += align_left("metric", kMetricWidth) + align_left("year", kYearWidth);
  for (const auto statistic : kTextStatistics) header += align_right(statistic, kValueWidth);
  out << header << '\n';
  for (const SummaryTable* table : tables_to_show(option)) {
    for (const std::size_t row : rows_to_show(*table)) {
      const bool has_year = table->per_year && row < summary.years.size();
      print_row(*table, row, has_year ? summary.years[row] : "all", out);
    }
  }
  print_nan_notes(summary, option, out);
}

void print_csv_row(const std::string& option, const SummaryTable& table, std::size_t row,
                   const std::string& year, std::ostream& out) {
  out << csv_field(option) << ',' << csv_field(table.name) << ',' << csv_field(table.unit) << ','
      << csv_field(year) << ',' << table.n_nan[row];
  for (const auto statistic : kStatisticNames) out << ',' << csv_number(table.at(row, statistic));
  out << '\n';
}

}  // namespace

void print_summary_text(const ResultsSummary& summary, const std::filesystem::path& source,
                        std::ostream& out) {
  out << "pcsim results: " << source.string() << '\n';
  out << "  pcsim " << summary.pcsim_version << " (commit " << summary.git_commit.substr(0, 12)
      << "), results format " << summary.format_version << '\n';
  out << "  scenario " << summary.scenario_file << '\n';
  out << "  " << group_thousands(static_cast<double>(summary.iterations), 0)
      << " iterations, seed " << summary.seed
      << (summary.central ? ", central values only" : "") << '\n';
  out << "  started " << summary.start_time << ", took "
      << group_thousands(summary.wall_seconds, 1) << " s\n";
  if (!summary.years.empty()) {
    out << "  years " << summary.years.front() << " to " << summary.years.back()
        << "; the table shows the first and last\n";
  }
  print_comparison_text(summary, out);
  for (const auto& option : summary.options) print_option(summary, option, out);
}

void print_summary_csv(const ResultsSummary& summary, std::ostream& out) {
  if (summary.comparison) {
    print_comparison_csv(summary, out);
    out << '\n';  // a blank line ends the comparison table; the statistics follow
  }
  out << "option,metric,unit,year,n_nan";
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

void print_summary(const std::filesystem::path& h5, std::ostream& out, bool csv) {
  const ResultsSummary summary = read_summary(h5);
  if (csv) {
    print_summary_csv(summary, out);
  } else {
    print_summary_text(summary, h5, out);
  }
}

}  // namespace pcsim::output

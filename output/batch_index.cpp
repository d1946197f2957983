#include "output/batch_index.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/atomic_file_write.hpp"
#include "output/number_format.hpp"
#include "output/summary_reader.hpp"
#include "output/text_table.hpp"

namespace pcsim::output {

namespace {

// The headline figures: the NPV and the first year's investment (docs/output-format.md).
constexpr const char* kNpv = "npv";
constexpr const char* kInvestment = "investment";

const SummaryTable& table_of(const OptionSummary& option, const char* name,
                             const std::filesystem::path& file) {
  const SummaryTable* table = option.find(name);
  if (table == nullptr) {
    throw OutputError(
        fmt::format("'{}' has no summary of '{}' for option '{}' (the index of a "
                    "batch lists it)",
                    file.string(), name, option.name));
  }
  return *table;
}

}  // namespace

std::vector<BatchIndexRow> batch_index_rows(const std::string& scenario,
                                            const std::string& scenario_file,
                                            const std::filesystem::path& results_file,
                                            const std::filesystem::path& index_folder) {
  const ResultsSummary summary = read_summary(results_file);
  std::vector<BatchIndexRow> rows;
  for (std::size_t o = 0; o < summary.options.size(); ++o) {
    const OptionSummary& option = summary.options[o];
    const SummaryTable& npv = table_of(option, kNpv, results_file);
    const SummaryTable& investment = table_of(option, kInvestment, results_file);
    BatchIndexRow row;
    row.scenario = scenario;
    row.scenario_file = scenario_file;
    row.results_file = results_file.lexically_relative(index_folder).string();
    if (row.results_file.empty()) row.results_file = results_file.string();
    row.option = option.name;
    row.baseline = o == 0;
    row.iterations = summary.provenance.iterations;
    row.seed = summary.provenance.seed;
    row.first_year = summary.years.empty() ? "" : summary.years.front();
    row.npv_mean = npv.at(0, "mean");
    row.npv_p10 = npv.at(0, "p10");
    row.npv_p90 = npv.at(0, "p90");
    row.npv_central = npv.central.empty() ? std::nan("") : npv.central.front();
    row.investment_first_year_mean = investment.at(0, "mean");
    row.investment_first_year_p10 = investment.at(0, "p10");
    row.investment_first_year_p90 = investment.at(0, "p90");
    rows.push_back(std::move(row));
  }
  return rows;
}

void write_batch_index(const std::filesystem::path& out, const std::vector<BatchIndexRow>& rows,
                       bool force) {
  std::ostringstream csv;
  csv << kBatchIndexHeader << '\n';
  for (const BatchIndexRow& r : rows) {
    csv << csv_field(r.scenario) << ',' << csv_field(r.scenario_file) << ','
        << csv_field(r.results_file) << ',' << csv_field(r.option) << ','
        << (r.baseline ? "true" : "false") << ',' << r.iterations << ',' << r.seed << ','
        << csv_field(r.first_year) << ',' << csv_number(r.npv_mean) << ',' << csv_number(r.npv_p10)
        << ',' << csv_number(r.npv_p90) << ',' << csv_number(r.npv_central) << ','
        << csv_number(r.investment_first_year_mean) << ','
        << csv_number(r.investment_first_year_p10) << ',' << csv_number(r.investment_first_year_p90)
        << '\n';
  }
  write_text_atomically(out, force, csv.str(), kTableNoun);
}

void print_batch_index(const std::vector<BatchIndexRow>& rows, std::ostream& out) {
  using Align = TextTable::Align;
  TextTable table(
      {"results", "option", "iterations", "npv mean", "npv P10", "npv P90", "investment year 1"},
      {Align::Left, Align::Left, Align::Right, Align::Right, Align::Right, Align::Right,
       Align::Right});
  for (const BatchIndexRow& r : rows) {
    table.add_row({r.baseline ? r.results_file : "", r.option, fmt::format("{}", r.iterations),
                   format_money(r.npv_mean), format_money(r.npv_p10), format_money(r.npv_p90),
                   format_money(r.investment_first_year_mean)});
  }
  table.print(out);
}

}  // namespace pcsim::output

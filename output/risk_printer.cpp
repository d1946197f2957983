#include "output/risk_printer.hpp"

#include <cmath>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/number_format.hpp"
#include "output/results_layout.hpp"
#include "output/results_open.hpp"
#include "output/summary_reader_root.hpp"

namespace pcsim::output {

namespace {

constexpr const char* kAmount = "overspend_amount";
constexpr const char* kCommissioner = "overspend_commissioner";
constexpr const char* kNhsEngland = "overspend_nhs_england";

// Mean and share above 0 of column `c` of an [iterations x years] array, NaN left out.
std::pair<double, double> mean_and_share(const h5::DoubleArray& a, std::size_t c) {
  const std::size_t rows = a.dims[0], columns = a.dims[1];
  double sum = 0, positive = 0, n = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const double x = a.values[i * columns + c];
    if (std::isnan(x)) continue;
    sum += x;
    positive += x > 0 ? 1 : 0;
    n += 1;
  }
  if (n == 0) return {std::nan(""), std::nan("")};
  return {sum / n, positive / n};
}

std::string percent(double p) { return std::isnan(p) ? "n/a" : percent_one_decimal(p) + "%"; }

// The overspend figures of every option of an opened results file (read_risk).
void read_risk_parts(hid_t root, RiskSummary& risk) {
  risk.years = h5::read_string_dataset(root, layout::kYears);
  risk.iterations = h5::read_int64_attribute(root, "iterations");
  h5::Group options = h5::open_group(root, layout::kOptions);
  for (const auto& name : h5::read_string_array_attribute(options.get(), layout::kOptionOrder)) {
    OptionRisk option;
    option.option = name;
    h5::Group group = h5::open_group(options.get(), name);
    if (h5::has_link(group.get(), kAmount) && h5::has_link(group.get(), kCommissioner) &&
        h5::has_link(group.get(), kNhsEngland)) {
      const h5::DoubleArray amount = h5::read_doubles(group.get(), kAmount);
      const h5::DoubleArray commissioner = h5::read_doubles(group.get(), kCommissioner);
      const h5::DoubleArray nhse = h5::read_doubles(group.get(), kNhsEngland);
      for (const auto* a : {&amount, &commissioner, &nhse}) {
        if (a->dims.size() != 2 || a->dims[1] != risk.years.size() || a->dims != amount.dims) {
          throw OutputError("the overspend metrics of '" + name + "' are not [iterations x years]");
        }
      }
      for (std::size_t c = 0; c < risk.years.size(); ++c) {
        RiskYear y;
        std::tie(y.expected_overspend, y.p_overspend) = mean_and_share(amount, c);
        std::tie(y.expected_commissioner, y.p_commissioner) = mean_and_share(commissioner, c);
        std::tie(y.expected_nhs_england, y.p_nhs_england) = mean_and_share(nhse, c);
        option.years.push_back(y);
      }
    }
    risk.options.push_back(std::move(option));
  }
}

}  // namespace

RiskSummary read_risk(const std::filesystem::path& path) {
  // The file checks, the whole-file checksum and the format first (as summary, report and
  // export): a damaged file is named in one line, never handed to HDF5 to parse.
  OpenedResults opened = open_results(path);
  if (opened.kind != ResultsKind::Run) {
    throw OutputError("'" + path.string() + "' is a " + describe(opened.kind) +
                      ", which has no overspend figures (--risk needs a results file of "
                      "pcsim run)");
  }
  RiskSummary risk;
  read_or_explain(path, [&] {
    read_summary(opened.file.get());  // the layout checks of summary, report and export
    read_risk_parts(opened.file.get(), risk);
  });
  return risk;
}

void print_risk(const RiskSummary& risk, std::ostream& out, bool csv) {
  if (csv) {
    out << "option,year,p_overspend,expected_overspend,expected_commissioner,p_commissioner,"
           "expected_nhs_england,p_nhs_england\n";
    for (const OptionRisk& o : risk.options)
      for (std::size_t c = 0; c < o.years.size(); ++c) {
        const RiskYear& y = o.years[c];
        out << csv_field(o.option) << ',' << csv_field(risk.years[c]) << ','
            << csv_number(y.p_overspend) << ',' << csv_number(y.expected_overspend) << ','
            << csv_number(y.expected_commissioner) << ',' << csv_number(y.p_commissioner) << ','
            << csv_number(y.expected_nhs_england) << ',' << csv_number(y.p_nhs_england) << '\n';
      }
    return;
  }
  out << "Who bears the risk of overspending the budget ("
      << group_thousands(static_cast<double>(risk.iterations), 0)
      << " iterations): expected overspend (mean, £0 where none) and the probability of bearing "
         "some\n";
  for (const OptionRisk& o : risk.options) {
    out << "\nOption '" << o.option << "'\n";
    if (o.years.empty()) {
      out << "  (this file has no overspend_commissioner and overspend_nhs_england: written by an "
             "older pcsim)\n";
      continue;
    }
    out << "  " << align_left("year", 9) << align_right("P(overspend)", 13)
        << align_right("E[overspend]", 16) << align_right("commissioner", 16) << align_right("P", 7)
        << align_right("NHS England", 16) << align_right("P", 7) << '\n';
    for (std::size_t c = 0; c < o.years.size(); ++c) {
      const RiskYear& y = o.years[c];
      out << "  " << align_left(risk.years[c], 9) << align_right(percent(y.p_overspend), 13)
          << align_right(format_for_unit(y.expected_overspend, "GBP"), 16)
          << align_right(format_for_unit(y.expected_commissioner, "GBP"), 16)
          << align_right(percent(y.p_commissioner), 7)
          << align_right(format_for_unit(y.expected_nhs_england, "GBP"), 16)
          << align_right(percent(y.p_nhs_england), 7) << '\n';
    }
  }
}

}  // namespace pcsim::output

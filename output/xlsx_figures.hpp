#pragma once
// What the workbook's sheets show, decided apart from libxlsxwriter (xlsx_sheets.hpp writes
// it), so that each choice can be tested on its own: the rows of the drivers of the NPV, a
// scale the fan charts of one metric share, how a 0/1 flag and a metric's description read.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "output/report_data.hpp"

namespace pcsim::output::xlsx {

// One parameter of the Drivers of NPV sheet: its Spearman correlation with each option's
// NPV, in the order of the correlations given.
struct DriverRow {
  std::string parameter;
  std::vector<double> rho;    // [option]: NaN where the option does not vary it, or undefined
  std::vector<char> varied;   // [option]: 1 when the option varies the parameter
  double largest_abs = -1.0;  // the largest |rho| over the options; -1 when none is defined
};

// Every parameter that any option varies, once: an option can make uncertain a parameter
// the baseline fixes (a saving only it buys, its running cost), and such a parameter is often
// the largest driver of that option's NPV. Ordered by the largest |rho| over the options,
// largest first (a parameter with no defined rho last); ties keep the order in which the
// options list them (the baseline's first).
std::vector<DriverRow> driver_rows(const std::vector<NpvCorrelations>& correlations);

// A value axis on round steps (1, 2, 2.5 or 5 times a power of ten; about five of them)
// from at most `min` to at least `max`.
struct AxisScale {
  double min = 0;
  double max = 0;
  double step = 0;
};
// The scale that holds every finite value of `values`, so that the charts of one metric
// (one per option) read against one another as the report's do; nullopt when none is finite.
// A metric that never varies gets a step either side (0 to 1 when it is 0 everywhere).
std::optional<AxisScale> shared_scale(std::span<const double> values);

// A 0/1 flag per iteration and year (overspend): its mean is a probability, and its
// percentiles (each 0 or 1) and sd say little, so the workbook shows P(flag) alone, as
// pcsim summary does.
bool is_flag(std::string_view unit);
// "P(overspend)" for the flag `name`.
std::string flag_label(std::string_view name);

// A metric's description as a reader takes it: the model's "NaN when investment is 0" (roi)
// as "undefined when the option invests nothing", any other "NaN" as "undefined".
std::string description_in_words(std::string description);

}  // namespace pcsim::output::xlsx

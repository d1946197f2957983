#include "output/price_basis.hpp"

#include <algorithm>
#include <cmath>

#include "output/number_format.hpp"
#include "output/statistics.hpp"

namespace pcsim::output {

namespace {

// "2% a year", "2.01% a year (the mean of its draws)", or the parameter's name.
std::string rate_text(const RateInRun& rate, std::string_view parameter) {
  if (std::isnan(rate.value)) {
    std::string text = "the rate ";  // appended: GCC 12 warns falsely (-Wrestrict) on "..." + s
    return text.append(parameter).append(" sets");
  }
  return format_parameter(rate.value, "per year") + " a year" +
         (rate.varies ? " (the mean of its draws)" : "");
}

}  // namespace

RateInRun rate_in_run(std::span<const double> draws) {
  RateInRun rate;
  const ColumnSummary summary = summarise(draws);
  if (summary.n == 0) return rate;
  rate.value = summary.values[0];  // exactly the value when every draw is the same
  double low = INFINITY, high = -INFINITY;
  for (const double x : draws) {
    if (std::isnan(x)) continue;
    low = std::min(low, x);
    high = std::max(high, x);
  }
  rate.varies = low != high;
  return rate;
}

std::string price_basis_text(const PriceBasis& basis) {
  return "£ by year: cash terms, year-0 prices inflated at " +
         rate_text(basis.inflation, kInflationParameter) + "; NPV: year-0 prices, discounted at " +
         rate_text(basis.discount_rate, kDiscountRateParameter) + " (real)";
}

std::string option_price_basis_text(std::string_view option, const PriceBasis& basis) {
  return "Option '" + std::string(option) + "' sets its own: year-0 prices inflated at " +
         rate_text(basis.inflation, kInflationParameter) + "; NPV discounted at " +
         rate_text(basis.discount_rate, kDiscountRateParameter) + " (real).";
}

}  // namespace pcsim::output

#pragma once
// What the £ figures of a run are in, said once near the figures: yearly £ are cash terms
// (year-0 prices inflated by I(t) = (1 + funding.inflation)^t, docs/model.md), the NPV is
// in year-0 prices, discounted at economics.discount_rate (real). The rates are the run's
// own: the mean of each parameter's column (its value when fixed).
#include <limits>
#include <span>
#include <string>
#include <string_view>

namespace pcsim::output {

inline constexpr std::string_view kInflationParameter = "funding.inflation";
inline constexpr std::string_view kDiscountRateParameter = "economics.discount_rate";

// One rate as the run used it: the mean of its draws (exactly its value when fixed), and
// whether the draws differ. NaN when the file does not hold the parameter.
struct RateInRun {
  double value = std::numeric_limits<double>::quiet_NaN();
  bool varies = false;
};
RateInRun rate_in_run(std::span<const double> draws);

struct PriceBasis {
  RateInRun inflation;
  RateInRun discount_rate;
};

// "£ by year: cash terms, year-0 prices inflated at 2% a year; NPV: year-0 prices, discounted
// at 3.5% a year (real)". A rate that varies by iteration reads "at 2.01% a year (the mean of
// its draws)"; one the file lacks is named by its parameter instead.
std::string price_basis_text(const PriceBasis& basis);

// For an option that sets either rate itself: "Option 'NAME' sets its own: year-0 prices
// inflated at 3% a year; NPV discounted at 3.5% a year (real)."
std::string option_price_basis_text(std::string_view option, const PriceBasis& basis);

}  // namespace pcsim::output

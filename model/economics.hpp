#pragma once
#include <span>

#include "core/units.hpp"
#include "model/parameters.hpp"

// Economics module (MODEL.md, "Economics and the comparison of options"; docs/model.md,
// Economics). Series are per projected year: element [t - 1] holds year t = 1..H, £ in
// year-t cash. The spans may be rows of SimulationOutput::by_year.
namespace pcsim::model {

// net_cost(t) = investment(t) - savings(t), £.
constexpr Pounds net_cost(Pounds investment, Pounds savings) { return investment - savings; }

// roi(t) = savings(t) / investment(t); NaN when investment is 0.
double roi(Pounds investment, Pounds savings);

// cumulative_roi(t) = sum_{s<=t} savings(s) / sum_{s<=t} investment(s); NaN while the
// cumulative investment is 0. Writes out[t - 1] for every year of the series; the three
// spans must have the same length (throws ModelError otherwise).
void cumulative_roi(std::span<const double> investment, std::span<const double> savings,
                    std::span<double> out);

// npv = sum_{t=1..H} (savings(t) - investment(t)) / I(t) / (1 + discount_rate)^t, £ in
// year-0 prices: the discounted net benefit (positive is good). The flows are in year-t
// cash, I(t) = (1 + funding.inflation)^t (inflation_index); the Green Book's 3.5% is a
// real rate, so each year's flow is deflated to year-0 prices before it is discounted.
// Throws ModelError on unequal lengths.
Pounds npv(const EconomicsParameters& economics, const FundingParameters& funding,
           std::span<const double> investment, std::span<const double> savings);

// payback year: the first t (1-based) with cumulative savings >= cumulative investment
// and cumulative investment > 0; NaN if there is none within the series. Throws
// ModelError on unequal lengths.
double payback_year(std::span<const double> investment, std::span<const double> savings);

}  // namespace pcsim::model

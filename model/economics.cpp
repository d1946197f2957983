#include "model/economics.hpp"

#include <cmath>
#include <string>

#include "core/errors.hpp"
#include "core/not_a_number.hpp"
#include "model/funding.hpp"

namespace pcsim::model {
namespace {

void require_same_length(std::span<const double> investment, std::span<const double> savings,
                         const char* what) {
  if (investment.size() != savings.size())
    throw ModelError(std::string(what) + ": investment has " + std::to_string(investment.size()) +
                     " years but savings has " + std::to_string(savings.size()));
}

}  // namespace

double roi(Pounds investment, Pounds savings) {
  return investment == 0 ? kNaN : savings / investment;
}

void cumulative_roi(std::span<const double> investment, std::span<const double> savings,
                    std::span<double> out) {
  require_same_length(investment, savings, "cumulative_roi");
  if (out.size() != investment.size())
    throw ModelError("cumulative_roi: output has " + std::to_string(out.size()) +
                     " years but the series have " + std::to_string(investment.size()));
  Pounds invested = 0;
  Pounds saved = 0;
  for (std::size_t i = 0; i < investment.size(); ++i) {
    invested += investment[i];
    saved += savings[i];
    out[i] = roi(invested, saved);
  }
}

Pounds npv(const EconomicsParameters& economics, const FundingParameters& funding,
           std::span<const double> investment, std::span<const double> savings) {
  require_same_length(investment, savings, "npv");
  Pounds total = 0;
  double discount = 1.0;
  for (std::size_t i = 0; i < investment.size(); ++i) {
    const int t = static_cast<int>(i) + 1;
    discount *= 1.0 + economics.discount_rate;  // (1 + r)^t
    const Pounds in_year_0_prices = (savings[i] - investment[i]) / inflation_index(funding, t);
    total += in_year_0_prices / discount;
  }
  return total;
}

double payback_year(std::span<const double> investment, std::span<const double> savings) {
  require_same_length(investment, savings, "payback_year");
  Pounds invested = 0;
  Pounds saved = 0;
  for (std::size_t i = 0; i < investment.size(); ++i) {
    invested += investment[i];
    saved += savings[i];
    if (invested > 0 && saved >= invested) return static_cast<double>(i + 1);
  }
  return kNaN;
}

}  // namespace pcsim::model

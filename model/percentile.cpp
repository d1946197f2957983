#include "model/percentile.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace pcsim::model {

double percentile_of_sorted(std::span<const double> sorted, double q) {
  if (!(q >= 0.0 && q <= 100.0))
    throw ModelError("percentile " + std::to_string(q) + " is outside 0..100");
  if (sorted.empty()) return std::nan("");
  // Type 7: position h = (n - 1) q / 100 between order statistics floor(h) and floor(h)+1.
  const double h = static_cast<double>(sorted.size() - 1) * q / 100.0;
  const double lower = std::floor(h);
  const auto index = static_cast<std::size_t>(lower);
  if (index + 1 >= sorted.size()) return sorted.back();
  return sorted[index] + (h - lower) * (sorted[index + 1] - sorted[index]);
}

double percentile(std::span<const double> values, double q) {
  if (values.empty()) throw ModelError("percentile of no values");
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return percentile_of_sorted(sorted, q);
}

}  // namespace pcsim::model

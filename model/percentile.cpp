#include "model/percentile.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/errors.hpp"

namespace pcsim::model {

double percentile(std::span<const double> values, double q) {
  if (values.empty()) throw ModelError("percentile of no values");
  if (!(q >= 0.0 && q <= 100.0))
    throw ModelError("percentile " + std::to_string(q) + " is outside 0..100");
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  // Type 7: position h = (n - 1) q / 100 between order statistics floor(h) and floor(h)+1.
  const double h = static_cast<double>(sorted.size() - 1) * q / 100.0;
  const auto lower = static_cast<std::size_t>(std::floor(h));
  if (lower + 1 >= sorted.size()) return sorted.back();
  const double fraction = h - static_cast<double>(lower);
  return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower]);
}

}  // namespace pcsim::model

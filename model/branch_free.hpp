#pragma once
#include <bit>
#include <cstdint>

// Selections made with masks rather than branches, for the per-practice passes: whether
// a practice has unmet demand, a vacancy or funding below the target is data, which a
// branch predictor guesses wrong about as often as not. Each gives exactly the value of
// the plain expression it stands for.
namespace pcsim::model {

// max(0, x) as std::max(0.0, x) gives it: x when x > 0, else +0 (NaN and -0 included).
inline double positive_part(double x) {
  const std::uint64_t keep = 0 - static_cast<std::uint64_t>(x > 0.0);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & keep);
}

// condition ? if_true : if_false, both already computed.
inline double choose(bool condition, double if_true, double if_false) {
  const std::uint64_t pick_true = 0 - static_cast<std::uint64_t>(condition);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(if_true) & pick_true) |
                               (std::bit_cast<std::uint64_t>(if_false) & ~pick_true));
}

}  // namespace pcsim::model

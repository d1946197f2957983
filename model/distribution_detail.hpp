#pragma once
#include <charconv>
#include <stdexcept>
#include <string>

// What the two source files of model::Distribution share (model/distribution.cpp builds
// and describes a distribution, model/distribution_moments.cpp computes its quantiles and
// moments): the text of a number in an error, and the error itself.
namespace pcsim::model::distribution_detail {

// Shortest decimal that reads back as the same double ("0.1", "1e-09", "inf").
inline std::string number(double x) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

// A bound computed for a message, to six significant digits: sqrt(0.16) is shown 0.4, not
// 0.39999999999999997 (the input probe of 2026-12-07).
inline std::string rounded(double x) {
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, x, std::chars_format::general, 6);
  return std::string(buffer, result.ptr);
}

// A distribution's parameters (or a quantile's u) that cannot be used.
[[noreturn]] inline void reject(const std::string& message) {
  throw std::invalid_argument(message);
}

}  // namespace pcsim::model::distribution_detail

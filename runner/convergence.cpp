#include "runner/convergence.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "model/metrics.hpp"
#include "runner/usage_error.hpp"

namespace pcsim::runner {

namespace {

template <std::size_t N>
std::optional<std::size_t> index_of(const std::array<std::string_view, N>& names,
                                    std::string_view name) {
  const auto found = std::find(names.begin(), names.end(), name);
  if (found == names.end()) return std::nullopt;
  return static_cast<std::size_t>(found - names.begin());
}

std::string known_metrics() {
  std::string list;
  for (const auto name : model::kMetricNames) list += fmt::format("{}, ", name);
  for (const auto name : model::kScalarMetricNames) list += fmt::format("{}, ", name);
  return list.substr(0, list.size() - 2);
}

[[noreturn]] void usage(const std::string& message) { throw UsageError("--until-se: " + message); }

}  // namespace

ConvergenceTarget parse_convergence_target(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    usage(fmt::format("'{}' is not METRIC[@YEAR]:REL (e.g. npv:0.01)", text));
  }
  ConvergenceTarget target;
  const std::string_view metric = text.substr(0, colon);
  const std::string_view rel = text.substr(colon + 1);
  const auto at = metric.find('@');
  target.metric = std::string(metric.substr(0, at));
  if (at != std::string_view::npos) target.year = std::string(metric.substr(at + 1));

  const bool per_year = index_of(model::kMetricNames, target.metric).has_value();
  const bool scalar = index_of(model::kScalarMetricNames, target.metric).has_value();
  if (!per_year && !scalar) {
    usage(fmt::format("unknown metric '{}' (expected one of: {})", target.metric, known_metrics()));
  }
  if (scalar && at != std::string_view::npos) {
    usage(fmt::format("'{}' has one value per iteration, not one per year: drop '@{}'",
                      target.metric, target.year));
  }
  if (at != std::string_view::npos && target.year.empty()) {
    usage(fmt::format("'{}': a year label is expected after '@' (e.g. @2020/21)", text));
  }
  const char* end = rel.data() + rel.size();
  const auto [stop, error] = std::from_chars(rel.data(), end, target.rel_se);
  if (rel.empty() || error != std::errc() || stop != end || !std::isfinite(target.rel_se) ||
      target.rel_se <= 0) {
    usage(
        fmt::format("the relative standard error '{}' must be a number above 0 (e.g. 0.01)", rel));
  }
  return target;
}

double relative_standard_error(std::span<const double> data, std::size_t first, std::size_t stride,
                               std::size_t count) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const double x = data[first + k * stride];
    if (std::isnan(x)) continue;
    sum += x;
    ++n;
  }
  if (n < 2) return std::nan("");
  const double mean = sum / static_cast<double>(n);
  double squares = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const double x = data[first + k * stride];
    if (!std::isnan(x)) squares += (x - mean) * (x - mean);
  }
  const double sd = std::sqrt(squares / static_cast<double>(n - 1));
  return sd / std::sqrt(static_cast<double>(n)) / std::abs(mean);
}

ConvergenceRule::ConvergenceRule(const ConvergenceTarget& target,
                                 const std::vector<std::string>& year_labels)
    : years_(year_labels.size()), label_(target.metric), target_(target.rel_se) {
  if (const auto s = index_of(model::kScalarMetricNames, target.metric)) {
    scalar_ = true;
    index_ = *s;
    return;
  }
  const auto m = index_of(model::kMetricNames, target.metric);
  if (!m) usage(fmt::format("unknown metric '{}'", target.metric));
  index_ = *m;
  if (year_labels.empty()) usage("the run has no years");
  if (target.year.empty()) {
    year_ = year_labels.size() - 1;  // the last year by default
  } else {
    const auto found = std::find(year_labels.begin(), year_labels.end(), target.year);
    if (found == year_labels.end()) {
      usage(fmt::format("the scenario has no year '{}' (its years are {} to {})", target.year,
                        year_labels.front(), year_labels.back()));
    }
    year_ = static_cast<std::size_t>(found - year_labels.begin());
  }
  label_ += "@" + year_labels[year_];
}

double ConvergenceRule::relative_se(const output::OptionResults& option,
                                    std::int64_t iterations) const {
  const auto n = static_cast<std::size_t>(iterations);
  if (scalar_) return relative_standard_error(option.scalars.at(index_), 0, 1, n);
  return relative_standard_error(option.by_year.at(index_), year_, years_, n);
}

}  // namespace pcsim::runner

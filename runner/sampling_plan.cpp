#include "runner/sampling_plan.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "random/philox_events.hpp"
#include "runner/iman_conover.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;

UniformSource UniformSource::direct(std::uint64_t seed, std::string_view path) {
  UniformSource source;
  source.seed_ = seed;
  source.stream_ = parameter_stream_id(path);
  return source;
}

UniformSource UniformSource::stored(std::span<const double> column) {
  UniformSource source;
  source.is_stored_ = true;
  source.column_ = column;
  return source;
}

double UniformSource::operator()(std::int64_t iteration) const {
  if (!is_stored_) {
    // parameter_uniform(seed, iteration, path), with the path's stream id computed once.
    return philox_uniform(seed_, static_cast<std::uint32_t>(iteration), stream_, 0,
                          model::Purpose::Parameter, 0);
  }
  if (iteration < 0 || static_cast<std::size_t>(iteration) >= column_.size()) {
    throw ModelError(fmt::format("iteration {} is outside the sampling plan's {} iterations",
                                 iteration, column_.size()));
  }
  return column_[static_cast<std::size_t>(iteration)];
}

std::vector<double> latin_hypercube_column(std::uint64_t seed, std::string_view path,
                                           std::int64_t iterations) {
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(iterations, 0));
  const std::uint32_t stream = parameter_stream_id(path);
  // Fisher-Yates: for k = N-1 down to 1, swap pi(k) with pi(j), j uniform on 0..k. j is
  // the high word of 32 random bits times (k + 1) (k + 1 <= 2^32 - 1, as N is a 32-bit
  // iteration number): uniform to within (k + 1) / 2^32, far below what a strata test sees.
  std::vector<std::uint32_t> permutation(n);
  std::iota(permutation.begin(), permutation.end(), std::uint32_t{0});
  for (std::size_t k = n; k-- > 1;) {
    const std::uint64_t bits = philox_bits(seed, static_cast<std::uint32_t>(k), stream, 0,
                                           model::Purpose::LhsPermutation, 0);
    const auto j = static_cast<std::size_t>((bits * (k + 1)) >> 32);
    std::swap(permutation[k], permutation[j]);
  }
  // u_i = (pi(i) + v_i) / N lies in stratum pi(i); v_i never reaches 1, but the division
  // could round the top stratum's u up to 1, where unbounded quantiles are infinite.
  constexpr double kBelowOne = 1.0 - 0x1.0p-53;
  std::vector<double> column(n);
  const double count = static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = parameter_uniform(seed, static_cast<std::uint32_t>(i), path);
    column[i] = std::min((static_cast<double>(permutation[i]) + v) / count, kBelowOne);
  }
  return column;
}

std::vector<std::string> uncertain_paths(const scenarios::Scenario& scenario) {
  std::set<std::string> paths;
  for (const auto& option : scenario.options)
    for (const auto& entry : option.parameters)
      if (!entry.distribution.is_fixed()) paths.insert(entry.path);
  return {paths.begin(), paths.end()};
}

SamplingPlan SamplingPlan::plain(std::uint64_t seed) { return SamplingPlan(seed); }

SamplingPlan::SamplingPlan(const scenarios::Scenario& scenario, std::uint64_t seed,
                           std::int64_t iterations)
    : SamplingPlan(scenario.sampling, uncertain_paths(scenario), seed, iterations) {}

SamplingPlan::SamplingPlan(const scenarios::SamplingSpec& spec,
                           const std::vector<std::string>& uncertain_paths, std::uint64_t seed,
                           std::int64_t iterations)
    : seed_(seed), iterations_(iterations) {
  const bool lhs = spec.method == scenarios::SamplingMethod::LatinHypercube;
  std::set<std::string> stored(spec.correlated_paths.begin(), spec.correlated_paths.end());
  if (lhs) stored.insert(uncertain_paths.begin(), uncertain_paths.end());
  for (const auto& path : stored) {
    std::vector<double> column;
    if (lhs) {
      column = latin_hypercube_column(seed, path, iterations);
    } else {
      column.resize(static_cast<std::size_t>(std::max<std::int64_t>(iterations, 0)));
      for (std::size_t i = 0; i < column.size(); ++i)
        column[i] = parameter_uniform(seed, static_cast<std::uint32_t>(i), path);
    }
    columns_.emplace(path, std::move(column));
  }
  if (!spec.correlated_paths.empty()) {
    std::vector<std::vector<double>*> correlated;
    for (const auto& path : spec.correlated_paths) correlated.push_back(&columns_.at(path));
    impose_rank_correlation(correlated, spec.target_matrix);
  }
}

UniformSource SamplingPlan::source(std::string_view path) const {
  const auto it = columns_.find(path);
  if (it == columns_.end()) return UniformSource::direct(seed_, path);
  return UniformSource::stored(it->second);
}

std::span<const double> SamplingPlan::column(std::string_view path) const {
  const auto it = columns_.find(path);
  if (it == columns_.end()) return {};
  return it->second;
}

}  // namespace pcsim::runner

#pragma once
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/sampling_spec.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// Where the uniforms of one parameter come from: a column the plan stored, or the
// parameter's own Philox stream read directly (parameter_uniform). A small value; it
// points into the plan's column, so the plan must outlive it.
class UniformSource {
 public:
  // parameter_uniform(seed, iteration, path): plain sampling, nothing stored.
  static UniformSource direct(std::uint64_t seed, std::string_view path);
  static UniformSource stored(std::span<const double> column);

  // The uniform in (0, 1) of `iteration` (0-based). Safe to call from any thread.
  double operator()(std::int64_t iteration) const;

 private:
  bool is_stored_ = false;  // false: read the parameter's stream
  std::span<const double> column_;
  std::uint64_t seed_ = 0;
  std::uint32_t stream_ = 0;
};

// The uniforms behind every parameter draw of a run (MODEL.md, Shape of a run), built once
// per run from the scenario's [sampling] section, the seed and the number of iterations N.
// Columns are keyed by parameter path across all options, so iteration i of every option
// sees the same uniform for the same path (common random numbers). Every column is a pure
// function of (seed, N, the set of uncertain paths, [sampling]): the same for any thread
// count.
//
//   random (default): u(i, path) = parameter_uniform(seed, i, path), exactly as without a
//     plan; nothing is stored unless the path is correlated.
//   lhs: u(i, path) = (pi(i) + v_i) / N, v_i = parameter_uniform(seed, i, path), with pi a
//     permutation of 0..N-1 drawn by a Fisher-Yates shuffle from the path's own Philox
//     stream (Purpose::LhsPermutation): exactly one u in each stratum [k/N, (k+1)/N).
//   correlations: the columns of the correlated paths (random or lhs as above) are
//     reordered by Iman-Conover (runner/iman_conover.hpp) towards the target rank
//     correlations; each keeps its values, so its marginal is unchanged.
// Memory: N doubles per stored column (every uncertain path under lhs).
class SamplingPlan {
 public:
  // Plain sampling, nothing stored (the central case, and callers without a scenario).
  static SamplingPlan plain(std::uint64_t seed);
  // The plan of a run of `scenario` (the paths uncertain in any of its options).
  SamplingPlan(const scenarios::Scenario& scenario, std::uint64_t seed, std::int64_t iterations);
  // The plan for the given uncertain paths and [sampling] spec (the correlated paths of
  // `spec` get columns even when missing from `uncertain_paths`).
  SamplingPlan(const scenarios::SamplingSpec& spec, const std::vector<std::string>& uncertain_paths,
               std::uint64_t seed, std::int64_t iterations);

  // Columns are referred to by UniformSource: the plan moves but is never copied.
  SamplingPlan(SamplingPlan&&) = default;
  SamplingPlan& operator=(SamplingPlan&&) = default;
  SamplingPlan(const SamplingPlan&) = delete;
  SamplingPlan& operator=(const SamplingPlan&) = delete;

  UniformSource source(std::string_view path) const;
  double uniform(std::int64_t iteration, std::string_view path) const {
    return source(path)(iteration);
  }
  // The stored column of `path` (empty when its uniforms are read from its stream).
  std::span<const double> column(std::string_view path) const;
  std::int64_t iterations() const { return iterations_; }

 private:
  explicit SamplingPlan(std::uint64_t seed) : seed_(seed) {}

  std::uint64_t seed_;
  std::int64_t iterations_ = 0;
  std::map<std::string, std::vector<double>, std::less<>> columns_;
};

// The uniforms of one parameter under Latin hypercube sampling, as SamplingPlan describes.
std::vector<double> latin_hypercube_column(std::uint64_t seed, std::string_view path,
                                           std::int64_t iterations);

// Every path that is uncertain in at least one option, sorted.
std::vector<std::string> uncertain_paths(const scenarios::Scenario& scenario);

}  // namespace pcsim::runner

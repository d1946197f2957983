#pragma once
// What the engine's kernel and pass tests share: bit-for-bit comparison, one iteration's
// results in memory, and practice sets of the shapes the passes treat differently.
#include <bit>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "model/age_bands.hpp"
#include "model/metrics.hpp"
#include "model/practice.hpp"
#include "model/simulation_output.hpp"

namespace pcsim::engine_tests {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A small linear congruential generator for drawing test cases (not the model's streams):
// the same cases on every run and machine.
struct Lcg {
  std::uint64_t state;
  std::uint32_t next() {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<std::uint32_t>(state >> 32);
  }
  std::uint32_t below(std::uint32_t n) { return next() % n; }
  double uniform() { return next() / 4294967296.0; }
  bool chance(double p) { return uniform() < p; }
  double between(double a, double b) { return a + (b - a) * uniform(); }
};

inline bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_bits(a[i], b[i])) return false;
  return true;
}

// Memory for one iteration's results (every metric by year, the scalars), filled with a
// value no run writes, so a figure left unwritten shows.
struct Results {
  std::vector<double> by_year, scalars;
  model::SimulationOutput out;
  explicit Results(int horizon)
      : by_year(model::kMetricCount * static_cast<std::size_t>(horizon), -999.0),
        scalars(model::kScalarMetricCount, -999.0) {
    out.horizon_years = horizon;
    out.by_year = by_year;
    out.scalars = scalars;
  }
  double at(model::Metric m, int t) const { return out.at(m, t); }
};

// n practices of 2,000 + 150 i patients with 0 to 30 GPs spread over the bands in a
// fixed pattern (so some need more than four Philox blocks), in 5 neighbourhoods.
inline model::PracticeSet patterned_practices(int n) {
  model::PracticeSet set;
  set.peer_groups = 1;
  set.neighbourhoods = 5;
  for (int i = 0; i < n; ++i) {
    model::PracticeBaseline p;
    p.code = std::string("G").append(std::to_string(i));
    p.registered_patients = 2000 + 150 * i;
    p.weighted_patients = p.registered_patients;
    p.core_funding = p.weighted_patients * (80 + i % 7 * 5);
    p.neighbourhood = i % 5;
    for (int b = 0; b < model::kAgeBands; ++b)
      p.gp_headcount[b] = (i * (b + 3)) % 5 * (i % 4 == 0 ? 2 : 1);
    set.practices.push_back(p);
  }
  return set;
}

}  // namespace pcsim::engine_tests

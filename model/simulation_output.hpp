#pragma once
#include <cstddef>
#include <span>

#include "model/metrics.hpp"

namespace pcsim::model {

// Where simulate() writes one iteration of one option. Plain views over memory the runner
// owns; the model allocates nothing for its results.
struct SimulationOutput {
  int horizon_years = 0;
  // by_year[index(metric) * horizon_years + (t - 1)], t = 1..horizon_years
  std::span<double> by_year;
  // scalars[index(ScalarMetric)]
  std::span<double> scalars;

  double& at(Metric m, int year) const {
    return by_year[index(m) * static_cast<std::size_t>(horizon_years) + (year - 1)];
  }
  double& at(ScalarMetric m) const { return scalars[index(m)]; }
};

// Optional per-practice figures (--per-practice): [practice * horizon_years + (t - 1)].
// Empty spans are not written.
struct PracticeTrace {
  int horizon_years = 0;
  std::span<double> closed;                   // 1 if the practice is closed at year end
  std::span<double> appointments_gap;         // unmet demand, appointments
  std::span<double> funding_per_weighted;     // £ core + levelling up + quality per weighted patient
};

}  // namespace pcsim::model

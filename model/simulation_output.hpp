#pragma once
#include <array>
#include <cstddef>
#include <span>
#include <string_view>

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
  std::span<double> closed;            // 1 once the practice has closed (expected share centrally)
  std::span<double> merged;            // 1 once it has merged into another
  std::span<double> appointments_gap;  // unmet demand, appointments
  std::span<double> funding_per_weighted;  // £ core + levelling up + quality per weighted patient
  std::span<double> additional_roles_fte;  // PCN additional roles FTE
};

// The trace names, units and spans in one order (what the runner allocates and the writer
// stores under /options/<o>/practices).
inline constexpr std::size_t kPracticeTraceCount = 5;
inline constexpr std::array<std::string_view, kPracticeTraceCount> kPracticeTraceNames = {
    "closed", "merged", "appointments_gap", "funding_per_weighted", "arrs_fte"};
inline constexpr std::array<std::string_view, kPracticeTraceCount> kPracticeTraceUnits = {
    "share", "share", "appointments", "GBP per weighted patient", "FTE"};
inline std::array<std::span<double>, kPracticeTraceCount> trace_spans(const PracticeTrace& t) {
  return {t.closed, t.merged, t.appointments_gap, t.funding_per_weighted, t.additional_roles_fte};
}

}  // namespace pcsim::model

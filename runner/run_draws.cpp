#include "runner/run_draws.hpp"

#include <algorithm>

namespace pcsim::runner {

RunDraws::RunDraws(const scenarios::Scenario& scenario, const SamplingPlan& plan, bool central,
                   std::int64_t capacity, std::int64_t limit)
    : scenario_(scenario), plan_(plan), central_(central), capacity_(capacity), limit_(limit) {
  make_draws();
}

void RunDraws::make_draws() {
  draws_.clear();
  draws_.reserve(scenario_.options.size());
  for (const auto& option : scenario_.options) {
    draws_.emplace_back(option, plan_, central_, capacity_);
  }
}

void RunDraws::grow(std::int64_t iterations, std::int64_t drawn) {
  if (iterations <= capacity_) return;
  kept_ = take_columns(drawn);
  kept_rows_ = drawn;
  // Doubling keeps the copying of earlier rows linear in the final count overall.
  capacity_ = std::max(iterations, std::min(limit_, 2 * capacity_));
  make_draws();
}

std::vector<std::vector<output::ParameterColumn>> RunDraws::take_columns(std::int64_t drawn) {
  std::vector<std::vector<output::ParameterColumn>> columns;
  const auto rows = static_cast<std::size_t>(drawn);
  for (std::size_t o = 0; o < draws_.size(); ++o) {
    auto option_columns = draws_[o].release_columns();
    for (std::size_t k = 0; k < option_columns.size(); ++k) {
      auto& values = option_columns[k].values;
      if (!kept_.empty()) {
        const auto& earlier = kept_[o][k].values;
        std::copy_n(earlier.begin(), static_cast<std::ptrdiff_t>(kept_rows_), values.begin());
      }
      values.resize(rows);
    }
    columns.push_back(std::move(option_columns));
  }
  return columns;
}

void RunDraws::release_into(output::RunResults& results, std::int64_t iterations) {
  auto columns = take_columns(iterations);
  kept_.clear();
  results.parameters = std::move(columns.front());
  const auto& baseline = scenario_.options.front();
  for (std::size_t o = 1; o < columns.size(); ++o) {
    const auto& entries = scenario_.options[o].parameters;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      if (overrides_baseline(entries[k], baseline)) {
        results.options[o].parameters.push_back(std::move(columns[o][k]));
      }
    }
  }
}

}  // namespace pcsim::runner

#include "runner/iteration_rows.hpp"

#include <algorithm>
#include <limits>

#include "model/metrics.hpp"

namespace pcsim::runner {

namespace {

constexpr double kUnwritten = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kFigures = model::kPracticeTraceCount;
constexpr std::size_t kPerYear = model::kMetricCount;
constexpr std::size_t kScalars = model::kScalarMetricCount;

}  // namespace

IterationRows::IterationRows(const scenarios::Scenario& scenario)
    : years_(scenario.options.empty() ? 0 : scenario.options.front().central.horizon_years),
      cells_(scenario.practices.practices.size() * static_cast<std::size_t>(std::max(0, years_))) {
  const auto h = static_cast<std::size_t>(std::max(0, years_));
  for (const auto& option : scenario.options) {
    offset_.push_back(width_);
    entries_.push_back(option.parameters.size());
    width_ += kPerYear * h + kScalars + option.parameters.size();
  }
  trace_width_ = scenario.options.size() * kFigures * cells_;
}

model::SimulationOutput IterationRows::output(std::span<double> row, std::size_t option) const {
  const auto h = static_cast<std::size_t>(years_);
  auto part = row.subspan(offset_[option], kPerYear * h + kScalars);
  std::fill(part.begin(), part.end(), kUnwritten);
  return model::SimulationOutput{years_, part.subspan(0, kPerYear * h), part.subspan(kPerYear * h)};
}

std::span<double> IterationRows::values(std::span<double> row, std::size_t option) const {
  const auto h = static_cast<std::size_t>(years_);
  return row.subspan(offset_[option] + kPerYear * h + kScalars, entries_[option]);
}

model::PracticeTrace IterationRows::trace(std::span<double> row, std::size_t option) const {
  auto part = row.subspan(option * kFigures * cells_, kFigures * cells_);
  std::fill(part.begin(), part.end(), kUnwritten);
  const auto figure = [&](std::size_t k) { return part.subspan(k * cells_, cells_); };
  static_assert(kFigures == 5, "PracticeTrace's figures, in model::kPracticeTraceNames order");
  return model::PracticeTrace{years_, figure(0), figure(1), figure(2), figure(3), figure(4)};
}

void IterationRows::unpack(std::span<const double> row, std::int64_t iteration,
                           output::RunResults& results, RunDraws& draws) const {
  const auto h = static_cast<std::size_t>(years_);
  const auto i = static_cast<std::size_t>(iteration);
  for (std::size_t o = 0; o < offset_.size(); ++o) {
    output::OptionResults& option = results.options[o];
    const double* at = row.data() + offset_[o];
    for (std::size_t m = 0; m < kPerYear; ++m) {
      std::copy_n(at + m * h, h, option.by_year[m].begin() + static_cast<std::ptrdiff_t>(i * h));
    }
    at += kPerYear * h;
    for (std::size_t s = 0; s < kScalars; ++s) option.scalars[s][i] = at[s];
    at += kScalars;
    draws.record(o, iteration, std::span<const double>(at, entries_[o]));
  }
}

std::vector<std::vector<double>> IterationRows::practice_figures(std::span<const double> rows,
                                                                 std::int64_t count,
                                                                 std::size_t option) const {
  std::vector<std::vector<double>> figures(kFigures);
  for (std::size_t k = 0; k < kFigures; ++k) {
    auto& figure = figures[k];
    figure.resize(static_cast<std::size_t>(count) * cells_);
    for (std::int64_t r = 0; r < count; ++r) {
      const double* from = rows.data() + static_cast<std::size_t>(r) * trace_width_ +
                           (option * kFigures + k) * cells_;
      std::copy_n(
          from, cells_,
          figure.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(r) * cells_));
    }
  }
  return figures;
}

}  // namespace pcsim::runner

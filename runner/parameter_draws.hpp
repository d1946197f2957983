#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "model/parameters.hpp"
#include "output/run_results.hpp"
#include "runner/sampling_plan.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// The value a scenario entry takes in one iteration (MODEL.md, Shape of a run):
//   central mode:   its distribution's central value (the mode, or the mean);
//   fixed entries:  their value;
//   otherwise:      distribution.quantile(u), u = parameter_uniform(seed, iteration, path).
// The uniform is keyed by the parameter's own name, so iteration i of every option sees
// the same draw (common random numbers), and adding an option or a parameter changes no
// other parameter's draws. This is plain sampling; ParameterDraws built from a
// SamplingPlan takes u from the plan instead (Latin hypercube, rank correlation).
double entry_value(const scenarios::ParameterEntry& entry, std::uint64_t seed,
                   std::int64_t iteration, bool central);

// True when `entry` is an option's own setting rather than one inherited from the baseline
// (the baseline has no entry of that path, or one set on a different line).
bool overrides_baseline(const scenarios::ParameterEntry& entry,
                        const scenarios::OptionSpec& baseline);

// The parameters of every iteration of one option, and a record of the value each scenario
// entry took (the output's /parameters columns).
class ParameterDraws {
 public:
  // `iterations` is the number of iterations to record (1 in central mode). Plain
  // sampling: u = parameter_uniform(seed, iteration, path).
  ParameterDraws(const scenarios::OptionSpec& option, std::uint64_t seed, bool central,
                 std::int64_t iterations);
  // The uniforms come from `plan` (the run's, shared by every option), which must outlive
  // this object. A plan of method "random" without correlations gives the same draws as
  // the constructor above.
  ParameterDraws(const scenarios::OptionSpec& option, const SamplingPlan& plan, bool central,
                 std::int64_t iterations);

  // Sets `params` to the option's parameters in `iteration` (0-based) and records the value
  // of each entry. Different iterations may be drawn concurrently (each writes only its own
  // element of every column).
  void draw(std::int64_t iteration, model::ModelParameters& params);

  // The same parameters, with the value of each entry (what draw records, in the option's
  // order) written to `values` instead of the columns: a process of a distributed run
  // computes its iterations with it and sends the values to rank 0, which record()s them.
  // `values` holds one double per entry of the option.
  void draw_values(std::int64_t iteration, model::ModelParameters& params,
                   std::span<double> values) const;
  void record(std::int64_t iteration, std::span<const double> values);

  // One column per entry of the option (fixed entries too, as constant columns, so the
  // output carries every setting's rationale), in the option's order.
  const std::vector<output::ParameterColumn>& columns() const { return columns_; }
  std::vector<output::ParameterColumn> release_columns() { return std::move(columns_); }

 private:
  // One source per entry; a plain one (seed) for the first constructor.
  ParameterDraws(const scenarios::OptionSpec& option, std::vector<UniformSource> sources,
                 bool central, std::int64_t iterations);
  // Sets `params` and calls set_value(k, value) with each entry's value.
  template <class SetValue>
  void compute(std::int64_t iteration, model::ModelParameters& params, SetValue&& set_value) const;

  const scenarios::OptionSpec& option_;
  std::vector<UniformSource> sources_;  // per entry, in the option's order
  bool central_;
  std::vector<output::ParameterColumn> columns_;
};

}  // namespace pcsim::runner

#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "model/parameters.hpp"
#include "output/run_results.hpp"
#include "runner/parameter_draws.hpp"
#include "runner/sampling_plan.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::runner {

// The parameter draws of every option of one run, for a run whose length may grow batch
// by batch (--until-se). Each option's ParameterDraws records into columns of a fixed
// capacity; when a run outgrows it, larger ones take over (capacity doubled, up to the
// run's cap) and the values already drawn are kept, so the columns handed over at the end
// equal those of a run sized to the final count from the start. A fixed-size run sizes
// the capacity to its count and never grows.
class RunDraws {
 public:
  // `scenario` and `plan` must outlive this object. Room for `capacity` iterations;
  // growing never goes past `limit`.
  RunDraws(const scenarios::Scenario& scenario, const SamplingPlan& plan, bool central,
           std::int64_t capacity, std::int64_t limit);

  // Makes room for iterations [0, iterations), keeping the values of [0, drawn).
  void grow(std::int64_t iterations, std::int64_t drawn);

  // Sets `params` to option `option`'s parameters in `iteration` and records them.
  // Thread-safe across different iterations (ParameterDraws::draw).
  void draw(std::size_t option, std::int64_t iteration, model::ModelParameters& params) {
    draws_[option].draw(iteration, params);
  }

  // The parameters of `iteration` with each entry's value in `values` (not recorded), and
  // the recording of values drawn so elsewhere (ParameterDraws::draw_values, record): the
  // processes of a distributed run draw their own iterations, rank 0 records them all.
  void draw_values(std::size_t option, std::int64_t iteration, model::ModelParameters& params,
                   std::span<double> values) const {
    draws_[option].draw_values(iteration, params, values);
  }
  void record(std::size_t option, std::int64_t iteration, std::span<const double> values) {
    draws_[option].record(iteration, values);
  }

  // Hands over the first `iterations` values: the baseline's columns become the run's
  // parameters; each other option keeps only what it sets itself (what it inherits
  // equals the baseline's column, draw for draw).
  void release_into(output::RunResults& results, std::int64_t iterations);

 private:
  void make_draws();
  // Every option's columns with rows [0, drawn) filled in: the current draws' rows, and
  // before them the rows kept from earlier capacities.
  std::vector<std::vector<output::ParameterColumn>> take_columns(std::int64_t drawn);

  const scenarios::Scenario& scenario_;
  const SamplingPlan& plan_;
  bool central_;
  std::int64_t capacity_;
  std::int64_t limit_;
  std::vector<ParameterDraws> draws_;
  // [option][entry]: the rows below kept_rows_ drawn before the last growth.
  std::vector<std::vector<output::ParameterColumn>> kept_;
  std::int64_t kept_rows_ = 0;
};

}  // namespace pcsim::runner

// run_scenario and run_sensitivity spread over several processes (threads of the test
// standing in for MPI processes, tests/runner/thread_communicator.hpp) give rank 0 the
// very bytes one process computes: every metric, scalar, parameter column, per-practice
// batch, the --until-se stop, and the sensitivity tables. The other ranks return no
// per-iteration data. Uses the synthetic scenario (12 invented practices).
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "runner/run_engine.hpp"
#include "runner/sensitivity_run.hpp"
#include "same_bytes.hpp"
#include "shipped_scenarios.hpp"
#include "tests/runner/thread_communicator.hpp"

namespace pcsim::runner {
namespace {

using testing::run_ranks;

using fixtures::synthetic;

using fixtures::same_bytes;

// The per-practice batches as the results file receives them, concatenated per option
// and figure in arrival order (which must be iteration order).
struct CollectedBatches {
  std::vector<std::vector<std::vector<double>>> figures;  // [option][figure]
  std::vector<std::int64_t> next;                         // per option: the next iteration
  bool in_order = true;
  PracticeBatchSink sink() {
    return [this](const output::PracticeBatch& batch) {
      if (figures.size() <= batch.option) {
        figures.resize(batch.option + 1);
        next.resize(batch.option + 1, 0);
      }
      in_order = in_order && batch.first_iteration == next[batch.option];
      next[batch.option] = batch.first_iteration + batch.count;
      auto& option = figures[batch.option];
      option.resize(batch.traces.size());
      for (std::size_t k = 0; k < batch.traces.size(); ++k) {
        option[k].insert(option[k].end(), batch.traces[k].begin(), batch.traces[k].end());
      }
    };
  }
};

struct Outcome {
  output::RunResults results;
  CollectedBatches batches;
};

// Runs `settings` on `processes` threads-as-processes; rank 0's results and batches.
Outcome run_on(int processes, const RunSettings& settings) {
  Outcome rank0;
  std::vector<std::int64_t> iterations(static_cast<std::size_t>(processes), -1);
  const auto thrown = run_ranks(processes, [&](const Communicator& communicator) {
    std::ostringstream quiet;
    Progress progress(ProgressStyle::Silent, quiet);
    CollectedBatches batches;
    auto results =
        run_scenario(synthetic(), settings, progress,
                     settings.per_practice ? batches.sink() : PracticeBatchSink{}, communicator);
    if (communicator.root()) {
      rank0.results = std::move(results);
      rank0.batches = std::move(batches);
    } else {
      // Nothing per iteration on the other ranks; the count is known everywhere.
      EXPECT_TRUE(results.options.empty());
      EXPECT_TRUE(results.parameters.empty());
      EXPECT_TRUE(batches.figures.empty());
    }
    iterations[static_cast<std::size_t>(communicator.rank())] = results.iterations;
  });
  for (const auto& e : thrown) {
    if (e) std::rethrow_exception(e);
  }
  // Every process knows where the run stopped.
  for (auto n : iterations) EXPECT_EQ(n, rank0.results.iterations);
  return rank0;
}

void expect_identical(const Outcome& one, const Outcome& many, const std::string& what) {
  const auto& a = one.results;
  const auto& b = many.results;
  ASSERT_EQ(a.iterations, b.iterations) << what;
  ASSERT_EQ(a.options.size(), b.options.size()) << what;
  for (std::size_t o = 0; o < a.options.size(); ++o) {
    for (std::size_t m = 0; m < a.options[o].by_year.size(); ++m) {
      EXPECT_TRUE(same_bytes(a.options[o].by_year[m], b.options[o].by_year[m]))
          << what << ": " << a.options[o].metric_names[m];
    }
    for (std::size_t s = 0; s < a.options[o].scalars.size(); ++s) {
      EXPECT_TRUE(same_bytes(a.options[o].scalars[s], b.options[o].scalars[s]))
          << what << ": " << a.options[o].scalar_names[s];
    }
    EXPECT_TRUE(same_bytes(a.options[o].central_scalars, b.options[o].central_scalars)) << what;
  }
  ASSERT_EQ(a.parameters.size(), b.parameters.size());
  for (std::size_t k = 0; k < a.parameters.size(); ++k) {
    EXPECT_TRUE(same_bytes(a.parameters[k].values, b.parameters[k].values))
        << what << ": " << a.parameters[k].name;
  }
  EXPECT_TRUE(many.batches.in_order) << what << ": per-practice batches out of order";
  ASSERT_EQ(one.batches.figures.size(), many.batches.figures.size()) << what;
  for (std::size_t o = 0; o < one.batches.figures.size(); ++o) {
    for (std::size_t k = 0; k < one.batches.figures[o].size(); ++k) {
      EXPECT_TRUE(same_bytes(one.batches.figures[o][k], many.batches.figures[o][k]))
          << what << ": per-practice figure " << k;
    }
  }
}

// 103 iterations over 1 (the reference), 2 and 3 processes with 1 and 2 threads.
TEST(DistributedRun, EveryByteAsWithOneProcess) {
  RunSettings settings;
  settings.seed = 77;
  settings.iterations = 103;
  const Outcome one = run_on(1, settings);
  ASSERT_EQ(one.results.iterations, 103);
  for (int processes : {2, 3}) {
    for (int threads : {1, 2}) {
      settings.threads = threads;
      expect_identical(one, run_on(processes, settings),
                       std::to_string(processes) + " processes x " + std::to_string(threads));
    }
  }
}

// --per-practice over 600 iterations: several chunks (256 rows per process each), every
// batch reaching rank 0's sink in iteration order with the figures one process streams.
TEST(DistributedRun, PerPracticeBatchesAsWithOneProcess) {
  RunSettings settings;
  settings.seed = 5;
  settings.iterations = 600;
  settings.per_practice = true;
  const Outcome one = run_on(1, settings);
  ASSERT_FALSE(one.batches.figures.empty());
  ASSERT_EQ(one.batches.next.front(), 600);
  expect_identical(one, run_on(3, settings), "per-practice, 3 processes");
}

// --until-se stops at the same check point (a multiple of 256 after the minimum) however
// many processes share the chunks, and the rows computed past the stop are dropped; the
// outcome equals a fixed run of the final count.
TEST(DistributedRun, UntilSeStopsWhereOneProcessStops) {
  RunSettings settings;
  settings.seed = 12345;
  settings.iterations = 103;
  settings.per_practice = true;
  settings.until_se = ConvergenceTarget{"npv", "", 0.03};
  settings.max_iterations = 4096;
  const Outcome one = run_on(1, settings);
  ASSERT_TRUE(one.results.convergence.has_value());
  const std::int64_t stop = one.results.iterations;
  EXPECT_GT(stop, 256);  // not the first check: the later chunks matter
  EXPECT_EQ(stop % 256, 0);
  for (int processes : {2, 3}) {
    const Outcome many = run_on(processes, settings);
    expect_identical(one, many, "until-se, " + std::to_string(processes) + " processes");
    EXPECT_EQ(many.results.convergence->reached_rel_se, one.results.convergence->reached_rel_se);
    EXPECT_EQ(many.batches.next.front(), stop);
  }
  RunSettings fixed = settings;
  fixed.until_se.reset();
  fixed.iterations = stop;
  const Outcome plain = run_on(2, fixed);
  for (std::size_t s = 0; s < plain.results.options[0].scalars.size(); ++s) {
    EXPECT_TRUE(same_bytes(plain.results.options[0].scalars[s], one.results.options[0].scalars[s]));
  }
}

// pcsim sensitivity's tables (Spearman, tornado, Sobol by year) on rank 0 equal one
// process's, for 3 processes.
TEST(DistributedRun, SensitivityAsWithOneProcess) {
  SensitivitySettings settings;
  settings.seed = 9;
  settings.iterations = 40;
  settings.sobol_rows = 10;
  settings.bootstrap = 10;
  std::vector<output::SensitivityResults> rank0(2);
  for (int processes : {1, 3}) {
    const auto thrown = run_ranks(processes, [&](const Communicator& communicator) {
      std::ostringstream quiet;
      Progress progress(ProgressStyle::Silent, quiet);
      auto results = run_sensitivity(synthetic(), 0, settings, progress, communicator);
      if (communicator.root()) rank0[processes == 1 ? 0 : 1] = std::move(results);
    });
    for (const auto& e : thrown) {
      if (e) std::rethrow_exception(e);
    }
  }
  const auto& a = rank0[0];
  const auto& b = rank0[1];
  ASSERT_EQ(a.outputs.size(), b.outputs.size());
  for (std::size_t q = 0; q < a.outputs.size(); ++q) {
    EXPECT_TRUE(same_bytes(a.outputs[q].spearman, b.outputs[q].spearman)) << a.outputs[q].name;
    EXPECT_TRUE(same_bytes(a.outputs[q].tornado, b.outputs[q].tornado)) << a.outputs[q].name;
    EXPECT_TRUE(same_bytes(a.outputs[q].central, b.outputs[q].central)) << a.outputs[q].name;
    EXPECT_TRUE(same_bytes(a.outputs[q].sobol, b.outputs[q].sobol)) << a.outputs[q].name;
  }
  EXPECT_EQ(a.tornado_order, b.tornado_order);
}

}  // namespace
}  // namespace pcsim::runner

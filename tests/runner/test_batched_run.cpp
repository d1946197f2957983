// The batched run (runner/run_engine.hpp): per-practice figures handed over batch by batch
// in iteration order and landing on the right iterations, per-practice summaries in the
// file equal to the means of the stored arrays, and --until-se: the stopping rule, the cap,
// results equal to a fixed run of the final count, and the designs it refuses.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <sstream>

#include "model/metrics.hpp"
#include "model/simulation_output.hpp"
#include "runner/commands.hpp"
#include "runner/run_engine.hpp"
#include "runner/usage_error.hpp"
#include "same_bytes.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

namespace fs = std::filesystem;

using fixtures::synthetic;

RunSettings settings_for(std::int64_t iterations, int threads) {
  RunSettings settings;
  settings.seed = 777;
  settings.iterations = iterations;
  settings.threads = threads;
  return settings;
}

output::RunResults run(const RunSettings& settings, const PracticeBatchSink& sink = {}) {
  std::ostringstream sink_stream;
  Progress progress(ProgressStyle::Silent, sink_stream);
  return run_scenario(synthetic(), settings, progress, sink);
}

using fixtures::same_bytes;

// The test's own relative standard error: sd / sqrt(n) / |mean| of the first n values.
double rel_se_by_hand(const std::vector<double>& x, std::size_t n) {
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += x[i];
  const double mean = sum / static_cast<double>(n);
  double squares = 0;
  for (std::size_t i = 0; i < n; ++i) squares += (x[i] - mean) * (x[i] - mean);
  return std::sqrt(squares / static_cast<double>(n - 1)) / std::sqrt(static_cast<double>(n)) /
         std::abs(mean);
}

// Fact: 600 iterations reach the sink as batches [0, 256), [256, 512), [512, 600) for
// every option, in order; and each batch's rows belong to their iterations: in every
// iteration and year, practices_open = practices - sum of the closed and merged flags, and the
// appointments gap is the sum of the practices' gaps (both metrics are sums over practices
// in model/simulate.hpp), so a row stored under the wrong iteration would not match.
TEST(BatchedRun, BatchesArriveInOrderAndLandOnTheirIterations) {
  RunSettings settings = settings_for(600, 2);
  settings.per_practice = true;
  const std::size_t practices = synthetic().practices.practices.size();
  const std::size_t years = 5;
  const std::size_t cells = practices * years;
  std::vector<std::vector<double>> closed(synthetic().options.size());
  std::vector<std::vector<double>> gap(synthetic().options.size());
  std::vector<std::int64_t> firsts;
  const auto results = run(settings, [&](const output::PracticeBatch& batch) {
    if (batch.option == 0) firsts.push_back(batch.first_iteration);
    ASSERT_EQ(batch.traces.size(), model::kPracticeTraceCount);
    EXPECT_EQ(static_cast<std::int64_t>(closed[batch.option].size() / cells),
              batch.first_iteration);
    // Gone = closed + merged (traces 0 and 1, in model::kPracticeTraceNames order).
    for (std::size_t k = 0; k < batch.traces[0].size(); ++k)
      closed[batch.option].push_back(batch.traces[0][k] + batch.traces[1][k]);
    gap[batch.option].insert(gap[batch.option].end(), batch.traces[2].begin(),
                             batch.traces[2].end());
  });
  EXPECT_EQ(firsts, (std::vector<std::int64_t>{0, 256, 512}));
  for (std::size_t o = 0; o < results.options.size(); ++o) {
    EXPECT_TRUE(results.options[o].practice_traces.empty()) << "streamed, not kept";
    ASSERT_EQ(closed[o].size(), 600 * cells);
    const auto& open = results.options[o].by_year[model::index(model::Metric::PracticesOpen)];
    const auto& total_gap =
        results.options[o].by_year[model::index(model::Metric::AppointmentsGap)];
    for (std::size_t i = 0; i < 600; ++i) {
      for (std::size_t y = 0; y < years; ++y) {
        double closed_count = 0;
        double gap_sum = 0;
        for (std::size_t p = 0; p < practices; ++p) {
          closed_count += closed[o][(i * practices + p) * years + y];
          gap_sum += gap[o][(i * practices + p) * years + y];
        }
        ASSERT_EQ(open[i * years + y], static_cast<double>(practices) - closed_count)
            << "iteration " << i << " year " << y;
        ASSERT_NEAR(total_gap[i * years + y], gap_sum, 1e-9 * std::max(1.0, gap_sum))
            << "iteration " << i << " year " << y;
      }
    }
  }
}

// Fact: the stopping rule. With REL = 0.025 on npv from 200 iterations, the run stops at the
// first check point (200, then every multiple of 256) where the test's own sd / sqrt(n) /
// |mean| of the stored npv is below 0.025, and the record says so. The run went past 200.
TEST(BatchedRun, UntilSeStopsAtTheFirstCheckPointBelowTheTarget) {
  RunSettings settings = settings_for(200, 2);
  settings.until_se = parse_convergence_target("npv:0.025");
  const auto results = run(settings);
  const auto& npv = results.options[0].scalars[model::index(model::ScalarMetric::Npv)];
  const auto n = static_cast<std::size_t>(results.iterations);
  ASSERT_EQ(npv.size(), n);
  ASSERT_GT(n, 200u);
  EXPECT_EQ(n % 256, 0u);
  EXPECT_LT(rel_se_by_hand(npv, n), 0.025);
  for (std::size_t point = 200; point < n; point = (point / 256 + 1) * 256) {
    EXPECT_GE(rel_se_by_hand(npv, point), 0.025) << "already below at " << point;
  }
  ASSERT_TRUE(results.convergence.has_value());
  EXPECT_EQ(results.convergence->metric, "npv");
  EXPECT_TRUE(results.convergence->met);
  EXPECT_EQ(results.convergence->iterations, results.iterations);
  EXPECT_NEAR(results.convergence->reached_rel_se, rel_se_by_hand(npv, n), 1e-12);
}

// Fact: an unreachable target runs to --max-iterations exactly and is recorded as not met.
TEST(BatchedRun, MaxIterationsCapsTheRun) {
  RunSettings settings = settings_for(100, 2);
  settings.until_se = parse_convergence_target("net_cost@2019/20:1e-6");
  settings.max_iterations = 300;
  const auto results = run(settings);
  EXPECT_EQ(results.iterations, 300);
  ASSERT_TRUE(results.convergence.has_value());
  EXPECT_EQ(results.convergence->metric, "net_cost@2019/20");
  EXPECT_FALSE(results.convergence->met);
  EXPECT_GE(results.convergence->reached_rel_se, 1e-6);
  for (const auto& column : results.parameters) EXPECT_EQ(column.values.size(), 300u);
}

// Fact: every draw is keyed by its iteration, so a run extended batch by batch (and its
// parameter columns regrown) equals a fixed run of its final count, at another thread
// count, in every byte of every metric, scalar, parameter and per-practice figure.
TEST(BatchedRun, UntilSeEqualsAFixedRunOfTheFinalCount) {
  RunSettings extended = settings_for(150, 2);
  extended.per_practice = true;
  extended.until_se = parse_convergence_target("npv:1e-9");
  extended.max_iterations = 700;  // 150, 256, 512, 700: three regrowths
  const auto a = run(extended);
  RunSettings fixed = settings_for(700, 1);
  fixed.per_practice = true;
  const auto b = run(fixed);
  ASSERT_EQ(a.iterations, 700);
  ASSERT_EQ(a.options.size(), b.options.size());
  for (std::size_t o = 0; o < a.options.size(); ++o) {
    for (std::size_t m = 0; m < a.options[o].by_year.size(); ++m) {
      EXPECT_TRUE(same_bytes(a.options[o].by_year[m], b.options[o].by_year[m]))
          << a.options[o].metric_names[m];
    }
    for (std::size_t s = 0; s < a.options[o].scalars.size(); ++s) {
      EXPECT_TRUE(same_bytes(a.options[o].scalars[s], b.options[o].scalars[s]));
    }
    for (std::size_t k = 0; k < a.options[o].practice_traces.size(); ++k) {
      EXPECT_TRUE(same_bytes(a.options[o].practice_traces[k], b.options[o].practice_traces[k]));
    }
    ASSERT_EQ(a.options[o].parameters.size(), b.options[o].parameters.size());
  }
  ASSERT_EQ(a.parameters.size(), b.parameters.size());
  for (std::size_t k = 0; k < a.parameters.size(); ++k) {
    EXPECT_TRUE(same_bytes(a.parameters[k].values, b.parameters[k].values)) << a.parameters[k].name;
  }
}

// Fact: designs laid out over the final count (Latin hypercube, rank correlations) and the
// central case cannot be extended: usage errors, before anything runs.
TEST(BatchedRun, UntilSeRefusesDesignsThatDependOnTheFinalCount) {
  RunSettings settings = settings_for(100, 1);
  settings.until_se = parse_convergence_target("npv:0.01");
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  scenarios::Scenario lhs = synthetic();
  lhs.sampling.method = scenarios::SamplingMethod::LatinHypercube;
  EXPECT_THROW(run_scenario(lhs, settings, progress), UsageError);
  scenarios::Scenario correlated = synthetic();
  correlated.sampling.correlations.push_back(
      {"population.list_growth", "population.consultations_per_patient", 0.4, 1});
  EXPECT_THROW(run_scenario(correlated, settings, progress), UsageError);
  RunSettings central = settings;
  central.central = true;
  EXPECT_THROW(run_scenario(synthetic(), central, progress), UsageError);
  RunSettings low_cap = settings;
  low_cap.max_iterations = 99;
  EXPECT_THROW(run_scenario(synthetic(), low_cap, progress), UsageError);
}

// Fact: in the file written by `pcsim run --per-practice` (the streamed path), each
// practices/summary/<figure> equals NumPy's mean over iterations of the stored
// [iterations x practices x years] array, and the arrays are extendible, chunked by whole
// iterations and compressed (tests/runner/check_practice_file.py).
TEST(BatchedRun, PracticeSummariesAreTheMeansOfTheStoredArrays) {
  const std::string python = "/usr/bin/python3";
  const auto status = [](int result) { return WIFEXITED(result) ? WEXITSTATUS(result) : -1; };
  if (status(std::system((python + " -c 'import h5py, numpy' 2>/dev/null").c_str())) != 0) {
    GTEST_SKIP() << python << " lacks h5py or numpy";
  }
  std::string pattern = (fs::temp_directory_path() / "pcsim-batched-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  RunCommand command;
  command.scenario = fixtures::shipped_scenario_path("synthetic.toml");
  command.output = dir / "practices.h5";
  command.iterations = 600;  // three batches, the last partial
  command.threads = 2;
  command.per_practice = true;
  command.quiet = true;
  std::ostringstream out;
  run_command(command, out);
  const std::string script = std::string(PCSIM_SOURCE_DIR) + "/tests/runner/check_practice_file.py";
  const int result = std::system((python + " '" + script + "' '" + command.output->string() +
                                  "' 600 " + std::to_string(synthetic().practices.practices.size()))
                                     .c_str());
  EXPECT_EQ(status(result), 0);
  // Nothing but the results file: no temporary of any name (OUT.<pid>.<hex>.tmp).
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pcsim::runner

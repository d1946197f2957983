// The run engine (runner/run_engine.hpp): results that do not depend on the thread count,
// common random numbers across options, the central case, and exceptions that reach the
// caller. Uses the synthetic scenario (scenarios/synthetic.toml: 12 invented practices).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "model/metrics.hpp"
#include "model/simulation_output.hpp"
#include "runner/run_engine.hpp"
#include "same_bytes.hpp"
#include "scenarios/scenario.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

using fixtures::synthetic;

output::RunResults run(const scenarios::Scenario& scenario, int threads, std::int64_t iterations,
                       bool central = false) {
  RunSettings settings;
  settings.seed = 4242;
  settings.iterations = iterations;
  settings.threads = threads;
  settings.central = central;
  settings.per_practice = true;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_scenario(scenario, settings, progress);
}

using fixtures::same_bytes;

// Each iteration writes only its own rows, so 1, 2 and 4 threads give the same bytes
// (NaN payloads included) in every metric, scalar, per-practice trace and parameter column.
// 37 iterations: not a multiple of the grain, so the last range is short.
TEST(RunEngine, ThreadCountDoesNotChangeAnyByte) {
  const auto one = run(synthetic(), 1, 37);
  for (int threads : {2, 4}) {
    const auto many = run(synthetic(), threads, 37);
    ASSERT_EQ(many.options.size(), one.options.size());
    for (std::size_t o = 0; o < one.options.size(); ++o) {
      const auto& a = one.options[o];
      const auto& b = many.options[o];
      for (std::size_t m = 0; m < a.by_year.size(); ++m) {
        EXPECT_TRUE(same_bytes(a.by_year[m], b.by_year[m]))
            << a.name << " " << a.metric_names[m] << " at " << threads << " threads";
      }
      for (std::size_t s = 0; s < a.scalars.size(); ++s) {
        EXPECT_TRUE(same_bytes(a.scalars[s], b.scalars[s])) << a.scalar_names[s];
      }
      for (std::size_t k = 0; k < a.practice_traces.size(); ++k) {
        EXPECT_TRUE(same_bytes(a.practice_traces[k], b.practice_traces[k]))
            << a.practice_trace_names[k];
      }
    }
    for (std::size_t k = 0; k < one.parameters.size(); ++k) {
      EXPECT_TRUE(same_bytes(one.parameters[k].values, many.parameters[k].values))
          << one.parameters[k].name;
    }
  }
}

// The arrays have the documented shapes: [metric][iteration * years + year] with the
// scenario's 5 years labelled from 2017/18, one scalar per iteration, and every value
// written by the model (the engine pre-fills with NaN; list size is never NaN).
TEST(RunEngine, ShapesAndLabels) {
  const auto results = run(synthetic(), 2, 9);
  const std::vector<std::string> labels = {"2017/18", "2018/19", "2019/20", "2020/21", "2021/22"};
  EXPECT_EQ(results.year_labels, labels);
  EXPECT_EQ(results.iterations, 9);
  EXPECT_EQ(results.practice_codes.size(), synthetic().practices.practices.size());
  for (const auto& option : results.options) {
    ASSERT_EQ(option.by_year.size(), model::kMetricCount);
    for (const auto& row : option.by_year) EXPECT_EQ(row.size(), 9u * 5u);
    for (const auto& row : option.scalars) EXPECT_EQ(row.size(), 9u);
    const auto& list = option.by_year[model::index(model::Metric::ListSize)];
    for (double v : list) EXPECT_TRUE(std::isfinite(v) && v > 0) << option.name;
    ASSERT_EQ(option.practice_traces.size(), model::kPracticeTraceCount);
    for (const auto& trace : option.practice_traces) {
      EXPECT_EQ(trace.size(), 9u * results.practice_codes.size() * 5u);
      for (double v : trace) EXPECT_TRUE(std::isfinite(v)) << option.name;
    }
    for (double closed : option.practice_traces[0]) EXPECT_TRUE(closed == 0 || closed == 1);
  }
}

// Common random numbers: two options that are the same scenario settings under different
// names give identical results in every iteration; and a baseline's parameter draws
// are not moved by adding an option.
TEST(RunEngine, IdenticalOptionsGiveIdenticalResults) {
  scenarios::Scenario twice = synthetic();
  twice.options.resize(1);
  scenarios::OptionSpec copy = twice.options[0];
  copy.name = "the same again";
  twice.options.push_back(copy);
  const auto results = run(twice, 2, 12);
  ASSERT_EQ(results.options.size(), 2u);
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    EXPECT_TRUE(same_bytes(results.options[0].by_year[m], results.options[1].by_year[m]))
        << results.options[0].metric_names[m];
  }
  // The copy inherits every entry (same path and line): it overrides nothing.
  EXPECT_TRUE(results.options[1].parameters.empty());
  const auto alone = run(synthetic(), 1, 12);
  for (std::size_t k = 0; k < alone.parameters.size(); ++k) {
    EXPECT_TRUE(same_bytes(alone.parameters[k].values, results.parameters[k].values));
  }
}

// The central case is one iteration whatever --iterations says, with every uncertain
// parameter at its central value: list_growth is triangular(0, 0.006, 0.012) in the
// synthetic scenario, so its column holds the mode 0.006.
TEST(RunEngine, CentralRunIsOneIterationAtCentralValues) {
  const auto results = run(synthetic(), 2, 500, true);
  EXPECT_EQ(results.iterations, 1);
  EXPECT_EQ(results.options[0].by_year[0].size(), 5u);
  bool found = false;
  for (const auto& column : results.parameters) {
    if (column.name == "population.list_growth") {
      ASSERT_EQ(column.values.size(), 1u);
      EXPECT_DOUBLE_EQ(column.values[0], 0.006);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

// A practice with no weighted patients makes the model throw ModelError in every
// iteration (core funding per weighted patient is undefined): the error thrown on a
// worker thread reaches the caller with its type and message.
TEST(RunEngine, ModelErrorInsideTheLoopReachesTheCaller) {
  scenarios::Scenario broken = synthetic();
  broken.practices.practices.front().weighted_patients = 0;
  broken.practices.practices.front().payments_weighted_patients = 0;
  try {
    run(broken, 4, 64);
    FAIL() << "expected ModelError";
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find(broken.practices.practices.front().code),
              std::string::npos)
        << e.what();
  }
}

// The loop itself: every iteration of [0, 103) is visited exactly once in ranges of at
// most the grain, and an exception thrown in one range (iteration 57) is rethrown on the
// calling thread as the same type.
TEST(RunEngine, ParallelLoopCoversEveryIterationAndRethrows) {
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  std::vector<std::atomic<int>> visits(103);
  progress.start(103);
  parallel_iterations(103, 4, progress, [&](std::int64_t begin, std::int64_t end) {
    EXPECT_LE(end - begin, kIterationGrain);
    for (std::int64_t i = begin; i < end; ++i) visits[static_cast<std::size_t>(i)]++;
  });
  for (const auto& v : visits) EXPECT_EQ(v.load(), 1);
  EXPECT_EQ(progress.done(), 103);

  EXPECT_THROW(parallel_iterations(103, 4, progress,
                                   [](std::int64_t begin, std::int64_t end) {
                                     if (begin <= 57 && 57 < end) throw std::out_of_range("57");
                                   }),
               std::out_of_range);
}

// Options must share the baseline's horizon: results are compared year by year.
TEST(RunEngine, OptionsWithAnotherHorizonAreRejected) {
  scenarios::Scenario odd = synthetic();
  odd.options.push_back(odd.options[0]);
  odd.options.back().name = "longer";
  odd.options.back().central.horizon_years += 2;
  EXPECT_THROW(check_runnable(odd), InputError);
}

}  // namespace
}  // namespace pcsim::runner

namespace pcsim::runner {
namespace {

// The results file keeps run-level comparison datasets (evpi, p_best_npv, ...) beside one
// group per option under /comparison: an option with one of those names is refused before
// the run starts, naming the option, rather than after hours of computing.
TEST(RunEngine, OptionNamedLikeAComparisonDatasetIsRefusedBeforeRunning) {
  scenarios::Scenario scenario = fixtures::synthetic();
  scenarios::OptionSpec copy = scenario.options[0];
  copy.name = "evpi";
  scenario.options.push_back(copy);
  try {
    check_runnable(scenario);
    FAIL() << "an option named 'evpi' was accepted";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1u);
    EXPECT_EQ(error.diagnostics()[0].key, "options.evpi.name");
    EXPECT_NE(error.diagnostics()[0].expected.find("p_best_npv"), std::string::npos);
  }
}

// The same refusal at the line of the name, as other diagnostics of an option (the
// message probe of 2026-12-07: "synthetic.toml: key 'options.evpi.name'" gave no line):
// an option's name = "evppi" on the file's last line, and the baseline's baseline = "...".
TEST(RunEngine, ReservedOptionNameIsRefusedAtTheLineOfItsName) {
  const std::filesystem::path file = fixtures::shipped_scenario_path("synthetic.toml");
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto lines = [](const std::string& t) {
    return static_cast<int>(std::count(t.begin(), t.end(), '\n'));
  };
  const auto refusal = [&](const std::string& scenario_text) {
    scenarios::Scenario parsed = scenarios::parse_scenario(scenario_text, file);
    parsed.practices = fixtures::synthetic().practices;  // check_runnable wants practices
    try {
      check_runnable(parsed);
    } catch (const InputError& error) {
      EXPECT_EQ(error.diagnostics().size(), 1u);
      return error.diagnostics().front();
    }
    ADD_FAILURE() << "the reserved name was accepted";
    return Diagnostic{};
  };
  const std::string option = text + "\n[[options]]\nname = \"evppi\"\n";
  const Diagnostic named = refusal(option);
  EXPECT_EQ(named.key, "options.evppi.name");
  EXPECT_EQ(named.line, lines(option));  // the last line: name = "evppi"
  EXPECT_NE(named.format().find("synthetic.toml:" + std::to_string(lines(option)) + ": "),
            std::string::npos)
      << named.format();
  // The baseline named so by baseline = "..." (line 8 of synthetic.toml): that line, under
  // the key that names the baseline.
  std::string renamed = text;
  const std::string given = "baseline = \"delegate and invest\"";
  ASSERT_EQ(lines(text.substr(0, text.find(given))) + 1, 8);
  renamed.replace(renamed.find(given), given.size(), "baseline = \"p_best_npv\"");
  const Diagnostic baseline = refusal(renamed);
  EXPECT_EQ(baseline.key, "baseline");
  EXPECT_EQ(baseline.line, 8);
}

}  // namespace
}  // namespace pcsim::runner

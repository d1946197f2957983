// The estimate of a run's memory and file (runner/run_estimate.hpp) and the refusals built
// on it. How close it comes to a real run's peak memory and file size is measured in
// tests/cli/run_estimate.sh; here its growth per iteration is checked against the
// documented formula counted by hand from the scenario, and the refusals against limits.
#include "runner/run_estimate.hpp"

#include <stdlib.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>

#include "model/metrics.hpp"
#include "runner/commands.hpp"
#include "runner/drivers.hpp"
#include "runner/evppi.hpp"
#include "runner/sampling_plan.hpp"
#include "runner/sensitivity_run.hpp"
#include "scenarios/scenario.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

RunSettings settings(std::int64_t iterations) {
  RunSettings s;
  s.iterations = iterations;
  s.threads = 2;
  return s;
}

// Bytes per iteration of the documented memory formula, counted from the scenario:
// O (M Y + S) + E + P + (M Y + S when there are options to compare) + 4 + 6 T doubles
// (T threads; before the allocator's tenth).
double memory_per_iteration(const scenarios::Scenario& s) {
  const double years = s.options.front().central.horizon_years;
  const double row = model::kMetricCount * years + model::kScalarMetricCount;
  double entries = 0;
  for (const auto& option : s.options) entries += option.parameters.size();
  std::set<std::string> uncertain;
  for (const auto& option : s.options)
    for (const auto& entry : option.parameters)
      if (!entry.distribution.is_fixed()) uncertain.insert(entry.path);
  const double options = s.options.size();
  const double threads = 2;  // settings()
  return 8 *
         (options * row + entries + uncertain.size() + (options > 1 ? row : 0) + 4 + 6 * threads);
}

// Bytes per iteration of the EVPPI of a run of two or more options (100 iterations or
// more): the npv of every option and every parameter's draws copied, the usable
// iterations and each option's gain over the baseline (O + P + 1 + O - 1 doubles), and the
// regressions of the largest parameter group (g >= 3 parameters, an additive spline of
// 4 g cells a row): its draws (g), each option's fit kept (12 bytes a cell, 12 a row),
// the fit being made (its ranks, 2 g doubles, and cells of 16 bytes) and the fitted and
// drawn values of each option (2 doubles).
double evppi_per_iteration(const scenarios::Scenario& s) {
  if (s.options.size() < 2) return 0;
  const auto paths = uncertain_paths(s);
  double g = 0;
  for (const auto& group : parameter_groups(paths))
    g = std::max(g, static_cast<double>(group.parameters.size()));
  const double compared = static_cast<double>(s.options.size()) - 1;
  const double cells = 4 * g;
  return 8 * (compared + 1 + static_cast<double>(paths.size()) + 1 + compared) + 8 * g +
         compared * (12 * cells + 12) + 16 * g + 16 * cells + 16 * compared;
}

// Fact: memory grows by the formula's bytes per iteration (one option and four, whose
// EVPPI grows with the iterations too), and the file by a row of every option's figures
// and parameter columns.
TEST(RunEstimate, GrowsAsTheFormulaSays) {
  for (const char* name : {"synthetic.toml", "delegation-options.toml"}) {
    SCOPED_TRACE(name);
    const auto& s = fixtures::shipped_scenario(name);
    const RunEstimate small = estimate_run(s, settings(1000));
    const RunEstimate large = estimate_run(s, settings(2000));
    EXPECT_EQ(small.iterations, 1000);
    // (The largest EVPPI group of delegation-options, 14 parameters, has 6 spline
    // functions each from 1,000 to 2,000 iterations: its fixed part does not change.)
    EXPECT_NEAR(static_cast<double>(large.memory_bytes - small.memory_bytes),
                1.1 * 1000 * (memory_per_iteration(s) + evppi_per_iteration(s)),
                2.0);  // x 1.1 for the allocator
    EXPECT_GT(large.output_bytes, small.output_bytes);
    EXPECT_LT(large.output_min_bytes, large.output_typical_bytes);
    EXPECT_LT(large.output_typical_bytes, large.output_bytes);
  }
}

// Fact: --until-se is estimated at its cap, with room for arrays that grow; the central
// case at one iteration; --per-practice adds its figures to the file.
TEST(RunEstimate, SettingsThatChangeTheSize) {
  const auto& s = fixtures::shipped_scenario("synthetic.toml");
  RunSettings until = settings(1000);
  until.until_se = ConvergenceTarget{};
  until.max_iterations = 5000;
  EXPECT_EQ(estimate_run(s, until).iterations, 5000);
  EXPECT_GT(estimate_run(s, until).memory_bytes, estimate_run(s, settings(5000)).memory_bytes);
  RunSettings central = settings(1000);
  central.central = true;
  EXPECT_EQ(estimate_run(s, central).iterations, 1);
  RunSettings practices = settings(1000);
  practices.per_practice = true;
  const double figures =
      1000.0 * s.practices.practices.size() * s.options.front().central.horizon_years * 3 * 8;
  EXPECT_NEAR(static_cast<double>(estimate_run(s, practices).output_bytes -
                                  estimate_run(s, settings(1000)).output_bytes),
              figures + s.practices.practices.size() * 5 * 3 * 8, 2.0);
}

// Fact: the documented maximum, --iterations 4294967295, is refused with the figure
// (terabytes), not attempted until std::bad_alloc.
TEST(RunEstimate, TheLargestRunIsRefusedWithItsFigure) {
  const RunEstimate estimate =
      estimate_run(fixtures::shipped_scenario("synthetic.toml"), settings(4294967295));
  MachineLimits limits;
  limits.available_memory = std::uint64_t{64} << 30;
  try {
    check_fits(estimate, limits, "out.h5");
    ADD_FAILURE() << "accepted";
  } catch (const ResourceError& e) {
    const std::string text = e.what();
    EXPECT_NE(text.find("TB of memory for 4294967295 iterations"), std::string::npos) << text;
    EXPECT_NE(text.find("68.7 GB available"), std::string::npos) << text;
  }
}

// Fact: the disk: refused when even ten-to-one compression would not fit, a warning when
// the usual compression would not, silence when it fits; a file-size limit below the free
// space is named as the limit.
TEST(RunEstimate, DiskSpaceAndFileSizeLimit) {
  RunEstimate estimate;
  estimate.iterations = 1000;
  estimate.output_bytes = 100'000'000;
  estimate.output_typical_bytes = 50'000'000;
  estimate.output_min_bytes = 10'000'000;
  MachineLimits limits;
  limits.free_disk = 9'000'000;
  EXPECT_THROW(check_fits(estimate, limits, "results/out.h5"), ResourceError);
  limits.free_disk = 20'000'000;
  const auto warnings = check_fits(estimate, limits, "results/out.h5");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("20 MB is free in results"), std::string::npos) << warnings[0];
  limits.free_disk = 60'000'000;
  EXPECT_TRUE(check_fits(estimate, limits, "results/out.h5").empty());
  limits.file_size_limit = 5'000'000;
  try {
    check_fits(estimate, limits, "out.h5");
    ADD_FAILURE() << "accepted";
  } catch (const ResourceError& e) {
    EXPECT_NE(std::string(e.what()).find("file-size limit (ulimit -f) is 5 MB"), std::string::npos)
        << e.what();
  }
}

// Fact: a run's file has a fixed part whatever its iterations: about a kilobyte of HDF5
// metadata a dataset, and the scenario's text and warnings stored whole. Counted by hand
// for the synthetic scenario at one iteration (one option, F figures a year or a run, E
// parameter entries): (4 F + 2) + E + 16 datasets of 1,100 bytes at most, 700 at least for
// the 3 F + E that every run writes (the message probe of 2026-12-07: 10 iterations of two
// options were estimated at 254 KB, "up to 280 KB", for a file of 756,048 bytes).
TEST(RunEstimate, TheFileHasAFixedPartOfMetadataAndText) {
  const auto& s = fixtures::shipped_scenario("synthetic.toml");
  ASSERT_EQ(s.options.size(), 1u);
  const double figures = model::kMetricCount + model::kScalarMetricCount;
  const double entries = s.options.front().parameters.size();
  double text = s.text.size();
  for (const auto& w : s.warnings) {
    text += w.key.size() + w.message.size() + 32;
    for (const auto& item : w.items) text += item.size() + 16;
  }
  const RunEstimate one = estimate_run(s, settings(1));
  const RunEstimate two = estimate_run(s, settings(2));
  // The part that does not grow with the iterations: the estimate at one iteration less the
  // growth of one iteration.
  const auto fixed = [](std::uint64_t at_one, std::uint64_t at_two) {
    return 2.0 * static_cast<double>(at_one) - static_cast<double>(at_two);
  };
  const double years = s.options.front().central.horizon_years;
  const double row = model::kMetricCount * years + model::kScalarMetricCount;
  std::set<std::string> uncertain;
  for (const auto& entry : s.options.front().parameters)
    if (!entry.distribution.is_fixed()) uncertain.insert(entry.path);
  const double summaries = row * (10 + static_cast<double>(uncertain.size()) + 4) * 8 +
                           s.practices.practices.size() * 100;
  EXPECT_NEAR(fixed(one.output_bytes, two.output_bytes),
              summaries + ((4 * figures + 2) + entries + 16) * 1100 + text + 16 * 1024, 2.0);
  EXPECT_NEAR(fixed(one.output_min_bytes, two.output_min_bytes),
              summaries * 0.1 + (3 * figures + entries) * 700 + text, 2.0);
}

// Fact: real files of 1 to 1,000 iterations, of one option and of four, lie between the
// estimate's least and its "up to" (its uncompressed size), and within half again of its
// typical size either way (the fixed part measured: tests/cli/run_estimate.sh checks the
// larger runs). Runs synthetic.toml and delegation-options.toml to a temporary folder.
TEST(RunEstimate, RealFilesOfEverySizeLieWithinTheEstimate) {
  std::string pattern = (std::filesystem::temp_directory_path() / "pcsim-estimate-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::filesystem::path dir = pattern;
  for (const char* name : {"synthetic.toml", "delegation-options.toml"}) {
    for (const std::int64_t iterations : {1, 10, 100, 1000}) {
      SCOPED_TRACE(std::string(name) + " x " + std::to_string(iterations));
      RunCommand command;
      command.scenario = fixtures::shipped_scenario_path(name);
      command.output = dir / "out.h5";
      command.iterations = iterations;
      command.threads = 2;
      command.force = true;
      command.quiet = true;
      std::ostringstream out;
      run_command(command, out);
      const double size = static_cast<double>(std::filesystem::file_size(*command.output));
      RunSettings plan = settings(iterations);
      const RunEstimate estimate = estimate_run(load_runnable(command.scenario, false), plan);
      EXPECT_LE(static_cast<double>(estimate.output_min_bytes), size);
      EXPECT_GE(static_cast<double>(estimate.output_bytes), size);
      EXPECT_LT(static_cast<double>(estimate.output_typical_bytes), 1.5 * size);
      EXPECT_GT(static_cast<double>(estimate.output_typical_bytes), size / 1.5);
    }
  }
  std::filesystem::remove_all(dir);
}

// The planner analytics (docs/cli.md, "Estimates"), counted by hand from the scenario:
// C columns (M Y + S), Q outputs (M + S), O options.
double columns_of(const scenarios::Scenario& s) {
  return model::kMetricCount * static_cast<double>(s.options.front().central.horizon_years) +
         model::kScalarMetricCount;
}
constexpr double kOutputs = model::kOutputCount;

AnalyticsOptions drivers(std::int64_t iterations = 0) {
  AnalyticsOptions a;
  a.drivers = true;
  a.driver_iterations = iterations;
  return a;
}

AnalyticsOptions sobol(std::int64_t rows, int bootstrap) {
  AnalyticsOptions a;
  a.sobol_rows = rows;
  a.bootstrap = bootstrap;
  return a;
}

// The estimate's growth from `plain` to `with`, each bound.
struct Growth {
  double memory, up_to, typical, least;
};
Growth growth(const RunEstimate& plain, const RunEstimate& with) {
  const auto d = [](std::uint64_t a, std::uint64_t b) {
    return static_cast<double>(b) - static_cast<double>(a);
  };
  return {d(plain.memory_bytes, with.memory_bytes), d(plain.output_bytes, with.output_bytes),
          d(plain.output_typical_bytes, with.output_typical_bytes),
          d(plain.output_min_bytes, with.output_min_bytes)};
}

// Fact: --drivers adds, for each of the 2 O - 1 decompositions (each option's change, each
// option's difference from the baseline), (2k + 3) C doubles to the file, stored
// uncompressed (in every bound alike), in 2 Q datasets and 2 groups (and each option's
// drivers group) of 450 to 700 bytes of metadata beside their names; in memory, the
// central runs of every option and subset and their differences from the baseline's,
// (O + 1) 2^k C doubles, with the splits' means (2 O (2k + 3) C) and the tables (the
// values again), x 1.1. --driver-iterations doubles the tables (their standard errors).
// The message probe of the audit: delegation-options at 120 iterations, estimated at
// "about 3.8 MB (up to 6.3 MB)" with or without --drivers, wrote 5.78 MB with it.
TEST(RunEstimate, DriversAddTheirTablesAndRuns) {
  const auto& s = fixtures::shipped_scenario("delegation-options.toml");
  const RunSettings plan = settings(99);  // no EVPPI (below 100 iterations)
  const double o = static_cast<double>(s.options.size());
  const double c = columns_of(s);
  const double k = static_cast<double>(active_drivers(s, false).size());
  ASSERT_EQ(k, 10);  // 2^10 runs of each option: the runs outweigh HDF5's caches
  const double decompositions = 2 * o - 1;
  const double values = decompositions * (2 * k + 3) * c * 8;
  const double datasets = decompositions * (2 * kOutputs + 2) + o;
  const Growth g = growth(estimate_run(s, plan), estimate_run(s, plan, drivers()));
  EXPECT_NEAR(g.up_to - g.least, (700 - 450) * datasets, 2.0);
  EXPECT_NEAR(g.typical - g.least, (550 - 450) * datasets, 2.0);
  EXPECT_GT(g.least, values + 450 * datasets);
  EXPECT_LT(g.least, values + 2000 * datasets);  // names: well under 2 KB a dataset
  const double runs = (o + 1) * std::ldexp(1.0, 10) * c * 8;
  const double means = 2 * o * (2 * k + 3) * c * 8;
  EXPECT_NEAR(g.memory, 1.1 * (runs + means + values), 2.0);
  // Stochastic: twice the tables; and the central runs on each thread, the chunk of splits
  // (min(32, N) iterations), their sums and standard errors instead.
  const double k_stochastic = static_cast<double>(active_drivers(s, true).size());
  const Growth stochastic = growth(estimate_run(s, plan), estimate_run(s, plan, drivers(20)));
  const double stochastic_datasets = 2 * decompositions * (2 * kOutputs + 2) + o;
  EXPECT_NEAR(stochastic.up_to - stochastic.least, (700 - 450) * stochastic_datasets, 2.0);
  EXPECT_GT(stochastic.least,
            2 * decompositions * (2 * k_stochastic + 3) * c * 8 + 450 * stochastic_datasets);
}

// Fact: --sobol N adds, for each option with Po uncertain parameters, C (6 Po + 1)
// doubles of indices and variances to the file, whatever N, in 2 Q datasets and 3 groups;
// in memory, one option's N (Po + 2) runs of every column, its design (2 N Po) and each
// thread's terms (6 N + 4 N Po) grow with N, and each thread's bootstrap (2 B Po + 3 B)
// with B. The audit: --sobol 4096 on synthetic.toml peaked at 101 MB for an estimate of
// 25.6 MB.
TEST(RunEstimate, SobolAddsItsIndicesAndItsRuns) {
  const auto& s = fixtures::shipped_scenario("synthetic.toml");
  ASSERT_EQ(s.options.size(), 1u);
  const double c = columns_of(s);
  const double p = static_cast<double>(uncertain_entries(s.options.front()).size());
  const double threads = 2;  // settings()
  const RunSettings plan = settings(200);
  const RunEstimate plain = estimate_run(s, plan);
  const Growth g = growth(plain, estimate_run(s, plan, sobol(1000, 100)));
  const double datasets = 2 * kOutputs + 3;
  EXPECT_NEAR(g.up_to - g.least, (700 - 450) * datasets, 2.0);
  EXPECT_GT(g.least, c * (6 * p + 1) * 8 + 450 * datasets);
  EXPECT_LT(g.least, c * (6 * p + 1) * 8 + 2000 * datasets);
  // The file does not grow with N or B.
  EXPECT_EQ(estimate_run(s, plan, sobol(1000, 100)).output_bytes,
            estimate_run(s, plan, sobol(4096, 1000)).output_bytes);
  const auto memory = [&](std::int64_t rows, int bootstrap) {
    return static_cast<double>(estimate_run(s, plan, sobol(rows, bootstrap)).memory_bytes);
  };
  EXPECT_NEAR(memory(2000, 100) - memory(1000, 100),
              1.1 * 1000 * 8 * (c * (p + 2) + 2 * p + threads * (6 + 4 * p)), 2.0);
  EXPECT_NEAR(memory(1000, 2000) - memory(1000, 1000), 1.1 * 1000 * 8 * threads * (2 * p + 3), 2.0);
  // The audit's run: its N (P + 2) runs of every column alone outweigh the estimate it had.
  EXPECT_GT(memory(4096, 1000) - static_cast<double>(plain.memory_bytes), 4096 * (p + 2) * c * 8);
}

// Fact: the EVPPI, written whenever two or more options run 100 iterations or more, adds
// G (2 + 2 (O - 1)) doubles for its G parameter groups, in 8 datasets and a group: a jump
// in the estimate from 99 to 100 iterations beyond one iteration's growth. Not for one
// option, nor for the central case.
TEST(RunEstimate, TheEvppiOfARunThatComparesOptions) {
  const auto& s = fixtures::shipped_scenario("delegation-options.toml");
  const double o = static_cast<double>(s.options.size());
  const double groups = static_cast<double>(parameter_groups(uncertain_paths(s)).size());
  const auto jump = [&](const scenarios::Scenario& scenario, auto bound) {
    const double at98 = static_cast<double>(bound(estimate_run(scenario, settings(98))));
    const double at99 = static_cast<double>(bound(estimate_run(scenario, settings(99))));
    const double at100 = static_cast<double>(bound(estimate_run(scenario, settings(100))));
    return (at100 - at99) - (at99 - at98);
  };
  const auto up_to = [](const RunEstimate& e) { return e.output_bytes; };
  const auto least = [](const RunEstimate& e) { return e.output_min_bytes; };
  const double values = groups * (2 + 2 * (o - 1)) * 8;
  EXPECT_GT(jump(s, least), values + 8 * 450 - 2);
  EXPECT_NEAR(jump(s, up_to) - jump(s, least), 8 * (700 - 450), 4.0);
  const auto& one = fixtures::shipped_scenario("synthetic.toml");
  EXPECT_NEAR(jump(one, up_to), 0, 4.0);
}

// Fact: real files with the analytics lie between the estimate's least and its "up to",
// and within half again of its typical size; the estimate that validate and run make is
// the one of these options (tests/cli/run_estimate.sh measures the memory).
TEST(RunEstimate, RealFilesWithTheAnalyticsLieWithinTheEstimate) {
  std::string pattern = (std::filesystem::temp_directory_path() / "pcsim-estimate-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::filesystem::path dir = pattern;
  struct Case {
    const char* scenario;
    std::int64_t iterations;
    AnalyticsOptions analytics;
  };
  AnalyticsOptions both = drivers();
  both.sobol_rows = 16;
  both.bootstrap = 20;
  AnalyticsOptions stochastic = drivers(3);
  stochastic.sobol_rows = 8;
  stochastic.bootstrap = 10;
  for (const Case& c :
       {Case{"delegation-options.toml", 120, both}, Case{"delegation-options.toml", 20, drivers()},
        Case{"synthetic.toml", 20, stochastic}}) {
    SCOPED_TRACE(std::string(c.scenario) + " x " + std::to_string(c.iterations));
    RunCommand command;
    command.scenario = fixtures::shipped_scenario_path(c.scenario);
    command.output = dir / "out.h5";
    command.iterations = c.iterations;
    command.threads = 2;
    command.force = true;
    command.quiet = true;
    command.analytics = c.analytics;
    std::ostringstream out;
    run_command(command, out);
    const double size = static_cast<double>(std::filesystem::file_size(*command.output));
    const RunEstimate estimate =
        estimate_run(load_runnable(command.scenario, false), settings(c.iterations), c.analytics);
    EXPECT_LE(static_cast<double>(estimate.output_min_bytes), size);
    EXPECT_GE(static_cast<double>(estimate.output_bytes), size);
    EXPECT_LT(static_cast<double>(estimate.output_typical_bytes), 1.5 * size);
    EXPECT_GT(static_cast<double>(estimate.output_typical_bytes), size / 1.5);
  }
  std::filesystem::remove_all(dir);
}

// Fact: sizes read as a person would write them.
TEST(RunEstimate, FormatBytes) {
  EXPECT_EQ(format_bytes(512), "512 bytes");
  EXPECT_EQ(format_bytes(1'500), "1.5 KB");
  EXPECT_EQ(format_bytes(340'000'000), "340 MB");
  EXPECT_EQ(format_bytes(1'230'000'000), "1.2 GB");
  EXPECT_EQ(format_bytes(8'200'000'000'000), "8.2 TB");
  // Rounded up to the next unit, not "1e+03 KB".
  EXPECT_EQ(format_bytes(999'600), "1 MB");
  EXPECT_EQ(format_bytes(999'499), "999 KB");
  EXPECT_EQ(format_bytes(999), "999 bytes");
}

}  // namespace
}  // namespace pcsim::runner

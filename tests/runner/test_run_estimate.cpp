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

// Fact: memory grows by the formula's bytes per iteration (one option and four), and the
// file by a row of every option's figures and parameter columns.
TEST(RunEstimate, GrowsAsTheFormulaSays) {
  for (const char* name : {"synthetic.toml", "delegation-options.toml"}) {
    SCOPED_TRACE(name);
    const auto& s = fixtures::shipped_scenario(name);
    const RunEstimate small = estimate_run(s, settings(1000));
    const RunEstimate large = estimate_run(s, settings(3000));
    EXPECT_EQ(small.iterations, 1000);
    EXPECT_NEAR(static_cast<double>(large.memory_bytes - small.memory_bytes),
                1.1 * 2000 * memory_per_iteration(s), 2.0);  // x 1.1 for the allocator
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

// The estimate of a run's memory and file (runner/run_estimate.hpp) and the refusals built
// on it. How close it comes to a real run's peak memory and file size is measured in
// tests/cli/run_estimate.sh; here its growth per iteration is checked against the
// documented formula counted by hand from the scenario, and the refusals against limits.
#include "runner/run_estimate.hpp"

#include <gtest/gtest.h>

#include <set>

#include "model/metrics.hpp"
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

// Fact: sizes read as a person would write them.
TEST(RunEstimate, FormatBytes) {
  EXPECT_EQ(format_bytes(512), "512 bytes");
  EXPECT_EQ(format_bytes(1'500), "1.5 KB");
  EXPECT_EQ(format_bytes(340'000'000), "340 MB");
  EXPECT_EQ(format_bytes(1'230'000'000), "1.2 GB");
  EXPECT_EQ(format_bytes(8'200'000'000'000), "8.2 TB");
}

}  // namespace
}  // namespace pcsim::runner

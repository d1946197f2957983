// Tests of the year end's decisions eight practices to a register (engine/year_end_avx512.hpp)
// against the plain loops (queue_changes, engine/change_queues.hpp, and HazardScreen::bound
// practice by practice, as year_end_changes runs them with s.wide_year_end off): on random
// practices whose figures sit on and beside every edge the decisions have (open or closed;
// GP totals at the threshold, at 0.5 and 1.5 where the hazards' headcount class changes, NaN;
// lists at 0, at the screen's range ends 1 and 2^24, on the quarter-octave edges of its
// cells, NaN and infinite), counts not a multiple of 8, the hazards on and off, the queues
// must be the same, each drawing practice's bound the same bit for bit, and the screen's
// table filled in the same cells. Then which uniforms pass the screen, and whole runs both
// ways. Skipped (and said) without AVX-512.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "engine/change_queues.hpp"
#include "engine/engine_workspace.hpp"
#include "engine/hazard_screen.hpp"
#include "engine/simulate.hpp"
#include "engine/year_end_avx512.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"
#include "tests/engine/wide_kernel_runs.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Lcg;
using engine_tests::same_bits;

using engine_tests::kNaN;
constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A list on or beside an edge of the screen, or an ordinary one.
double edge_list(Lcg& rng) {
  // A quarter-octave edge: exponent e, top two mantissa bits q, nothing below.
  const auto cell_edge = [&] {
    const std::uint64_t exponent = 1023 + rng.below(24);
    return std::bit_cast<double>((exponent << 52) | (std::uint64_t{rng.below(4)} << 50));
  };
  switch (rng.below(14)) {
    case 0:
      return 0.0;
    case 1:
      return -rng.between(0, 100);
    case 2:
      return rng.between(0, 1);
    case 3:
      return 1.0;
    case 4:
      return std::nextafter(1.0, 0.0);
    case 5:
      return HazardScreen::kListLimit;
    case 6:
      return std::nextafter(HazardScreen::kListLimit, 0.0);
    case 7:
      return kNaN;
    case 8:
      return rng.below(2) == 0 ? kInfinity : 1e12;
    case 9:
      return cell_edge();
    case 10:
      return std::nextafter(cell_edge(), 0.0);
    default:
      return std::exp(rng.between(std::log(300.0), std::log(60000.0)));
  }
}

// A GP total on or beside an edge: the headcount classes' 0.5 and 1.5, the threshold, or an
// ordinary one.
double gps_near_threshold(Lcg& rng, double threshold) {
  switch (rng.below(10)) {
    case 0:
      return 0.5;
    case 1:
      return std::nextafter(0.5, 0.0);
    case 2:
      return 1.5;
    case 3:
      return std::nextafter(1.5, 0.0);
    case 4:
      return threshold;
    case 5:
      return kNaN;
    case 6:
      return 0.0;
    default:
      return std::floor(rng.between(0, 25));
  }
}

model::HazardCoefficients random_hazard(Lcg& rng, bool nan_coefficient) {
  model::HazardCoefficients c;
  c.intercept = rng.between(-6, 0);
  c.per_log_list = rng.between(-1, 1);
  c.single_handed = rng.between(-1, 2);
  c.no_gp = rng.between(-1, 3);
  c.apms = nan_coefficient ? kNaN : rng.between(-1, 1);
  return c;
}

// Fact: on 400 random sets of practices the vector form queues the same practices for the
// rule and the draws as queue_changes, gives each drawing practice the bound
// HazardScreen::bound gives it, and fills the same cells of the screen.
TEST(YearEndAvx512, QueuesAndBoundsMatchThePlainLoops) {
  if (!year_end_avx512_supported())
    GTEST_SKIP() << "this processor (or build) has no AVX-512 F: the plain loops run";
  Lcg rng{4212};
  const std::vector<double> thresholds = {0.0, 1.0, 2.5, -1.0, kNaN, 4.0};
  int ruled = 0, drawn = 0, screened = 0, unscreened = 0, nan_bounds = 0;
  for (int round = 0; round < 400; ++round) {
    const std::size_t n = round % 5 == 0 ? 1 + rng.below(9) : 1 + rng.below(150);
    const double threshold = thresholds[static_cast<std::size_t>(round) % thresholds.size()];
    std::vector<std::uint8_t> open(n), apms(n);
    std::vector<double> gp_total(n), list(n);
    for (std::size_t p = 0; p < n; ++p) {
      open[p] = rng.below(8) == 0 ? 0 : 1;
      apms[p] = rng.below(3) == 0 ? 1 : 0;
      gp_total[p] = gps_near_threshold(rng, threshold);
      list[p] = edge_list(rng);
    }
    model::PracticeChangeParameters changes;
    changes.closures = round % 4 != 1;
    changes.mergers = round % 4 != 2;
    changes.closure = random_hazard(rng, round % 20 == 8);
    changes.merger = random_hazard(rng, false);
    const model::HazardYearShift shift{rng.between(-1, 1), rng.between(-1, 1)};
    const bool hazards = round % 4 != 3;
    const ChangeQueueInput input{open.data(), gp_total.data(), list.data(), apms.data(),
                                 n,           threshold,       hazards};

    HazardScreen plain_screen, wide_screen;
    plain_screen.start_year(changes, shift);
    wide_screen.start_year(changes, shift);
    std::vector<std::uint32_t> plain_queue(n), plain_rule(n), wide_queue(n), wide_rule(n);
    std::vector<double> wide_bound(n, -7.0);
    const ChangeQueues plain = queue_changes(input, plain_queue.data(), plain_rule.data());
#if defined(PCSIM_YEAR_END_AVX512)
    const ChangeQueues wide =
        queue_changes_avx512(input, hazards ? &wide_screen : nullptr, wide_queue.data(),
                             wide_rule.data(), wide_bound.data());
#else
    const ChangeQueues wide{};
#endif
    ASSERT_EQ(wide.by_rule, plain.by_rule) << round;
    ASSERT_EQ(wide.drawing, plain.drawing) << round;
    for (std::size_t k = 0; k < plain.by_rule; ++k) ASSERT_EQ(wide_rule[k], plain_rule[k]) << round;
    for (std::size_t i = 0; i < plain.drawing; ++i) {
      ASSERT_EQ(wide_queue[i], plain_queue[i]) << round << " position " << i;
      const std::size_t p = plain_queue[i];
      const double bound = plain_screen.bound({list[p], gp_total[p], apms[p] != 0});
      ASSERT_TRUE(same_bits(wide_bound[i], bound))
          << round << " practice " << p << " list " << list[p] << " GPs " << gp_total[p] << ": "
          << wide_bound[i] << " against " << bound;
      if (list[p] >= HazardScreen::kLowestList && list[p] < HazardScreen::kListLimit)
        ++screened;
      else
        ++unscreened;
      nan_bounds += std::isnan(bound) ? 1 : 0;
    }
    // The same cells filled (the others still NaN in both).
    const std::size_t cells = HazardScreen::cell_index(
        std::bit_cast<std::uint64_t>(HazardScreen::kListLimit) >> HazardScreen::kKeyShift, 0,
        false);
    for (std::size_t c = 0; c < cells; ++c)
      ASSERT_TRUE(same_bits(wide_screen.bounds()[c], plain_screen.bounds()[c]))
          << round << " cell " << c;
    ruled += static_cast<int>(plain.by_rule);
    drawn += static_cast<int>(plain.drawing);
  }
  // The cases were there.
  EXPECT_GT(ruled, 500);
  EXPECT_GT(drawn, 5000);
  EXPECT_GT(screened, 3000);
  EXPECT_GT(unscreened, 1000);
  EXPECT_GT(nan_bounds, 5);
}

// Fact: the uniforms let through are exactly those the plain screen lets through (not at or
// above the bound: below it, or unordered), in order, for every count to 100, with ties,
// NaN uniforms and NaN bounds.
TEST(YearEndAvx512, BelowBoundMatchesThePlainCompare) {
  if (!year_end_avx512_supported()) GTEST_SKIP() << "no AVX-512 F here";
  Lcg rng{77};
  for (std::size_t count = 0; count <= 100; ++count) {
    std::vector<double> u(count), bound(count);
    for (std::size_t i = 0; i < count; ++i) {
      u[i] = rng.uniform();
      switch (rng.below(6)) {
        case 0:
          bound[i] = u[i];
          break;
        case 1:
          bound[i] = std::nextafter(u[i], 1.0);
          break;
        case 2:
          bound[i] = kNaN;
          break;
        case 3:
          u[i] = kNaN;
          bound[i] = rng.uniform();
          break;
        default:
          bound[i] = rng.uniform();
      }
    }
    std::vector<std::uint32_t> expected, below(count + 8, 0xFFFFFFFFu);
    for (std::size_t i = 0; i < count; ++i)
      if (!(u[i] >= bound[i])) expected.push_back(static_cast<std::uint32_t>(i));
#if defined(PCSIM_YEAR_END_AVX512)
    const std::size_t found = below_bound_avx512(u.data(), bound.data(), count, below.data());
#else
    const std::size_t found = 0;
#endif
    ASSERT_EQ(found, expected.size()) << count;
    for (std::size_t k = 0; k < found; ++k) ASSERT_EQ(below[k], expected[k]) << count;
    for (std::size_t k = found; k < below.size(); ++k)
      ASSERT_EQ(below[k], 0xFFFFFFFFu) << "written past the end, count " << count;
  }
}

// Fact: whole runs with many closures and mergers give every figure the same with the
// vector year end as with the plain loops, and the workspace turns it on where it can.
TEST(YearEndAvx512, WholeRunsAgree) {
  if (!year_end_avx512_supported()) GTEST_SKIP() << "no AVX-512 F here";
  Lcg rng{2026};
  int changed = 0;
  for (int round = 0; round < 20; ++round) {
    ModelParameters m;
    m.horizon_years = 6;
    m.practice_changes.closures = round % 3 != 1;
    m.practice_changes.mergers = round % 3 != 2;
    m.practice_changes.closure = random_hazard(rng, false);
    m.practice_changes.merger = random_hazard(rng, false);
    m.practice_changes.closure.year_sd = 0.3;
    m.workforce.closure_threshold = round % 2 == 0 ? 0.0 : 1.0;
    const PracticeSet set = engine_tests::patterned_practices(70);
    engine_tests::Results wide(m.horizon_years), plain(m.horizon_years);
    engine_tests::run_both_ways(m, set, &EngineState::wide_year_end, 9,
                                static_cast<std::uint32_t>(round), wide, plain);
    ASSERT_TRUE(same_bits(wide.by_year, plain.by_year)) << round;
    ASSERT_TRUE(same_bits(wide.scalars, plain.scalars)) << round;
    for (int t = 1; t <= m.horizon_years; ++t)
      changed += wide.at(Metric::Closures, t) + wide.at(Metric::Mergers, t) > 0 ? 1 : 0;
  }
  EXPECT_GT(changed, 40);  // runs in which practices did close and merge
  const PracticeSet few = engine_tests::patterned_practices(10);  // the workspace keeps a pointer
  Workspace workspace(few);
  random::PhiloxEventsFor events(1, 0);
  workspace.use_wide_kernels(false);
  EXPECT_FALSE(workspace.start(ModelParameters{}, events).wide_year_end);
}

}  // namespace
}  // namespace pcsim::engine

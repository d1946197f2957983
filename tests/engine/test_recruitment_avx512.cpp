// Tests of the recruitment pass eight practices to a register (engine/recruitment_avx512.hpp)
// against the scalar pass (recruitment_pass with s.wide_recruitment off, which calls the
// model's establishment_for_ratio, recruitment_vacancies and binomial_from_draws practice
// by practice): on random practices (lists, establishment ratios and GP totals drawn so
// that vacancies are whole, fractional, zero and negative; closed practices; counts not a
// multiple of 8) and fill rates (0, 1, below and above a half), the queue of vacancies must
// be the same bit for bit (a fused multiply-add would show here), and so must every
// practice's GPs and the year's recruits. Skipped (and said) without AVX-512.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "engine/engine_workspace.hpp"
#include "engine/list_and_workforce_passes.hpp"
#include "engine/recruitment_avx512.hpp"
#include "random/philox_events.hpp"
#include "tests/engine/engine_test_support.hpp"

namespace pcsim::engine {
namespace {

using engine_tests::Lcg;
using engine_tests::same_bits;

void randomise(Lcg& rng, EngineState& s) {
  for (std::size_t p = 0; p < s.practice_count; ++p) {
    s.open[p] = rng.next() % 10 == 0 ? 0 : 1;
    s.list[p] = rng.next() % 50 == 0 ? 0.0 : rng.between(300, 30000);
    s.gps_per_patient[p] = rng.between(0, 1.0 / 1200);
    const double establishment = s.gps_per_patient[p] * s.list[p];
    // GP totals around the establishment, whole numbers as the stochastic steps leave them
    // (packed when small enough).
    const auto total =
        static_cast<int>(std::max(0.0, std::floor(establishment + rng.between(-3, 2))));
    s.gps.unpack(p);
    BandArray bands{};
    bands[rng.next() % kAgeBands] = total;
    s.gps.band_arrays()[p] = bands;
    s.gps.set_total(p, total);
    s.gps.pack(p);
  }
}

// Fact: on 200 random years the wide pass queues the same practices with the same
// vacancies, and leaves the same GPs and recruits, as the scalar pass.
TEST(RecruitmentAvx512, MatchesTheScalarPassOnRandomYears) {
  if (!recruitment_avx512_supported())
    GTEST_SKIP() << "this processor (or build) has no AVX-512 F: the scalar pass runs";
  Lcg rng{1207};
  const std::vector<double> fill_rates = {0.0, 1.0, 0.3, 0.8, 0.5};
  int queued_total = 0, fractional = 0, recruited = 0, many_posts = 0;
  for (int round = 0; round < 200; ++round) {
    ModelParameters m;
    m.workforce.fill_rate = fill_rates[static_cast<std::size_t>(round) % fill_rates.size()];
    m.workforce.extra_gp_posts_per_30000 = round % 3 == 0 ? 0.0 : rng.between(0, 4);
    const int n = round % 4 == 0 ? 1 + static_cast<int>(rng.next() % 100) : 100;
    const PracticeSet set = engine_tests::patterned_practices(n);
    Workspace workspace(set);
    random::PhiloxEventsFor events(11, static_cast<std::uint32_t>(round));
    EngineState& wide = workspace.start(m, events);
    randomise(rng, wide);
    EngineState scalar = wide;
    scalar.wide_recruitment = false;
    const std::vector<Headcount> before_totals(wide.gps.totals(),
                                               wide.gps.totals() + wide.practice_count);
    ASSERT_TRUE(wide.wide_recruitment);
    recruitment_pass(m, scalar, 1, events);
    recruitment_pass(m, wide, 1, events);

    // The queue (recruitment_pass leaves it at the front of s.recruiting): the open
    // practices with vacancies, by the model's functions.
    std::size_t queued = 0;
    for (std::size_t p = 0; p < scalar.practice_count; ++p)
      if (scalar.open[p] != 0 &&
          recruitment_vacancies(
              establishment_for_ratio(m.workforce, scalar.gps_per_patient[p], scalar.list[p]),
              scalar.recruiting.practice.empty() ? 0.0 : before_totals[p]) > 0)
        ++queued;
    ASSERT_GT(queued, 0u) << round;
    for (std::size_t i = 0; i < queued; ++i) {
      const EngineState::Recruiting a = scalar.recruiting.at(i), b = wide.recruiting.at(i);
      ASSERT_EQ(a.practice, b.practice) << round << " entry " << i;
      ASSERT_TRUE(same_bits(a.vacancies, b.vacancies)) << round << " entry " << i;
      ASSERT_TRUE(same_bits(a.whole, b.whole)) << round << " entry " << i;
      ASSERT_TRUE(same_bits(a.whole, before_totals[a.practice])) << round << " entry " << i;
      ASSERT_GT(a.vacancies, 0.0) << round << " entry " << i;
      if (a.vacancies != std::floor(a.vacancies)) ++fractional;
      if (a.vacancies > 4) ++many_posts;
    }
    ASSERT_EQ(scalar.recruits, wide.recruits) << round;
    for (std::size_t p = 0; p < scalar.practice_count; ++p) {
      ASSERT_EQ(scalar.gps.headcounts(p), wide.gps.headcounts(p)) << round << " practice " << p;
      ASSERT_TRUE(same_bits(scalar.gps.total(p), wide.gps.total(p))) << round << " " << p;
    }
    queued_total += static_cast<int>(queued);
    recruited += scalar.recruits > 0;
  }
  EXPECT_GT(queued_total, 5000);
  EXPECT_GT(fractional, 5000);
  EXPECT_GT(many_posts, 100);  // posts over the cdf tables' 4: binomial_from_draws itself
  EXPECT_GT(recruited, 100);
}

}  // namespace
}  // namespace pcsim::engine

// Property tests of the demand economics (issue 11, "demand economics that are complete"),
// on random scenarios run by the reference with common random numbers: whatever the
// scenario,
//   - raising the skill-mix diversion with no extra capacity never lowers the cost while
//     raising the total gap (every unmet appointment has the same consequence);
//   - more capacity never raises the gap;
//   - doubling every practice's list doubles demand.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "tests/engine/oracle_support.hpp"

namespace pcsim::oracle {
namespace {

double at(const Figures& f, model::Metric m, int years, int t) {
  return f
      .by_year[model::index(m) * static_cast<std::size_t>(years) + static_cast<std::size_t>(t - 1)];
}

// Random scenarios for the properties: every module on or off as random_parameters has
// them, practice changes off (they would make the practice set itself depend on the
// lever under test only through the lists, which the properties do not concern).
struct Case {
  model::ModelParameters m;
  model::PracticeSet set;
  std::uint64_t seed;
};

Case random_case(std::mt19937_64& rng) {
  Case c;
  c.m = random_parameters(rng);
  c.m.practice_changes.mergers = c.m.practice_changes.closures = false;
  c.set = random_practices(rng, c.m.roles.size());
  c.seed = rng();
  return c;
}

// Fact: diversion moves GP demand to other clinicians (or self-care). With the same draws,
// if the total gap rises in a year, the urgent-care cost and the net cost of that year
// do not fall (investment does not depend on diversion; savings fall with the gap).
TEST(DemandProperties, MoreDiversionNeverCheaperWhileTheGapGrows) {
  std::mt19937_64 rng(101);
  int checked = 0;
  for (int k = 0; k < 150; ++k) {
    Case c = random_case(rng);
    c.m.population.diversion_ramp_years = 0;
    std::uniform_real_distribution<double> u(0, 0.7);
    const double low = u(rng), high = low + u(rng) * 0.3;
    c.m.population.diversion_max = low;
    const Figures a = run_reference(c.m, c.set, c.seed, 0);
    c.m.population.diversion_max = high;
    const Figures b = run_reference(c.m, c.set, c.seed, 0);
    const int h = c.m.horizon_years;
    for (int t = 1; t <= h; ++t) {
      const double gap_a = at(a, model::Metric::AppointmentsGap, h, t);
      const double gap_b = at(b, model::Metric::AppointmentsGap, h, t);
      if (!(gap_b > gap_a)) continue;
      ++checked;
      EXPECT_GE(at(b, model::Metric::UrgentCareCost, h, t),
                at(a, model::Metric::UrgentCareCost, h, t))
          << "case " << k << " year " << t;
      EXPECT_GE(at(b, model::Metric::NetCost, h, t), at(a, model::Metric::NetCost, h, t))
          << "case " << k << " year " << t;
    }
  }
  EXPECT_GT(checked, 50) << "too few years where diversion raised the gap to test anything";
}

// Fact: the gap is a sum of max(0, demand - capacity): raising GP and every role's
// appointments per FTE (and extended access) never raises it in any year.
TEST(DemandProperties, MoreCapacityNeverRaisesTheGap) {
  std::mt19937_64 rng(202);
  for (int k = 0; k < 150; ++k) {
    Case c = random_case(rng);
    const Figures a = run_reference(c.m, c.set, c.seed, 0);
    c.m.capacity.appointments_per_gp_fte *= 1.2;
    c.m.capacity.extended_access_per_1000 += 50;
    for (auto& role : c.m.roles) role.appointments_per_fte *= 1.1;
    c.m.additional_roles.appointments_per_fte *= 1.1;
    const Figures b = run_reference(c.m, c.set, c.seed, 0);
    const int h = c.m.horizon_years;
    for (int t = 1; t <= h; ++t)
      EXPECT_LE(at(b, model::Metric::AppointmentsGap, h, t),
                at(a, model::Metric::AppointmentsGap, h, t) * (1 + 1e-12) + 1e-9)
          << "case " << k << " year " << t;
  }
}

// Fact: demand is L x consultations x growth, so doubling every practice's registered and
// weighted list (the same draws: list growth factors do not depend on the list) doubles
// demand in every year, exactly. What depends on list size other than in proportion is set
// aside: the trust rule's minimum weighted list (it would change which practices are
// levelled, hence with funded retention their GPs) and the lever adding GP posts per 30,000
// patients (twice the patients, twice the posts): either changes GPs, so closures, so which
// practice's list noise applies to which patients.
TEST(DemandProperties, DoublingEveryListDoublesDemand) {
  std::mt19937_64 rng(303);
  for (int k = 0; k < 100; ++k) {
    Case c = random_case(rng);
    c.m.funding.trust_min_weighted_list = 0;
    c.m.workforce.extra_gp_posts_per_30000 = 0;
    const Figures a = run_reference(c.m, c.set, c.seed, 0);
    for (auto& p : c.set.practices) {
      p.registered_patients *= 2;
      p.weighted_patients *= 2;
      p.core_funding *= 2;
    }
    const Figures b = run_reference(c.m, c.set, c.seed, 0);
    const int h = c.m.horizon_years;
    for (int t = 1; t <= h; ++t) {
      EXPECT_DOUBLE_EQ(at(b, model::Metric::AppointmentsDemand, h, t),
                       2 * at(a, model::Metric::AppointmentsDemand, h, t))
          << "case " << k << " year " << t;
      EXPECT_DOUBLE_EQ(at(b, model::Metric::ListSize, h, t),
                       2 * at(a, model::Metric::ListSize, h, t));
    }
  }
}

}  // namespace
}  // namespace pcsim::oracle

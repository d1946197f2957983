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

// Fact: diversion moves GP demand to other clinicians (or self-care), and only unmet GP
// demand reaches A&E (MODEL.md). With the same draws, more diversion never raises unmet GP
// demand, so never raises the urgent-care cost nor lowers the urgent-care savings (the cost
// without levers does not depend on diversion); the demand the other roles cannot absorb
// shows in appointments_gap_other instead. Tolerances: sums of a few thousand terms.
TEST(DemandProperties, MoreDiversionNeverRaisesUrgentCareCost) {
  std::mt19937_64 rng(101);
  int moved = 0;
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
      const auto tol = [&](model::Metric m) {
        return 1e-9 * (std::abs(at(a, m, h, t)) + std::abs(at(b, m, h, t))) + 1e-6;
      };
      using model::Metric;
      EXPECT_LE(at(b, Metric::AppointmentsGapGp, h, t),
                at(a, Metric::AppointmentsGapGp, h, t) + tol(Metric::AppointmentsGapGp))
          << "case " << k << " year " << t;
      EXPECT_LE(at(b, Metric::UrgentCareCost, h, t),
                at(a, Metric::UrgentCareCost, h, t) + tol(Metric::UrgentCareCost))
          << "case " << k << " year " << t;
      EXPECT_GE(at(b, Metric::UrgentCareSavings, h, t),
                at(a, Metric::UrgentCareSavings, h, t) - tol(Metric::UrgentCareSavings))
          << "case " << k << " year " << t;
      EXPECT_NEAR(at(b, Metric::BaselineUrgentCareCost, h, t),
                  at(a, Metric::BaselineUrgentCareCost, h, t), tol(Metric::BaselineUrgentCareCost))
          << "case " << k << " year " << t;
      moved += at(b, Metric::UrgentCareCost, h, t) < at(a, Metric::UrgentCareCost, h, t);
    }
  }
  EXPECT_GT(moved, 50) << "too few years where diversion lowered the urgent-care cost";
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

// Tests of the levelling targets (model/levelling_targets.hpp, docs/model.md, Levelling
// up): which practices are trusted, the scope groups, and the target of each group, against
// hand calculations.
#include "model/levelling_targets.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "core/errors.hpp"

namespace pcsim::model {
namespace {

PracticeBaseline practice(const std::string& code, const std::string& area, double weighted,
                          double per_weighted) {
  PracticeBaseline p;
  p.code = code;
  p.ccg_code = area;
  p.icb_code = "ICB" + area.substr(0, 1);
  p.registered_patients = weighted;
  p.weighted_patients = weighted;
  p.core_funding = weighted * per_weighted;
  return p;
}

// Area A: four practices at £80, £90, £100 per weighted patient with 4,000, 6,000, 10,000
// weighted patients, and a tiny one (500, £400). Area B: £70 (8,000) and £200 (2,000).
PracticeSet two_areas() {
  PracticeSet set;
  set.practices = {practice("A1", "A", 4000, 80),   practice("A2", "A", 6000, 90),
                   practice("A3", "A", 10000, 100), practice("A4", "A", 500, 400),
                   practice("B1", "B", 8000, 70),   practice("B2", "B", 2000, 200)};
  return set;
}

// Fact, by hand. Rule 1 (W < 1,000) leaves out A4. Area A's median of the rest is 90: none
// beyond 2 x 90 or 90 / 2. Area B's median of 70 and 200 is 135; 200 < 270 and 70 > 67.5:
// both trusted. Weighted mean of A = (320,000 + 540,000 + 1,000,000) / 20,000 = £93; of B =
// (560,000 + 400,000) / 10,000 = £96. (The unweighted means would be 90 with A4 left out,
// 167.5 with it; and 135 for B.)
TEST(LevellingTargets, WeightedMeanPerAreaOverTrustedPractices) {
  const PracticeSet set = two_areas();
  FundingParameters f;
  f.levelling_up = true;
  f.target = LevellingTarget::Mean;
  const LevellingBaseline b = levelling_baseline(f, set, baseline_funding_per_weighted(set));
  EXPECT_EQ(b.trust[3], Distrust::kSmallList);
  for (std::size_t p : {0u, 1u, 2u, 4u, 5u}) EXPECT_EQ(b.trust[p], Distrust::kTrusted) << p;
  EXPECT_NEAR(b.target[0], 93.0, 1e-12);
  EXPECT_NEAR(b.target[2], 93.0, 1e-12);
  EXPECT_TRUE(std::isnan(b.target[3]));
  EXPECT_NEAR(b.target[4], 96.0, 1e-12);
  EXPECT_FALSE(b.levelled(3));
}

// Fact: a ratio bound of 1.4 leaves out B2 (200 > 1.4 x 135) and B1 (70 < 135 / 1.4 =
// 96.4): area B has no trusted practice and so no target; area A keeps £93.
TEST(LevellingTargets, RatioOutliersAndAGroupWithNoTrustedPractice) {
  const PracticeSet set = two_areas();
  FundingParameters f;
  f.target = LevellingTarget::Mean;
  f.trust_max_ratio_to_median = 1.4;
  const LevellingBaseline b = levelling_baseline(f, set, baseline_funding_per_weighted(set));
  EXPECT_EQ(b.trust[4], Distrust::kRatioOutlier);
  EXPECT_EQ(b.trust[5], Distrust::kRatioOutlier);
  EXPECT_TRUE(std::isnan(b.target[4]));
  EXPECT_NEAR(b.target[0], 93.0, 1e-12);
}

// Fact: the file scope takes one target over every trusted practice: (1,860,000 +
// 960,000) / 30,000 = £94. The median of the trusted ratios 80, 90, 100, 70, 200 is 90
// (per practice, unweighted), and the ICB scope groups by ICB code (here one per area).
TEST(LevellingTargets, FileAndIcbScopesAndThePerPracticeMedian) {
  const PracticeSet set = two_areas();
  FundingParameters f;
  f.target = LevellingTarget::Mean;
  f.target_scope = TargetScope::File;
  f.trust_max_ratio_to_median = 3;  // 200 < 3 x 90
  const auto f0 = baseline_funding_per_weighted(set);
  EXPECT_NEAR(levelling_baseline(f, set, f0).target[5], 94.0, 1e-12);
  f.target = LevellingTarget::Median;
  EXPECT_NEAR(levelling_baseline(f, set, f0).target[0], 90.0, 1e-12);
  f.target_scope = TargetScope::Icb;
  EXPECT_EQ(target_scope_groups(TargetScope::Icb, set), (std::vector<int>{0, 0, 0, 0, 1, 1}));
}

// Fact: part-year practices are left out (rule 2); the payments file's weighted list is
// the denominator of f(p,0) when it is given (a practice that took on a closed practice's
// list has a larger W(p,0)).
TEST(LevellingTargets, PartYearPracticesAndThePaymentsWeightedList) {
  PracticeSet set = two_areas();
  set.practices[1].opened_in_year = true;
  set.practices[2].payments_weighted_patients = 8000;  // 1,000,000 / 8,000 = £125
  FundingParameters f;
  f.target = LevellingTarget::Mean;
  const auto f0 = baseline_funding_per_weighted(set);
  EXPECT_NEAR(f0[2], 125.0, 1e-12);
  const LevellingBaseline b = levelling_baseline(f, set, f0);
  EXPECT_EQ(b.trust[1], Distrust::kPartYear);
  // Area A: A1 (4,000 at 80) and A3 (8,000 at 125): (320,000 + 1,000,000) / 12,000 = 110.
  EXPECT_NEAR(b.target[0], 110.0, 1e-12);
}

// Fact, by hand: practices with £0 core funding (contracts paid outside the three columns)
// are left out before the median is taken. Area C: three practices at £0 (5,000 weighted
// each) and two at £70 (4,000) and £72 (6,000). With the £0 practices in the median it
// would be £0, leaving the funded two as outliers and a target of £0; without them the
// median is 71, both are within 2 x 71 and 71 / 2, and the weighted mean is (280,000 +
// 432,000) / 10,000 = £71.20.
TEST(LevellingTargets, PracticesWithNoCoreFundingNeverEnterTheMedian) {
  PracticeSet set;
  set.practices = {practice("C1", "C", 5000, 0), practice("C2", "C", 4000, 70),
                   practice("C3", "C", 5000, 0), practice("C4", "C", 6000, 72),
                   practice("C5", "C", 5000, 0)};
  set.practices[4].core_funding = -10;  // a recovery: negative core funding is none either
  FundingParameters f;
  f.target = LevellingTarget::Mean;
  const LevellingBaseline b = levelling_baseline(f, set, baseline_funding_per_weighted(set));
  for (std::size_t p : {0u, 2u, 4u}) {
    EXPECT_EQ(b.trust[p], Distrust::kNoCoreFunding) << p;
    EXPECT_FALSE(b.levelled(p)) << p;
  }
  EXPECT_EQ(b.trust[1], Distrust::kTrusted);
  EXPECT_EQ(b.trust[3], Distrust::kTrusted);
  EXPECT_NEAR(b.target[1], 71.2, 1e-12);
  f.target = LevellingTarget::Median;
  EXPECT_NEAR(levelling_baseline(f, set, baseline_funding_per_weighted(set)).target[3], 71.0,
              1e-12);
  // The earlier rules still come first: a small list with no core funding is a small list.
  set.practices[0].weighted_patients = 500;
  EXPECT_EQ(levelling_baseline(f, set, baseline_funding_per_weighted(set)).trust[0],
            Distrust::kSmallList);
}

// Fact: an ICB scope needs every practice's ICB code; a practice with no weighted list has
// no f(p,0).
TEST(LevellingTargets, MissingIcbCodeAndEmptyListAreErrors) {
  PracticeSet set = two_areas();
  set.practices[0].icb_code.clear();
  EXPECT_THROW(target_scope_groups(TargetScope::Icb, set), ModelError);
  set.practices[0].weighted_patients = 0;
  EXPECT_THROW(baseline_funding_per_weighted(set), ModelError);
}

}  // namespace
}  // namespace pcsim::model

// Where the central case's NPV falls among the iterations (output/central_case_position.hpp),
// on summaries built by hand.
#include "output/central_case_position.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pcsim::output {
namespace {

OptionSummary with_npv(double central, double p10, double p90) {
  SummaryTable t;
  t.name = "npv";
  t.per_year = false;
  t.statistics = {"mean", "p10", "p50", "p90"};
  t.values = {(p10 + p90) / 2, p10, (p10 + p90) / 2, p90};
  t.n_nan = {0};
  t.central = {central};
  OptionSummary o;
  o.name = "lever";
  o.scalars.push_back(t);
  return o;
}

// Above the P90: more favourable than 9 in 10 draws, both figures said.
TEST(CentralCasePosition, AboveTheP90IsSaidWithBothFigures) {
  const auto at = central_case_position(with_npv(1.2e6, -0.5e6, 0.95e6));
  ASSERT_TRUE(at.has_value());
  EXPECT_TRUE(at->above);
  EXPECT_EQ(at->central, 1.2e6);
  EXPECT_EQ(at->bound, 0.95e6);
  EXPECT_EQ(central_case_position_text(*at),
            "The central case's NPV, £1.20m, lies above the P90 of the simulated futures "
            "(£950.0k): its central values together (modes of skewed distributions, every event "
            "at its expectation) make a future more favourable than 9 in 10 of the draws; plan "
            "on the mean and the percentiles.");
}

TEST(CentralCasePosition, BelowTheP10IsLessFavourable) {
  const auto at = central_case_position(with_npv(-2e6, -1e6, 1e6));
  ASSERT_TRUE(at.has_value());
  EXPECT_FALSE(at->above);
  EXPECT_EQ(at->bound, -1e6);
  const std::string text = central_case_position_text(*at);
  EXPECT_NE(text.find("lies below the P10"), std::string::npos) << text;
  EXPECT_NE(text.find("less favourable"), std::string::npos) << text;
}

// Within P10-P90 (the bounds included), or without a central case: nothing to say.
TEST(CentralCasePosition, NothingWithinTheRangeOrWithoutACentralCase) {
  EXPECT_FALSE(central_case_position(with_npv(0.95e6, -0.5e6, 0.95e6)).has_value());
  EXPECT_FALSE(central_case_position(with_npv(-0.5e6, -0.5e6, 0.95e6)).has_value());
  OptionSummary none = with_npv(5e6, 0, 1);
  none.scalars[0].central.clear();
  EXPECT_FALSE(central_case_position(none).has_value());
  EXPECT_FALSE(central_case_position(OptionSummary{}).has_value());
}

}  // namespace
}  // namespace pcsim::output

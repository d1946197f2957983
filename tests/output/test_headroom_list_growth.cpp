// What budget_headroom leaves out as lists change (output/headroom_list_growth.hpp), on
// summaries built by hand: the figures are worked out here from the definitions in
// docs/model.md (Budget), not read back from the code.
#include "output/headroom_list_growth.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pcsim::output {
namespace {

// A per-year table of `name` whose mean in year t is means[t] and central case central[t].
SummaryTable table(std::string name, std::vector<double> means, std::vector<double> central) {
  SummaryTable t;
  t.name = std::move(name);
  t.statistics = {"mean", "p10", "p50", "p90"};
  for (const double m : means) t.values.insert(t.values.end(), {m, m, m, m});
  t.n_nan.assign(means.size(), 0);
  t.central = std::move(central);
  return t;
}

OptionSummary option_with(std::vector<double> weighted_central, std::vector<double> spend) {
  OptionSummary o;
  o.name = "lever";
  o.metrics.push_back(table("weighted_list", {1.0e5, 1.1e5}, std::move(weighted_central)));
  o.metrics.push_back(table("baseline_spend", spend, spend));
  o.metrics.push_back(table("budget_headroom", {1, 2}, {1, 2}));
  return o;
}

BaseYearFigures base_year_of(double weighted) {
  BaseYearFigures b;
  b.weighted_patients = weighted;
  return b;
}

const std::vector<std::string> kTwoYears = {"2017/18", "2018/19"};

// Lists grow 10% by the last year (100,000 -> 110,000 weighted patients): of the last
// year's baseline spend, £20m in that year's prices, the growth's share, 10%, is £2m.
TEST(HeadroomListGrowth, GrowthIsTheLastYearsSpendTimesTheListsChange) {
  const auto g = headroom_list_growth(option_with({1.04e5, 1.1e5}, {19e6, 20e6}),
                                      base_year_of(1.0e5), kTwoYears);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->year, "2018/19");
  EXPECT_TRUE(g->central);
  EXPECT_NEAR(g->weighted_growth, 0.10, 1e-15);
  EXPECT_NEAR(g->core_funding_outside, 2.0e6, 1e-6);
  const std::string text = headroom_list_growth_text(*g);
  EXPECT_NE(text.find("grows by 10.0% by 2018/19 (central case)"), std::string::npos) << text;
  EXPECT_NE(text.find("£2.00m in 2018/19"), std::string::npos) << text;
  EXPECT_NE(text.find("that much more than the money left"), std::string::npos) << text;
}

// Falling lists: the headroom counts core funding no longer paid, so it is understated.
TEST(HeadroomListGrowth, FallingListsMakeTheHeadroomLess) {
  const auto g = headroom_list_growth(option_with({0.99e5, 0.95e5}, {19e6, 20e6}),
                                      base_year_of(1.0e5), kTwoYears);
  ASSERT_TRUE(g.has_value());
  EXPECT_NEAR(g->weighted_growth, -0.05, 1e-15);
  EXPECT_NEAR(g->core_funding_outside, -1.0e6, 1e-6);
  const std::string text = headroom_list_growth_text(*g);
  EXPECT_NE(text.find("shrinks by 5.0%"), std::string::npos) << text;
  EXPECT_NE(text.find("that much less than"), std::string::npos) << text;
}

// Without a central case the Monte Carlo mean is used, and says so.
TEST(HeadroomListGrowth, WithoutACentralCaseTheMeanIsUsed) {
  OptionSummary o = option_with({}, {19e6, 20e6});
  o.metrics[1].central.clear();
  const auto g = headroom_list_growth(o, base_year_of(1.0e5), kTwoYears);
  ASSERT_TRUE(g.has_value());
  EXPECT_FALSE(g->central);
  EXPECT_NEAR(g->weighted_growth, 0.10, 1e-15);  // the mean, 110,000
  EXPECT_NE(headroom_list_growth_text(*g).find("(Monte Carlo mean)"), std::string::npos);
}

// Nothing to say: an unknown base year (a file of an older pcsim), no headroom metric, or a
// change under 0.05%.
TEST(HeadroomListGrowth, NothingWhenUnknownAbsentOrNegligible) {
  const OptionSummary o = option_with({1.0e5, 1.1e5}, {19e6, 20e6});
  EXPECT_FALSE(headroom_list_growth(o, BaseYearFigures{}, kTwoYears).has_value());
  OptionSummary no_headroom = o;
  no_headroom.metrics.pop_back();
  EXPECT_FALSE(headroom_list_growth(no_headroom, base_year_of(1.0e5), kTwoYears).has_value());
  EXPECT_FALSE(headroom_list_growth(option_with({1.0e5, 1.00004e5}, {19e6, 20e6}),
                                    base_year_of(1.0e5), kTwoYears)
                   .has_value());
  EXPECT_FALSE(headroom_list_growth(o, base_year_of(1.0e5), {}).has_value());
}

}  // namespace
}  // namespace pcsim::output

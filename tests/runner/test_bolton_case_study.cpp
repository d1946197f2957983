// The Bolton scenario's central case reproduces the published NHS Bolton CCG case study
// (2017) in year 1 — the acceptance check of the model issue. The figures are the case
// study's, not the code's: about £3.5m invested in levelling up and the quality contract,
// 60,000 extra appointments a year, £750,000 saved from a 28% cut in referrals, £2.2m
// saved on prescribing, and a 100% return on investment in year 1.
#include <gtest/gtest.h>

#include <sstream>

#include "model/metrics.hpp"
#include "runner/run_engine.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

class BoltonCaseStudy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RunSettings settings;
    settings.seed = scenario().seed;
    settings.central = true;
    settings.iterations = 1;
    settings.threads = 1;
    std::ostringstream sink;
    Progress progress(ProgressStyle::Silent, sink);
    results_ = new output::RunResults(run_scenario(scenario(), settings, progress));
  }
  static void TearDownTestSuite() { delete results_; }
  // Year-1 value of a metric in the baseline option (the only iteration of the central case).
  static double year1(model::Metric m) {
    const auto& option = results_->options.at(0);
    const std::size_t years = results_->year_labels.size();
    return option.by_year.at(model::index(m)).at(0 * years + 0);
  }
  static const scenarios::Scenario& scenario() { return fixtures::shipped_scenario("bolton.toml"); }
  static output::RunResults* results_;
};
output::RunResults* BoltonCaseStudy::results_ = nullptr;

// NHS Digital 2016/17 payments file, CCG 00T: 50 practices (data README, checked by hand).
TEST_F(BoltonCaseStudy, FiftyPracticesFromThePaymentsFile) {
  EXPECT_EQ(scenario().practices.practices.size(), 50u);
  EXPECT_EQ(results_->year_labels.front(), "2017/18");
}

// "About £3.5m invested" in levelling up and the quality contract: within 5%.
TEST_F(BoltonCaseStudy, InvestmentInLevellingUpAndQualityContractIsAbout3Point5Million) {
  const double invested =
      year1(model::Metric::LevellingUpCost) + year1(model::Metric::QualityContractCost);
  EXPECT_NEAR(invested, 3.5e6, 0.05 * 3.5e6);
}

// "60,000 extra appointments a year" from extended access: within 2%.
TEST_F(BoltonCaseStudy, SixtyThousandExtraAppointments) {
  EXPECT_NEAR(year1(model::Metric::AppointmentsExtendedAccess), 60000.0, 0.02 * 60000.0);
}

// "28% fewer referrals ... £750,000 saved": within 5%; and the cut in the policy's
// referrals is the 28% of the case study (avoided / referrals under the policy).
TEST_F(BoltonCaseStudy, ReferralSavingsAre750Thousand) {
  EXPECT_NEAR(year1(model::Metric::ReferralSavings), 750000.0, 0.05 * 750000.0);
  const auto& savings = scenario().options[0].central.savings;
  const double policy_referrals =
      (year1(model::Metric::Referrals) + year1(model::Metric::ReferralsAvoided)) *
      savings.limited_value_share;
  EXPECT_NEAR(year1(model::Metric::ReferralsAvoided) / policy_referrals, 0.28, 1e-9);
}

// "£2.2m saved on prescribing": within 5%.
TEST_F(BoltonCaseStudy, PrescribingSavingsAre2Point2Million) {
  EXPECT_NEAR(year1(model::Metric::PrescribingSavings), 2.2e6, 0.05 * 2.2e6);
}

// "100% return on investment in year 1": ROI 1.0 within 0.1.
TEST_F(BoltonCaseStudy, ReturnOnInvestmentIsOneInYearOne) {
  EXPECT_NEAR(year1(model::Metric::Roi), 1.0, 0.1);
}

}  // namespace
}  // namespace pcsim::runner

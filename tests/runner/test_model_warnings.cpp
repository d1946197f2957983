// The warnings the runner adds once the scenario is loaded (runner/model_warnings.hpp): here,
// options discounted at another rate than the baseline.
#include "runner/model_warnings.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "scenarios/scenario.hpp"

namespace pcsim::runner {
namespace {

scenarios::Scenario scenario_of(const std::string& options) {
  const std::filesystem::path file =
      std::filesystem::path(PCSIM_SOURCE_DIR) / "tests/scenarios/fixtures/inline.toml";
  return scenarios::parse_scenario(
      "format = 1\nbaseline = \"stay\"\n[practices]\npayments_csv = "
      "\"payments-bolton-sample.csv\"\n" +
          options,
      file);
}

// Fact: an option at 1.5% against a baseline at the default 3.5% (HM Treasury) is named with
// both rates; an option at the baseline's rate, written or inherited, is not.
TEST(ModelWarnings, AnOptionDiscountedAtAnotherRate) {
  const auto warnings = model_warnings(scenario_of(
      "[[options]]\nname = \"cheap money\"\n[options.economics]\ndiscount_rate = 0.015\n"
      "[[options]]\nname = \"same\"\n[options.economics]\ndiscount_rate = 0.035\n"
      "[[options]]\nname = \"inherits\"\n"));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "options.cheap money.economics.discount_rate");
  EXPECT_NE(warnings[0].message.find(
                "option 'cheap money' discounts at 1.50% a year, the baseline 'stay' at 3.50%"),
            std::string::npos)
      << warnings[0].message;
  EXPECT_TRUE(model_warnings(scenario_of("[[options]]\nname = \"x\"\n")).empty());
}

}  // namespace
}  // namespace pcsim::runner

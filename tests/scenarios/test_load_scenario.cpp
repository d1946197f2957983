// load_scenario reads the file, validates it and loads its practices with the baseline's
// roles.
#include <string>

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::fixture;

// The sample payments file holds the first four NHS Bolton CCG (00T) rows of the 2016/17
// file: practices P82001 to P82004, loaded in code order.
TEST(LoadScenario, LoadsThePracticesOfTheScenario) {
  const Scenario scenario = load_scenario(fixture("scenario-every-value.toml"));
  ASSERT_EQ(scenario.practices.practices.size(), 4u);
  EXPECT_EQ(scenario.practices.practices[0].code, "P82001");
  EXPECT_EQ(scenario.practices.practices[3].code, "P82004");
  EXPECT_EQ(scenario.load_report.practices_selected, 4);
  // One baseline FTE per role of the baseline, in the roles' order (nurse, pharmacist).
  for (const auto& practice : scenario.practices.practices) EXPECT_EQ(practice.role_fte.size(), 2u);
  // P82002 lists 7,978 registered patients in the file.
  EXPECT_DOUBLE_EQ(scenario.practices.practices[1].registered_patients, 7978);
  EXPECT_EQ(scenario.name, "Every value type");
}

// A file that cannot be read is an InputError naming it.
TEST(LoadScenario, MissingFileIsAnInputError) {
  const auto missing = fixture("no-such-scenario.toml");
  try {
    load_scenario(missing);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, missing.string());
    EXPECT_TRUE(contains(e.diagnostics()[0].found, "cannot be read")) << e.diagnostics()[0].found;
  }
}

}  // namespace
}  // namespace pcsim::scenarios

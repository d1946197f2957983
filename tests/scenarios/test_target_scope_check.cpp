// Levelling up by ICB needs every modelled practice's ICB: a load error at the line of
// target_scope (it was a ModelError mid-run, exit 5), for the baseline and for options
// (scenarios/target_scope_check.hpp). Bolton (00T, 50 practices) from the 2016/17 file.
#include <gtest/gtest.h>

#include <string>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::line_of;
using testing::write_temp;

const std::string kScopeData = std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/";

// Bolton with levelling up; `practices` and `rest` are added to [practices] and at the end.
std::string bolton_scope(const std::string& practices, const std::string& rest) {
  return "format = 1\nstart_year = 2017\n[practices]\npayments_csv = \"" + kScopeData +
         "nhs-payments/nhspaymentsgp-16-17.csv\"\nccg_codes = [\"00T\"]\n" + practices +
         "gp_age_profile = { under_30 = 0.04, 30_34 = 0.12, 35_39 = 0.14, 40_44 = 0.14, "
         "45_49 = 0.14, 50_54 = 0.14, 55_59 = 0.14, 60_64 = 0.09, 65_plus = 0.05 }\n"
         "[funding]\nlevelling_up = true\n" +
         rest;
}

std::vector<Diagnostic> load_problems(const std::string& file) {
  try {
    load_scenario(file);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << file << " was accepted";
  return {};
}

// No map at all: every practice lacks an ICB.
TEST(TargetScopeCheck, IcbScopeWithoutAMapIsALoadError) {
  const std::string text = bolton_scope("", "target_scope = \"icb\"\n");
  const std::string file = write_temp("scope-nomap.toml", text);
  const auto problems = load_problems(file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].file, file);
  EXPECT_EQ(problems[0].line, line_of(text, "target_scope"));
  EXPECT_EQ(problems[0].key, "funding.target_scope");
  EXPECT_TRUE(contains(problems[0].found, "50 of the 50 practices modelled have no ICB"))
      << problems[0].found;
  EXPECT_TRUE(contains(problems[0].found, "gives no area_icb_csv")) << problems[0].found;
}

// A map without Bolton: the area, its practices, the map and the line of area_icb_csv.
TEST(TargetScopeCheck, AreasTheMapLacksAreNamedWithTheMapsLine) {
  const std::string map = write_temp("scope-map.csv", "CCG Code,ICB Code\n00V,QOP\n00Y,QOP\n");
  const std::string text =
      bolton_scope("area_icb_csv = \"" + map + "\"\n", "target_scope = \"icb\"\n");
  const std::string file = write_temp("scope-map.toml", text);
  const auto problems = load_problems(file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, line_of(text, "target_scope"));
  EXPECT_TRUE(contains(problems[0].found,
                       "area 00T (50 practices) not in area_icb_csv " + map + " (line " +
                           std::to_string(line_of(text, "area_icb_csv")) + " of " + file + ")"))
      << problems[0].found;

  // The full map gives every practice its ICB: no error.
  const std::string full = bolton_scope(
      "area_icb_csv = \"" + kScopeData + "geography/ccg_icb.csv\"\n", "target_scope = \"icb\"\n");
  EXPECT_NO_THROW(load_scenario(write_temp("scope-full.toml", full)));
}

// An option may set either key: its own target_scope line, or the baseline's when the
// option only switches levelling up on. Without levelling up the scope is unused.
TEST(TargetScopeCheck, OptionsThatLevelUpByIcbAreCaught) {
  const std::string own = bolton_scope(
      "", "levelling_years = 1\n[[options]]\nname = \"by icb\"\nfunding.target_scope = \"icb\"\n");
  const std::string own_file = write_temp("scope-option.toml", own);
  auto problems = load_problems(own_file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, line_of(own, "funding.target_scope"));
  EXPECT_TRUE(contains(problems[0].found, "in option 'by icb'")) << problems[0].found;

  std::string inherited = bolton_scope(
      "",
      "target_scope = \"icb\"\n[[options]]\nname = \"level up\"\nfunding.levelling_up = true\n");
  inherited.replace(inherited.find("levelling_up = true\ntarget"), 19, "levelling_up = false");
  ASSERT_TRUE(contains(inherited, "levelling_up = false\ntarget_scope"));
  const std::string inherited_file = write_temp("scope-inherited.toml", inherited);
  problems = load_problems(inherited_file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, line_of(inherited, "target_scope = \"icb\""));
  EXPECT_TRUE(contains(problems[0].found, "in option 'level up'")) << problems[0].found;
  EXPECT_FALSE(contains(problems[0].found, "the baseline")) << problems[0].found;

  std::string off = bolton_scope("", "target_scope = \"icb\"\n");
  off.replace(off.find("levelling_up = true"), 19, "levelling_up = false");
  EXPECT_NO_THROW(load_scenario(write_temp("scope-off.toml", off)));
}

}  // namespace
}  // namespace pcsim::scenarios

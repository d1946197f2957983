// £ totals judged against the scenario's own practices (scenarios/spend_plausibility.hpp):
// the practices' baseline spend of a small payments file is added up by hand here, and a
// value typed in £k, in £m, in pence or with three zeros too many warns under its key at
// its line, naming the spend, the multiple and the band; 0 and a value inside the band do
// not; an option's own value and a distribution's points are judged as the fixed ranges
// judge them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "model/parameter_registry.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/plausibility_warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::line_of;
using testing::write_temp;

// tests/scenarios/fixtures/payments-bolton-sample.csv: Global Sum + MPIG Correction factor
// + Balance of PMS Expenditure of its four practices (each open, each with patients),
// added by hand:
//   P82001  837,576.88 +  3,438.00 +          0 =   841,014.88
//   P82002  658,065.94 + 25,946.28 +          0 =   684,012.22
//   P82003  192,319.70 +  1,581.90 + 940,237.69 = 1,134,139.29
//   P82004           0 +         0 + 717,650.69 =   717,650.69
//                                                 3,376,817.08
constexpr double kSampleSpend = 3376817.08;
constexpr int kSamplePractices = 4;

// The sample's cells added above, as the file writes them.
TEST(SpendPlausibility, TheHandSumUsesTheSampleFilesCells) {
  const std::string csv = testing::read_text(testing::fixture("payments-bolton-sample.csv"));
  for (const char* row : {",837576.88,3438,", ",658065.94,25946.28,", ",192319.7,1581.9,",
                          ",940237.69,", ",717650.69,", ",P82001,", ",P82004,"})
    EXPECT_TRUE(contains(csv, row)) << row;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), kSamplePractices + 1);  // header + rows
}

// A scenario of the sample's practices, setting `top` at the top level from line 2, then
// `after` following the [practices] table; written to a file and loaded as pcsim loads it.
struct Loaded {
  std::string text;
  Scenario scenario;
};
Loaded load_sample(const std::string& top, const std::string& after = "") {
  const std::string text =
      "format = 1\n" + top + "[practices]\npayments_csv = \"" +
      testing::fixture("payments-bolton-sample.csv").string() +
      "\"\ngp_age_profile = { under_30 = 0.04, 30_34 = 0.12, 35_39 = 0.14, 40_44 = 0.14, "
      "45_49 = 0.14, 50_54 = 0.14, 55_59 = 0.14, 60_64 = 0.09, 65_plus = 0.05 }\n" +
      after;
  // A file of the test's own: CTest runs tests side by side, each in its own process.
  const std::string name =
      fmt::format("spend-{}.toml", ::testing::UnitTest::GetInstance()->current_test_info()->name());
  return {text, load_scenario(write_temp(name, text))};
}

std::vector<RunWarning> spend_warnings_of(const Loaded& loaded) {
  std::vector<RunWarning> out;
  for (const RunWarning& w : plausibility_warnings(loaded.scenario))
    if (contains(w.message, "times the practices' baseline spend")) out.push_back(w);
  return out;
}

std::string all_messages(const std::vector<RunWarning>& warnings) {
  std::string text;
  for (const auto& w : warnings) text += w.key + ": " + w.message + "\n";
  return text;
}

// A TOML number that reads back as exactly `v`.
std::string toml_number(double v) { return fmt::format("{:.17g}", v); }

// Fact: the £ totals a year have a band against the spend, and nothing else has one; each
// band holds the multiples real figures have (about 1 for an allocation or a baseline, a
// few thousandths for a running cost).
TEST(SpendPlausibility, TheTotalsAYearHaveABandAndNothingElse) {
  std::vector<std::string> banded;
  for (const model::ParameterSpec& s : model::parameter_specs()) {
    EXPECT_EQ(s.has_spend_band(), s.unit == "£ per year") << s.path;
    if (!s.has_spend_band()) continue;
    banded.emplace_back(s.path);
    EXPECT_GT(s.spend_band.min, 0) << s.path;
    EXPECT_LT(s.spend_band.min, s.spend_band.max) << s.path;
  }
  EXPECT_EQ(banded, (std::vector<std::string>{"funding.running_cost", "funding.allocation",
                                              "funding.baseline_spend"}));
  const auto* allocation = model::find_parameter_spec("funding.allocation");
  // Bolton's allocation over its 2016/17 core spend: £30.2m / £26.3m.
  EXPECT_TRUE(allocation->spend_band.holds(30.2 / 26.3));
  const auto* running = model::find_parameter_spec("funding.running_cost");
  // Bedfordshire's £200,000 over its £37.3m.
  EXPECT_TRUE(running->spend_band.holds(0.2 / 37.3));
}

// The slips a finance lead makes with an allocation of £3.9m (1.15 times the spend): typed
// in £k (1/1,000), in £m (1/1,000,000), in pence (100 times), with three zeros too many
// (1,000 times); each warns once under funding.allocation at its line, naming the value,
// its multiple, the spend (as summed by hand above) over the four practices and the band.
TEST(SpendPlausibility, UnitSlipsInTheAllocationWarnAtTheirLine) {
  EXPECT_TRUE(spend_warnings_of(load_sample("funding.allocation = 3900000\n")).empty());
  struct Slip {
    const char* what;
    const char* value;
    const char* multiple;  // value / 3,376,817.08, to three significant figures
  };
  for (const Slip& slip :
       {Slip{"£k", "3900", "0.00115"}, Slip{"£m", "3.9", "1.15e-06"},
        Slip{"pence", "390000000", "115"}, Slip{"extra zeros", "3900000000", "1150"}}) {
    SCOPED_TRACE(slip.what);
    const std::string written = fmt::format("allocation = {}", slip.value);
    const Loaded loaded = load_sample("[funding]\n" + written + "\n");
    const auto warnings = spend_warnings_of(loaded);
    ASSERT_EQ(warnings.size(), 1u) << all_messages(warnings);
    EXPECT_EQ(warnings[0].key, "funding.allocation");
    EXPECT_EQ(warnings[0].line, line_of(loaded.text, written));
    EXPECT_EQ(warnings[0].line, 3);
    const std::string& m = warnings[0].message;
    EXPECT_TRUE(contains(m, fmt::format("line 3: {} ({} times) is outside the plausible band "
                                        "from 0.5 to 10 times",
                                        slip.value, slip.multiple)))
        << m;
    EXPECT_TRUE(contains(m, "baseline spend of £3,376,817 a year")) << m;
    EXPECT_TRUE(contains(m, fmt::format("of the scenario's {} practices", kSamplePractices))) << m;
    EXPECT_TRUE(contains(m, "The band: NHS Payments to General Practice")) << m;
  }
}

// Every band's edges against the hand-summed spend: a billionth inside raises nothing, a
// millionth outside one warning, for each £ total; 0 (the practices' own figure, or none)
// never warns.
TEST(SpendPlausibility, EachBandsEdgesAndZero) {
  for (const model::ParameterSpec& s : model::parameter_specs()) {
    if (!s.has_spend_band()) continue;
    const std::string key(s.path);
    const std::string leaf = key.substr(key.rfind('.') + 1);
    const auto warnings = [&](double v) {
      return spend_warnings_of(
          load_sample(fmt::format("[funding]\n{} = {}\n", leaf, toml_number(v))));
    };
    SCOPED_TRACE(key);
    EXPECT_TRUE(warnings(0).empty()) << all_messages(warnings(0));
    for (const auto& [inside, outside] :
         {std::pair{s.spend_band.min * (1 + 1e-9), s.spend_band.min * (1 - 1e-6)},
          std::pair{s.spend_band.max * (1 - 1e-9), s.spend_band.max * (1 + 1e-6)}}) {
      EXPECT_TRUE(warnings(inside * kSampleSpend).empty())
          << all_messages(warnings(inside * kSampleSpend));
      const auto past = warnings(outside * kSampleSpend);
      ASSERT_EQ(past.size(), 1u) << outside;
      EXPECT_EQ(past[0].key, key);
      EXPECT_EQ(past[0].line, 3);
    }
  }
}

// The running cost's slips (Bedfordshire's £200,000 a year is 5.9% of the sample's spend):
// in pence, 5.9 times the spend; typed in £k, 200 is 5.9e-05 times it, above the band's
// floor of 1e-05 (four practices are a small scenario), but 20 (£20,000 in £k) is below.
TEST(SpendPlausibility, RunningCostsInPenceOrInThousands) {
  const auto warnings = [](const std::string& value) {
    return spend_warnings_of(load_sample("[funding]\nrunning_cost = " + value + "\n"));
  };
  EXPECT_TRUE(warnings("200000").empty());
  const auto pence = warnings("20000000");
  ASSERT_EQ(pence.size(), 1u);
  EXPECT_TRUE(contains(pence[0].message,
                       "20000000 (5.92 times) is outside the plausible band "
                       "from 1e-05 to 0.2 times"))
      << pence[0].message;
  EXPECT_TRUE(warnings("200").empty());  // 5.9e-05 times: within the band's floor
  const auto thousands = warnings("20");
  ASSERT_EQ(thousands.size(), 1u);
  EXPECT_TRUE(contains(thousands[0].message, "20 (5.92e-06 times)")) << thousands[0].message;
}

// An option's own value warns under options.<option>.<path> at the option's line; the
// baseline's value the option inherits does not warn again.
TEST(SpendPlausibility, AnOptionsOverrideIsJudgedUnderItsOwnKey) {
  const Loaded loaded =
      load_sample(fmt::format("funding.allocation = {}\n", toml_number(kSampleSpend)),
                  "[[options]]\nname = \"delegate\"\nfunding.allocation = 3376.8\n"
                  "[[options]]\nname = \"inherit\"\nfunding.allocation_growth = 0.03\n");
  const auto warnings = spend_warnings_of(loaded);
  ASSERT_EQ(warnings.size(), 1u) << all_messages(warnings);
  EXPECT_EQ(warnings[0].key, "options.delegate.funding.allocation");
  EXPECT_EQ(warnings[0].line, line_of(loaded.text, "funding.allocation = 3376.8"));
  EXPECT_TRUE(contains(warnings[0].message, "3376.8 (0.001 times)")) << warnings[0].message;
}

// A distribution by the points the fixed ranges judge: a triangular's mode and max named
// with their multiples when both are outside (its min at 0 is left alone); a normal's 1st
// and 99th percentiles, not bounds written wide.
TEST(SpendPlausibility, DistributionsAreJudgedPointByPoint) {
  const auto tri = spend_warnings_of(load_sample(
      "[funding]\nbaseline_spend = { dist = \"triangular\", min = 0, mode = 40000000, max = "
      "50000000 }\n"));
  ASSERT_EQ(tri.size(), 1u) << all_messages(tri);
  EXPECT_EQ(tri[0].key, "funding.baseline_spend");
  EXPECT_TRUE(contains(tri[0].message,
                       "its mode 40000000 (11.8 times) and max 50000000 (14.8 times) are outside"))
      << tri[0].message;

  // About the spend with sd 5%: 98% of draws within 12% of it.
  EXPECT_TRUE(spend_warnings_of(load_sample("[funding]\nallocation = { dist = \"normal\", mean "
                                            "= 3400000, sd = 170000, lower = 0, upper = 1e9 }\n"))
                  .empty());
  // In £k, with a spread: every point about a thousandth.
  const auto normal = spend_warnings_of(load_sample(
      "[funding]\nallocation = { dist = \"normal\", mean = 3400, sd = 170, lower = 0, upper = "
      "1e9 }\n"));
  ASSERT_EQ(normal.size(), 1u) << all_messages(normal);
  EXPECT_TRUE(contains(normal[0].message, "its 1st percentile")) << normal[0].message;
  EXPECT_TRUE(contains(normal[0].message, "mean 3400 (0.00101 times)")) << normal[0].message;
}

// A value the fixed plausible range already flags (over £20bn) warns once, there; a
// scenario only parsed (no practices loaded) has nothing to compare with.
TEST(SpendPlausibility, OneWarningPerSlipAndNoneWithoutPractices) {
  const Loaded loaded = load_sample("[funding]\nallocation = 30000000000\n");
  const auto warnings = plausibility_warnings(loaded.scenario);
  ASSERT_EQ(warnings.size(), 1u) << all_messages(warnings);
  EXPECT_TRUE(contains(warnings[0].message, "outside the plausible range")) << warnings[0].message;

  const Loaded slip = load_sample("[funding]\nallocation = 3400\n");
  EXPECT_EQ(spend_warnings_of(slip).size(), 1u);
  EXPECT_TRUE(plausibility_warnings(parse_scenario(slip.text, testing::inline_file())).empty());
}

// Through load_scenario, what `pcsim validate` and `pcsim run` call: the warning is among
// the scenario's warnings.
TEST(SpendPlausibility, LoadScenarioCarriesTheWarning) {
  const Loaded loaded = load_sample("[funding]\nallocation = 3400\n");
  int found = 0;
  for (const RunWarning& w : loaded.scenario.warnings)
    if (w.key == "funding.allocation" && contains(w.message, "baseline spend")) ++found;
  EXPECT_EQ(found, 1);
}

}  // namespace
}  // namespace pcsim::scenarios

// The [practices] keys for the practice data (icb_codes, pcn_codes, gp_headcount_csv,
// area_icb_csv, pcn_payments_csv), their located errors, and the warnings about what a
// scenario leaves out (omission_warnings.hpp).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "scenario_test_support.hpp"
#include "scenarios/omission_warnings.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::diagnostics_of;
using testing::inline_file;
using testing::kHead;
using testing::line_of;
using testing::only_for_key;

const std::string kKeysData = "../../../scenarios/data/";

// Every new key read, paths resolved against the scenario's folder, the start year and the
// keys' lines kept for located messages.
TEST(PracticesKeys, NewKeysAreRead) {
  const std::string text =
      "format = 1\nstart_year = 2019\n[practices]\n"
      "payments_csv = \"payments-bolton-sample.csv\"\n"
      "ccg_codes = [\"00T\"]\nicb_codes = [\"QOP\"]\npcn_codes = [\"U1\", \"U2\"]\n"
      "gp_headcount_csv = \"" +
      kKeysData +
      "gp-workforce/practice_gp_headcount_by_year.csv\"\n"
      "area_icb_csv = \"" +
      kKeysData +
      "geography/ccg_icb.csv\"\n"
      "pcn_payments_csv = { \"2019/20\" = \"" +
      kKeysData + "nhs-payments/nhspaymentsgp-19-20.csv\" }\n";
  const Scenario s = parse_scenario(text, inline_file());
  const PracticeDataSpec& spec = s.practice_data;
  EXPECT_EQ(spec.start_year, 2019);
  EXPECT_EQ(spec.icb_codes, (std::vector<std::string>{"QOP"}));
  EXPECT_EQ(spec.pcn_codes, (std::vector<std::string>{"U1", "U2"}));
  EXPECT_EQ(spec.gp_headcount_csv.filename(), "practice_gp_headcount_by_year.csv");
  EXPECT_TRUE(spec.gp_headcount_csv.is_absolute() || spec.gp_headcount_csv.has_parent_path());
  EXPECT_EQ(spec.area_icb_csv.filename(), "ccg_icb.csv");
  ASSERT_EQ(spec.pcn_payments_csv.size(), 1u);
  EXPECT_EQ(spec.pcn_payments_csv[0].year, 2020);
  EXPECT_EQ(spec.file, inline_file().string());
  EXPECT_EQ(spec.line_of("icb_codes"), line_of(text, "icb_codes"));
  EXPECT_EQ(spec.line_of("pcn_codes"), line_of(text, "pcn_codes"));
  EXPECT_FALSE(spec.has_key("patients_per_gp"));
}

// icb_codes need the map; a year label must be "2019/20"; a table is needed; codes are an
// array of strings; files must exist. Each error at its key's line.
TEST(PracticesKeys, BadValuesAreLocated) {
  const std::string text = kHead +
                           "icb_codes = [\"QOP\"]\npcn_codes = \"U1\"\n"
                           "gp_headcount_csv = \"no-such-series.csv\"\n"
                           "pcn_payments_csv = { \"2019-20\" = \"payments-bolton-sample.csv\", "
                           "\"2020/21\" = \"missing.csv\" }\n";
  const auto d = diagnostics_of(text);
  EXPECT_EQ(only_for_key(d, "practices.icb_codes").line, line_of(text, "icb_codes"));
  EXPECT_NE(only_for_key(d, "practices.icb_codes").expected.find("area_icb_csv"),
            std::string::npos);
  EXPECT_EQ(only_for_key(d, "practices.pcn_codes").line, line_of(text, "pcn_codes"));
  EXPECT_EQ(only_for_key(d, "practices.gp_headcount_csv").line, line_of(text, "gp_headcount_csv"));
  const Diagnostic label = only_for_key(d, "practices.pcn_payments_csv.2019-20");
  EXPECT_EQ(label.line, line_of(text, "pcn_payments_csv"));
  EXPECT_NE(label.expected.find("2019/20"), std::string::npos);
  EXPECT_NE(only_for_key(d, "practices.pcn_payments_csv.2020/21").found.find("no such file"),
            std::string::npos);
  // A path that exists but is a folder is told so, not "no such file".
  const auto folder =
      only_for_key(diagnostics_of(kHead + "attributes_csv = \".\"\n"), "practices.attributes_csv");
  EXPECT_NE(folder.found.find("which is a directory, not a regular file"), std::string::npos)
      << folder.found;
  // A path the system will not look up is told why, not "no such file".
  const auto too_long =
      only_for_key(diagnostics_of(kHead + "attributes_csv = \"" + std::string(300, 'a') + "\"\n"),
                   "practices.attributes_csv");
  EXPECT_NE(too_long.found.find("which cannot be read (File name too long)"), std::string::npos)
      << too_long.found;
  const auto not_table = diagnostics_of(kHead + "pcn_payments_csv = \"x.csv\"\n");
  EXPECT_EQ(only_for_key(not_table, "practices.pcn_payments_csv").line, 4);
}

// The numeric defaults have ranges, stated in the message: patients_per_gp 1e-9 (the
// audit's case: round(list / 1e-9) overflowed the 32-bit headcount and reported 40 GPs)
// and 99 are refused, 100 and 100,000 kept; peer_groups 2^63 - 1 is refused with its upper
// limit; neighbourhood_size 0 and 1e9 are refused.
TEST(PracticesKeys, NumericDefaultsHaveStatedRanges) {
  const auto expected_for = [](const std::string& key_value, const std::string& key) {
    const std::string text = kHead + key_value + "\n";
    const Diagnostic d = only_for_key(diagnostics_of(text), "practices." + key);
    EXPECT_EQ(d.line, line_of(text, key_value)) << key_value;
    return d.expected;
  };
  EXPECT_EQ(expected_for("patients_per_gp = 1e-9", "patients_per_gp"),
            "a number from 100 to 100000");
  EXPECT_EQ(expected_for("patients_per_gp = 99", "patients_per_gp"), "a number from 100 to 100000");
  EXPECT_EQ(expected_for("patients_per_gp = 100001", "patients_per_gp"),
            "a number from 100 to 100000");
  EXPECT_EQ(expected_for("peer_groups = 9223372036854775807", "peer_groups"),
            "a whole number from 1 to 1000");
  EXPECT_EQ(expected_for("peer_groups = 2.5", "peer_groups"), "a whole number from 1 to 1000");
  EXPECT_EQ(expected_for("neighbourhood_size = 0", "neighbourhood_size"),
            "a number above 0, at most 100000000");
  EXPECT_EQ(expected_for("neighbourhood_size = 1e9", "neighbourhood_size"),
            "a number above 0, at most 100000000");
  const Scenario s = parse_scenario(
      kHead + "patients_per_gp = 100\npeer_groups = 1000\nneighbourhood_size = 1e8\n",
      inline_file());
  EXPECT_EQ(s.practice_data.patients_per_gp, 100);
  EXPECT_EQ(s.practice_data.peer_groups, 1000);
  EXPECT_EQ(parse_scenario(kHead + "patients_per_gp = 100000\n", inline_file())
                .practice_data.patients_per_gp,
            100000);
}

// An empty list of codes selects no practice, so it is refused (the audit: ccg_codes = []
// ran every practice in England, as if the key were left out); a bad item is named by its
// place and what it is, at its own line.
TEST(PracticesKeys, CodeListsMustHoldCodes) {
  for (const std::string key : {"ccg_codes", "icb_codes", "pcn_codes"}) {
    const std::string text =
        kHead + "area_icb_csv = \"payments-bolton-sample.csv\"\n" + key + " = []\n";
    const Diagnostic d = only_for_key(diagnostics_of(text), "practices." + key);
    EXPECT_EQ(d.line, line_of(text, key + " = []"));
    EXPECT_EQ(d.found, "an empty array, which would select no practice") << key;
  }
  const std::string text = kHead + "ccg_codes = [\"00T\",\n  5]\n";
  const Diagnostic d = only_for_key(diagnostics_of(text), "practices.ccg_codes");
  EXPECT_EQ(d.line, line_of(text, "  5]"));
  EXPECT_TRUE(testing::contains(d.found, "item 2 of the array: ")) << d.found;
  EXPECT_TRUE(testing::contains(d.found, "5")) << d.found;
  const Diagnostic blank =
      only_for_key(diagnostics_of(kHead + "pcn_codes = [\"U1\", \"\"]\n"), "practices.pcn_codes");
  EXPECT_EQ(blank.found, "item 2 of the array: an empty string");
}

// The minimal scenario leaves every lever off and has no role: each omission is a warning
// naming its key. A scenario that sets them (synthetic.toml) has none of these.
TEST(OmissionWarnings, MinimalScenarioIsToldWhatItLeavesOut) {
  const Scenario minimal = parse_scenario(kHead, inline_file());
  std::vector<std::string> keys;
  for (const auto& w : omission_warnings(minimal)) keys.push_back(w.key);
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "roles", "funding.levelling_up", "capacity.extended_access_per_1000",
                      "savings.eur", "savings.benchmarking", "savings.prescribing_kpi",
                      "population.diversion_max", "funding.quality_standards"}));
  const Scenario synthetic =
      load_scenario(std::filesystem::path(PCSIM_SOURCE_DIR) / "scenarios/synthetic.toml");
  EXPECT_TRUE(omission_warnings(synthetic).empty());
  // A lever set only in an option is not "missing": the baseline's off is a choice.
  const Scenario option_only =
      parse_scenario("commissioning_level = 3\n" + kHead +
                         "[[options]]\nname = \"lift\"\n[options.funding]\nlevelling_up = true\n",
                     inline_file());
  for (const auto& w : omission_warnings(option_only)) EXPECT_NE(w.key, "funding.levelling_up");
}

// The additional roles with a base year inside the scheme (2022/23: start_year 2023, the
// scheme from 2019/20) and no year-0 level start from nothing: a warning naming the key and
// both years. Not when the level is given, when the base year is before the scheme
// (2016/17: start_year 2017), or when the scheme is off (ceiling 0, the default).
TEST(OmissionWarnings, AdditionalRolesFromNothingInASchemeYear) {
  const auto arrs_warnings = [](const std::string& head, const std::string& arrs) {
    std::vector<RunWarning> found;
    for (const auto& w : omission_warnings(parse_scenario(head + kHead + arrs, inline_file())))
      if (w.key == "additional_roles.fte_per_10000_start") found.push_back(w);
    return found;
  };
  const std::string scheme = "[additional_roles]\nfte_per_10000_ceiling = 6\n";
  const auto in_scheme = arrs_warnings("start_year = 2023\n", scheme);
  ASSERT_EQ(in_scheme.size(), 1u);
  EXPECT_NE(in_scheme[0].message.find("began in 2019/20, by the base year 2022/23"),
            std::string::npos)
      << in_scheme[0].message;
  EXPECT_TRUE(
      arrs_warnings("start_year = 2023\n", scheme + "fte_per_10000_start = 4.33\n").empty());
  EXPECT_TRUE(arrs_warnings("start_year = 2017\n", scheme).empty());
  EXPECT_TRUE(arrs_warnings("start_year = 2023\n", "").empty());
  // The first base year inside the scheme is 2019/20 (start_year 2020); 2018/19 is not.
  EXPECT_EQ(arrs_warnings("start_year = 2020\n", scheme).size(), 1u);
  EXPECT_TRUE(arrs_warnings("start_year = 2019\n", scheme).empty());
}

// A lever switched on whose first year lies after the horizon never acts: a warning naming
// its key. By hand: horizon 5 (years 1-5); extended access from year 6, a role's posts from
// year 9, the additional roles from 2030/31 with start_year 2017 (year 5 is 2021/22). At
// the horizon itself (year 5; 2021/22), or with the lever off, no warning.
TEST(OmissionWarnings, LeversStartingAfterTheHorizon) {
  const auto keys_of = [](const std::string& text) {
    std::vector<std::string> keys;
    for (const auto& w : omission_warnings(parse_scenario(text, inline_file())))
      if (w.message.find("never acts") != std::string::npos) keys.push_back(w.key);
    return keys;
  };
  const std::string head = "horizon_years = 5\nstart_year = 2017\n" + kHead;
  const auto late = [&](int access, int posts, int arrs) {
    return head + fmt::format(
                      "[capacity]\nextended_access_per_1000 = 30\nextended_access_start_year = "
                      "{}\n[roles.nurse]\nnew_posts_per_30000 = 1\nstart_year = {}\n"
                      "[additional_roles]\nfte_per_10000_ceiling = 6\nfirst_calendar_year = {}\n",
                      access, posts, arrs);
  };
  EXPECT_EQ(
      keys_of(late(6, 9, 2022)),
      (std::vector<std::string>{"capacity.extended_access_start_year", "roles.nurse.start_year",
                                "additional_roles.first_calendar_year"}));
  EXPECT_TRUE(keys_of(late(5, 5, 2021)).empty());
  EXPECT_TRUE(keys_of(head + "[capacity]\nextended_access_start_year = 8\n").empty());
  const auto w = omission_warnings(parse_scenario(late(6, 1, 2017), inline_file()));
  const auto it = std::find_if(w.begin(), w.end(), [](const RunWarning& x) {
    return x.key == "capacity.extended_access_start_year";
  });
  ASSERT_NE(it, w.end());
  EXPECT_EQ(it->message,
            "extended access starts in year 6 in option 'baseline', after its last projected "
            "year (horizon_years = 5): it never acts in this run");
  // An option's own late lever is keyed under the option; one that keeps the baseline's
  // is not warned again.
  const auto in_options = omission_warnings(parse_scenario(
      late(5, 1, 2017) + "[[options]]\nname = \"late\"\n[options.capacity]\n"
                         "extended_access_start_year = 7\n[[options]]\nname = \"keeps\"\n",
      inline_file()));
  std::vector<std::string> keys;
  for (const auto& x : in_options)
    if (x.message.find("never acts") != std::string::npos) keys.push_back(x.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"options.late.capacity.extended_access_start_year"}));
  EXPECT_EQ(keys_of(late(6, 1, 2017) + "[[options]]\nname = \"keeps\"\n"),
            (std::vector<std::string>{"capacity.extended_access_start_year"}));
}

// A role column with no attributes file cannot be read: a warning, not an error.
TEST(OmissionWarnings, RoleColumnWithoutAttributesFile) {
  const Scenario s = parse_scenario(
      kHead + "[roles.nurse]\nattributes_column = \"TOTAL_NURSES_FTE\"\n", inline_file());
  const auto warnings = omission_warnings(s);
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings[0].key, "roles.nurse.attributes_column");
  EXPECT_NE(warnings[0].message.find("\"TOTAL_NURSES_FTE\" is not read"), std::string::npos);
}

// The sampling section's repair becomes a RunWarning with its line, what was found and what
// pcsim does instead, so that it is stored and counts under --strict like any other.
TEST(OmissionWarnings, RepairedCorrelationIsAWarning) {
  SamplingSpec sampling;
  Diagnostic d;
  d.file = "s.toml";
  d.line = 12;
  d.key = "sampling.correlations";
  d.found = "a matrix that is not positive semi-definite";
  d.suggestion = "repair_correlation = true: using the nearest correlation matrix";
  sampling.warnings.push_back(d);
  const auto warnings = sampling_warnings(sampling);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "sampling.correlations");
  EXPECT_EQ(warnings[0].message,
            "line 12: a matrix that is not positive semi-definite (repair_correlation = true: "
            "using the nearest correlation matrix)");
}

}  // namespace
}  // namespace pcsim::scenarios

// Problems in a scenario file are reported where they are written (file, line, column,
// key), saying what was found and what was expected, and all at once.
#include <string>

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::diagnostics_of;
using testing::fixture;
using testing::kHead;
using testing::line_of;
using testing::only_for_key;
using testing::read_text;

// A misspelt key: its file, line, column, dotted path and the nearest valid key.
TEST(ScenarioErrors, MisspeltKeyNamesPlaceAndSuggestion) {
  const auto file = fixture("scenario-misspelt.toml");
  const auto text = read_text(file);
  const auto ds = diagnostics_of(text, file);
  ASSERT_EQ(ds.size(), 1u);
  const auto& d = ds[0];
  EXPECT_EQ(d.file, file.string());
  EXPECT_EQ(d.line, line_of(text, "list_grwth"));
  EXPECT_EQ(d.column, 1);  // the key starts the line
  EXPECT_EQ(d.key, "population.list_grwth");
  EXPECT_TRUE(contains(d.found, "unknown key 'list_grwth'")) << d.found;
  EXPECT_TRUE(contains(d.expected, "list_growth")) << d.expected;  // the keys of [population]
  EXPECT_EQ(d.suggestion, "did you mean 'list_growth'?");
  // The one-line form carries all of it.
  EXPECT_TRUE(contains(d.format(), "scenario-misspelt.toml:7:1: key 'population.list_grwth'"))
      << d.format();
  EXPECT_TRUE(contains(d.format(), "(did you mean 'list_growth'?)")) << d.format();
}

// A valid key written in the wrong section is pointed to the section where it belongs.
TEST(ScenarioErrors, KeyInWrongSectionNamesItsSection) {
  const auto ds = diagnostics_of(kHead + "[workforce]\nlist_growth = 0.01\n");
  const auto d = only_for_key(ds, "workforce.list_growth");
  EXPECT_EQ(d.suggestion, "list_growth belongs in [population]");
  const auto top = only_for_key(diagnostics_of(kHead + "[funding]\nhorizon_years = 5\n"),
                                "funding.horizon_years");
  EXPECT_EQ(top.suggestion, "horizon_years belongs at the top level");
  const auto role = only_for_key(diagnostics_of(kHead + "[capacity]\ncost_per_fte = 5\n"),
                                 "capacity.cost_per_fte");
  EXPECT_EQ(role.suggestion, "cost_per_fte belongs in [roles.<name>]");
}

// A PERT with min above max is rejected by the Distribution factory; the reader names
// the key and the line and passes on the factory's account of the values.
TEST(ScenarioErrors, PertWithMinAboveMaxNamesKeyAndLine) {
  const std::string text = kHead +
                           "[population]\n"
                           "consultations_per_patient = { dist = \"pert\", min = 6.0, mode = 5.2, "
                           "max = 4.5 }\n";
  const auto d = only_for_key(diagnostics_of(text), "population.consultations_per_patient");
  EXPECT_EQ(d.line, line_of(text, "consultations_per_patient"));
  EXPECT_TRUE(contains(d.found, "pert")) << d.found;
  EXPECT_TRUE(contains(d.found, "min (6)")) << d.found;
  EXPECT_TRUE(contains(d.found, "max (4.5)")) << d.found;
  EXPECT_TRUE(contains(d.expected, "min <= mode <= max")) << d.expected;
}

// Every problem of a file is reported, not just the first, in file order.
TEST(ScenarioErrors, ReportsEveryProblemOfTheFile) {
  const auto file = fixture("scenario-many-errors.toml");
  const auto text = read_text(file);
  const auto ds = diagnostics_of(text, file);
  ASSERT_EQ(ds.size(), 5u);
  EXPECT_EQ(ds[0].key, "iterations");
  EXPECT_EQ(ds[0].line, line_of(text, "iterations = 0"));
  EXPECT_EQ(ds[1].key, "practices.payments_csv");
  EXPECT_EQ(ds[1].line, line_of(text, "no-such-file.csv"));
  EXPECT_TRUE(contains(ds[1].found, "no such file")) << ds[1].found;
  EXPECT_EQ(ds[2].key, "population.gp_share");
  EXPECT_EQ(ds[2].line, line_of(text, "most of them"));
  EXPECT_EQ(ds[3].key, "population.consultations_per_patient");
  EXPECT_EQ(ds[3].line, line_of(text, "consultations_per_patient"));
  EXPECT_EQ(ds[4].key, "workforce.fill_rate.dist");
  EXPECT_EQ(ds[4].line, line_of(text, "gamma"));
  for (const auto& d : ds) EXPECT_EQ(d.file, file.string());
}

// An unknown distribution kind lists the kinds, and suggests the nearest for a typo.
TEST(ScenarioErrors, UnknownDistributionKind) {
  const std::string text = kHead + "[workforce]\nfill_rate = { dist = \"gamma\", shape = 2 }\n";
  const auto d = only_for_key(diagnostics_of(text), "workforce.fill_rate.dist");
  EXPECT_TRUE(contains(d.found, "unknown distribution \"gamma\"")) << d.found;
  EXPECT_TRUE(contains(d.expected,
                       "fixed, uniform, triangular, pert, normal, lognormal, beta, "
                       "discrete"))
      << d.expected;
  const auto typo = only_for_key(
      diagnostics_of(kHead + "[workforce]\nfill_rate = { dist = \"pret\", min = 0.5, mode = "
                             "0.7, max = 0.9 }\n"),
      "workforce.fill_rate.dist");
  EXPECT_EQ(typo.suggestion, "did you mean 'pert'?");
}

// A string where a number is due: the found value with its TOML type, and the valid range.
TEST(ScenarioErrors, WrongTypeShowsValueTypeAndRange) {
  const std::string text = kHead + "[population]\ngp_share = \"most of them\"\n";
  const auto d = only_for_key(diagnostics_of(text), "population.gp_share");
  EXPECT_EQ(d.found, "\"most of them\" (string)");
  EXPECT_TRUE(contains(d.expected, "a number from 0 to 1 (share)")) << d.expected;
  EXPECT_EQ(d.line, line_of(text, "gp_share"));
  EXPECT_EQ(d.column, 12);  // the value starts after `gp_share = `
  // And the other way round: a number where a boolean or a whole number is due.
  const auto b =
      only_for_key(diagnostics_of(kHead + "[funding]\nlevelling_up = 1\n"), "funding.levelling_up");
  EXPECT_EQ(b.found, "1 (integer)");
  EXPECT_EQ(b.expected, "true or false");
  const auto i = only_for_key(diagnostics_of("horizon_years = 7.5\n" + kHead), "horizon_years");
  EXPECT_EQ(i.found, "7.5 (float)");
  EXPECT_TRUE(contains(i.expected, "a whole number from 1 to 50")) << i.expected;
}

// Values and distributions reaching outside the registry's valid range are rejected; an
// untruncated normal for a share is told to add bounds inside [0, 1].
TEST(ScenarioErrors, SupportOutsideValidRange) {
  const auto fixed =
      only_for_key(diagnostics_of(kHead + "[population]\ngp_share = 1.5\n"), "population.gp_share");
  EXPECT_EQ(fixed.found, "1.5 (float)");
  EXPECT_TRUE(contains(fixed.expected, "from 0 to 1")) << fixed.expected;

  const auto normal = only_for_key(
      diagnostics_of(kHead +
                     "[population]\ngp_share = { dist = \"normal\", mean = 0.5, sd = 0.1 }\n"),
      "population.gp_share");
  EXPECT_TRUE(contains(normal.found, "from -infinity to infinity")) << normal.found;
  EXPECT_TRUE(contains(normal.expected, "lower and upper bounds inside [0, 1]")) << normal.expected;

  const auto uniform = only_for_key(
      diagnostics_of(kHead +
                     "[population]\ngp_share = { dist = \"uniform\", min = 0.5, max = 1.2 }\n"),
      "population.gp_share");
  EXPECT_TRUE(contains(uniform.found, "from 0.5 to 1.2")) << uniform.found;
  EXPECT_TRUE(contains(uniform.expected, "every value from 0 to 1 (share)")) << uniform.expected;

  const auto level =
      only_for_key(diagnostics_of("commissioning_level = 4\n" + kHead), "commissioning_level");
  EXPECT_TRUE(contains(level.expected, "from 1 to 3")) << level.expected;
}

// Truncated inside the range, the same normal is accepted.
TEST(ScenarioErrors, TruncatedNormalInsideRangeIsAccepted) {
  const auto scenario = parse_scenario(
      kHead +
          "[population]\ngp_share = { dist = \"normal\", mean = 0.5, sd = 0.1, lower = 0, "
          "upper = 1 }\n",
      testing::inline_file());
  EXPECT_NEAR(scenario.options[0].central.population.gp_share, 0.5, 1e-9);  // symmetric cut
}

// Level 1 (greater involvement) allows no contract lever: each lever is named at its line.
TEST(ScenarioErrors, LevelOneRejectsContractLevers) {
  const std::string text = "commissioning_level = 1\n" + kHead +
                           "[funding]\nlevelling_up = true\n"
                           "[funding.quality_standards.access]\npayment_per_weighted_patient = 5\n"
                           "[savings]\nprescribing_kpi = true\n";
  const auto ds = diagnostics_of(text);
  ASSERT_EQ(ds.size(), 3u);
  const auto levelling = only_for_key(ds, "funding.levelling_up");
  EXPECT_EQ(levelling.line, line_of(text, "levelling_up"));
  EXPECT_TRUE(contains(levelling.found,
                       "not allowed at commissioning level 1 (greater "
                       "involvement): contract levers need level 2 or 3"))
      << levelling.found;
  EXPECT_TRUE(contains(levelling.found, "commissioning_level = 1 at line 1")) << levelling.found;
  const auto standard = only_for_key(ds, "funding.quality_standards.access");
  EXPECT_EQ(standard.line, line_of(text, "[funding.quality_standards.access]"));
  EXPECT_EQ(only_for_key(ds, "savings.prescribing_kpi").line, line_of(text, "prescribing_kpi"));
  // The same levers at level 2 are fine.
  std::string level_two = text;
  level_two.replace(0, std::string("commissioning_level = 1").size(), "commissioning_level = 2");
  EXPECT_NO_THROW(parse_scenario(level_two, testing::inline_file()));
}

// target = "percentile" needs a percentile strictly inside (0, 100).
TEST(ScenarioErrors, PercentileTargetNeedsPercentileInsideRange) {
  const std::string text = kHead + "[funding]\ntarget = \"percentile\"\ntarget_percentile = 100\n";
  const auto d = only_for_key(diagnostics_of(text), "funding.target_percentile");
  EXPECT_EQ(d.line, line_of(text, "target_percentile"));
  EXPECT_TRUE(contains(d.expected, "strictly between 0 and 100")) << d.expected;
  EXPECT_NO_THROW(
      parse_scenario(kHead + "[funding]\ntarget = \"percentile\"\ntarget_percentile = 25\n",
                     testing::inline_file()));
}

// The top of list_growth's range compounded over horizon_years may reach at most a
// 100-fold list: 1.0964^50 = 99.6 is allowed, 1.1^50 = 117 refused at list_growth's line,
// naming the horizon and the largest growth allowed, 100^(1/50) - 1 = 0.09648 (given as
// 0.0964, rounded down); a uniform
// whose maximum passes is refused too; list_growth = 1 for 6 years (64-fold) is allowed,
// for 50 (the audit's case, 1.1e15-fold) refused. An option that changes neither key is
// not blamed for the baseline's.
TEST(ScenarioErrors, ListGrowthMayCompoundToAtMostAHundredFold) {
  const auto with = [](const std::string& growth, int years) {
    return "horizon_years = " + std::to_string(years) + "\n" + kHead + "[population]\n" +
           "list_growth = " + growth + "\n";
  };
  EXPECT_NO_THROW(parse_scenario(with("0.0964", 50), testing::inline_file()));
  EXPECT_NO_THROW(parse_scenario(with("1", 6), testing::inline_file()));
  const std::string text = with("0.1", 50);
  const auto d = only_for_key(diagnostics_of(text), "population.list_growth");
  EXPECT_EQ(d.line, line_of(text, "list_growth"));
  EXPECT_TRUE(contains(d.found, "list_growth = 0.1 over horizon_years = 50")) << d.found;
  EXPECT_TRUE(contains(d.found, "horizon_years at line 1")) << d.found;
  EXPECT_TRUE(contains(d.expected, "list_growth at most 0.0964 for 50 years")) << d.expected;
  const auto ranged =
      only_for_key(diagnostics_of(with("{ dist = \"uniform\", min = 0, max = 0.2 }", 30)),
                   "population.list_growth");
  EXPECT_TRUE(contains(ranged.found, "up to 0.2 over horizon_years = 30")) << ranged.found;
  const auto audit = only_for_key(diagnostics_of(with("1", 50)), "population.list_growth");
  EXPECT_TRUE(contains(audit.found, "-fold")) << audit.found;
  const auto in_option =
      diagnostics_of(with("0.1", 50) + "[[options]]\nname = \"b\"\ncommissioning_level = 3\n");
  EXPECT_EQ(in_option.size(), 1u);
}

// A bad item of a discrete distribution's values or weights is named by its place, what
// it is and its line, not "an array of 2 items".
TEST(ScenarioErrors, DiscreteArraysNameTheBadItem) {
  const std::string text = kHead +
                           "[population]\nlist_growth = { dist = \"discrete\", values = [0.01, "
                           "0.02], weights = [1, nan] }\n";
  const auto d = only_for_key(diagnostics_of(text), "population.list_growth.weights");
  EXPECT_EQ(d.line, line_of(text, "weights = [1, nan]"));
  EXPECT_TRUE(contains(d.found, "item 2 of the array: nan")) << d.found;
  const auto text_item = only_for_key(
      diagnostics_of(kHead + "[population]\nlist_growth = { dist = \"discrete\", values = "
                             "[\"a\", 0.1] }\n"),
      "population.list_growth.values");
  EXPECT_TRUE(contains(text_item.found, "item 1 of the array: \"a\" (string)")) << text_item.found;
}

// A choice outside the list is told the list and the nearest choice.
TEST(ScenarioErrors, UnknownChoiceSuggestsNearest) {
  const auto d =
      only_for_key(diagnostics_of(kHead + "[funding]\ntarget = \"medain\"\n"), "funding.target");
  EXPECT_EQ(d.expected, "one of \"median\", \"mean\", \"percentile\", \"pounds\"");
  EXPECT_EQ(d.suggestion, "did you mean 'median'?");
}

// Only numbers may be uncertain.
TEST(ScenarioErrors, OnlyNumbersTakeDistributions) {
  const auto d = only_for_key(
      diagnostics_of(kHead +
                     "[funding]\nlevelling_up = { dist = \"uniform\", min = 0, max = 1 }\n"),
      "funding.levelling_up.dist");
  EXPECT_TRUE(contains(d.expected, "only number parameters may be uncertain")) << d.expected;
}

// A number read once at load (a role's baseline FTE) takes one value, not a distribution:
// its draws would be stored and never used.
TEST(ScenarioErrors, ARoleBaselineFteTakesNoDistribution) {
  const auto d = only_for_key(
      diagnostics_of(kHead + "[roles.nurse]\nbaseline_fte_per_1000 = { dist = \"uniform\", "
                             "min = 0, max = 2 }\n"),
      "roles.nurse.baseline_fte_per_1000.dist");
  EXPECT_TRUE(contains(d.expected, "one value, not a distribution")) << d.expected;
  EXPECT_NO_THROW(parse_scenario(
      kHead + "[roles.nurse]\nbaseline_fte_per_1000 = { value = 0.3, rationale = \"x\" }\n",
      testing::inline_file()));
}

// Keys inside a distribution table: a typo, a missing key, and two forms mixed.
TEST(ScenarioErrors, DistributionTableKeys) {
  const auto typo = diagnostics_of(
      kHead + "[population]\ngp_share = { dist = \"pert\", min = 0.5, mdoe = 0.55, max = 0.6 }\n");
  EXPECT_EQ(only_for_key(typo, "population.gp_share.mdoe").suggestion, "did you mean 'mode'?");
  EXPECT_TRUE(contains(only_for_key(typo, "population.gp_share").found, "without mode"));
  const auto mixed = only_for_key(
      diagnostics_of(kHead + "[funding]\nrunning_cost = { dist = \"lognormal\", mean = 1e5, "
                             "sd = 2e4, mu = 11, sigma = 0.2 }\n"),
      "funding.running_cost");
  EXPECT_TRUE(contains(mixed.expected, "one of the two: mean and sd or mu and sigma"))
      << mixed.expected;
}

// Required keys: format and practices.payments_csv; a file that does not exist.
TEST(ScenarioErrors, MissingRequiredKeysAndFiles) {
  const auto ds = diagnostics_of("[practices]\nattributes_csv = \"missing.csv\"\n");
  EXPECT_TRUE(contains(only_for_key(ds, "format").expected, "format = 1"));
  EXPECT_TRUE(contains(only_for_key(ds, "practices.payments_csv").expected, "payments_csv"));
  const auto attributes = only_for_key(ds, "practices.attributes_csv");
  EXPECT_TRUE(contains(attributes.found, "\"missing.csv\", but there is no such file"))
      << attributes.found;
  EXPECT_EQ(attributes.line, 2);
  EXPECT_TRUE(
      contains(only_for_key(diagnostics_of("format = 1\n"), "practices").expected, "[practices]"));
}

// A quoted key holding a dot is one name in TOML, not a path: read as a path it set the
// parameter a second time past every set-twice check and silently won (the input probe of
// 2026-12-07: "economics.discount_rate" = 0.05 beside [economics] discount_rate = 0.035 ran
// at 5 %). Refused wherever it stands, at the top, in a table and in an option, with the
// spelling meant.
TEST(ScenarioErrors, QuotedKeyWithADotIsRefusedNotReadAsAPath) {
  const auto top = only_for_key(diagnostics_of("\"economics.discount_rate\" = 0.05\n" + kHead +
                                               "[economics]\ndiscount_rate = 0.035\n"),
                                "economics.discount_rate");
  EXPECT_EQ(top.line, 1);
  EXPECT_EQ(top.column, 1);
  EXPECT_EQ(top.found, "the quoted key \"economics.discount_rate\"");
  EXPECT_TRUE(contains(top.expected, "a quoted key is one name, not a path")) << top.expected;
  EXPECT_TRUE(contains(top.expected, "write discount_rate = ... under [economics]"))
      << top.expected;
  // Alone (no second setting) it is refused all the same: TOML reads it as one key.
  EXPECT_EQ(diagnostics_of("\"economics.discount_rate\" = 0.05\n" + kHead).size(), 1u);
  const auto nested = only_for_key(
      diagnostics_of(kHead +
                     "[funding]\n\"quality_standards.access.payment_per_weighted_patient\" = 40\n"),
      "funding.quality_standards.access.payment_per_weighted_patient");
  EXPECT_TRUE(contains(nested.expected, "under [funding.quality_standards.access]"))
      << nested.expected;
  const auto odd = diagnostics_of(kHead + "[economics]\n\"discount_rate.\" = 0.05\n");
  ASSERT_EQ(odd.size(), 1u);
  EXPECT_FALSE(contains(odd[0].expected, "write")) << odd[0].expected;  // no path to suggest
  const auto option = diagnostics_of(kHead +
                                     "[[options]]\nname = \"x\"\n"
                                     "\"economics.discount_rate\" = 0.06\n");
  ASSERT_EQ(option.size(), 1u);
  EXPECT_EQ(option[0].line, 6);
  EXPECT_TRUE(contains(option[0].found, "the quoted key")) << option[0].found;
}

// A quoted dotted key that repeats its table's name ("population.list_noise_sd" under
// [population], here written with the escape \u002E for the dot) is a key from the top of
// the file: the advice is the bare key under [population], or the dotted key at the top
// level, not "under [population.population]" (the message probe of 2026-12-07). In an
// option, the table is [options.population] and the top is the [[options]] table.
TEST(ScenarioErrors, QuotedKeyRepeatingItsTableIsAdvisedFromTheTop) {
  const auto repeated = only_for_key(
      diagnostics_of(kHead + "[population]\n\"population\\u002Elist_noise_sd\" = 0.05\n"),
      "population.population.list_noise_sd");
  EXPECT_EQ(repeated.found, "the quoted key \"population.list_noise_sd\"");
  EXPECT_TRUE(contains(repeated.expected,
                       "write the bare key list_noise_sd = ... under [population], or the dotted "
                       "key population.list_noise_sd = ... at the top level, before any [table]"))
      << repeated.expected;
  EXPECT_FALSE(contains(repeated.expected, "[population.population]")) << repeated.expected;
  const auto option = diagnostics_of(kHead +
                                     "[[options]]\nname = \"x\"\n[options.population]\n"
                                     "\"population.list_noise_sd\" = 0.05\n");
  ASSERT_EQ(option.size(), 1u);
  EXPECT_TRUE(contains(option[0].expected,
                       "write the bare key list_noise_sd = ... under [options.population], or the "
                       "dotted key population.list_noise_sd = ... directly under its [[options]]"))
      << option[0].expected;
}

// The scenario's name heads the summary, report and workbook on one line: a newline or a
// tab in it is refused at its line (the output probe of 2026-12-07: `pcsim summary` printed
// the name's second line bare); the description may run over lines.
TEST(ScenarioErrors, TheScenarioNameIsOneLine) {
  for (const char* name : {"Line one\\nLine two", "tab\\there", "bell\\u0007"}) {
    const std::string text = "name = \"" + std::string(name) + "\"\n" + kHead;
    const auto d = only_for_key(diagnostics_of(text), "name");
    EXPECT_EQ(d.line, 1) << name;
    EXPECT_TRUE(contains(d.expected, "on one line, without control characters")) << d.expected;
  }
  EXPECT_NO_THROW(
      parse_scenario("name = \"Caf\u00e9 \u00a3 plan\"\ndescription = \"one\\ntwo\"\n" + kHead,
                     testing::inline_file()));
}

// Another format version stops the reader with one message naming the supported version.
TEST(ScenarioErrors, UnsupportedFormatNamesSupportedVersion) {
  const auto ds = diagnostics_of("format = 2\nno_such_key = 1\n");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].key, "format");
  EXPECT_EQ(ds[0].line, 1);
  EXPECT_TRUE(contains(ds[0].expected, "reads scenario format 1 only")) << ds[0].expected;
}

// A TOML syntax error gives toml++'s description at its line and column.
TEST(ScenarioErrors, SyntaxErrorHasLineAndColumn) {
  const auto ds = diagnostics_of("format = 1\nlist_growth = = 3\n");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].line, 2);
  EXPECT_GT(ds[0].column, 0);
  EXPECT_TRUE(contains(ds[0].found, "TOML syntax error")) << ds[0].found;
  EXPECT_EQ(ds[0].file, testing::inline_file().string());
}

// [practices] details: the age profile must name every band and sum to 1.
TEST(ScenarioErrors, AgeProfileMustBeCompleteAndSumToOne) {
  const std::string bands =
      "under_30 = 0.1, \"30_34\" = 0.1, \"35_39\" = 0.1, \"40_44\" = 0.1, \"45_49\" = 0.1, "
      "\"50_54\" = 0.1, \"55_59\" = 0.1, \"60_64\" = 0.1";
  const auto missing = only_for_key(diagnostics_of(kHead + "gp_age_profile = { " + bands + " }\n"),
                                    "practices.gp_age_profile");
  EXPECT_TRUE(contains(missing.found, "no share for 65_plus")) << missing.found;
  // 8 bands of 0.1 and 0.3 sum to 1.1.
  const auto sum =
      only_for_key(diagnostics_of(kHead + "gp_age_profile = { " + bands + ", 65_plus = 0.3 }\n"),
                   "practices.gp_age_profile");
  EXPECT_TRUE(contains(sum.found, "summing to 1.1")) << sum.found;
  const auto typo = diagnostics_of(kHead + "gp_age_profile = { " + bands + ", 65_plsu = 0.2 }\n");
  EXPECT_EQ(only_for_key(typo, "practices.gp_age_profile.65_plsu").suggestion,
            "did you mean '65_plus'?");
  // A NaN share is named as such, at its key (it passed "< 0 or > 1", then the sum).
  const auto nan =
      only_for_key(diagnostics_of(kHead + "gp_age_profile = { " + bands + ", 65_plus = nan }\n"),
                   "practices.gp_age_profile.65_plus");
  EXPECT_TRUE(contains(nan.found, "nan")) << nan.found;
  EXPECT_EQ(nan.expected, "a share from 0 to 1");
}

// Element names become parts of key paths, so they are restricted.
TEST(ScenarioErrors, RoleNamesAreChecked) {
  const auto d =
      only_for_key(diagnostics_of(kHead + "[roles.\"nurse practitioner\"]\ncost_per_fte = 5\n"),
                   "roles.nurse practitioner");
  EXPECT_TRUE(contains(d.expected, "letters, digits, '_' and '-'")) << d.expected;
  // A name with a dot is a name, told so, not taken for a quoted path.
  const auto dotted = only_for_key(
      diagnostics_of(kHead + "[roles.\"nurse.senior\"]\ncost_per_fte = 5\n"), "roles.nurse.senior");
  EXPECT_TRUE(contains(dotted.expected, "letters, digits, '_' and '-'")) << dotted.expected;
}

// attributes_column = "" (or blanks, or punctuation only, which no header matches) names
// no column: refused at its line, telling the user to leave the key out (it was taken as
// no column without a word).
TEST(ScenarioErrors, EmptyAttributesColumnIsRefused) {
  for (const std::string value : {"\"\"", "\"  \"", "\"-\""}) {
    const std::string text = kHead + "[roles.nurse]\nattributes_column = " + value + "\n";
    const auto d = only_for_key(diagnostics_of(text), "roles.nurse.attributes_column");
    EXPECT_EQ(d.line, line_of(text, "attributes_column"));
    EXPECT_TRUE(contains(d.expected, "leave the key out")) << d.expected;
  }
}

}  // namespace
}  // namespace pcsim::scenarios

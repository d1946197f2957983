// Values within a parameter's hard limits but outside its plausible range warn
// (scenarios/plausibility_warnings.hpp): in the baseline, in an option and as a
// distribution, just outside the range and not at its edge; the audit's slips by name; and
// no shipped scenario or valid fixture raises one.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
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
using testing::inline_file;
using testing::line_of;
using testing::write_temp;

// The plausibility warnings of a scenario text (parsed only: the practice files are not
// needed to judge the values as written).
std::vector<RunWarning> implausible_in(const std::string& text,
                                       const std::filesystem::path& file = inline_file()) {
  return plausibility_warnings(parse_scenario(text, file));
}

// A scenario setting `top` at the top level (from line 2), then the practices, then `after`.
std::string plausible_test_scenario(const std::string& top, const std::string& after = "") {
  return "format = 1\n" + top + "[practices]\npayments_csv = \"payments-bolton-sample.csv\"\n" +
         after;
}

std::string all_messages(const std::vector<RunWarning>& warnings) {
  std::string text;
  for (const auto& w : warnings) text += w.key + ": " + w.message + "\n";
  return text;
}

// A TOML number that reads back as exactly `v`.
std::string toml_number(double v, model::ParameterType type) {
  if (type == model::ParameterType::Integer) return fmt::format("{}", std::llround(v));
  return fmt::format("{:.17g}", v);
}

// The element a '*' path needs declared ("roles.nurse.x"), and the concrete key.
std::string concrete_key(std::string_view path) {
  std::string key(path);
  if (const auto star = key.find('*'); star != std::string::npos) key.replace(star, 1, "nurse");
  return key;
}

// One side of a plausible range that the hard limits leave room beyond: the edge itself
// (plausible) and the nearest value past it (not).
struct RangeEdge {
  double edge;
  double past;
};

std::vector<RangeEdge> testable_edges(const model::ParameterSpec& s) {
  // The nearest whole number past an integer's edge; a billionth (of the edge, at least of
  // 1) past a number's.
  const auto step = [&](double edge) {
    return s.type == model::ParameterType::Integer ? 1.0 : std::max(std::fabs(edge), 1.0) * 1e-9;
  };
  std::vector<RangeEdge> edges;
  if (s.plausible_max < s.max_valid)
    edges.push_back(
        {s.plausible_max, std::min(s.plausible_max + step(s.plausible_max), s.max_valid)});
  if (s.plausible_min > s.min_valid)
    edges.push_back(
        {s.plausible_min, std::max(s.plausible_min - step(s.plausible_min), s.min_valid)});
  return edges;
}

// Fact (the range's purpose): every Number and Integer parameter carries a plausible range
// with a stated basis, inside its hard limits and holding its default (except a default
// that means "unused": target_pounds' 0 is no target until target = "pounds").
TEST(PlausibleRanges, EveryNumericParameterHasOneInsideItsHardLimits) {
  const model::ModelParameters defaults{};
  for (const model::ParameterSpec& s : model::parameter_specs()) {
    if (s.type != model::ParameterType::Number && s.type != model::ParameterType::Integer) {
      EXPECT_FALSE(s.has_plausible_range()) << s.path;
      continue;
    }
    EXPECT_TRUE(s.has_plausible_range()) << s.path;
    EXPECT_GE(s.plausible_min, s.min_valid) << s.path;
    EXPECT_LE(s.plausible_max, s.max_valid) << s.path;
    EXPECT_LT(s.plausible_min, s.plausible_max) << s.path;
    if (s.path.find('*') != std::string_view::npos || s.path == "funding.target_pounds") continue;
    const double value = s.get(defaults, 0);
    EXPECT_TRUE(s.is_plausible(value)) << s.path << " default " << value;
  }
}

// Every parameter whose range is narrower than its hard limits: the edge of the range
// raises nothing, the nearest value past it one warning under the key as written, in the
// baseline, in an option and (numbers) as a uniform distribution's bound.
TEST(PlausibleRanges, JustOutsideWarnsAndTheEdgeDoesNotInEveryForm) {
  int checked = 0;
  for (const model::ParameterSpec& s : model::parameter_specs()) {
    if (!s.has_plausible_range()) continue;
    const std::string key = concrete_key(s.path);
    for (const RangeEdge& e : testable_edges(s)) {
      SCOPED_TRACE(fmt::format("{} edge {} past {}", key, e.edge, e.past));
      const auto baseline = [&](double v) {
        return implausible_in(
            plausible_test_scenario(fmt::format("{} = {}\n", key, toml_number(v, s.type))));
      };
      EXPECT_TRUE(baseline(e.edge).empty()) << all_messages(baseline(e.edge));
      const auto past = baseline(e.past);
      ASSERT_EQ(past.size(), 1u) << all_messages(past);
      EXPECT_EQ(past[0].key, key);
      EXPECT_EQ(past[0].line, 2);

      // The baseline at the edge (declaring a role or standard), the option past it; not for
      // a parameter read once at load, which an option may not set (and may not draw).
      if (s.is_read_at_load()) {
        ++checked;
        continue;
      }
      const auto option = [&](double v) {
        return implausible_in(plausible_test_scenario(
            fmt::format("{} = {}\n", key, toml_number(e.edge, s.type)),
            fmt::format("[[options]]\nname = \"o\"\n{} = {}\n", key, toml_number(v, s.type))));
      };
      EXPECT_TRUE(option(e.edge).empty()) << all_messages(option(e.edge));
      const auto in_option = option(e.past);
      ASSERT_EQ(in_option.size(), 1u) << all_messages(in_option);
      EXPECT_EQ(in_option[0].key, "options.o." + key);
      EXPECT_EQ(in_option[0].line, 7);

      if (s.type == model::ParameterType::Number) {
        const double other = e.edge == s.plausible_max ? s.plausible_min : s.plausible_max;
        const auto uniform = [&](double v) {
          return implausible_in(plausible_test_scenario(fmt::format(
              "{} = {{ dist = \"uniform\", min = {}, max = {} }}\n", key,
              toml_number(std::min(v, other), s.type), toml_number(std::max(v, other), s.type))));
        };
        EXPECT_TRUE(uniform(e.edge).empty()) << all_messages(uniform(e.edge));
        const auto drawn = uniform(e.past);
        ASSERT_EQ(drawn.size(), 1u) << all_messages(drawn);
        EXPECT_TRUE(contains(drawn[0].message, "uniform(")) << drawn[0].message;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 60);  // most parameters have a range narrower than their limits
}

// The audit's slips: inflation -0.3 (prices falling by 30% a year; -1, prices at nothing from
// year 1, is beyond the hard limits since the NPV deflates by I(t)), list growth -1
// (every list empties), 0.2 typed for 0.02 inflation (20% a year, twice UK CPI's 1989-2024
// peak). Each message names the file, the line (counted here), the key, the value, the
// plausible range with its unit, the hard limits and the basis.
TEST(PlausibleRanges, TheAuditsSlipsWarnWithFileLineKeyValueAndRange) {
  const std::string text =
      testing::kHead + "[funding]\ninflation = -0.3\n[population]\nlist_growth = -1\n";
  const std::string file = inline_file().string();
  const auto warnings = implausible_in(text, file);
  ASSERT_EQ(warnings.size(), 2u) << all_messages(warnings);
  EXPECT_EQ(warnings[0].key, "funding.inflation");
  EXPECT_EQ(warnings[0].file, file);
  EXPECT_EQ(warnings[0].line, line_of(text, "inflation = -0.3"));
  const std::string& m = warnings[0].message;
  EXPECT_TRUE(contains(m, fmt::format("{}, line {}: -0.3 is outside the plausible range", file,
                                      line_of(text, "inflation = -0.3"))))
      << m;
  EXPECT_TRUE(contains(m, "(per year)")) << m;
  EXPECT_TRUE(contains(m, "within the hard limits from -0.5 to 1")) << m;
  EXPECT_TRUE(contains(m, "CPI")) << m;
  EXPECT_EQ(warnings[1].key, "population.list_growth");
  EXPECT_EQ(warnings[1].line, line_of(text, "list_growth = -1"));

  const auto typo = implausible_in(plausible_test_scenario("funding.inflation = 0.2\n"));
  ASSERT_EQ(typo.size(), 1u);
  EXPECT_TRUE(contains(typo[0].message, ": 0.2 is outside")) << typo[0].message;
  EXPECT_TRUE(implausible_in(plausible_test_scenario("funding.inflation = 0.02\n")).empty());
}

// A distribution is judged by the values it stands for: a triangular's mode and max named
// when both are outside; a normal by its 1st and 99th percentiles and mean, not by
// truncation bounds written at the hard limits.
TEST(PlausibleRanges, DistributionsAreJudgedByWhatTheyDraw) {
  // 20% and 30% a year: twice and three times UK CPI's highest rate since 1989.
  const auto tri = implausible_in(plausible_test_scenario(
      "funding.inflation = { dist = \"triangular\", min = 0.02, mode = 0.2, max = 0.3 }\n"));
  ASSERT_EQ(tri.size(), 1u);
  EXPECT_TRUE(contains(tri[0].message, "its mode 0.2 and max 0.3 are outside")) << tri[0].message;

  // sd 0.01 around 2%: 98% of draws between about -0.3% and 4.3%; bounds only keep it valid.
  EXPECT_TRUE(implausible_in(plausible_test_scenario(
                                 "funding.inflation = { dist = \"normal\", mean = 0.02, sd = "
                                 "0.01, lower = -0.5, upper = 1 }\n"))
                  .empty());
  // sd 0.05: 1 draw in 100 above 0.02 + 2.33 x 0.05 = 13.6%, and 1 in 100 below -9.6%.
  const auto wide = implausible_in(plausible_test_scenario(
      "funding.inflation = { dist = \"normal\", mean = 0.02, sd = 0.05, lower = -0.5, upper = 1 "
      "}\n"));
  ASSERT_EQ(wide.size(), 1u);
  EXPECT_TRUE(contains(wide[0].message, "1st percentile -0.09")) << wide[0].message;
  EXPECT_TRUE(contains(wide[0].message, "and 99th percentile 0.13")) << wide[0].message;
  EXPECT_FALSE(contains(wide[0].message, "mean 0.02")) << wide[0].message;  // inside
  // A beta of mean 0.3, sd 0.1 fills under a fifth of vacancies more than 1 year in 100.
  const auto beta = implausible_in(
      plausible_test_scenario("workforce.fill_rate = { dist = \"beta\", mean = 0.3, sd = 0.1 }\n"));
  ASSERT_EQ(beta.size(), 1u);
  EXPECT_TRUE(contains(beta[0].message, "1st percentile")) << beta[0].message;
}

// A baseline value the options inherit warns once, under its own key; an option's own
// value under the option's key, at the option's line.
TEST(PlausibleRanges, InheritedValuesWarnOnceAndOptionsUnderTheirOwnKey) {
  const std::string text =
      plausible_test_scenario("funding.inflation = 0.2\n",
                              "[[options]]\nname = \"a\"\nfunding.allocation_growth = 0.02\n"
                              "[[options]]\nname = \"b\"\nfunding.allocation_growth = 0.5\n");
  const auto warnings = implausible_in(text);
  ASSERT_EQ(warnings.size(), 2u) << all_messages(warnings);
  EXPECT_EQ(warnings[0].key, "funding.inflation");
  EXPECT_EQ(warnings[1].key, "options.b.funding.allocation_growth");
  EXPECT_EQ(warnings[1].line, line_of(text, "allocation_growth = 0.5"));
}

// A value written in an included file is located there.
TEST(PlausibleRanges, AnIncludedFilesValueIsLocatedInThatFile) {
  const std::string fragment =
      write_temp("implausible-fragment.toml", "# prices\n[funding]\ninflation = 0.5\n");
  const std::string text = plausible_test_scenario("include = [\"" + fragment + "\"]\n");
  const auto warnings = implausible_in(text);
  ASSERT_EQ(warnings.size(), 1u) << all_messages(warnings);
  EXPECT_EQ(warnings[0].file, fragment);
  EXPECT_EQ(warnings[0].line, 3);
  EXPECT_TRUE(contains(warnings[0].message, fragment + ", line 3: 0.5")) << warnings[0].message;
}

// Values past the hard limits stay errors, not warnings.
TEST(PlausibleRanges, BeyondTheHardLimitsIsStillAnError) {
  const auto d = testing::diagnostics_of(plausible_test_scenario("funding.inflation = 1.5\n"));
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].key, "funding.inflation");
}

// Through load_scenario (what `pcsim validate` and `pcsim run` call): the warning is among
// the scenario's warnings, at the line of the value.
TEST(PlausibleRanges, LoadScenarioCarriesTheWarning) {
  const std::filesystem::path root(PCSIM_SOURCE_DIR);
  std::string text = testing::read_text(root / "scenarios/synthetic.toml");
  const std::string slip = "discount_rate = 0.035";
  ASSERT_TRUE(contains(text, slip));
  text.replace(text.find(slip), slip.size(), "discount_rate = 0.35");  // 35% a year
  for (std::size_t at = text.find("\"data/"); at != std::string::npos;
       at = text.find("\"data/", at + 1))
    text.insert(at + 1, (root / "scenarios").string() + "/");
  const Scenario scenario = load_scenario(write_temp("discount-slip.toml", text));
  int found = 0;
  for (const auto& w : scenario.warnings)
    if (w.key == "economics.discount_rate") {
      ++found;
      EXPECT_EQ(w.line, line_of(text, "discount_rate = 0.35"));
    }
  EXPECT_EQ(found, 1);
}

// Every shipped scenario, the fragments they include and every test fixture meant to be
// valid give values the ranges accept, and, judged with their practices loaded, £ totals
// within their bands against the practices' spend (spend_plausibility.hpp): a warning here
// means a range or band too narrow (or a shipped slip). scenario-options.toml is a parser
// fixture without a gp_age_profile, so it cannot load alone: it is judged against the
// practices of scenario-every-value.toml, loaded from the same payments file.
TEST(PlausibleRanges, NoShippedScenarioOrValidFixtureWarns) {
  const std::filesystem::path root(PCSIM_SOURCE_DIR);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(root / "scenarios"))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  ASSERT_GE(files.size(), 6u);
  for (const char* fixture :
       {"tests/scenarios/fixtures/scenario-every-value.toml",
        "tests/cli/fixtures/bolton_levers.toml", "tests/cli/fixtures/no_warnings/scenario.toml"})
    files.push_back(root / fixture);
  for (const auto& file : files) {
    SCOPED_TRACE(file.string());
    const Scenario loaded = load_scenario(file);
    ASSERT_FALSE(loaded.practices.practices.empty());
    const auto warnings = plausibility_warnings(loaded);
    EXPECT_TRUE(warnings.empty()) << all_messages(warnings);
  }
  const std::filesystem::path options = testing::fixture("scenario-options.toml");
  Scenario parsed = parse_scenario(testing::read_text(options), options);
  parsed.practices = load_scenario(testing::fixture("scenario-every-value.toml")).practices;
  ASSERT_EQ(parsed.practice_data.payments_csv.filename(), "payments-bolton-sample.csv");
  const auto warnings = plausibility_warnings(parsed);
  EXPECT_TRUE(warnings.empty()) << all_messages(warnings);
}

}  // namespace
}  // namespace pcsim::scenarios

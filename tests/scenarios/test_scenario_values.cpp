// A valid scenario round-trips: every value type arrives in the Scenario as written
// (fixtures/scenario-every-value.toml), with its rationale, line and element index.
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using model::DistributionKind;
using testing::fixture;
using testing::line_of;
using testing::read_text;

class EveryValue : public ::testing::Test {
 protected:
  void SetUp() override {
    file = fixture("scenario-every-value.toml");
    text = read_text(file);
    scenario = parse_scenario(text, file);
    ASSERT_EQ(scenario.options.size(), 1u);
  }
  const ParameterEntry& entry(const std::string& path) const {
    for (const auto& e : scenario.options[0].parameters)
      if (e.path == path) return e;
    ADD_FAILURE() << "no entry " << path;
    static const ParameterEntry none;
    return none;
  }
  const model::ModelParameters& central() const { return scenario.options[0].central; }

  std::filesystem::path file;
  std::string text;
  Scenario scenario;
};

// The run settings at the top of the file.
TEST_F(EveryValue, ReadsRunSettings) {
  EXPECT_EQ(scenario.format, 1);
  EXPECT_EQ(scenario.name, "Every value type");
  EXPECT_EQ(scenario.description, "Round trip of every value type");
  EXPECT_EQ(scenario.seed, 20170401u);
  EXPECT_EQ(scenario.iterations, 250);
  EXPECT_EQ(scenario.options[0].name, "stay joint");
  EXPECT_EQ(scenario.text, text);
  EXPECT_EQ(scenario.file, file);
  EXPECT_TRUE(scenario.practices.practices.empty());  // parse_scenario loads no practices
}

// [practices] becomes the PracticeDataSpec, with the path resolved against the folder.
TEST_F(EveryValue, ReadsPracticeDataSpec) {
  const auto& spec = scenario.practice_data;
  EXPECT_EQ(spec.payments_csv, fixture("payments-bolton-sample.csv").lexically_normal());
  EXPECT_TRUE(spec.attributes_csv.empty());
  ASSERT_EQ(spec.ccg_codes.size(), 1u);
  EXPECT_EQ(spec.ccg_codes[0], "00T");
  EXPECT_EQ(spec.peer_groups, 3);
  EXPECT_DOUBLE_EQ(spec.neighbourhood_size, 25000);
  EXPECT_DOUBLE_EQ(spec.patients_per_gp, 1900);
  const model::BandArray profile = {0.02, 0.08, 0.12, 0.14, 0.16, 0.16, 0.14, 0.12, 0.06};
  for (int b = 0; b < model::kAgeBands; ++b) EXPECT_DOUBLE_EQ(spec.gp_age_profile[b], profile[b]);
  EXPECT_EQ(spec.line, line_of(text, "[practices]"));
}

// Top-level integers, an integer written for a Number, a bare float.
TEST_F(EveryValue, ReadsIntegersAndBareNumbers) {
  EXPECT_EQ(central().commissioning_level, 2);
  EXPECT_EQ(central().horizon_years, 7);
  EXPECT_EQ(central().start_year, 2018);
  EXPECT_DOUBLE_EQ(central().population.diversion_ramp_years, 3.0);
  EXPECT_DOUBLE_EQ(central().population.list_growth, 0.006);
  EXPECT_TRUE(entry("population.list_growth").distribution.is_fixed());
  EXPECT_EQ(entry("population.list_growth").line, line_of(text, "list_growth = 0.006"));
  EXPECT_EQ(central().capacity.extended_access_start_year, 2);
}

// { value = ..., rationale = ... } for a Number, an Integer and a Boolean.
TEST_F(EveryValue, ReadsValueTablesWithRationale) {
  const auto& noise = entry("population.list_noise_sd");
  EXPECT_TRUE(noise.distribution.is_fixed());
  EXPECT_DOUBLE_EQ(noise.distribution.central(), 0.02);
  EXPECT_EQ(noise.rationale, "ONS: practice lists vary by about 2% a year");
  EXPECT_EQ(noise.line, line_of(text, "list_noise_sd ="));
  EXPECT_TRUE(central().funding.level_down);
  EXPECT_EQ(entry("funding.level_down").rationale, "agreed with the LMC");
  EXPECT_EQ(entry("roles.nurse.start_year").rationale, "posts advertised in year 1");
  EXPECT_DOUBLE_EQ(entry("workforce.leaver_rate").distribution.central(), 0.04);
  EXPECT_EQ(entry("workforce.leaver_rate").rationale, "NHS Digital leaver rates");
}

// Booleans and choices: choices become their index in the registry's list.
TEST_F(EveryValue, ReadsBooleansAndChoices) {
  EXPECT_TRUE(central().funding.levelling_up);
  EXPECT_TRUE(central().savings.prescribing_kpi);
  EXPECT_FALSE(central().savings.benchmarking);  // not written: the default
  EXPECT_EQ(central().workforce.entry_band, 2);  // "35_39" is the third band
  EXPECT_EQ(central().funding.target, model::LevellingTarget::Percentile);
  EXPECT_DOUBLE_EQ(central().funding.target_percentile, 40);
}

// Each distribution kind, with the central value of MODEL.md (mode where given, else
// mean), worked out by hand.
TEST_F(EveryValue, ReadsEveryDistributionKind) {
  const auto& pert = entry("population.consultations_per_patient").distribution;
  EXPECT_EQ(pert.kind(), DistributionKind::Pert);
  EXPECT_DOUBLE_EQ(pert.support_min(), 4.5);
  EXPECT_DOUBLE_EQ(pert.support_max(), 6.0);
  EXPECT_DOUBLE_EQ(central().population.consultations_per_patient, 5.2);  // the mode
  EXPECT_EQ(entry("population.consultations_per_patient").rationale, "QResearch 2008/09");

  EXPECT_EQ(entry("population.consultation_growth").distribution.kind(), DistributionKind::Uniform);
  EXPECT_NEAR(central().population.consultation_growth, 0.01, 1e-15);  // (0 + 0.02) / 2

  EXPECT_EQ(entry("population.gp_share").distribution.kind(), DistributionKind::Beta);
  EXPECT_NEAR(central().population.gp_share, 0.55, 1e-12);        // 11 / (11 + 9)
  EXPECT_NEAR(central().population.self_care_share, 0.3, 1e-12);  // beta given by its mean

  // A normal truncated symmetrically about its mean keeps that mean.
  const auto& normal = entry("population.diversion_max").distribution;
  EXPECT_EQ(normal.kind(), DistributionKind::Normal);
  EXPECT_DOUBLE_EQ(normal.support_min(), 0.0);
  EXPECT_DOUBLE_EQ(normal.support_max(), 0.2);
  EXPECT_NEAR(central().population.diversion_max, 0.1, 1e-9);

  // Lognormal by its moments: mean 1; by mu and sigma: exp(mu + sigma^2/2). The upper
  // bounds cut negligible mass: P(X > 3) = P(Z > (ln 3 + 0.005)/0.0998 = 11.1) for the
  // first, P(X > 1e6) = P(Z > (ln 1e6 - 11.5)/0.2 = 11.6) for the second.
  EXPECT_EQ(entry("workforce.retirement_multiplier").distribution.kind(),
            DistributionKind::Lognormal);
  EXPECT_NEAR(central().workforce.retirement_multiplier, 1.0, 1e-9);
  EXPECT_NEAR(central().funding.running_cost, std::exp(11.5 + 0.02), 1e-6);
  EXPECT_DOUBLE_EQ(entry("funding.running_cost").distribution.support_max(), 1e6);

  // Discrete: (0.7 * 1 + 0.8 * 2 + 0.9 * 1) / 4 = 0.8.
  EXPECT_EQ(entry("workforce.fill_rate").distribution.kind(), DistributionKind::Discrete);
  EXPECT_NEAR(central().workforce.fill_rate, 0.8, 1e-12);

  EXPECT_EQ(entry("workforce.fte_trend").distribution.kind(), DistributionKind::Triangular);
  EXPECT_DOUBLE_EQ(central().workforce.fte_trend, -0.01);
  EXPECT_EQ(entry("workforce.leaver_rate").distribution.kind(), DistributionKind::Fixed);
}

// Age-band parameters: one entry per band written; the other bands keep their defaults.
TEST_F(EveryValue, ReadsAgeBandTable) {
  EXPECT_NEAR(central().workforce.retirement_rate[7], 0.15, 1e-15);  // uniform(0.1, 0.2)
  EXPECT_DOUBLE_EQ(central().workforce.retirement_rate[8], 0.35);
  EXPECT_DOUBLE_EQ(central().workforce.retirement_rate[6],
                   model::ModelParameters{}.workforce.retirement_rate[6]);
  EXPECT_EQ(entry("workforce.retirement_rate.60_64").line, line_of(text, "\"60_64\" = { dist"));
}

// Roles and standards in sorted name order (nurse before pharmacist, access before
// diabetes, though the file has them the other way round); element indexes match.
TEST_F(EveryValue, OrdersNamedElementsByName) {
  const auto& roles = central().roles;
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(roles[0].name, "nurse");
  EXPECT_EQ(roles[0].attributes_column, "TOTAL_NURSES_FTE");
  EXPECT_DOUBLE_EQ(roles[0].baseline_fte_per_1000, 0.35);
  EXPECT_EQ(roles[0].start_year, 2);
  EXPECT_EQ(roles[1].name, "pharmacist");
  EXPECT_EQ(roles[1].attributes_column, "");
  EXPECT_DOUBLE_EQ(roles[1].new_posts_per_30000, 1.0);
  EXPECT_DOUBLE_EQ(roles[1].cost_per_fte, 50000);  // the PERT's mode
  EXPECT_DOUBLE_EQ(roles[1].appointments_per_fte, model::RoleParameters{}.appointments_per_fte);
  EXPECT_EQ(entry("roles.nurse.baseline_fte_per_1000").element, 0u);
  EXPECT_EQ(entry("roles.pharmacist.cost_per_fte").element, 1u);
  EXPECT_EQ(entry("roles.pharmacist.cost_per_fte").spec,
            model::find_parameter_spec("roles.*.cost_per_fte"));

  const auto& standards = central().funding.quality_standards;
  ASSERT_EQ(standards.size(), 2u);
  EXPECT_EQ(standards[0].name, "access");
  EXPECT_DOUBLE_EQ(standards[0].payment_per_weighted_patient, 5.0);
  EXPECT_TRUE(standards[0].mandatory);
  EXPECT_EQ(standards[1].name, "diabetes");
  EXPECT_DOUBLE_EQ(standards[1].payment_per_weighted_patient, 2.5);
  EXPECT_FALSE(standards[1].mandatory);
  EXPECT_DOUBLE_EQ(standards[1].sign_up_share, 0.6);
  EXPECT_EQ(entry("funding.quality_standards.diabetes.sign_up_share").element, 1u);
}

// Parameters the file does not set keep the ModelParameters defaults, and only what the
// file sets is listed, sorted by path.
TEST_F(EveryValue, ListsOnlyWhatTheFileSets) {
  const model::ModelParameters defaults;
  EXPECT_DOUBLE_EQ(central().capacity.ae_cost, defaults.capacity.ae_cost);
  EXPECT_DOUBLE_EQ(central().funding.inflation, defaults.funding.inflation);
  const auto& entries = scenario.options[0].parameters;
  // Counted in the fixture: 3 top level, 8 population, 5 workforce + 2 bands, 2 + 2 roles
  // (attributes_column is text, not a parameter), 2 capacity, 5 funding + 3 + 2 standards,
  // 2 savings, 1 economics: 37.
  EXPECT_EQ(entries.size(), 37u);
  for (std::size_t i = 1; i < entries.size(); ++i) EXPECT_LT(entries[i - 1].path, entries[i].path);
  for (const auto& e : entries) {
    EXPECT_NE(e.spec, nullptr) << e.path;
    EXPECT_GT(e.line, 0) << e.path;
  }
}

}  // namespace
}  // namespace pcsim::scenarios

// Tests of the parameter registry (model/parameter_registry.hpp): every field of
// ModelParameters has exactly one entry, entries read and write the field they name, and
// every default is valid and sourced.
#include "model/parameter_registry.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

namespace pcsim::model {
namespace {

// Parameters with one role and one quality standard, so '*' paths have element 0.
ModelParameters with_one_of_each() {
  ModelParameters m;
  m.roles.emplace_back();
  m.roles.back().name = "nurse";
  m.funding.quality_standards.emplace_back();
  m.funding.quality_standards.back().name = "access";
  return m;
}

// A valid value different from `current`; `salt` in (0, 1) makes values of different specs
// differ from each other too.
double different_value(const ParameterSpec& s, double current, double salt) {
  switch (s.type) {
    case ParameterType::Boolean:
      return current != 0 ? 0.0 : 1.0;
    case ParameterType::Choice:
      return std::fmod(current + 1, static_cast<double>(s.choices.size()));
    case ParameterType::Integer:
      return current != s.max_valid ? s.max_valid : s.min_valid;
    case ParameterType::Number: {
      const double hi = std::min(s.max_valid, 1e6);  // keep huge ranges representable
      const double v = s.min_valid + salt * (hi - s.min_valid);
      return v != current ? v : s.min_valid;
    }
  }
  return current;
}

// Fact: a scenario key names one parameter; two entries with the same path would make a
// key ambiguous.
TEST(ParameterRegistry, EveryPathIsUnique) {
  std::set<std::string_view> seen;
  for (const auto& s : parameter_specs()) EXPECT_TRUE(seen.insert(s.path).second) << s.path;
}

// Fact: set then get returns the value written, for every entry (a get and set that
// address different fields would fail here).
TEST(ParameterRegistry, SetThenGetRoundTrips) {
  const auto specs = parameter_specs();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    ModelParameters m = with_one_of_each();
    const auto& s = specs[i];
    const double v = different_value(s, s.get(m, 0), 0.37);
    s.set(m, 0, v);
    EXPECT_DOUBLE_EQ(s.get(m, 0), v) << s.path;
  }
}

// Fact: the defaults of parameters.hpp are themselves valid scenario values.
TEST(ParameterRegistry, EveryDefaultLiesInItsValidRange) {
  const ModelParameters m = with_one_of_each();
  for (const auto& s : parameter_specs()) {
    const double v = s.get(m, 0);
    EXPECT_LE(s.min_valid, s.max_valid) << s.path;
    EXPECT_GE(v, s.min_valid) << s.path;
    EXPECT_LE(v, s.max_valid) << s.path;
    if (s.type == ParameterType::Choice) {
      ASSERT_FALSE(s.choices.empty()) << s.path;
      EXPECT_LT(v, static_cast<double>(s.choices.size())) << s.path;
      EXPECT_EQ(s.max_valid, static_cast<double>(s.choices.size() - 1)) << s.path;
    } else {
      EXPECT_TRUE(s.choices.empty()) << s.path;
    }
    if (s.type != ParameterType::Number) {
      EXPECT_EQ(v, std::round(v)) << s.path;
    }
  }
}

// Fact: every entry tells a reader its unit, meaning and where its default comes from.
TEST(ParameterRegistry, EveryEntryHasUnitDescriptionAndSource) {
  for (const auto& s : parameter_specs()) {
    EXPECT_FALSE(s.unit.empty()) << s.path;
    EXPECT_FALSE(s.description.empty()) << s.path;
    EXPECT_FALSE(s.source.empty()) << s.path;
    EXPECT_NE(s.get, nullptr) << s.path;
    EXPECT_NE(s.set, nullptr) << s.path;
  }
}

// Fact: writing one entry changes no other entry's value (no two entries share a field).
TEST(ParameterRegistry, EntriesAreIndependent) {
  const auto specs = parameter_specs();
  const ModelParameters base = with_one_of_each();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    ModelParameters m = base;
    specs[i].set(m, 0, different_value(specs[i], specs[i].get(m, 0), 0.61));
    for (std::size_t j = 0; j < specs.size(); ++j)
      if (j != i) {
        EXPECT_EQ(specs[j].get(m, 0), specs[j].get(base, 0))
            << specs[i].path << " moved " << specs[j].path;
      }
  }
}

// Fact: the registry covers every field of ModelParameters. Each entry is set to a value
// different from its default; the list below, written out field by field from
// parameters.hpp, must then differ from the defaults everywhere. A field with no entry
// keeps its default and fails here.
TEST(ParameterRegistry, CoversEveryFieldOfModelParameters) {
  const auto specs = parameter_specs();
  const ModelParameters d = with_one_of_each();
  ModelParameters m = d;
  for (std::size_t i = 0; i < specs.size(); ++i)
    specs[i].set(m, 0,
                 different_value(specs[i], specs[i].get(m, 0),
                                 0.05 + 0.9 * double(i + 1) / double(specs.size() + 1)));
  EXPECT_NE(m.commissioning_level, d.commissioning_level);
  EXPECT_NE(m.horizon_years, d.horizon_years);
  EXPECT_NE(m.start_year, d.start_year);
  const auto& p = m.population;
  const auto& dp = d.population;
  EXPECT_NE(p.list_growth, dp.list_growth);
  EXPECT_NE(p.list_noise_sd, dp.list_noise_sd);
  EXPECT_NE(p.consultations_per_patient, dp.consultations_per_patient);
  EXPECT_NE(p.consultation_growth, dp.consultation_growth);
  EXPECT_NE(p.gp_share, dp.gp_share);
  EXPECT_NE(p.diversion_max, dp.diversion_max);
  EXPECT_NE(p.diversion_ramp_years, dp.diversion_ramp_years);
  EXPECT_NE(p.self_care_share, dp.self_care_share);
  const auto& w = m.workforce;
  const auto& dw = d.workforce;
  for (int b = 0; b < kAgeBands; ++b) EXPECT_NE(w.retirement_rate[b], dw.retirement_rate[b]) << b;
  EXPECT_NE(w.retirement_multiplier, dw.retirement_multiplier);
  EXPECT_NE(w.leaver_rate, dw.leaver_rate);
  EXPECT_NE(w.fill_rate, dw.fill_rate);
  EXPECT_NE(w.entry_band, dw.entry_band);
  EXPECT_NE(w.fte_per_head, dw.fte_per_head);
  EXPECT_NE(w.fte_trend, dw.fte_trend);
  EXPECT_NE(w.extra_gp_posts_per_30000, dw.extra_gp_posts_per_30000);
  EXPECT_NE(w.dispersal_cost, dw.dispersal_cost);
  EXPECT_NE(w.closure_threshold, dw.closure_threshold);
  EXPECT_NE(w.leaver_reduction_per_uplift, dw.leaver_reduction_per_uplift);
  const auto& r = m.roles[0];
  const auto& dr = d.roles[0];
  EXPECT_NE(r.baseline_fte_per_1000, dr.baseline_fte_per_1000);
  EXPECT_NE(r.appointments_per_fte, dr.appointments_per_fte);
  EXPECT_NE(r.new_posts_per_30000, dr.new_posts_per_30000);
  EXPECT_NE(r.role_fill_rate, dr.role_fill_rate);
  EXPECT_NE(r.cost_per_fte, dr.cost_per_fte);
  EXPECT_NE(r.start_year, dr.start_year);
  const auto& c = m.capacity;
  const auto& dc = d.capacity;
  EXPECT_NE(c.appointments_per_gp_fte, dc.appointments_per_gp_fte);
  EXPECT_NE(c.extended_access_per_1000, dc.extended_access_per_1000);
  EXPECT_NE(c.extended_access_start_year, dc.extended_access_start_year);
  EXPECT_NE(c.extended_access_cost, dc.extended_access_cost);
  EXPECT_NE(c.unmet_to_ae, dc.unmet_to_ae);
  EXPECT_NE(c.ae_cost, dc.ae_cost);
  EXPECT_NE(c.ae_deflection_share, dc.ae_deflection_share);
  EXPECT_NE(c.gp_appointment_cost, dc.gp_appointment_cost);
  EXPECT_NE(c.other_appointment_cost, dc.other_appointment_cost);
  const auto& f = m.funding;
  const auto& df = d.funding;
  EXPECT_NE(f.levelling_up, df.levelling_up);
  EXPECT_NE(f.target, df.target);
  EXPECT_NE(f.target_percentile, df.target_percentile);
  EXPECT_NE(f.target_pounds, df.target_pounds);
  EXPECT_NE(f.target_scope, df.target_scope);
  EXPECT_NE(f.trust_min_weighted_list, df.trust_min_weighted_list);
  EXPECT_NE(f.trust_max_ratio_to_median, df.trust_max_ratio_to_median);
  EXPECT_NE(f.clinical_spend_share, df.clinical_spend_share);
  EXPECT_NE(f.gp_time_share, df.gp_time_share);
  EXPECT_NE(f.levelling_years, df.levelling_years);
  EXPECT_NE(f.level_down, df.level_down);
  EXPECT_NE(f.max_reduction_per_year, df.max_reduction_per_year);
  EXPECT_NE(f.inflation, df.inflation);
  EXPECT_NE(f.running_cost, df.running_cost);
  EXPECT_NE(f.allocation, df.allocation);
  EXPECT_NE(f.allocation_growth, df.allocation_growth);
  EXPECT_NE(f.baseline_spend, df.baseline_spend);
  EXPECT_NE(f.commissioner_overspend_share_joint, df.commissioner_overspend_share_joint);
  EXPECT_NE(f.commissioner_overspend_share_delegated, df.commissioner_overspend_share_delegated);
  const auto& q = m.funding.quality_standards[0];
  const auto& dq = d.funding.quality_standards[0];
  EXPECT_NE(q.payment_per_weighted_patient, dq.payment_per_weighted_patient);
  EXPECT_NE(q.achievement_rate, dq.achievement_rate);
  EXPECT_NE(q.mandatory, dq.mandatory);
  EXPECT_NE(q.sign_up_share, dq.sign_up_share);
  const auto& s = m.savings;
  const auto& ds = d.savings;
  EXPECT_NE(s.referrals_per_1000_weighted, ds.referrals_per_1000_weighted);
  EXPECT_NE(s.referral_rate_cv, ds.referral_rate_cv);
  EXPECT_NE(s.benchmarking, ds.benchmarking);
  EXPECT_NE(s.benchmark_percentile, ds.benchmark_percentile);
  EXPECT_NE(s.convergence, ds.convergence);
  EXPECT_NE(s.eur, ds.eur);
  EXPECT_NE(s.limited_value_share, ds.limited_value_share);
  EXPECT_NE(s.eur_reduction, ds.eur_reduction);
  EXPECT_NE(s.ramp_years, ds.ramp_years);
  EXPECT_NE(s.cost_per_referral, ds.cost_per_referral);
  EXPECT_NE(s.prescribing_per_weighted, ds.prescribing_per_weighted);
  EXPECT_NE(s.prescribing_growth, ds.prescribing_growth);
  EXPECT_NE(s.prescribing_kpi, ds.prescribing_kpi);
  EXPECT_NE(s.prescribing_reduction, ds.prescribing_reduction);
  EXPECT_NE(m.economics.discount_rate, d.economics.discount_rate);
  const auto& ch = m.practice_changes;
  const auto& dch = d.practice_changes;
  EXPECT_NE(ch.mergers, dch.mergers);
  EXPECT_NE(ch.closures, dch.closures);
  for (const auto& [h, dh] :
       {std::pair{ch.merger, dch.merger}, std::pair{ch.closure, dch.closure}}) {
    EXPECT_NE(h.intercept, dh.intercept);
    EXPECT_NE(h.per_log_list, dh.per_log_list);
    EXPECT_NE(h.single_handed, dh.single_handed);
    EXPECT_NE(h.no_gp, dh.no_gp);
    EXPECT_NE(h.apms, dh.apms);
    EXPECT_NE(h.year_sd, dh.year_sd);
  }
  const auto& a = m.additional_roles;
  const auto& da = d.additional_roles;
  EXPECT_NE(a.fte_per_10000_start, da.fte_per_10000_start);
  EXPECT_NE(a.fte_per_10000_ceiling, da.fte_per_10000_ceiling);
  EXPECT_NE(a.growth_share, da.growth_share);
  EXPECT_NE(a.first_calendar_year, da.first_calendar_year);
  EXPECT_NE(a.appointments_per_fte, da.appointments_per_fte);
  EXPECT_NE(a.gp_demand_share, da.gp_demand_share);
  EXPECT_NE(a.reimbursement_per_fte, da.reimbursement_per_fte);
  // The fields checked above, counted by hand: 3 top level + 8 population + 9 bands +
  // 10 other workforce + 6 roles + 9 capacity + 19 funding + 4 quality + 14 savings +
  // 1 economics + 14 practice changes + 7 additional roles = 104; with the entry count
  // equal, no entry is spare.
  EXPECT_EQ(specs.size(), 104u);
}

// Fact: concrete element paths find the element's pattern entry; other paths find none.
TEST(ParameterRegistry, FindsConcreteAndPatternPaths) {
  const auto* pattern = find_parameter_spec("roles.*.cost_per_fte");
  ASSERT_NE(pattern, nullptr);
  EXPECT_EQ(find_parameter_spec("roles.nurse.cost_per_fte"), pattern);
  EXPECT_EQ(find_parameter_spec("roles.clinical_pharmacist.cost_per_fte"), pattern);
  const auto* rate = find_parameter_spec("funding.quality_standards.*.achievement_rate");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(find_parameter_spec("funding.quality_standards.access.achievement_rate"), rate);
  const auto* band = find_parameter_spec("workforce.retirement_rate.60_64");
  ASSERT_NE(band, nullptr);
  EXPECT_EQ(band->path, "workforce.retirement_rate.60_64");
  EXPECT_NE(find_parameter_spec("horizon_years"), nullptr);
  EXPECT_EQ(find_parameter_spec("population.list_grwoth"), nullptr);
  EXPECT_EQ(find_parameter_spec("roles.nurse"), nullptr);
  EXPECT_EQ(find_parameter_spec("roles..cost_per_fte"), nullptr);
  EXPECT_EQ(find_parameter_spec("roles.nurse.cost_per_fte.extra"), nullptr);
  EXPECT_EQ(find_parameter_spec("roles.nurse.no_such_field"), nullptr);
  EXPECT_EQ(find_parameter_spec("workforce.retirement_rate.70_74"), nullptr);
}

// Fact: element accessors act on the element they are given.
TEST(ParameterRegistry, ElementIndexSelectsTheRole) {
  ModelParameters m;
  m.roles.resize(2);
  const auto* s = find_parameter_spec("roles.*.appointments_per_fte");
  ASSERT_NE(s, nullptr);
  s->set(m, 1, 1234);
  EXPECT_EQ(m.roles[1].appointments_per_fte, 1234);
  EXPECT_EQ(m.roles[0].appointments_per_fte, RoleParameters{}.appointments_per_fte);
  EXPECT_THROW(s->set(m, 2, 1), std::out_of_range);
}

// Fact: parameter_paths() lists exactly the registry's paths, in order.
TEST(ParameterRegistry, PathsListMatchesSpecs) {
  const auto specs = parameter_specs();
  const auto paths = parameter_paths();
  ASSERT_EQ(paths.size(), specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) EXPECT_EQ(paths[i], specs[i].path);
}

// Fact: the default retirement profile has the shape the brief asks for: near zero under
// 50, rising with age, between 0.25 and 0.35 a year at 65 and over.
TEST(ParameterRegistry, RetirementDefaultsRiseWithAge) {
  const BandArray r = WorkforceParameters{}.retirement_rate;
  for (int b = 0; b < 5; ++b) EXPECT_LE(r[b], 0.01) << kAgeBandKeys[b];
  for (int b = 1; b < kAgeBands; ++b) EXPECT_GE(r[b], r[b - 1]) << kAgeBandKeys[b];
  EXPECT_GE(r[8], 0.25);
  EXPECT_LE(r[8], 0.35);
}

// Fact: choice entries list the strings the parser accepts, in enum / band order.
TEST(ParameterRegistry, ChoicesFollowEnumAndBandOrder) {
  const auto* target = find_parameter_spec("funding.target");
  ASSERT_NE(target, nullptr);
  ASSERT_EQ(target->choices.size(), 4u);
  EXPECT_EQ(target->choices[static_cast<int>(LevellingTarget::Percentile)], "percentile");
  EXPECT_EQ(target->choices[static_cast<int>(LevellingTarget::Pounds)], "pounds");
  const auto* entry = find_parameter_spec("workforce.entry_band");
  ASSERT_NE(entry, nullptr);
  ASSERT_EQ(entry->choices.size(), static_cast<std::size_t>(kAgeBands));
  EXPECT_EQ(entry->choices[1], "30_34");
  EXPECT_EQ(entry->get(ModelParameters{}, 0), 1.0);
}

}  // namespace
}  // namespace pcsim::model

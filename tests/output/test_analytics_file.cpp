// The planner analytics in a results file: what the writers store under
// /options/<o>/drivers, /comparison/evppi and /sensitivity/<o>/sobol_by_year reads back
// unchanged; inconsistent shapes are refused; the risk table is the hand-computed mean and
// share of the per-iteration overspend; the printers show and export what is stored.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>

#include "core/errors.hpp"
#include "output/analytics_printer.hpp"
#include "output/analytics_reader.hpp"
#include "output/results_writer.hpp"
#include "output/risk_printer.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using testing::kIterations;
using testing::kYears;

// Two drivers; a table whose values are distinct and predictable: 100 r + c (+ 0.5 alone).
DriverTable driver_table(const std::string& name, bool per_year, bool se) {
  DriverTable t;
  t.name = name;
  t.unit = per_year ? "appointments" : "GBP";
  t.per_year = per_year;
  t.columns = per_year ? kYears : 1;
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < t.columns; ++c) t.waterfall.push_back(100.0 * r + c);
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < t.columns; ++c) t.alone.push_back(100.0 * r + c + 0.5);
  if (se) {
    t.waterfall_se.assign(t.waterfall.size(), 1.25);
    t.alone_se.assign(t.alone.size(), 2.5);
  }
  return t;
}

RunResults with_analytics(bool se) {
  RunResults r = testing::sample_results();
  DriverResults d;
  d.drivers = {"population_growth", "levelling_up"};
  d.labels = {"population growth", "levelling up"};
  d.switches = {"population.list_growth = 0", "funding.levelling_up = false"};
  d.inactive = {"prescribing_kpi"};
  d.evaluation = se ? "stochastic" : "central";
  d.iterations = se ? 4 : 1;
  for (const auto& option : r.options) {
    OptionDrivers o;
    o.option = option.name;
    o.change = {driver_table("appointments_gap", true, se), driver_table("npv", false, se)};
    if (option.name != "baseline") o.vs_baseline = {driver_table("appointments_gap", true, se)};
    d.options.push_back(o);
  }
  r.analytics.drivers = d;
  EvppiResults e;
  e.options = {"baseline", "invest"};
  e.iterations_used = kIterations;
  e.evpi = 1234.5;
  e.groups = {
      {"population.list_growth", {"population.list_growth"}, "P-spline", 100.0, 7.0, {0.4}, {3.5}},
      {"all",
       {"population.list_growth", "finance.discount_rate"},
       "tensor",
       200.0,
       9.0,
       {0.6},
       {8.0}}};
  r.analytics.evppi = e;
  RunSobol s;
  s.rows = 64;
  s.bootstrap = 10;
  OptionSobol o;
  o.option = "invest";
  o.parameters = {"a.one", "a.two"};
  SobolByYearTable t;
  t.name = "appointments_gap";
  t.unit = "appointments";
  t.columns = kYears;
  for (int i = 0; i < 2 * kYears * 6; ++i) t.indices.push_back(i / 100.0);
  t.variance = {1, 2, 3};
  t.rows_used = {64, 63, 62};
  o.outputs.push_back(t);
  s.options.push_back(o);
  r.analytics.sobol = s;
  return r;
}

TEST(AnalyticsFile, WhatIsWrittenReadsBack) {
  for (const bool se : {false, true}) {
    testing::TempDir dir;
    const auto path = dir.path() / "r.h5";
    const RunResults written = with_analytics(se);
    write_results(path, false, written, testing::sample_provenance());
    const AnalyticsFile file = read_analytics(path);
    EXPECT_EQ(file.years, written.year_labels);
    ASSERT_TRUE(file.analytics.drivers);
    const DriverResults& d = *file.analytics.drivers;
    const DriverResults& w = *written.analytics.drivers;
    EXPECT_EQ(d.drivers, w.drivers);
    EXPECT_EQ(d.labels, w.labels);
    EXPECT_EQ(d.switches, w.switches);
    EXPECT_EQ(d.inactive, w.inactive);
    EXPECT_EQ(d.evaluation, w.evaluation);
    EXPECT_EQ(d.iterations, w.iterations);
    ASSERT_EQ(d.options.size(), 2u);
    for (std::size_t o = 0; o < 2; ++o) {
      ASSERT_EQ(d.options[o].change.size(), 2u);
      EXPECT_EQ(d.options[o].vs_baseline.size(), o == 0 ? 0u : 1u);
      for (std::size_t q = 0; q < 2; ++q) {
        const auto& a = d.options[o].change[q];
        const auto& b = w.options[o].change[q];
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.unit, b.unit);
        EXPECT_EQ(a.per_year, b.per_year);
        EXPECT_EQ(a.columns, b.columns);
        EXPECT_EQ(a.waterfall, b.waterfall);
        EXPECT_EQ(a.alone, b.alone);
        EXPECT_EQ(a.waterfall_se, b.waterfall_se);
        EXPECT_EQ(a.alone_se, b.alone_se);
      }
    }
    ASSERT_TRUE(file.analytics.evppi);
    const EvppiResults& e = *file.analytics.evppi;
    EXPECT_EQ(e.options, written.analytics.evppi->options);
    EXPECT_EQ(e.evpi, 1234.5);
    ASSERT_EQ(e.groups.size(), 2u);
    EXPECT_EQ(e.groups[1].parameters,
              (std::vector<std::string>{"population.list_growth", "finance.discount_rate"}));
    EXPECT_EQ(e.groups[1].evppi, 200.0);
    EXPECT_EQ(e.groups[1].se, 9.0);
    EXPECT_EQ(e.groups[1].r_squared, std::vector<double>{0.6});
    EXPECT_EQ(e.groups[0].edf, std::vector<double>{3.5});
    EXPECT_EQ(e.groups[0].method, "P-spline");
    ASSERT_TRUE(file.analytics.sobol);
    ASSERT_EQ(file.analytics.sobol->options.size(), 1u);
    const OptionSobol& s = file.analytics.sobol->options.front();
    EXPECT_EQ(s.option, "invest");
    EXPECT_EQ(s.parameters, (std::vector<std::string>{"a.one", "a.two"}));
    ASSERT_EQ(s.outputs.size(), 1u);
    EXPECT_EQ(s.outputs[0].indices, written.analytics.sobol->options[0].outputs[0].indices);
    EXPECT_EQ(s.outputs[0].variance, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(s.outputs[0].rows_used, (std::vector<std::int64_t>{64, 63, 62}));
    EXPECT_EQ(file.analytics.sobol->rows, 64);
  }
}

TEST(AnalyticsFile, InconsistentShapesAreRefused) {
  testing::TempDir dir;
  RunResults r = with_analytics(false);
  r.analytics.drivers->options[1].change[0].waterfall.pop_back();
  EXPECT_THROW(write_results(dir.path() / "r.h5", false, r, testing::sample_provenance()),
               OutputError);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "r.h5"));
  RunResults s = with_analytics(false);
  s.analytics.sobol->options[0].outputs[0].variance.pop_back();
  EXPECT_THROW(write_results(dir.path() / "s.h5", false, s, testing::sample_provenance()),
               OutputError);
}

TEST(AnalyticsFile, AFileWithoutAnalyticsHasNone) {
  testing::TempDir dir;
  write_results(dir.path() / "r.h5", false, testing::sample_results(),
                testing::sample_provenance());
  const AnalyticsFile file = read_analytics(dir.path() / "r.h5");
  EXPECT_FALSE(file.analytics.drivers);
  EXPECT_FALSE(file.analytics.evppi);
  EXPECT_FALSE(file.analytics.sobol);
  std::ostringstream out, note;
  print_drivers(file, out, false, note);
  EXPECT_NE(out.str().find("pcsim run --drivers"), std::string::npos);
  EXPECT_EQ(note.str(), "");
  // As CSV (the audit: an empty file, which pandas cannot read): each section's header
  // alone, the note on the other stream.
  std::ostringstream drivers, evppi, sobol, notes;
  print_drivers(file, drivers, true, notes);
  print_evppi(file, evppi, true, notes);
  print_sobol_by_year(file, sobol, true, notes);
  EXPECT_EQ(drivers.str(), "option,comparison,output,unit,row,year,value,se\n");
  EXPECT_EQ(evppi.str(), "group,parameters,evppi,se,method\n");
  EXPECT_EQ(sobol.str(), "option,output,parameter,year,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi\n");
  EXPECT_NE(notes.str().find("pcsim: No change by driver in this file: run with pcsim run "
                             "--drivers."),
            std::string::npos)
      << notes.str();
  EXPECT_NE(notes.str().find("pcsim: No EVPPI"), std::string::npos);
  EXPECT_NE(notes.str().find("pcsim: No Sobol indices"), std::string::npos);
}

// Overspend by hand: iteration i, year y: amount = 1000 i (y + 1) for odd i, else 0; the
// commissioner bears 30% of it, NHS England the rest. P(overspend) = 2/5 (i = 1, 3),
// E[amount] in year y = 1000 (y + 1) (1 + 3) / 5.
TEST(Risk, MeansAndSharesByHand) {
  RunResults r = testing::sample_results();
  for (auto& option : r.options) {
    option.metric_names.insert(
        option.metric_names.end(),
        {"overspend_amount", "overspend_commissioner", "overspend_nhs_england"});
    option.metric_units.insert(option.metric_units.end(), {"GBP", "GBP", "GBP"});
    std::vector<double> amount, commissioner, nhse;
    for (int i = 0; i < kIterations; ++i)
      for (int y = 0; y < kYears; ++y) {
        const double a = i % 2 == 1 ? 1000.0 * i * (y + 1) : 0.0;
        amount.push_back(a);
        commissioner.push_back(0.3 * a);
        nhse.push_back(a - 0.3 * a);
      }
    option.by_year.insert(option.by_year.end(), {amount, commissioner, nhse});
  }
  testing::TempDir dir;
  write_results(dir.path() / "r.h5", false, r, testing::sample_provenance());
  const RiskSummary risk = read_risk(dir.path() / "r.h5");
  ASSERT_EQ(risk.options.size(), 2u);
  for (int y = 0; y < kYears; ++y) {
    const RiskYear& v = risk.options[1].years[static_cast<std::size_t>(y)];
    EXPECT_DOUBLE_EQ(v.p_overspend, 0.4);
    EXPECT_DOUBLE_EQ(v.expected_overspend, 1000.0 * (y + 1) * 4 / 5);
    EXPECT_NEAR(v.expected_commissioner, 0.3 * 1000.0 * (y + 1) * 4 / 5, 1e-9);
    EXPECT_DOUBLE_EQ(v.p_commissioner, 0.4);
    EXPECT_NEAR(v.expected_nhs_england, 0.7 * 1000.0 * (y + 1) * 4 / 5, 1e-9);
    EXPECT_DOUBLE_EQ(v.p_nhs_england, 0.4);
  }
  std::ostringstream text, csv;
  print_risk(risk, text, false);
  print_risk(risk, csv, true);
  EXPECT_NE(text.str().find("£2,400"), std::string::npos);  // year 3: 3000 x 4 / 5
  EXPECT_NE(text.str().find("40.0%"), std::string::npos);
  EXPECT_NE(csv.str().find("invest,2019/20,0.4,2400,720,0.4,1680,0.4"), std::string::npos)
      << csv.str();
}

TEST(AnalyticsPrinter, DriversTextAndCsv) {
  testing::TempDir dir;
  write_results(dir.path() / "r.h5", false, with_analytics(true), testing::sample_provenance());
  const AnalyticsFile file = read_analytics(dir.path() / "r.h5");
  std::ostringstream text, csv, note;
  print_drivers(file, text, false, note);
  print_drivers(file, csv, true, note);
  EXPECT_NE(text.str().find("start: every driver off (base year)"), std::string::npos);
  EXPECT_NE(text.str().find("levelling up"), std::string::npos);
  EXPECT_NE(text.str().find("mean of 4 iterations"), std::string::npos);
  EXPECT_NE(text.str().find("on in no option, so 0 throughout: prescribing_kpi"),
            std::string::npos);
  // Header + per option: change (3 years x 7 rows + 1 x 7 rows) and, for 'invest', vs_baseline (3 x
  // 7).
  std::size_t lines = 0;
  for (const char c : csv.str()) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, 1u + 2 * (21 + 7) + 21);
  EXPECT_NE(csv.str().find(
                "invest,vs_baseline,appointments_gap,appointments,levelling_up,2018/19,201,1.25"),
            std::string::npos);
  std::ostringstream evppi;
  print_evppi(file, evppi, true, note);
  EXPECT_EQ(note.str(), "");
  EXPECT_NE(
      evppi.str().find("all,population.list_growth; finance.discount_rate,200,9,tensor,0.6,8"),
      std::string::npos)
      << evppi.str();
}

}  // namespace
}  // namespace pcsim::output

// Sobol indices by year (runner/sobol_by_year.hpp) against their closed form: with only
// list growth g ~ U(0, 0.02) and consultation growth h ~ U(0, 0.03) uncertain, the
// central case's demand in year t is K_t (1 + g)^t (1 + h)^t, a product of independent
// factors, whose first-order indices are
//   S_g = Var(f) E[k]^2 / V,  S_h = Var(k) E[f]^2 / V,  V = E[f^2] E[k^2] - E[f]^2 E[k]^2,
// f = (1 + g)^t, k = (1 + h)^t, and total indices S_Tg = 1 - S_h, S_Th = 1 - S_g; the list
// (K (1 + g)^t) is all list growth's. Every year is estimated from one design.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "model/metrics.hpp"
#include "runner/sobol_by_year.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

// E[(1 + x)^p] for x ~ U(a, b).
double power_mean(double a, double b, double p) {
  return (std::pow(1 + b, p + 1) - std::pow(1 + a, p + 1)) / ((p + 1) * (b - a));
}

scenarios::Scenario two_growths() {
  scenarios::Scenario s = fixtures::synthetic();
  auto& option = s.options.front();
  std::erase_if(option.parameters, [](const scenarios::ParameterEntry& e) {
    return !e.distribution.is_fixed() && e.path != "population.list_growth";
  });
  for (auto& e : option.parameters) {
    if (e.path == "population.list_growth")
      e.distribution = model::Distribution::uniform(0.0, 0.02);
    if (e.path == "population.consultation_growth")
      e.distribution = model::Distribution::uniform(0.0, 0.03);
  }
  return s;
}

const output::SobolByYearTable& table(const output::OptionSobol& s, std::string_view name) {
  for (const auto& t : s.outputs)
    if (t.name == name) return t;
  throw std::runtime_error("no output");
}

TEST(SobolByYear, ProductOfGrowthsMatchesItsClosedFormEveryYear) {
  const scenarios::Scenario s = two_growths();
  SobolByYearSettings settings;
  settings.seed = 3;
  settings.rows = 4096;
  settings.bootstrap = 100;
  settings.threads = 2;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  progress.start(sobol_runs(s.options.front(), settings.rows));
  const output::OptionSobol result = sobol_by_year(s, 0, settings, progress);
  ASSERT_EQ(result.parameters,
            (std::vector<std::string>{"population.consultation_growth", "population.list_growth"}));
  const auto& demand = table(result, "appointments_demand");
  const auto& list = table(result, "list_size");
  ASSERT_EQ(demand.columns, 5u);
  for (std::size_t c = 0; c < demand.columns; ++c) {
    const double t = static_cast<double>(c + 1);
    const double ef = power_mean(0, 0.02, t), ef2 = power_mean(0, 0.02, 2 * t);
    const double ek = power_mean(0, 0.03, t), ek2 = power_mean(0, 0.03, 2 * t);
    const double v = ef2 * ek2 - ef * ef * ek * ek;
    const double s_g = (ef2 - ef * ef) * ek * ek / v, s_h = (ek2 - ek * ek) * ef * ef / v;
    const auto at = [&](const output::SobolByYearTable& x, std::size_t p, std::size_t k) {
      return x.indices[(p * x.columns + c) * 6 + k];
    };
    // Rows: consultation growth (h) first, list growth (g) second.
    EXPECT_NEAR(at(demand, 1, 0), s_g, 0.05) << "S1 list growth, year " << t;
    EXPECT_NEAR(at(demand, 0, 0), s_h, 0.05) << "S1 consultation growth, year " << t;
    EXPECT_NEAR(at(demand, 1, 3), 1 - s_h, 0.05) << "ST list growth, year " << t;
    EXPECT_NEAR(at(demand, 0, 3), 1 - s_g, 0.05) << "ST consultation growth, year " << t;
    // The interval brackets the estimate.
    EXPECT_LE(at(demand, 1, 1), at(demand, 1, 0));
    EXPECT_GE(at(demand, 1, 2), at(demand, 1, 0));
    EXPECT_NEAR(at(list, 1, 0), 1.0, 0.02);
    EXPECT_NEAR(at(list, 1, 3), 1.0, 0.02);
    EXPECT_NEAR(at(list, 0, 3), 0.0, 0.02);
    EXPECT_EQ(demand.rows_used[c], 4096);
    EXPECT_GT(demand.variance[c], 0.0);
  }
  EXPECT_EQ(progress.done(), 4096 * 4);
  // The scalars have one column.
  EXPECT_EQ(table(result, "npv").columns, 1u);
}

TEST(SobolByYear, RunSobolCoversOptionsWithUncertainty) {
  scenarios::Scenario s = two_growths();
  scenarios::OptionSpec fixed = s.options.front();
  fixed.name = "all fixed";
  std::erase_if(fixed.parameters, [](const auto& e) { return !e.distribution.is_fixed(); });
  s.options.push_back(fixed);
  SobolByYearSettings settings;
  settings.rows = 8;
  settings.bootstrap = 0;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  const output::RunSobol r = run_sobol(s, settings, progress);
  ASSERT_EQ(r.options.size(), 1u);  // the option without uncertainty has nothing to share out
  EXPECT_EQ(r.options.front().option, s.options.front().name);
  EXPECT_TRUE(std::isnan(r.options.front().outputs.front().indices[1]));  // no bootstrap
  settings.rows = 0;
  EXPECT_THROW(run_sobol(s, settings, progress), InputError);
}

}  // namespace
}  // namespace pcsim::runner

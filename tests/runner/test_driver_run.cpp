// The change by driver (runner/driver_run.hpp) on the synthetic scenario: the parts add
// up to the total for every metric, year and option; with every driver off the model
// stands still at its base year; a driver that is on in no option gets exactly 0 and the
// one driver left on gets the whole change; the split of demand between population growth
// and consultation growth matches its closed form; the stochastic split averages the very
// iterations `pcsim run` draws and does not depend on the thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "model/additional_roles.hpp"
#include "model/metrics.hpp"
#include "model/practice_capacity.hpp"
#include "model/workforce.hpp"
#include "runner/driver_run.hpp"
#include "runner/drivers.hpp"
#include "runner/run_engine.hpp"
#include "runner/sensitivity_run.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

using fixtures::synthetic;

// Sets a fixed value in an option: its central parameters and its scenario entry (which
// the stochastic draws read).
void set_fixed(scenarios::OptionSpec& option, std::string_view path, double value) {
  const model::ParameterSpec* spec = model::find_parameter_spec(path);
  ASSERT_NE(spec, nullptr) << path;
  spec->set(option.central, 0, value);
  for (auto& entry : option.parameters) {
    if (entry.path == path) entry.distribution = model::Distribution::fixed(value);
  }
}

// The synthetic baseline and a second option without levelling up and EUR.
scenarios::Scenario two_options() {
  scenarios::Scenario s = synthetic();
  scenarios::OptionSpec option = s.options.front();
  option.name = "no levelling, no EUR";
  set_fixed(option, "funding.levelling_up", 0);
  set_fixed(option, "savings.eur", 0);
  s.options.push_back(option);
  return s;
}

// The scenario with every catalogue driver but `keep` switched off in every option (their
// uncertain entries dropped, so the draws cannot switch them back on).
scenarios::Scenario only_drivers(std::vector<std::string_view> keep) {
  scenarios::Scenario s = synthetic();
  for (auto& option : s.options) {
    for (const Driver& d : driver_catalogue()) {
      if (std::find(keep.begin(), keep.end(), d.name) != keep.end()) continue;
      switch_off(d, option.central);
      std::erase_if(option.parameters,
                    [&](const scenarios::ParameterEntry& e) { return driver_covers(d, e.path); });
    }
  }
  return s;
}

std::vector<const Driver*> all_drivers() {
  std::vector<const Driver*> all;
  for (const Driver& d : driver_catalogue()) all.push_back(&d);
  return all;
}

output::DriverResults split(const scenarios::Scenario& s, std::int64_t iterations = 0,
                            int threads = 2, const std::vector<const Driver*>* drivers = nullptr) {
  DriverSettings settings;
  settings.seed = 99;
  settings.iterations = iterations;
  settings.run_iterations = std::max<std::int64_t>(iterations, 1);
  settings.threads = threads;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return drivers ? run_drivers(s, settings, *drivers, progress)
                 : run_drivers(s, settings, progress);
}

const output::DriverTable& table(const std::vector<output::DriverTable>& tables,
                                 std::string_view name) {
  for (const auto& t : tables) {
    if (t.name == name) return t;
  }
  throw std::runtime_error("no table " + std::string(name));
}

// start + the Shapley values = end, and end - start - sum(alone) = interaction, in every
// column of every table.
void expect_parts_add_up(const std::vector<output::DriverTable>& tables, std::size_t k) {
  for (const auto& t : tables) {
    for (std::size_t c = 0; c < t.columns; ++c) {
      const double start = t.waterfall[c], end = t.waterfall[(k + 1) * t.columns + c];
      if (std::isnan(start) || std::isnan(end)) continue;
      double sum = start, alone = 0;
      for (std::size_t j = 0; j < k; ++j) {
        sum += t.waterfall[(1 + j) * t.columns + c];
        alone += t.alone[j * t.columns + c];
      }
      const double scale = 1e-9 * (1 + std::abs(start) + std::abs(end));
      EXPECT_NEAR(sum, end, scale) << t.name << " column " << c;
      EXPECT_NEAR(end - start - alone, t.alone[k * t.columns + c], scale) << t.name;
    }
  }
}

output::RunResults central_run(const scenarios::Scenario& s) {
  RunSettings settings;
  settings.central = true;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_scenario(s, settings, progress);
}

TEST(DriverRun, PartsAddUpAndTheEndIsTheCentralRun) {
  const scenarios::Scenario s = two_options();
  const output::DriverResults r = split(s);
  const std::size_t k = r.drivers.size();
  EXPECT_EQ(r.evaluation, "central");
  ASSERT_EQ(r.options.size(), 2u);
  EXPECT_EQ(k + r.inactive.size(), driver_catalogue().size());
  const output::RunResults run = central_run(s);
  const std::size_t years = run.year_labels.size();
  for (std::size_t o = 0; o < 2; ++o) {
    expect_parts_add_up(r.options[o].change, k);
    for (std::size_t m = 0; m < model::kMetricCount; ++m) {
      const auto& t = r.options[o].change[m];
      ASSERT_EQ(t.name, model::kMetricNames[m]);
      for (std::size_t y = 0; y < years; ++y) {
        const double want = run.options[o].by_year[m][y];
        const double got = t.waterfall[(k + 1) * years + y];
        EXPECT_TRUE(got == want || (std::isnan(got) && std::isnan(want))) << t.name << y;
      }
    }
    const auto& npv = table(r.options[o].change, "npv");
    EXPECT_EQ(npv.waterfall[k + 1], run.options[o].scalars[0][0]);
  }
  EXPECT_TRUE(r.options[0].vs_baseline.empty());
  expect_parts_add_up(r.options[1].vs_baseline, k);
  const auto& gap = table(r.options[1].vs_baseline, "appointments_gap");
  const auto m = model::index(model::Metric::AppointmentsGap);
  for (std::size_t y = 0; y < years; ++y) {
    EXPECT_NEAR(gap.waterfall[(k + 1) * years + y],
                run.options[1].by_year[m][y] - run.options[0].by_year[m][y], 1e-6);
    // Every driver off, the two options are the same model (neither levers nor the
    // running cost touch the gap).
    EXPECT_EQ(gap.waterfall[y], 0.0);
  }
}

// gap(p,0): one practice's unmet demand (GP and other) in year 0 with no levers: its file
// list, GP headcount and role FTE, the additional roles in post in year 0.
double year0_gap(const model::ModelParameters& m, double list, double weighted, double gps,
                 std::span<const double> role_fte) {
  const model::DemandSplit demand = model::split_demand(m.population, list, 0);
  double roles = 0;
  for (std::size_t r = 0; r < m.roles.size() && r < role_fte.size(); ++r)
    roles += model::role_capacity(m.roles[r], role_fte[r]);
  const double density = model::additional_roles_density(m.additional_roles, m.start_year, 0);
  return model::practice_capacity(m, demand, model::gp_fte(m.workforce, gps, 0), roles,
                                  model::additional_roles_fte(density, weighted), 0.0, 1.0, 0.0)
      .unmet.gap();
}

// With every driver off nothing moves: list, GPs and unmet demand stay at their year-0
// values, and the net cost is the running cost of delegation in year-t cash.
TEST(DriverRun, EveryDriverOffHoldsTheBaseYear) {
  const scenarios::Scenario& s = synthetic();
  const output::DriverResults r = split(s);
  const auto& option = s.options.front();
  const model::ModelParameters p = central_parameters(option);
  double list = 0, gps = 0, gap = 0;
  for (const auto& practice : s.practices.practices) {
    list += practice.registered_patients;
    for (double n : practice.gp_headcount) gps += n;
    gap += year0_gap(
        p, practice.registered_patients, practice.weighted_patients,
        [&] {
          double h = 0;
          for (double n : practice.gp_headcount) h += n;
          return h;
        }(),
        practice.role_fte);
  }
  const auto& change = r.options.front().change;
  const std::size_t years = static_cast<std::size_t>(p.horizon_years);
  for (std::size_t y = 0; y < years; ++y) {
    EXPECT_NEAR(table(change, "list_size").waterfall[y], list, 1e-6) << y;
    EXPECT_NEAR(table(change, "gp_headcount").waterfall[y], gps, 1e-9) << y;
    EXPECT_NEAR(table(change, "appointments_gap").waterfall[y], gap, 1e-6 * gap) << y;
    // No lever acts, so the levers avoid no A&E attendance.
    EXPECT_EQ(table(change, "urgent_care_savings").waterfall[y], 0.0) << y;
    const double cash = p.funding.running_cost * std::pow(1 + p.funding.inflation, y + 1.0);
    EXPECT_NEAR(table(change, "net_cost").waterfall[y], cash, 1e-6) << y;
  }
  EXPECT_GT(gap, 0.0);
}

// Only population growth on: given the whole catalogue, the nine drivers that are off get
// exactly 0 and population growth the whole change; the pruned run agrees.
TEST(DriverRun, OneDriverOnTakesTheWholeChange) {
  const scenarios::Scenario s = only_drivers({"population_growth"});
  const auto all = all_drivers();
  const output::DriverResults full = split(s, 0, 2, &all);
  const output::DriverResults pruned = split(s);
  ASSERT_EQ(pruned.drivers, std::vector<std::string>{"population_growth"});
  const std::size_t k = all.size();
  const std::size_t pop = 0;
  ASSERT_EQ(full.drivers[pop], "population_growth");
  for (std::size_t q = 0; q < full.options[0].change.size(); ++q) {
    const auto& t = full.options[0].change[q];
    const auto& u = pruned.options[0].change[q];
    for (std::size_t c = 0; c < t.columns; ++c) {
      const double start = t.waterfall[c], end = t.waterfall[(k + 1) * t.columns + c];
      if (std::isnan(end - start)) continue;
      for (std::size_t j = 0; j < k; ++j) {
        if (j == pop) continue;
        EXPECT_EQ(t.waterfall[(1 + j) * t.columns + c], 0.0) << t.name << " " << full.drivers[j];
      }
      EXPECT_NEAR(t.waterfall[(1 + pop) * t.columns + c], end - start, 1e-9 * (1 + std::abs(end)))
          << t.name;
      EXPECT_NEAR(u.waterfall[t.columns + c], end - start, 1e-9 * (1 + std::abs(end))) << t.name;
    }
  }
}

// Demand D(t) = sum L(p,0) c (1 + g)^t (1 + h)^t with only list growth g and consultation
// growth h on: population growth's share is D0 ((1+g)^t - 1)(1 + (1+h)^t) / 2, the
// consultation rate's D0 ((1+h)^t - 1)(1 + (1+g)^t) / 2.
TEST(DriverRun, DemandSplitsAsItsClosedForm) {
  const scenarios::Scenario s = only_drivers({"population_growth", "consultation_rate"});
  const output::DriverResults r = split(s);
  ASSERT_EQ(r.drivers, (std::vector<std::string>{"population_growth", "consultation_rate"}));
  const model::ModelParameters p = central_parameters(s.options.front());
  double list = 0;
  for (const auto& practice : s.practices.practices) list += practice.registered_patients;
  const double d0 = list * p.population.consultations_per_patient;
  const double g = p.population.list_growth, h = p.population.consultation_growth;
  const auto& demand = table(r.options.front().change, "appointments_demand");
  const auto& lists = table(r.options.front().change, "list_size");
  const std::size_t years = demand.columns;
  for (std::size_t y = 0; y < years; ++y) {
    const double t = static_cast<double>(y + 1);
    const double a = std::pow(1 + g, t), b = std::pow(1 + h, t);
    EXPECT_NEAR(demand.waterfall[years + y], d0 * (a - 1) * (1 + b) / 2, 1e-6 * d0) << y;
    EXPECT_NEAR(demand.waterfall[2 * years + y], d0 * (b - 1) * (1 + a) / 2, 1e-6 * d0) << y;
    EXPECT_NEAR(demand.alone[2 * years + y], d0 * (a - 1) * (b - 1), 1e-6 * d0) << y;
    EXPECT_NEAR(lists.waterfall[years + y], list * (a - 1), 1e-6 * list) << y;
    EXPECT_EQ(lists.waterfall[2 * years + y], 0.0) << y;
  }
}

// Stochastic: the end row is the mean of the run's own iterations (the same draws and
// events), the parts add up in every iteration and so on average, and the result is the
// same on one thread and two.
TEST(DriverRun, StochasticAveragesTheRunsIterations) {
  const scenarios::Scenario s =
      only_drivers({"population_growth", "gp_workforce", "levelling_up", "referral_policies"});
  const std::int64_t n = 5;
  const output::DriverResults one = split(s, n, 1);
  const output::DriverResults two = split(s, n, 2);
  EXPECT_EQ(one.evaluation, "stochastic");
  EXPECT_EQ(one.iterations, n);
  const std::size_t k = one.drivers.size();
  ASSERT_EQ(k, 4u);
  RunSettings settings;
  settings.seed = 99;
  settings.iterations = n;
  settings.threads = 1;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  const output::RunResults run = run_scenario(s, settings, progress);
  const std::size_t years = run.year_labels.size();
  expect_parts_add_up(one.options[0].change, k);
  for (std::size_t m = 0; m < model::kMetricCount; ++m) {
    const auto& t = one.options[0].change[m];
    const auto& u = two.options[0].change[m];
    for (std::size_t i = 0; i < t.waterfall.size(); ++i) {
      EXPECT_TRUE(t.waterfall[i] == u.waterfall[i] ||
                  (std::isnan(t.waterfall[i]) && std::isnan(u.waterfall[i])));
    }
    ASSERT_EQ(t.waterfall_se.size(), t.waterfall.size());
    for (std::size_t y = 0; y < years; ++y) {
      double mean = 0;
      for (std::int64_t i = 0; i < n; ++i)
        mean += run.options[0].by_year[m][static_cast<std::size_t>(i) * years + y];
      mean /= static_cast<double>(n);
      const double got = t.waterfall[(k + 1) * years + y];
      if (std::isnan(mean)) continue;
      EXPECT_NEAR(got, mean, 1e-9 * (1 + std::abs(mean))) << t.name << " " << y;
      // The end row's standard error: the iterations' sd (two-pass, here) over sqrt(n);
      // exactly 0 for a figure the same in every iteration (baseline_spend), which a
      // one-pass sum of squares lost to cancellation (0.04 on £7.2m).
      double squares = 0;
      for (std::int64_t i = 0; i < n; ++i) {
        const double d = run.options[0].by_year[m][static_cast<std::size_t>(i) * years + y] - mean;
        squares += d * d;
      }
      const double want = std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
      const double se = t.waterfall_se[(k + 1) * years + y];
      if (want == 0) {
        EXPECT_EQ(se, 0.0) << t.name << " " << y;
      } else {
        EXPECT_NEAR(se, want, 1e-9 * want + 1e-12 * (1 + std::abs(mean))) << t.name << " " << y;
      }
    }
  }
}

// docs/model.md lists every driver with exactly the overrides that switch it off.
TEST(DriverRun, DocsListEveryDriverAndItsSwitches) {
  std::ifstream in(std::filesystem::path(PCSIM_SOURCE_DIR) / "docs/model.md");
  std::stringstream text;
  text << in.rdbuf();
  for (const Driver& d : driver_catalogue()) {
    const std::string row = "| `" + std::string(d.name) + "` | " + std::string(d.label) + " | `" +
                            switches_text(d) + "` |";
    EXPECT_NE(text.str().find(row), std::string::npos) << row;
  }
}

}  // namespace
}  // namespace pcsim::runner

// The sampling plan (runner/sampling_plan.hpp): plain sampling as before, Latin hypercube
// strata, Iman-Conover rank correlation with unchanged marginals, the variance reduction
// of LHS, and results that do not depend on the thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "model/parameter_registry.hpp"
#include "random/philox_events.hpp"
#include "runner/parameter_draws.hpp"
#include "runner/run_engine.hpp"
#include "runner/sampling_plan.hpp"
#include "same_bytes.hpp"
#include "scenarios/practice_loader.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
// The keyed random streams (random/philox_events.hpp).
using namespace pcsim::random;
namespace {

using scenarios::SamplingMethod;
using scenarios::SamplingSpec;

constexpr std::uint64_t kSeed = 977;
const std::vector<std::string> kPaths = {"capacity.ae_cost", "population.gp_share",
                                         "population.list_growth"};

SamplingSpec spec_of(SamplingMethod method, std::vector<std::string> correlated = {},
                     std::vector<double> matrix = {}) {
  SamplingSpec spec;
  spec.method = method;
  spec.correlated_paths = std::move(correlated);
  spec.target_matrix = std::move(matrix);
  return spec;
}

std::vector<double> copy_of(std::span<const double> column) {
  return {column.begin(), column.end()};
}

// Spearman's rank correlation, computed here from scratch: the Pearson correlation of the
// ranks (no ties among continuous uniforms).
double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  auto ranks = [](const std::vector<double>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return v[a] < v[b]; });
    std::vector<double> r(v.size());
    for (std::size_t k = 0; k < order.size(); ++k) r[order[k]] = static_cast<double>(k);
    return r;
  };
  const auto rx = ranks(x), ry = ranks(y);
  const double n = static_cast<double>(x.size()), mean = (n - 1) / 2;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t k = 0; k < x.size(); ++k) {
    sxy += (rx[k] - mean) * (ry[k] - mean);
    sxx += (rx[k] - mean) * (rx[k] - mean);
    syy += (ry[k] - mean) * (ry[k] - mean);
  }
  return sxy / std::sqrt(sxx * syy);
}

// method = "random" without correlations is plain sampling: every uniform is
// parameter_uniform(seed, i, path) bit for bit, and nothing is stored.
TEST(SamplingPlan, RandomMethodReproducesParameterUniform) {
  const SamplingPlan plan(spec_of(SamplingMethod::Random), kPaths, kSeed, 500);
  for (const auto& path : kPaths) {
    EXPECT_TRUE(plan.column(path).empty()) << path;
    for (std::int64_t i = 0; i < 500; ++i)
      ASSERT_EQ(plan.uniform(i, path),
                parameter_uniform(kSeed, static_cast<std::uint32_t>(i), path));
  }
  // ParameterDraws built from that plan draw what the seed-only constructor draws.
  scenarios::OptionSpec option;
  scenarios::ParameterEntry entry;
  entry.path = "population.gp_share";
  entry.spec = model::find_parameter_spec(entry.path);
  entry.distribution = model::Distribution::uniform(0.4, 0.6);
  option.parameters.push_back(entry);
  ParameterDraws from_plan(option, plan, false, 50), from_seed(option, kSeed, false, 50);
  model::ModelParameters a, b;
  for (std::int64_t i = 0; i < 50; ++i) {
    from_plan.draw(i, a);
    from_seed.draw(i, b);
    EXPECT_EQ(a.population.gp_share, b.population.gp_share);
  }
}

// Latin hypercube: each column holds exactly one value in each stratum [k/N, (k+1)/N)
// (N = 1000, and N = 7 for a short run), every value inside (0, 1); the three columns
// are ordered differently (each has its own permutation).
TEST(SamplingPlan, LatinHypercubeHasOneValuePerStratum) {
  for (std::int64_t n : {1000, 7}) {
    const SamplingPlan plan(spec_of(SamplingMethod::LatinHypercube), kPaths, kSeed, n);
    for (const auto& path : kPaths) {
      const auto column = plan.column(path);
      ASSERT_EQ(column.size(), static_cast<std::size_t>(n));
      std::vector<int> per_stratum(static_cast<std::size_t>(n), 0);
      for (double u : column) {
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
        ++per_stratum[static_cast<std::size_t>(std::floor(u * static_cast<double>(n)))];
      }
      for (int count : per_stratum) EXPECT_EQ(count, 1) << path << " N=" << n;
    }
    EXPECT_NE(copy_of(plan.column(kPaths[0])), copy_of(plan.column(kPaths[1])));
  }
}

// A column depends on (seed, N, its own path) only: adding or removing another parameter
// leaves it unchanged, and another seed changes it.
TEST(SamplingPlan, LatinHypercubeColumnIsKeyedByPath) {
  const SamplingPlan all(spec_of(SamplingMethod::LatinHypercube), kPaths, kSeed, 300);
  const SamplingPlan one(spec_of(SamplingMethod::LatinHypercube), {"population.gp_share"}, kSeed,
                         300);
  const SamplingPlan other_seed(spec_of(SamplingMethod::LatinHypercube), kPaths, kSeed + 1, 300);
  EXPECT_EQ(copy_of(all.column("population.gp_share")), copy_of(one.column("population.gp_share")));
  EXPECT_NE(copy_of(all.column("population.gp_share")),
            copy_of(other_seed.column("population.gp_share")));
}

// Targets for three parameters; the matrix is positive definite (determinant
// 1 - 0.16 - 0.09 - 0.25 + 2 (0.4)(-0.3)(0.5) = 0.38, leading minors 1 and 0.84).
const std::vector<double> kTargets = {1.0,  0.4, -0.3,  //
                                      0.4,  1.0, 0.5,   //
                                      -0.3, 0.5, 1.0};

// Iman-Conover only reorders: each column's sorted values are identical before (the LHS
// column, or the plain parameter_uniform draws) and after (so marginals, and the LHS
// strata, are unchanged), for both methods. The first column keeps its order (T's first
// column is a multiple of S's: both Cholesky factors are triangular); the others move.
TEST(SamplingPlan, RankCorrelationKeepsEveryMarginal) {
  constexpr std::int64_t n = 2000;
  for (auto method : {SamplingMethod::LatinHypercube, SamplingMethod::Random}) {
    const SamplingPlan correlated(spec_of(method, kPaths, kTargets), kPaths, kSeed, n);
    for (const auto& path : kPaths) {
      std::vector<double> before;
      if (method == SamplingMethod::LatinHypercube) {
        before = latin_hypercube_column(kSeed, path, n);
      } else {
        for (std::int64_t i = 0; i < n; ++i)
          before.push_back(parameter_uniform(kSeed, static_cast<std::uint32_t>(i), path));
      }
      auto after = copy_of(correlated.column(path));
      ASSERT_EQ(after.size(), before.size());
      if (path != kPaths.front()) {
        EXPECT_NE(before, after) << path;  // reordered ...
      }
      std::sort(before.begin(), before.end());
      std::sort(after.begin(), after.end());
      EXPECT_EQ(before, after) << path;  // ... but the same values
    }
  }
}

// Achieved Spearman correlations are within 0.05 of the targets for N = 2000. The sampling
// error of a Spearman coefficient is about 1/sqrt(N - 1) = 0.022, so 0.05 is over 2 of
// those; Iman-Conover does better than independent sampling (the score correlation is
// corrected to exactly the target), so a miss means the method is wrong, not unlucky.
TEST(SamplingPlan, AchievedRankCorrelationsMatchTargets) {
  for (auto method : {SamplingMethod::LatinHypercube, SamplingMethod::Random}) {
    const SamplingPlan plan(spec_of(method, kPaths, kTargets), kPaths, kSeed, 2000);
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = i + 1; j < 3; ++j) {
        const double achieved =
            spearman(copy_of(plan.column(kPaths[i])), copy_of(plan.column(kPaths[j])));
        EXPECT_NEAR(achieved, kTargets[i * 3 + j], 0.05) << kPaths[i] << " ~ " << kPaths[j];
      }
  }
}

// A rank correlation of exactly 1 (a semi-definite target) puts the two columns in the
// same order: their ranks agree in every row.
TEST(SamplingPlan, RankCorrelationOfOneGivesTheSameOrder) {
  const std::vector<std::string> two = {"population.gp_share", "population.list_growth"};
  const SamplingPlan plan(spec_of(SamplingMethod::LatinHypercube, two, {1.0, 1.0, 1.0, 1.0}), two,
                          kSeed, 500);
  EXPECT_DOUBLE_EQ(spearman(copy_of(plan.column(two[0])), copy_of(plan.column(two[1]))), 1.0);
}

// LHS lowers the standard error of a Monte Carlo mean. Estimating E[U^2] = 1/3 with N = 100
// draws, over 200 independent seeds:
//   plain: Var = Var(U^2) / N = (1/5 - 1/9) / 100 = 8.889e-4;
//   LHS:   U = (k + V) / N in stratum k, Var((k + V)^2) = 4/45 + k^2/3 + k/3, so
//          Var = sum_k (4/45 + k^2/3 + k/3) / N^6 = (8.889 + 328350/3 + 4950/3) / 1e12
//              = 1.111e-7 (order 1/(9 N^3)).
// Asserted: LHS variance < 0.2 x plain variance (the bound; the theory says
// 1.25e-4 x), and each sample variance within 40% of its theory (the relative standard
// error of a variance over 200 near-normal estimates is sqrt(2/199) = 0.1: 4 of them).
TEST(SamplingPlan, LatinHypercubeLowersTheVarianceOfAMean) {
  constexpr std::int64_t n = 100;
  constexpr int seeds = 200;
  const std::string path = "population.gp_share";
  std::vector<double> plain_estimates, lhs_estimates;
  for (int s = 0; s < seeds; ++s) {
    const auto seed = static_cast<std::uint64_t>(1000 + s);
    const SamplingPlan plain(spec_of(SamplingMethod::Random), {path}, seed, n);
    const SamplingPlan lhs(spec_of(SamplingMethod::LatinHypercube), {path}, seed, n);
    double plain_sum = 0, lhs_sum = 0;
    for (std::int64_t i = 0; i < n; ++i) {
      plain_sum += std::pow(plain.uniform(i, path), 2);
      lhs_sum += std::pow(lhs.uniform(i, path), 2);
    }
    plain_estimates.push_back(plain_sum / n);
    lhs_estimates.push_back(lhs_sum / n);
  }
  auto variance = [](const std::vector<double>& v) {
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return ss / static_cast<double>(v.size() - 1);
  };
  const double plain_var = variance(plain_estimates), lhs_var = variance(lhs_estimates);
  EXPECT_LT(lhs_var, 0.2 * plain_var);
  EXPECT_NEAR(plain_var / 8.889e-4, 1.0, 0.4) << plain_var;
  EXPECT_NEAR(lhs_var / 1.111e-7, 1.0, 0.4) << lhs_var;
}

// The synthetic scenario with [sampling] lhs and one correlation, parsed from its text and
// with its practices loaded.
const scenarios::Scenario& synthetic_lhs() {
  static const scenarios::Scenario scenario = [] {
    const auto file = fixtures::shipped_scenario_path("synthetic.toml");
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf()
         << "\n[sampling]\nmethod = \"lhs\"\n[[sampling.correlations]]\n"
            "a = \"population.list_growth\"\nb = \"population.consultations_per_patient\"\n"
            "rank_correlation = 0.4\n";
    scenarios::Scenario s = scenarios::parse_scenario(text.str(), file);
    s.practices = scenarios::load_practices(s.practice_data, s.options[0].central.roles).practices;
    return s;
  }();
  return scenario;
}

output::RunResults run_with_threads(const scenarios::Scenario& scenario, int threads,
                                    std::int64_t n) {
  RunSettings settings;
  settings.seed = 31;
  settings.iterations = n;
  settings.threads = threads;
  std::ostringstream sink;
  Progress progress(ProgressStyle::Silent, sink);
  return run_scenario(scenario, settings, progress);
}

using fixtures::same_bytes;

// The plan is built once, before the parallel loop, from (seed, N, scenario): 1 and 2
// threads give the same bytes in every metric and parameter column. The run really used
// the plan: the uniform(0.8, 1.3) retirement multiplier's cumulative probabilities
// (x - 0.8) / 0.5 fall one in each of the N strata.
TEST(SamplingPlan, RunWithLatinHypercubeIsTheSameForAnyThreadCount) {
  constexpr std::int64_t n = 40;
  const auto one = run_with_threads(synthetic_lhs(), 1, n);
  const auto two = run_with_threads(synthetic_lhs(), 2, n);
  for (std::size_t o = 0; o < one.options.size(); ++o)
    for (std::size_t m = 0; m < one.options[o].by_year.size(); ++m)
      EXPECT_TRUE(same_bytes(one.options[o].by_year[m], two.options[o].by_year[m]))
          << one.options[o].metric_names[m];
  bool found = false;
  for (std::size_t k = 0; k < one.parameters.size(); ++k) {
    EXPECT_TRUE(same_bytes(one.parameters[k].values, two.parameters[k].values))
        << one.parameters[k].name;
    if (one.parameters[k].name != "workforce.retirement_multiplier") continue;
    found = true;
    std::vector<int> per_stratum(n, 0);
    for (double x : one.parameters[k].values)
      ++per_stratum[static_cast<std::size_t>(std::floor((x - 0.8) / 0.5 * n))];
    for (int count : per_stratum) EXPECT_EQ(count, 1);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace pcsim::runner

// Spearman correlations stored with an ordinary run (output/run_spearman.hpp): checked on
// small hand-made runs whose rank correlations are known without computing them.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <thread>

#include "output/run_spearman.hpp"

namespace pcsim::output {
namespace {

ParameterColumn column(const std::string& name, std::vector<double> values) {
  ParameterColumn c;
  c.name = name;
  c.values = std::move(values);
  return c;
}

// 5 iterations, 2 years. Parameter x = 1..5 (varying), y = 7 (constant). Metric "up" is
// x^2 in year 1 (a monotone increasing function of x: rho = +1) and 10 - x in year 2
// (decreasing: rho = -1). Metric "holes" has a NaN in iteration 3 and is otherwise 2x
// (rho over the 4 remaining pairs = +1). Scalar "npv" is (3, 1, 4, 1, 5): by hand, ranks of
// npv are (3, 1.5, 4, 1.5, 5) and of x (1, ..., 5); Pearson's r of the ranks: both means
// are 3; sum of products of deviations
// (-2)(0) + (-1)(-1.5) + 0(1) + 1(-1.5) + 2(2) = 4; sum of squares 10 and
// 0 + 2.25 + 1 + 2.25 + 4 = 9.5; rho = 4 / sqrt(95) = 0.41039.
RunResults example() {
  RunResults r;
  r.iterations = 5;
  r.year_labels = {"2017/18", "2018/19"};
  r.parameters = {column("x", {1, 2, 3, 4, 5}), column("y", {7, 7, 7, 7, 7})};
  OptionResults o;
  o.name = "baseline";
  o.metric_names = {"up", "holes"};
  o.by_year = {{1, 9, 4, 8, 9, 7, 16, 6, 25, 5}, {2, 0, 4, 0, std::nan(""), 0, 8, 0, 10, 0}};
  o.scalar_names = {"npv"};
  o.scalars = {{3, 1, 4, 1, 5}};
  r.options.push_back(o);
  return r;
}

TEST(RunSpearman, ConstantParametersAreLeftOut) {
  const RunResults r = example();
  const auto list = varying_parameters(r, r.options[0]);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]->name, "x");
}

TEST(RunSpearman, MonotoneRelationsGivePlusAndMinusOne) {
  const RunResults r = example();
  const OptionSpearman s = run_spearman(r, r.options[0]);
  ASSERT_EQ(s.outputs, (std::vector<std::string>{"up", "holes", "npv"}));
  EXPECT_NEAR(s.rho[0][0], 1.0, 1e-12);   // year 1: x^2
  EXPECT_NEAR(s.rho[0][1], -1.0, 1e-12);  // year 2: 10 - x
}

TEST(RunSpearman, NaNOutputsAreLeftOutAndConstantOutputsGiveNaN) {
  const RunResults r = example();
  const OptionSpearman s = run_spearman(r, r.options[0]);
  EXPECT_NEAR(s.rho[1][0], 1.0, 1e-12);  // 2x with iteration 3 missing
  EXPECT_TRUE(std::isnan(s.rho[1][1]));  // always 0: no correlation defined
}

TEST(RunSpearman, TiesTakeAverageRanks) {
  const RunResults r = example();
  const OptionSpearman s = run_spearman(r, r.options[0]);
  EXPECT_NEAR(s.rho[2][0], 4.0 / std::sqrt(95.0), 1e-12);
}

// A parameter with a NaN draw (iteration 3) is correlated over the other iterations, as a
// NaN output is: x' = (1, 2, NaN, 4, 5) against "up" year 1 (x^2: 1, 4, -, 16, 25) gives
// +1 and against npv (3, 1, -, 1, 5) the ranks (1, 2, 3, 4) and (3, 1.5, 1.5, 4): both
// means 2.5, products (-1.5)(0.5) + (-0.5)(-1) + (0.5)(-1) + (1.5)(1.5) = 1.5, squares
// 5 and 0.25 + 1 + 1 + 2.25 = 4.5, rho = 1.5 / sqrt(22.5).
TEST(RunSpearman, NaNParameterDrawsAreLeftOut) {
  RunResults r = example();
  r.parameters[0] = column("x", {1, 2, std::nan(""), 4, 5});
  const OptionSpearman s = run_spearman(r, r.options[0]);
  ASSERT_EQ(s.parameters, (std::vector<std::string>{"x"}));
  EXPECT_NEAR(s.rho[0][0], 1.0, 1e-12);
  EXPECT_NEAR(s.rho[2][0], 1.5 / std::sqrt(22.5), 1e-12);
}

// An option that overrides x with its own column is correlated against its own draws; an
// option that makes y uncertain adds it.
TEST(RunSpearman, OptionOverridesReplaceTheBaselineColumn) {
  RunResults r = example();
  OptionResults o = r.options[0];
  o.name = "other";
  o.parameters = {column("x", {5, 4, 3, 2, 1}), column("z", {1, 3, 2, 5, 4})};
  r.options.push_back(o);
  const OptionSpearman s = run_spearman(r, r.options[1]);
  ASSERT_EQ(s.parameters, (std::vector<std::string>{"x", "z"}));
  EXPECT_NEAR(s.rho[0][0], -1.0, 1e-12);  // x^2 of the baseline's x against reversed x
}

// Fact: each output series is one index of the ParallelFor, so the table is the same bit
// for bit when the series run on several threads in reverse order: 3 parameters (one with
// ties) against 4 metrics of 6 years and 2 scalars over 500 random iterations.
TEST(RunSpearman, ThreadsGiveTheSameTableBitForBit) {
  std::mt19937_64 random(11);
  std::normal_distribution<double> normal(0, 1);
  RunResults r;
  r.iterations = 500;
  r.year_labels = {"a", "b", "c", "d", "e", "f"};
  for (const char* name : {"p", "q", "tied"}) {
    std::vector<double> values(500);
    for (auto& v : values)
      v = std::string(name) == "tied" ? std::round(normal(random)) : normal(random);
    r.parameters.push_back(column(name, values));
  }
  OptionResults o;
  o.name = "baseline";
  for (int m = 0; m < 4; ++m) {
    o.metric_names.push_back("m" + std::to_string(m));
    std::vector<double> values(500 * 6);
    for (std::size_t i = 0; i < values.size(); ++i)
      values[i] = r.parameters[m % 3].values[i / 6] * (1 + i % 6) + normal(random);
    o.by_year.push_back(values);
  }
  o.scalar_names = {"s0", "s1"};
  o.scalars = {std::vector<double>(500), std::vector<double>(500)};
  for (std::size_t i = 0; i < 500; ++i) {
    o.scalars[0][i] = normal(random);
    o.scalars[1][i] = i % 7 == 0 ? std::nan("") : r.parameters[1].values[i] + normal(random);
  }
  r.options.push_back(o);
  const ParallelFor threads{3, [](std::size_t count, const ParallelFor::Body& body) {
                              std::vector<std::thread> running;
                              for (std::size_t k = count; k-- > 0;)
                                running.emplace_back([&body, k] { body(k); });
                              for (auto& thread : running) thread.join();
                            }};
  const OptionSpearman one = run_spearman(r, r.options[0]);
  const OptionSpearman many = run_spearman(r, r.options[0], threads);
  ASSERT_EQ(one.outputs, many.outputs);
  ASSERT_EQ(one.rho.size(), many.rho.size());
  for (std::size_t k = 0; k < one.rho.size(); ++k) {
    ASSERT_EQ(one.rho[k].size(), many.rho[k].size());
    EXPECT_EQ(
        std::memcmp(one.rho[k].data(), many.rho[k].data(), one.rho[k].size() * sizeof(double)), 0)
        << one.outputs[k];
  }
  EXPECT_GT(std::fabs(one.rho[0][0]), 0.5);  // m0 follows p: the table holds real figures
}

}  // namespace
}  // namespace pcsim::output

// EVPPI by regression (runner/evppi.hpp, runner/penalised_regression.hpp): the B-spline
// basis and penalty by hand, the smoother recovering a known curve, and EVPPI against its
// closed form in a linear-Gaussian decision: with INB = a + sum_j b_j theta_j + e and
// independent standard normal theta, knowing a group G tells X = a + sum_{j in G} b_j
// theta_j ~ N(a, s^2), s^2 = sum_{j in G} b_j^2, so
//   EVPPI(G) = E[max(0, X)] - max(0, a) = a Phi(a/s) + s phi(a/s) - max(0, a).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "runner/evppi.hpp"
#include "runner/penalised_regression.hpp"

namespace pcsim::runner {
namespace {

double phi(double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); }
double big_phi(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

double closed_form(double a, double s) {
  return a * big_phi(a / s) + s * phi(a / s) - std::max(0.0, a);
}

TEST(PenalisedRegression, CubicBSplinesByHand) {
  // At a knot (t = 0) the four are 1/6, 4/6, 1/6, 0; mid-segment 1/48, 23/48, 23/48, 1/48.
  const BasisRow at_knot = cubic_bspline_row(0.25, 4);
  EXPECT_EQ(at_knot.first, 1u);
  EXPECT_NEAR(at_knot.values[0], 1.0 / 6, 1e-15);
  EXPECT_NEAR(at_knot.values[1], 4.0 / 6, 1e-15);
  EXPECT_NEAR(at_knot.values[2], 1.0 / 6, 1e-15);
  EXPECT_NEAR(at_knot.values[3], 0.0, 1e-15);
  const BasisRow middle = cubic_bspline_row(0.125, 4);
  EXPECT_EQ(middle.first, 0u);
  EXPECT_NEAR(middle.values[0], 1.0 / 48, 1e-15);
  EXPECT_NEAR(middle.values[1], 23.0 / 48, 1e-15);
  const BasisRow end = cubic_bspline_row(1.0, 4);  // the last point belongs to the last segment
  EXPECT_EQ(end.first, 3u);
  for (double x = 0; x <= 1; x += 0.0137) {
    const BasisRow r = cubic_bspline_row(x, 7);
    EXPECT_NEAR(r.values[0] + r.values[1] + r.values[2] + r.values[3], 1.0, 1e-14);
  }
}

TEST(PenalisedRegression, SecondDifferencesDoNotPenaliseALine) {
  const Eigen::MatrixXd p = second_difference_penalty(6);
  Eigen::VectorXd line(6), bend(6);
  line << 1, 3, 5, 7, 9, 11;
  bend << 0, 0, 1, 0, 0, 0;
  EXPECT_NEAR(line.dot(p * line), 0.0, 1e-12);
  EXPECT_NEAR(bend.dot(p * bend), 1 + 4 + 1, 1e-12);  // (1), (-2), (1) at the bend
  EXPECT_EQ(rank_scale(std::vector<double>{3, 1, 2, 2}),
            (std::vector<double>{0.875, 0.125, 0.5, 0.5}));
}

TEST(PenalisedRegression, RecoversASmoothCurve) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(0, 1);
  std::normal_distribution<double> noise(0, 0.3);
  const std::size_t n = 4000;
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = uniform(rng);
    y[i] = std::sin(2 * std::numbers::pi * x[i]) + noise(rng);
  }
  const SmoothFit fit({x}, y);
  const std::vector<double> u = rank_scale(x);
  double error = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // The fit is a function of the rank; u differs from x by sampling error only.
    const double truth = std::sin(2 * std::numbers::pi * x[i]);
    error += (fit.fitted()[i] - truth) * (fit.fitted()[i] - truth);
  }
  EXPECT_LT(std::sqrt(error / n), 0.05);
  EXPECT_GT(fit.edf(), 4.0);   // more than a line
  EXPECT_LT(fit.edf(), 23.0);  // less than interpolating the 23 coefficients
  EXPECT_NEAR(fit.r_squared(), 0.5 / (0.5 + 0.09), 0.03);  // var(sin) = 1/2, noise 0.09
  // Below kMinSplinePairs, a line.
  const SmoothFit small({std::vector<double>(x.begin(), x.begin() + 20)},
                        std::vector<double>(y.begin(), y.begin() + 20));
  EXPECT_EQ(small.method(), "linear regression on the ranks");
  EXPECT_NEAR(small.edf(), 2.0, 1e-6);
}

struct Decision {
  std::vector<std::vector<double>> npv;    // [option][iteration]
  std::vector<std::vector<double>> theta;  // [parameter][iteration]
};

// Two options; NPV_baseline is noise common to both, INB = a + b . theta + e.
Decision linear_gaussian(std::size_t n, double a, const std::vector<double>& b, double sd) {
  std::mt19937_64 rng(2014);
  std::normal_distribution<double> normal(0, 1);
  Decision d;
  d.npv.assign(2, std::vector<double>(n));
  d.theta.assign(b.size() + 1, std::vector<double>(n));  // the last parameter is irrelevant
  for (std::size_t i = 0; i < n; ++i) {
    double inb = a + sd * normal(rng);
    for (std::size_t j = 0; j < d.theta.size(); ++j) {
      d.theta[j][i] = normal(rng);
      if (j < b.size()) inb += b[j] * d.theta[j][i];
    }
    d.npv[0][i] = 5000 + 1000 * normal(rng);
    d.npv[1][i] = d.npv[0][i] + inb;
  }
  return d;
}

TEST(Evppi, LinearGaussianMatchesTheClosedForm) {
  const double a = 100;
  const std::vector<double> b = {300, 200, 100};
  const Decision d = linear_gaussian(20000, a, b, 400);
  const std::vector<std::string> names = {"p.one", "p.two", "q.three", "q.none"};
  const std::vector<ParameterGroup> groups = {
      {"one", {"p.one"}},
      {"one and two", {"p.one", "p.two"}},
      {"three relevant", {"p.one", "p.two", "q.three"}},
      {"irrelevant", {"q.none"}},
  };
  const output::EvppiResults r =
      evppi_from_draws({"baseline", "option"}, d.npv, names, d.theta, groups, 5);
  ASSERT_EQ(r.groups.size(), 4u);
  EXPECT_EQ(r.iterations_used, 20000);
  const double s1 = 300, s12 = std::sqrt(300.0 * 300 + 200 * 200), s123 = std::sqrt(140000.0);
  // Monte Carlo error of a mean of max(0, X) over 20,000 draws: about 2; the tolerance is 3 of it.
  EXPECT_NEAR(r.groups[0].evppi, closed_form(a, s1), 6.0);
  EXPECT_NEAR(r.groups[1].evppi, closed_form(a, s12), 6.0);
  EXPECT_NEAR(r.groups[2].evppi, closed_form(a, s123), 6.0);
  EXPECT_LT(r.groups[3].evppi, 3.0);
  EXPECT_GE(r.groups[3].evppi, 0.0);
  EXPECT_NE(r.groups[0].method.find("P-spline"), std::string::npos);
  EXPECT_NE(r.groups[1].method.find("tensor"), std::string::npos);
  EXPECT_NE(r.groups[2].method.find("additive"), std::string::npos);
  for (const auto& g : r.groups) {
    // The irrelevant parameter's fit stays above 0, so every posterior draw gives 0 too.
    if (g.name != "irrelevant") {
      EXPECT_GT(g.se, 0.0) << g.name;
    }
    EXPECT_LT(g.se, 10.0) << g.name;
    EXPECT_LE(g.evppi, r.evpi) << g.name;  // no group is worth more than knowing everything
  }
  // R^2 of the one-parameter fit: var(b1 theta1) / var(INB) = 300^2 / (300^2 + 200^2 + 100^2 +
  // 400^2).
  EXPECT_NEAR(r.groups[0].r_squared[0], 90000.0 / 300000.0, 0.02);
}

// A decision that is already clear (INB far above 0 whatever theta) is worth nothing to
// learn about; with three options the best of the three is taken in every iteration.
TEST(Evppi, ClearDecisionsAndSeveralOptions) {
  const Decision d = linear_gaussian(2000, 5000, {100}, 50);
  const output::EvppiResults clear =
      evppi_from_draws({"b", "o"}, d.npv, {"x", "y"}, d.theta, {{"x", {"x"}}}, 1);
  EXPECT_NEAR(clear.groups[0].evppi, 0.0, 1e-9);
  // Option 2 = option 1 mirrored around the baseline: INB_2 = -INB_1 + 2a, with a = 0 the
  // choice is option 1 when b theta > 0, else option 2, each worth |b theta|.
  Decision m = linear_gaussian(20000, 0, {300}, 1);
  m.npv.push_back(std::vector<double>(m.npv[0].size()));
  for (std::size_t i = 0; i < m.npv[0].size(); ++i) m.npv[2][i] = 2 * m.npv[0][i] - m.npv[1][i];
  const output::EvppiResults three =
      evppi_from_draws({"b", "o1", "o2"}, m.npv, {"x", "y"}, m.theta, {{"x", {"x"}}}, 1);
  EXPECT_NEAR(three.groups[0].evppi, 300 * std::sqrt(2 / std::numbers::pi), 6.0);
  EXPECT_EQ(three.groups[0].r_squared.size(), 2u);
}

TEST(Evppi, GroupsAreEachParameterEachSectionAndAll) {
  const auto groups =
      parameter_groups({"population.list_growth", "population.consultations_per_patient",
                        "workforce.fill_rate", "funding.running_cost"});
  std::vector<std::string> names;
  for (const auto& g : groups) names.push_back(g.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "population.list_growth", "population.consultations_per_patient",
                       "workforce.fill_rate", "funding.running_cost", "population", "all"}));
  EXPECT_EQ(groups[4].parameters.size(), 2u);
  EXPECT_EQ(groups[5].parameters.size(), 4u);
  // One section holding everything is not repeated as "all".
  EXPECT_EQ(parameter_groups({"population.a", "population.b"}).size(), 3u);
}

}  // namespace
}  // namespace pcsim::runner

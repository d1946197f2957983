// Tests of the workforce module (model/workforce.hpp): per-GP probabilities, the central
// headcount path against an independently written age-band Markov chain, establishment and
// recruitment, FTE, and closures with list dispersal.
#include "model/workforce.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "random/philox_events.hpp"

namespace pcsim::model {
namespace {

// Fact: band b's probabilities are retire r, leave (1-r)l, age up (1-r)(1-l)/5, stay the
// rest. Band 60_64 with rate 0.16 x multiplier 1.5 = 0.24 and l = 0.03:
//   retire 0.24; leave 0.76 x 0.03 = 0.0228; age up 0.76 x 0.97 / 5 = 0.14744;
//   stay 0.76 x 0.97 x 4/5 = 0.58976. 65_plus has no band above: age up 0.
TEST(Workforce, OutcomeProbabilitiesByHand) {
  WorkforceParameters w;
  w.retirement_rate[7] = 0.16;
  w.retirement_multiplier = 1.5;
  w.leaver_rate = 0.03;
  const GpOutcomeArray p = gp_outcome_probabilities(w, 7);
  EXPECT_NEAR(p[kRetire], 0.24, 1e-15);
  EXPECT_NEAR(p[kLeave], 0.0228, 1e-15);
  EXPECT_NEAR(p[kAgeUp], 0.14744, 1e-15);
  EXPECT_NEAR(p[kStay], 0.58976, 1e-15);
  EXPECT_EQ(gp_outcome_probabilities(w, 8)[kAgeUp], 0.0);
  w.retirement_multiplier = 10;  // 1.6 capped at 1: everyone retires
  EXPECT_EQ(gp_outcome_probabilities(w, 7)[kRetire], 1.0);
  EXPECT_EQ(gp_outcome_probabilities(w, 7)[kStay], 0.0);
  for (int b = 0; b < kAgeBands; ++b) {
    const GpOutcomeArray q = gp_outcome_probabilities(WorkforceParameters{}, b);
    EXPECT_NEAR(q[0] + q[1] + q[2] + q[3], 1.0, 1e-15) << b;
  }
}

// The age-band chain written as a matrix, independently of the code: survival
// s_b = (1 - min(1, rate_b m))(1 - l); a survivor of a 5-year band moves up with
// probability 1/5. next = A h with A[b][b] = s_b (1 - 1/5), A[b+1][b] = s_b / 5 (the last
// band keeps all its survivors).
std::vector<std::vector<double>> chain_matrix(const WorkforceParameters& w) {
  std::vector<std::vector<double>> a(kAgeBands, std::vector<double>(kAgeBands, 0.0));
  for (int b = 0; b < kAgeBands; ++b) {
    const double s =
        (1 - std::min(1.0, w.retirement_rate[b] * w.retirement_multiplier)) * (1 - w.leaver_rate);
    if (b == kAgeBands - 1) {
      a[b][b] = s;
    } else {
      a[b][b] = s * 0.8;
      a[b + 1][b] = s * 0.2;
    }
  }
  return a;
}

std::vector<double> multiply(const std::vector<std::vector<double>>& a,
                             const std::vector<double>& h) {
  std::vector<double> out(h.size(), 0.0);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < h.size(); ++j) out[i] += a[i][j] * h[j];
  return out;
}

const BandArray kStartBands = {0, 2, 3, 4, 3, 4, 5, 4, 2};  // 27 GPs

// One GP year of a practice with a fixed establishment: exits and ageing, then recruitment.
template <class Events>
void step_gp_workforce(const WorkforceParameters& w, BandArray& h, double establishment,
                       const Events& events) {
  step_gp_bands(w, w.leaver_rate, h, events);
  recruit_gps(w, establishment, h, events);
}

// Fact: with no recruitment, the central headcount by band after k years is A^k h0.
TEST(Workforce, CentralHeadcountFollowsMarkovChainWithoutRecruitment) {
  WorkforceParameters w;
  w.fill_rate = 0;
  const auto a = chain_matrix(w);
  std::vector<double> expected(kStartBands.begin(), kStartBands.end());
  BandArray h = kStartBands;
  for (int k = 1; k <= 10; ++k) {
    step_gp_workforce(w, h, 27.0, ExpectationEvents{});
    expected = multiply(a, expected);
    for (int b = 0; b < kAgeBands; ++b) EXPECT_NEAR(h[b], expected[b], 1e-12) << k << " " << b;
  }
}

// Fact: with recruitment against a fixed establishment E = 27, the central path is
// h_{k+1} = A h_k + e_entry fill max(0, E - sum(A h_k)), recruits entering at 30_34.
TEST(Workforce, CentralHeadcountFollowsMarkovChainWithRecruitment) {
  WorkforceParameters w;
  w.fill_rate = 0.8;
  w.entry_band = 1;
  const auto a = chain_matrix(w);
  std::vector<double> expected(kStartBands.begin(), kStartBands.end());
  BandArray h = kStartBands;
  for (int k = 1; k <= 10; ++k) {
    step_gp_workforce(w, h, 27.0, ExpectationEvents{});
    expected = multiply(a, expected);
    const double total = std::accumulate(expected.begin(), expected.end(), 0.0);
    expected[1] += 0.8 * std::max(0.0, 27.0 - total);
    for (int b = 0; b < kAgeBands; ++b) EXPECT_NEAR(h[b], expected[b], 1e-12) << k << " " << b;
  }
}

// Fact: exits add up: retirements = sum_b n_b r_b and leavers = sum_b n_b (1 - r_b) l.
TEST(Workforce, CentralExitsAreExpectedCounts) {
  WorkforceParameters w;
  BandArray h = kStartBands;
  double retire = 0, leave = 0;
  for (int b = 0; b < kAgeBands; ++b) {
    retire += kStartBands[b] * w.retirement_rate[b];
    leave += kStartBands[b] * (1 - w.retirement_rate[b]) * w.leaver_rate;
  }
  const GpExits exits = step_gp_bands(w, w.leaver_rate, h, ExpectationEvents{});
  EXPECT_NEAR(exits.retirements, retire, 1e-12);
  EXPECT_NEAR(exits.leavers, leave, 1e-12);
  EXPECT_NEAR(total_headcount(h), 27 - retire - leave, 1e-12);
}

// Fact: E = (H0/L0) L + extra L/30000. H0 = 4, L0 = 10,000, L = 11,000, extra 3:
// 4 x 1.1 + 3 x 11,000/30,000 = 4.4 + 1.1 = 5.5.
TEST(Workforce, EstablishmentKeepsPatientsPerGpPlusLeverPosts) {
  WorkforceParameters w;
  w.extra_gp_posts_per_30000 = 3;
  const double ratio = establishment_ratio(4, 10000);
  EXPECT_NEAR(establishment_for_ratio(w, ratio, 11000), 5.5, 1e-12);
  w.extra_gp_posts_per_30000 = 0;
  EXPECT_NEAR(establishment_for_ratio(w, ratio, 11000), 4.4, 1e-12);
  EXPECT_EQ(establishment_ratio(4, 0), 0.0);  // no list: only the lever's posts
}

// Fact: F = X min(1, H/E): ratio 4/10,000, L = 11,000, extra 3 -> X = 1.1, E = 5.5. With
// H = 4.4 the establishment is 80% filled, so F = 0.88; H = 5.5 or more fills every post,
// F = 1.1; without the lever F = 0 whatever H.
TEST(Workforce, FilledExtraGpPostsInTheProportionOfTheEstablishment) {
  WorkforceParameters w;
  w.extra_gp_posts_per_30000 = 3;
  const double ratio = establishment_ratio(4, 10000);
  EXPECT_NEAR(filled_extra_gp_posts(w, ratio, 11000, 4.4), 0.88, 1e-12);
  EXPECT_NEAR(filled_extra_gp_posts(w, ratio, 11000, 5.5), 1.1, 1e-12);
  EXPECT_NEAR(filled_extra_gp_posts(w, ratio, 11000, 9), 1.1, 1e-12);
  EXPECT_EQ(filled_extra_gp_posts(w, ratio, 11000, 0), 0.0);
  w.extra_gp_posts_per_30000 = 0;
  EXPECT_EQ(filled_extra_gp_posts(w, ratio, 11000, 4.4), 0.0);
}

// Events that record the recruitment draws: the Bernoulli of the extra post returns
// `extra_post` (0 or 1) and records its p; the binomial records n and returns n p.
struct RecordingEvents : ExpectationEvents {
  double extra_post = 0;
  mutable double bernoulli_p = -1;
  mutable double binomial_n = -1;
  static constexpr bool central() { return false; }
  double bernoulli(Purpose purpose, std::uint32_t index, double p) const {
    EXPECT_EQ(purpose, Purpose::PracticeYear);
    EXPECT_EQ(index, kPostsDraw);
    bernoulli_p = p;
    return extra_post;
  }
  double binomial(Purpose purpose, std::uint32_t index, double n, double p) const {
    EXPECT_EQ(purpose, Purpose::PracticeYear);
    EXPECT_EQ(index, kRecruitsDraw);
    binomial_n = n;
    return n * p;
  }
};

// Fact: stochastic recruitment recruits to the whole part of the vacancies plus one more
// post with probability equal to the fraction (E 5.5 - 3.2 heads = 2.3: 2 posts, and a
// third with probability 0.3), so the expected posts are the vacancies themselves; the
// central case recruits to the exact 2.3; recruits join the entry band.
TEST(Workforce, RecruitmentPostsHaveNoRoundingBias) {
  WorkforceParameters w;
  w.fill_rate = 0.5;
  w.entry_band = 2;
  for (const double extra : {0.0, 1.0}) {
    BandArray h{};
    h[4] = 3.2;
    RecordingEvents events;
    events.extra_post = extra;
    EXPECT_DOUBLE_EQ(recruit_gps(w, 5.5, h, events), (2.0 + extra) * 0.5);
    EXPECT_NEAR(events.bernoulli_p, 0.3, 1e-12);
    EXPECT_EQ(events.binomial_n, 2.0 + extra);
    EXPECT_DOUBLE_EQ(h[2], (2.0 + extra) * 0.5);
  }
  BandArray c{};
  c[4] = 3.2;
  EXPECT_NEAR(recruit_gps(w, 5.5, c, ExpectationEvents{}), 1.15, 1e-12);  // 2.3 x 0.5
  EXPECT_NEAR(c[2], 1.15, 1e-12);
  BandArray full{};
  full[4] = 6;  // above establishment: no vacancies, no draw
  RecordingEvents none;
  EXPECT_EQ(recruit_gps(w, 5.5, full, none), 0.0);
  EXPECT_EQ(none.binomial_n, -1);
  EXPECT_EQ(none.bernoulli_p, -1);
  BandArray whole{};
  whole[4] = 3.5;  // 2 vacancies exactly: no fraction, no Bernoulli draw
  RecordingEvents exact;
  recruit_gps(w, 5.5, whole, exact);
  EXPECT_EQ(exact.bernoulli_p, -1);
  EXPECT_EQ(exact.binomial_n, 2.0);
}

// Fact: E[posts] = vacancies. With 1.3 vacancies, the posts of 20,000 Philox draws are 2
// in a share 0.3 of them (binomial sd sqrt(0.3 x 0.7 / 20,000) = 0.0032; 4 sd = 0.013).
TEST(Workforce, UnbiasedPostsAverageTheVacancies) {
  constexpr int kDraws = 20000;
  double sum = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double posts = unbiased_posts(1.3, random::PhiloxEvents(7, i, 0, 1));
    EXPECT_TRUE(posts == 1.0 || posts == 2.0);
    sum += posts;
  }
  EXPECT_NEAR(sum / kDraws, 1.3, 0.013);
}

// Fact: GP FTE = heads x fte_per_head x (1 + trend)^t: 10 x 0.75 x 0.99^3 = 7.27522...
TEST(Workforce, GpFteDriftsWithTrend) {
  WorkforceParameters w;
  w.fte_per_head = 0.75;
  w.fte_trend = -0.01;
  EXPECT_NEAR(gp_fte(w, 10, 3), 7.5 * 0.970299, 1e-12);
  EXPECT_NEAR(gp_fte(w, 10, 0), 7.5, 1e-12);
}

// Fact: role FTE = baseline + posts per 30,000 x L/30,000 x fill from start_year.
// 1.5 posts per 30,000, L = 12,000, fill 0.8: 1.5 x 0.4 x 0.8 = 0.48 filled FTE.
TEST(Workforce, RoleFteAddsFilledNewPostsFromStartYear) {
  RoleParameters role;
  role.new_posts_per_30000 = 1.5;
  role.role_fill_rate = 0.8;
  role.start_year = 2;
  EXPECT_EQ(role_fte(role, 2.0, 12000, 1).new_filled, 0.0);
  EXPECT_EQ(role_fte(role, 2.0, 12000, 1).total, 2.0);
  EXPECT_NEAR(role_fte(role, 2.0, 12000, 2).new_filled, 0.48, 1e-12);
  EXPECT_NEAR(role_fte(role, 2.0, 12000, 2).total, 2.48, 1e-12);
  EXPECT_EQ(role_fte(role, 2.0, 12000, 0).new_filled, 0.0);  // no lever in the baseline
}

// Fact: baseline role FTE is the practice file's figure, else the per-1,000 default.
TEST(Workforce, BaselineRoleFteFromFileOrDefault) {
  RoleParameters role;
  role.baseline_fte_per_1000 = 0.2;
  const std::vector<Fte> file = {1.7, std::nan("")};
  EXPECT_EQ(baseline_role_fte(role, file, 0, 9000), 1.7);
  EXPECT_NEAR(baseline_role_fte(role, file, 1, 9000), 1.8, 1e-12);  // 0.2 x 9
  EXPECT_NEAR(baseline_role_fte(role, file, 5, 9000), 1.8, 1e-12);  // no column
}

// Fact: where the model is linear, the Monte Carlo mean converges to the central path.
// With an establishment far above the headcount there are vacancies every year, so the
// recruits are fill x (E - H) in expectation, linear in H (the rounding of vacancies to
// posts has no bias), and the mean headcount after 5 years must lie within 4 standard
// errors of the central value.
TEST(Workforce, MonteCarloMeanHeadcountMatchesCentralPathWithRecruitment) {
  WorkforceParameters w;
  w.fill_rate = 0.6;
  w.retirement_multiplier = 2;
  constexpr double kEstablishment = 1000.3;  // never reached from 27 in 5 years
  BandArray central = kStartBands;
  for (int t = 1; t <= 5; ++t) step_gp_workforce(w, central, kEstablishment, ExpectationEvents{});
  constexpr int kIterations = 4000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kIterations; ++i) {
    BandArray h = kStartBands;
    for (int t = 1; t <= 5; ++t)
      step_gp_workforce(w, h, kEstablishment, random::PhiloxEvents(20230401, i, 0, t));
    const double total = total_headcount(h);
    ASSERT_LT(total, kEstablishment);
    sum += total;
    sum_sq += total * total;
  }
  const double mean = sum / kIterations;
  const double sd = std::sqrt((sum_sq - kIterations * mean * mean) / (kIterations - 1));
  EXPECT_NEAR(mean, total_headcount(central), 4 * sd / std::sqrt(double(kIterations)));
}

// Fact: the central path is the expectation of the stochastic one. With no recruitment
// the chain is linear, so the Monte Carlo mean of the headcount after 5 years with Philox
// events must lie within 4 standard errors of the central value (a false alarm about once
// in 16,000 runs).
TEST(Workforce, MonteCarloMeanHeadcountMatchesCentralPath) {
  WorkforceParameters w;
  w.fill_rate = 0;
  w.retirement_multiplier = 2;  // more exits, so the check has something to see
  BandArray central = kStartBands;
  for (int t = 1; t <= 5; ++t) step_gp_workforce(w, central, 27.0, ExpectationEvents{});
  const double expected = total_headcount(central);
  constexpr int kIterations = 4000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < kIterations; ++i) {
    BandArray h = kStartBands;
    for (int t = 1; t <= 5; ++t)
      step_gp_workforce(w, h, 27.0, random::PhiloxEvents(20170401, i, 0, t));
    const double total = total_headcount(h);
    EXPECT_EQ(total, std::round(total));  // whole GPs in a stochastic run
    sum += total;
    sum_sq += total * total;
  }
  const double mean = sum / kIterations;
  const double sd = std::sqrt((sum_sq - kIterations * mean * mean) / (kIterations - 1));
  const double standard_error = sd / std::sqrt(double(kIterations));
  EXPECT_GT(sd, 0.5);
  EXPECT_NEAR(mean, expected, 4 * standard_error) << "sd " << sd;
}

}  // namespace
}  // namespace pcsim::model

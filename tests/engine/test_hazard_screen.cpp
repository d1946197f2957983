// Tests of the screen in front of the year-end hazards (engine/hazard_screen.hpp): its
// bound must never be below P(closure) + P(merger) as change_probabilities computes them
// (else a practice that should close or merge would be let through unchanged), it must be
// close enough above to spare most of the exact computations, and the decisions taken
// through it must equal change_shares' for uniforms at and around the exact threshold.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "engine/hazard_screen.hpp"
#include "model/practice_changes.hpp"

namespace pcsim::engine {
namespace {

using model::ChangeProbabilities;
using model::HazardCovariates;
using model::HazardYearShift;
using model::PracticeChangeParameters;

PracticeChangeParameters random_changes(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  PracticeChangeParameters c;
  c.closures = u(rng) < 0.8;
  c.mergers = u(rng) < 0.8;
  for (model::HazardCoefficients* h : {&c.closure, &c.merger}) {
    h->intercept = -8 + 8 * u(rng);
    h->per_log_list = -2 + 3 * u(rng);  // negative and positive slopes
    h->single_handed = -1 + 3 * u(rng);
    h->no_gp = -1 + 6 * u(rng);
    h->apms = -1 + 2 * u(rng);
  }
  return c;
}

// Lists over the whole screened range and beyond it, with many exactly on the cells'
// edges (powers of two and quarter-octaves) and next to them.
double random_list(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double r = u(rng);
  if (r < 0.3) {
    const double edge =
        std::ldexp(1.0 + 0.25 * std::floor(4 * u(rng)), static_cast<int>(24 * u(rng)));
    const double side = u(rng);
    return side < 1.0 / 3
               ? edge
               : (side < 2.0 / 3 ? std::nextafter(edge, 0.0) : std::nextafter(edge, 1e300));
  }
  if (r < 0.35) return 0.5 * u(rng);              // below the screened range
  if (r < 0.4) return 16777216.0 * (1 + u(rng));  // above it
  return std::exp(std::log(20.0) + (std::log(2e5) - std::log(20.0)) * u(rng));
}

// Headcounts on and around the rounding boundaries of the hazards' classes, and NaN.
double random_gps(std::mt19937_64& rng) {
  static const std::vector<double> special = {0.0,
                                              0.49999999999999994,
                                              0.5,
                                              1.0,
                                              1.4999999999999998,
                                              1.5,
                                              2.0,
                                              -0.3,
                                              std::numeric_limits<double>::quiet_NaN()};
  std::uniform_real_distribution<double> u(0.0, 1.0);
  if (u(rng) < 0.5) return special[static_cast<std::size_t>(u(rng) * special.size())];
  return 12 * u(rng);
}

TEST(HazardScreen, BoundIsNeverBelowTheExactProbabilities) {
  std::mt19937_64 rng(18);
  std::normal_distribution<double> normal(0.0, 1.0);
  HazardScreen screen;
  int checked = 0, screened = 0;
  for (int scenario = 0; scenario < 300; ++scenario) {
    const PracticeChangeParameters changes = random_changes(rng);
    for (int year = 0; year < 3; ++year) {
      const HazardYearShift shift{normal(rng), normal(rng)};
      screen.start_year(changes, shift);
      for (int k = 0; k < 400; ++k) {
        const HazardCovariates x{random_list(rng), random_gps(rng), (rng() & 1) != 0};
        const ChangeProbabilities p = model::change_probabilities(changes, x, shift);
        const double exact = p.closure + p.merger;  // what change_shares_at compares u with
        const double bound = screen.bound(x);
        ASSERT_GE(bound, exact) << "list " << x.list << ", gps " << x.gps << ", apms " << x.apms;
        ++checked;
        screened += bound < 1.0;
      }
    }
  }
  EXPECT_EQ(checked, 300 * 3 * 400);
  EXPECT_GT(screened, checked / 2);  // most covariates are in the screened range
}

TEST(HazardScreen, ListsOutsideTheRangeAreNotScreened) {
  PracticeChangeParameters changes;
  changes.closures = true;
  changes.closure.intercept = -5;
  HazardScreen screen;
  screen.start_year(changes, {});
  for (double list : {0.0, 0.999, -10.0, 16777216.0, 1e9, std::nan("")})
    EXPECT_EQ(screen.bound({list, 3.0, false}), 1.0) << list;
  EXPECT_LT(screen.bound({1.0, 3.0, false}), 1.0);
}

// With slopes of at most 1 in ln L, a quarter-octave moves the predictor by at most
// ln(1.25) = 0.223, so the bound is at most e^0.223 = 1.25 times the exact probability
// (the logistic grows more slowly than the exponential): the screen lets through at most a
// quarter more practices than change, and spares the rest their log and exp.
TEST(HazardScreen, BoundIsWithinAQuarterOfTheExactProbabilities) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  HazardScreen screen;
  for (int k = 0; k < 2000; ++k) {
    PracticeChangeParameters changes;
    changes.closures = changes.mergers = true;
    for (model::HazardCoefficients* h : {&changes.closure, &changes.merger}) {
      h->intercept = -6 + 3 * u(rng);
      h->per_log_list = -1 + 2 * u(rng);
      h->single_handed = u(rng);
      h->no_gp = 2 * u(rng);
    }
    screen.start_year(changes, {});
    const HazardCovariates x{std::exp(std::log(500.0) + 5 * u(rng)), 1 + 10 * u(rng), false};
    // The hazards before the merger's cut to 1 - P(closure).
    const double hazards = model::hazard_probability(changes.closure, x) +
                           model::hazard_probability(changes.merger, x);
    EXPECT_LE(screen.bound(x), 1.25 * hazards * (1 + 1e-6)) << x.list;
  }
}

// A new year's shift refills the cells: a bound read in one year is not served in the next.
TEST(HazardScreen, EachYearHasItsOwnBounds) {
  PracticeChangeParameters changes;
  changes.mergers = true;
  changes.merger.intercept = -4;
  changes.merger.per_log_list = -0.5;
  HazardScreen screen;
  const HazardCovariates x{6000, 4, false};
  screen.start_year(changes, {0.0, 0.0});
  const double quiet = screen.bound(x);
  screen.start_year(changes, {1.0, 0.0});
  const double busy = screen.bound(x);
  EXPECT_GT(busy, quiet);
  EXPECT_GE(busy, model::change_probabilities(changes, x, {1.0, 0.0}).merger);
  screen.start_year(changes, {0.0, 0.0});
  EXPECT_EQ(screen.bound(x), quiet);
}

// A screen keeps each cell's factor of the coefficients from year to year
// (HazardScreen::start_year): one run after another with other coefficients must read the
// bounds a new screen reads, never the last run's.
TEST(HazardScreen, NewCoefficientsAreNotServedTheLastOnesBounds) {
  std::mt19937_64 rng(41);
  std::normal_distribution<double> normal(0.0, 1.0);
  HazardScreen reused;
  std::vector<HazardCovariates> covariates;
  for (int k = 0; k < 300; ++k)
    covariates.push_back({random_list(rng), random_gps(rng), (rng() & 1) != 0});
  PracticeChangeParameters changes = random_changes(rng);
  for (int run = 0; run < 60; ++run) {
    // Every few runs one coefficient alone moves by an ulp, or a hazard is switched.
    if (run % 3 == 0) {
      changes = random_changes(rng);
    } else if (run % 3 == 1) {
      changes.merger.per_log_list = std::nextafter(changes.merger.per_log_list, 1e300);
    } else {
      changes.closures = !changes.closures;
    }
    for (int year = 0; year < 4; ++year) {
      const HazardYearShift shift{normal(rng), normal(rng)};
      reused.start_year(changes, shift);
      HazardScreen fresh;
      fresh.start_year(changes, shift);
      for (const HazardCovariates& x : covariates) {
        const double bound = reused.bound(x);
        ASSERT_EQ(bound, fresh.bound(x)) << "run " << run << ", year " << year;
        const ChangeProbabilities p = model::change_probabilities(changes, x, shift);
        ASSERT_GE(bound, p.closure + p.merger);
      }
    }
  }
}

// Linear predictors and shifts at the ends of exp's range, where a cell's factor or the
// year's overflows or underflows: the bound stays at or above the exact probabilities.
TEST(HazardScreen, BoundHoldsWhereTheExponentialsOverflow) {
  std::mt19937_64 rng(745);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const std::vector<double> extremes = {-760, -745, -720,  -709.8, -700, -30, 0,
                                        30,   700,  709.8, 720,    745,  760};
  HazardScreen screen;
  int checked = 0, positive = 0;
  for (const double intercept : extremes)
    for (const double shift : extremes) {
      PracticeChangeParameters changes;
      changes.closures = true;
      changes.mergers = u(rng) < 0.5;
      changes.closure.intercept = intercept;
      changes.closure.per_log_list = -1 + 2 * u(rng);
      changes.merger.intercept = -intercept;
      changes.merger.no_gp = 2 * u(rng);
      const HazardYearShift year{shift, -shift};
      for (int reading = 0; reading < 2; ++reading) {  // a new year of the same coefficients
        screen.start_year(changes, year);
        for (int k = 0; k < 40; ++k) {
          const HazardCovariates x{std::exp(std::log(30.0) + 9 * u(rng)), 6 * u(rng), k % 2 == 0};
          const ChangeProbabilities p = model::change_probabilities(changes, x, year);
          ASSERT_GE(screen.bound(x), p.closure + p.merger)
              << "intercept " << intercept << ", shift " << shift << ", list " << x.list;
          ++checked;
          positive += p.closure + p.merger > 0;
        }
      }
    }
  EXPECT_EQ(checked, 13 * 13 * 2 * 40);
  EXPECT_GT(positive, checked / 4);
}

// The engine's decision (screen, then change_shares_at at the practice's uniform) equals
// change_shares' at uniforms on and next to the exact thresholds.
struct FixedUniform {
  double u0 = 0, u1 = 0.5;  // the change's uniform; any other (a merger's receiver)
  static constexpr bool central() { return false; }
  double uniform(model::Purpose purpose, std::uint32_t index) const {
    return purpose == model::Purpose::PracticeYear && index == model::kChangeDraw ? u0 : u1;
  }
};

TEST(HazardScreen, ScreenedDecisionsEqualTheExactOnes) {
  std::mt19937_64 rng(7);
  HazardScreen screen;
  int changed = 0;
  for (int k = 0; k < 3000; ++k) {
    const PracticeChangeParameters changes = random_changes(rng);
    screen.start_year(changes, {});
    const HazardCovariates x{random_list(rng), random_gps(rng), (rng() & 1) != 0};
    const ChangeProbabilities p = model::change_probabilities(changes, x, {});
    for (double at : {p.closure, p.closure + p.merger, screen.bound(x)})
      for (double u : {std::nextafter(at, 0.0), at, std::nextafter(at, 1.0)}) {
        if (!(u > 0 && u < 1)) continue;
        const FixedUniform events{u};
        const model::ChangeShares exact = model::change_shares(p, events);
        const model::ChangeShares fast =
            u >= screen.bound(x) ? model::ChangeShares{} : model::change_shares_at(p, u, events);
        ASSERT_EQ(fast.closing, exact.closing) << u;
        ASSERT_EQ(fast.merging, exact.merging) << u;
        changed += exact.closing + exact.merging > 0;
      }
  }
  EXPECT_GT(changed, 1000);
}

}  // namespace
}  // namespace pcsim::engine

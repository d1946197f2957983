// Tests of the year-end practice changes (model/practice_changes.hpp): closures disperse a
// list in proportion to the neighbours' lists, mergers move everything to the largest
// neighbour, patients are conserved, and the hazards are the logistic of docs/model.md.
#include "model/practice_changes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace pcsim::model {
namespace {

// A handful of practices laid out as the view needs them.
struct Area {
  std::vector<double> open_share, closed, merged;
  std::vector<Patients> list, weighted;
  std::vector<BandArray> gps;
  std::vector<Headcount> total;
  std::vector<double> ratio;
  std::vector<Fte> roles;  // one role
  std::vector<int> neighbourhood, area;

  void add(int n, int a, double heads, Patients l, Patients w, double role = 0) {
    open_share.push_back(1);
    closed.push_back(0);
    merged.push_back(0);
    list.push_back(l);
    weighted.push_back(w);
    BandArray h{};
    h[4] = heads;
    gps.push_back(h);
    total.push_back(heads);
    ratio.push_back(l > 0 ? heads / l : 0);
    roles.push_back(role);
    neighbourhood.push_back(n);
    area.push_back(a);
  }
  PracticeChangeView view() {
    return {open_share, list,          weighted, gps,    total,  ratio, roles,
            1,          neighbourhood, area,     closed, merged, {}};
  }
  PracticeChangeYear apply(const std::vector<ChangeShares>& shares) {
    return apply_practice_changes(view(), shares);
  }
  double sum(const std::vector<double>& v) const {
    return std::accumulate(v.begin(), v.end(), 0.0);
  }
};

std::vector<ChangeShares> one(std::size_t n, std::size_t p, ChangeShares s) {
  std::vector<ChangeShares> shares(n);
  shares[p] = s;
  return shares;
}

// Fact: practice 0 (list 2000, weighted 2400) closes; its neighbourhood's staying practices
// have lists 1000 and 3000, so they get 1/4 and 3/4: lists 1500 and 4500, weighted +600 and
// +1800. Practice 3 in another neighbourhood is untouched; totals are conserved exactly;
// the closed practice's 3 GPs are lost.
TEST(PracticeChanges, ClosureDispersesInProportionToNeighboursLists) {
  Area a;
  a.add(0, 0, 3, 2000, 2400);
  a.add(0, 0, 2, 1000, 1100);
  a.add(0, 0, 5, 3000, 2900);
  a.add(1, 0, 1, 7000, 7000);
  const double list_before = a.sum(a.list), weighted_before = a.sum(a.weighted);
  const PracticeChangeYear y = a.apply(one(4, 0, {1, 0}));
  EXPECT_EQ(y.closures, 1);
  EXPECT_EQ(y.mergers, 0);
  EXPECT_EQ(y.patients_dispersed, 2000);
  EXPECT_EQ(y.gps_lost, 3);
  EXPECT_EQ(a.open_share, (std::vector<double>{0, 1, 1, 1}));
  EXPECT_EQ(a.closed, (std::vector<double>{1, 0, 0, 0}));
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 1500, 4500, 7000}));
  EXPECT_EQ(a.weighted, (std::vector<Patients>{0, 1700, 4700, 7000}));
  EXPECT_EQ(a.sum(a.list), list_before);
  EXPECT_EQ(a.sum(a.weighted), weighted_before);
  EXPECT_EQ(a.total[0], 0.0);
  EXPECT_EQ(a.total[1], 2.0);  // receivers keep their GPs; their ratio is unchanged
  EXPECT_EQ(a.ratio[1], 2.0 / 1000);
}

// Fact: a neighbourhood with nobody staying sends its list to the staying practices of its
// area (lists 1000 and 3000: 1/4 and 3/4), an area with nobody staying to every staying
// practice; with nobody staying anywhere the practice cannot close (its patients need a
// provider).
TEST(PracticeChanges, ClosureFallsBackToTheAreaThenAllPracticesThenToNone) {
  Area a;  // nobody else in neighbourhood 0: the area's staying practices (1000, 3000)
  a.add(0, 0, 0, 2000, 2000);
  a.add(1, 0, 2, 1000, 1000);
  a.add(1, 0, 5, 3000, 3000);
  a.add(2, 1, 5, 5000, 5000);  // another area: not a receiver
  a.apply(one(4, 0, {1, 0}));
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 1500, 4500, 5000}));
  Area c;  // nobody else in its area either: every staying practice
  c.add(0, 0, 0, 2000, 2000);
  c.add(1, 1, 2, 1000, 1000);
  c.add(1, 1, 5, 3000, 3000);
  c.apply(one(3, 0, {1, 0}));
  EXPECT_EQ(c.list, (std::vector<Patients>{0, 1500, 4500}));
  Area b;
  b.add(0, 0, 0, 2000, 2000);
  b.add(0, 0, 1, 1000, 1000);
  const PracticeChangeYear y = b.apply({{1, 0}, {1, 0}});
  EXPECT_EQ(y.closures, 0);
  EXPECT_EQ(b.list, (std::vector<Patients>{2000, 1000}));
  EXPECT_EQ(b.open_share, (std::vector<double>{1, 1}));
}

// Fact: a merger moves list, weighted list, GPs by band and role FTE to one receiver drawn
// in proportion to the lists of the neighbourhood's staying practices (1000 and 3000:
// cumulative shares 0.25 and 1, so u = 0.5 draws the second), at no dispersal; the
// receiver's establishment ratio becomes the list-weighted mean: (5/3000 x 3000 + 4/2000 x
// 2000) / 5000 = 9/5000.
TEST(PracticeChanges, MergerMovesEverythingToTheDrawnNeighbour) {
  Area a;
  a.add(0, 0, 4, 2000, 2200, 1.5);
  a.add(0, 0, 2, 1000, 1000, 0.5);
  a.add(0, 0, 5, 3000, 2900, 2.0);
  a.add(1, 0, 9, 9000, 9000);
  const PracticeChangeYear y = a.apply(one(4, 0, {0, 1, 0.5}));
  EXPECT_EQ(y.mergers, 1);
  EXPECT_EQ(y.closures, 0);
  EXPECT_EQ(y.patients_merged, 2000);
  EXPECT_EQ(y.patients_dispersed, 0);
  EXPECT_EQ(y.gps_lost, 0);
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 1000, 5000, 9000}));
  EXPECT_EQ(a.weighted, (std::vector<Patients>{0, 1000, 5100, 9000}));
  EXPECT_EQ(a.total, (std::vector<Headcount>{0, 2, 9, 9}));
  EXPECT_EQ(a.gps[2][4], 9.0);
  EXPECT_EQ(a.roles, (std::vector<Fte>{0, 0.5, 3.5, 0}));
  EXPECT_NEAR(a.ratio[2], 9.0 / 5000, 1e-18);
  EXPECT_EQ(a.merged, (std::vector<double>{1, 0, 0, 0}));
  EXPECT_EQ(a.open_share[0], 0.0);
}

// Fact: the step prepares (PracticeChangeView::prepare: the engine unpacks their GPs) the
// practices whose GPs change, each once, every leaver before any receiver: the leavers 0
// (closing) and 3 (merging), then 5, the receiver of 3's merger (the only staying practice
// of neighbourhood 1). Practices 1 and 2 only take 0's closed list: they are not prepared,
// and their GP totals and establishment ratios are left as they were (set here to values
// that are not the sums of their bands, so a recomputation would show).
TEST(PracticeChanges, OnlyPracticesWhoseGpsChangeArePrepared) {
  Area a;
  a.add(0, 0, 3, 2000, 2000);
  a.add(0, 0, 2, 1000, 1000);
  a.add(0, 0, 5, 3000, 3000);
  a.add(1, 0, 4, 2000, 2000);
  a.add(2, 0, 6, 6000, 6000);  // another neighbourhood: untouched
  a.add(1, 0, 1, 1000, 1000);
  a.total[1] = 99;
  a.total[2] = 77;
  a.ratio[1] = 0.5;
  std::vector<std::size_t> prepared;
  PracticeChangeView v = a.view();
  v.prepare = [&](std::size_t p) { prepared.push_back(p); };
  std::vector<ChangeShares> shares(6);
  shares[0] = {1, 0};
  shares[3] = {0, 1, 0.5};
  const PracticeChangeYear y = apply_practice_changes(v, shares);
  EXPECT_EQ(y.closures, 1);
  EXPECT_EQ(y.mergers, 1);
  EXPECT_EQ(prepared, (std::vector<std::size_t>{0, 3, 5}));
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 1500, 4500, 0, 6000, 3000}));
  EXPECT_EQ(a.total[1], 99.0);
  EXPECT_EQ(a.total[2], 77.0);
  EXPECT_EQ(a.ratio[1], 0.5);
  EXPECT_EQ(a.total[5], 5.0);  // 1 + the 4 merged in
  EXPECT_EQ(a.total[0], 0.0);
  EXPECT_EQ(a.total[3], 0.0);
  // (4/2000 x 2000 + 1/1000 x 1000) / 3000 = 5/3000
  EXPECT_NEAR(a.ratio[5], 5.0 / 3000, 1e-18);
}

// Fact: the receiver is drawn in proportion to list size (u = 0.2 below the first's share
// 0.25 draws it); it is sought in the neighbourhood, then in the area; practices wholly
// leaving this year are not receivers; with none the practice does not merge.
TEST(PracticeChanges, MergerReceiverNeighbourhoodThenAreaThenNone) {
  Area a;
  a.add(0, 7, 1, 1000, 1000);
  a.add(0, 7, 3, 8000, 8000);  // closing this year: not a receiver
  a.add(1, 7, 2, 2000, 2000);  // same area
  a.add(2, 8, 9, 9000, 9000);  // other area
  a.apply({{0, 1, 0.99}, {1, 0}, {}, {}});
  // Practice 0 merges into 2 (its area's only staying practice); practice 1's closure
  // disperses to its area's staying practices, here 2 alone: 2000 + 1000 + 8000.
  EXPECT_EQ(a.list[2], 11000.0);
  EXPECT_EQ(a.list[3], 9000.0);
  Area b;
  b.add(0, 7, 1, 1000, 1000);
  b.add(2, 8, 9, 9000, 9000);
  const PracticeChangeYear y = b.apply(one(2, 0, {0, 1, 0.5}));
  EXPECT_EQ(y.mergers, 0);
  EXPECT_EQ(b.list, (std::vector<Patients>{1000, 9000}));
}

// Fact: the central case moves expected shares: closing 0.1 and merging 0.05 of a practice
// with list 2000 and 4 GPs leaves 0.85 of it (1700 patients, 3.4 GPs, open share 0.85);
// the 100 merging patients and 0.2 GPs go over the neighbours in proportion to their lists
// (1000 and 3000: 25 and 75 patients, 0.05 and 0.15 GPs), the 200 closing patients too (50
// and 150); 0.4 GPs are lost.
TEST(PracticeChanges, CentralSharesMoveExpectedAmounts) {
  Area a;
  a.add(0, 0, 4, 2000, 2000);
  a.add(0, 0, 2, 1000, 1000);
  a.add(0, 0, 5, 3000, 3000);
  const PracticeChangeYear y = a.apply(one(3, 0, {0.1, 0.05}));
  EXPECT_NEAR(y.closures, 0.1, 1e-15);
  EXPECT_NEAR(y.mergers, 0.05, 1e-15);
  EXPECT_NEAR(a.open_share[0], 0.85, 1e-15);
  EXPECT_NEAR(a.list[0], 1700, 1e-9);
  EXPECT_NEAR(a.total[0], 3.4, 1e-12);
  EXPECT_NEAR(a.list[1], 1000 + 25 + 50, 1e-9);
  EXPECT_NEAR(a.list[2], 3000 + 75 + 150, 1e-9);
  EXPECT_NEAR(a.total[1], 2.05, 1e-12);
  EXPECT_NEAR(a.total[2], 5.15, 1e-12);
  EXPECT_NEAR(y.gps_lost, 0.4, 1e-12);
  EXPECT_NEAR(a.sum(a.list), 6000, 1e-9);
}

// Fact: conservation on random practices and random changes: registered and weighted
// patients add up to what they were; GPs fall by exactly the GPs lost to closures.
TEST(PracticeChanges, PatientsConservedAndGpsLostAccountedOnRandomYears) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    Area a;
    const int n = 2 + static_cast<int>(u(rng) * 20);
    for (int p = 0; p < n; ++p)
      a.add(static_cast<int>(u(rng) * 4), static_cast<int>(u(rng) * 2), std::floor(u(rng) * 8),
            std::floor(u(rng) * 12000), std::floor(u(rng) * 12000));
    std::vector<ChangeShares> shares(static_cast<std::size_t>(n));
    for (auto& s : shares) {
      const double x = u(rng);
      s = x < 0.15 ? ChangeShares{1, 0} : x < 0.3 ? ChangeShares{0, 1, u(rng)} : ChangeShares{};
    }
    const double list = a.sum(a.list), weighted = a.sum(a.weighted), gps = a.sum(a.total);
    const PracticeChangeYear y = a.apply(shares);
    EXPECT_NEAR(a.sum(a.list), list, 1e-6 * list + 1e-9) << trial;
    EXPECT_NEAR(a.sum(a.weighted), weighted, 1e-6 * weighted + 1e-9) << trial;
    EXPECT_NEAR(a.sum(a.total), gps - y.gps_lost, 1e-9) << trial;
    for (int p = 0; p < n; ++p) {
      EXPECT_TRUE(a.open_share[p] == 0 || a.open_share[p] == 1);
      if (a.open_share[p] == 0) {
        EXPECT_EQ(a.list[p], 0);
        EXPECT_EQ(a.total[p], 0);
      }
    }
  }
}

// Fact: given its candidates (the practices with a share, ascending), the step reads only
// their shares and does exactly what the full scan does: on random areas over several
// years with one scratch reused by both (as the engine keeps one), every list, weighted
// list, GP band, role FTE, ratio and open share, and the year's sums, are identical bit
// for bit, and shares of non-candidates are never read (they hold garbage that the full
// scan would act on).
// Fact: practice_groups lists each group's practices in practice order, by hand: keys
// {2, -1, 0, 2, 0} give group 0 = {2, 4}, group 1 = {} (no practice has it) and group 2 =
// {0, 3}; the practice without a group is in none, and a negative group or one past the
// last has no members.
TEST(PracticeChanges, GroupsListTheirPracticesInOrder) {
  const std::vector<int> neighbourhood = {2, -1, 0, 2, 0};
  const std::vector<int> area = {0, 0, 0, 0, 0};
  const PracticeGroups groups = practice_groups(neighbourhood, area);
  const auto members = [&](int g) {
    const auto span = groups.neighbourhoods.of(g);
    return std::vector<std::uint32_t>(span.begin(), span.end());
  };
  EXPECT_EQ(members(0), (std::vector<std::uint32_t>{2, 4}));
  EXPECT_TRUE(members(1).empty());
  EXPECT_EQ(members(2), (std::vector<std::uint32_t>{0, 3}));
  EXPECT_TRUE(members(-1).empty());
  EXPECT_TRUE(members(3).empty());
  const auto everyone = groups.areas.of(0);
  EXPECT_EQ(std::vector<std::uint32_t>(everyone.begin(), everyone.end()),
            (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
}

TEST(PracticeChanges, CandidatesGiveTheFullScansResult) {
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> u(0, 1);
  PracticeChangeScratch full_scratch, candidate_scratch;
  for (int trial = 0; trial < 100; ++trial) {
    Area full;
    const int n = 2 + static_cast<int>(u(rng) * 30);
    for (int p = 0; p < n; ++p)
      full.add(static_cast<int>(u(rng) * 4), static_cast<int>(u(rng) * 2), std::floor(u(rng) * 8),
               std::floor(u(rng) * 12000), std::floor(u(rng) * 12000), u(rng) * 3);
    Area listed = full;
    for (int year = 0; year < 3; ++year) {
      std::vector<ChangeShares> shares(static_cast<std::size_t>(n));
      std::vector<std::size_t> candidates;
      for (std::size_t p = 0; p < shares.size(); ++p) {
        const double x = u(rng);
        if (x < 0.1)
          shares[p] = ChangeShares{1, 0};
        else if (x < 0.2)
          shares[p] = ChangeShares{0, 1, u(rng)};
        else if (x < 0.3)
          shares[p] = ChangeShares{0.25, 0.5};  // central: every receiver
        if (x < 0.3) candidates.push_back(p);
      }
      std::vector<ChangeShares> garbled = shares;  // non-candidates' shares not {0, 0}
      for (std::size_t p = 0; p < garbled.size(); ++p)
        if (!(u(rng) < 0.3) &&
            std::find(candidates.begin(), candidates.end(), p) == candidates.end())
          garbled[p] = ChangeShares{1, 0};
      const PracticeChangeYear a =
          apply_practice_changes(full.view(), shares, nullptr, &full_scratch);
      const PracticeChangeYear b =
          apply_practice_changes(listed.view(), garbled, nullptr, &candidate_scratch, &candidates);
      EXPECT_EQ(a.closures, b.closures);
      EXPECT_EQ(a.mergers, b.mergers);
      EXPECT_EQ(a.patients_dispersed, b.patients_dispersed);
      EXPECT_EQ(a.patients_merged, b.patients_merged);
      EXPECT_EQ(a.gps_lost, b.gps_lost);
      EXPECT_EQ(full.list, listed.list) << trial << " " << year;
      EXPECT_EQ(full.weighted, listed.weighted);
      EXPECT_EQ(full.gps, listed.gps);
      EXPECT_EQ(full.total, listed.total);
      EXPECT_EQ(full.ratio, listed.ratio);
      EXPECT_EQ(full.roles, listed.roles);
      EXPECT_EQ(full.open_share, listed.open_share);
      EXPECT_EQ(full.closed, listed.closed);
      EXPECT_EQ(full.merged, listed.merged);
      for (const double leaving : candidate_scratch.leaving) ASSERT_EQ(leaving, 0.0);
    }
  }
}

// Fact: the hazard is the logistic of the linear predictor: intercept -3, per log list
// -0.5, single-handed 1.2, APMS 0.4 at L = 2,500, H = 1, APMS: z = -3 - 0.5 ln(0.25) + 1.2
// + 0.4 = -0.70685...; P = 1/(1 + e^0.70685) = 0.33030... No list: 0.
TEST(PracticeChanges, HazardIsLogisticOfCovariates) {
  HazardCoefficients c;
  c.intercept = -3;
  c.per_log_list = -0.5;
  c.single_handed = 1.2;
  c.no_gp = 2.0;
  c.apms = 0.4;
  const double z = -3 - 0.5 * std::log(0.25) + 1.2 + 0.4;
  EXPECT_NEAR(hazard_probability(c, {2500, 1, true}), 1 / (1 + std::exp(-z)), 1e-15);
  const double z0 = -3 - 0.5 * std::log(0.25) + 2.0;  // no GP (0.3 rounds to 0), not APMS
  EXPECT_NEAR(hazard_probability(c, {2500, 0.3, false}), 1 / (1 + std::exp(-z0)), 1e-15);
  EXPECT_EQ(hazard_probability(c, {0, 1, false}), 0.0);
}

// Fact: the switches gate each hazard, and the merger probability is cut so the two add
// to at most 1.
TEST(PracticeChanges, ProbabilitiesRespectSwitchesAndAddToAtMostOne) {
  PracticeChangeParameters changes;
  changes.closure.intercept = 2;  // 0.88
  changes.merger.intercept = 1;   // 0.73
  const HazardCovariates x{10000, 3, false};
  EXPECT_EQ(change_probabilities(changes, x).closure, 0.0);
  EXPECT_EQ(change_probabilities(changes, x).merger, 0.0);
  changes.closures = changes.mergers = true;
  const ChangeProbabilities p = change_probabilities(changes, x);
  EXPECT_NEAR(p.closure, 1 / (1 + std::exp(-2.0)), 1e-15);
  EXPECT_NEAR(p.closure + p.merger, 1.0, 1e-15);
}

// Events whose practice-change uniform is fixed.
struct FixedUniform {
  double u;
  static constexpr bool central() { return false; }
  double uniform(Purpose purpose, std::uint32_t index) const {
    // The change's uniform, or a merger's receiver.
    EXPECT_TRUE((purpose == Purpose::PracticeYear && index == kChangeDraw) ||
                (purpose == Purpose::PracticeChange && index == 1u))
        << static_cast<int>(purpose) << " " << index;
    return u;
  }
};

// Fact: one uniform decides: closes when u < P(closure) = 0.1, merges when 0.1 <= u < 0.3,
// else (u = 0.31) nothing; the central case takes the probabilities as shares.
TEST(PracticeChanges, OneUniformDecidesTheChange) {
  const ChangeProbabilities p{0.1, 0.2};
  EXPECT_EQ(change_shares(p, FixedUniform{0.05}).closing, 1.0);
  EXPECT_EQ(change_shares(p, FixedUniform{0.1}).merging, 1.0);
  EXPECT_EQ(change_shares(p, FixedUniform{0.1}).receiver_u, 0.1);  // index 1, here the same u
  EXPECT_EQ(change_shares(p, FixedUniform{0.29}).merging, 1.0);
  const ChangeShares none = change_shares(p, FixedUniform{0.31});
  EXPECT_EQ(none.closing + none.merging, 0.0);
  EXPECT_TRUE(std::isnan(change_shares(p, FixedUniform{0.05}).receiver_u));
  const ChangeShares central = change_shares(p, ExpectationEvents{});
  EXPECT_EQ(central.closing, 0.1);
  EXPECT_EQ(central.merging, 0.2);
}

}  // namespace
}  // namespace pcsim::model

namespace pcsim::model {
namespace {

// Fact: the draw in proportion to lists. Lists 1000, 0, 3000: shares 0.25, 0, 0.75;
// u < 0.25 draws the first, 0.25 <= u the third (never the empty one); all-empty lists
// share equally.
TEST(PracticeChanges, ReceiverDrawnInProportionToLists) {
  const std::vector<Patients> list = {1000, 0, 3000};
  const std::vector<std::size_t> pool = {0, 1, 2};
  EXPECT_EQ(draw_receiver(pool, list, 0.1), 0u);
  EXPECT_EQ(draw_receiver(pool, list, 0.2499), 0u);
  EXPECT_EQ(draw_receiver(pool, list, 0.25), 2u);
  EXPECT_EQ(draw_receiver(pool, list, 0.999999), 2u);
  const std::vector<Patients> empty = {0, 0, 0};
  EXPECT_EQ(draw_receiver(pool, empty, 0.5), 1u);
}

}  // namespace
}  // namespace pcsim::model

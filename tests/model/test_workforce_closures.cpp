// Tests of practice closures and list dispersal (model/workforce.hpp, close_and_disperse):
// patients are conserved and shared in proportion to the receivers' lists.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <map>
#include <numeric>
#include <vector>

#include "model/workforce.hpp"

namespace pcsim::model {
namespace {

struct Area {
  std::vector<int> neighbourhood;
  std::vector<std::uint8_t> open;
  std::vector<BandArray> headcount;
  std::vector<Patients> list, weighted;

  void add(int n, double gps, Patients l, Patients w) {
    neighbourhood.push_back(n);
    open.push_back(1);
    BandArray h{};
    h[4] = gps;
    headcount.push_back(h);
    list.push_back(l);
    weighted.push_back(w);
  }
  ClosureYear close(const WorkforceParameters& w = {}) {
    return close_and_disperse(w, neighbourhood, open, headcount, list, weighted);
  }
  double total_list() const { return std::accumulate(list.begin(), list.end(), 0.0); }
  double total_weighted() const { return std::accumulate(weighted.begin(), weighted.end(), 0.0); }
};

// Fact: practice 0 (no GPs, list 2000, weighted 2400) closes; its neighbourhood's open
// practices have lists 1000 and 3000, so they get 1/4 and 3/4:
//   list: 1000 + 500 = 1500, 3000 + 1500 = 4500; weighted: +600 and +1800.
// Practice 3 in another neighbourhood is untouched; totals are conserved exactly.
TEST(Closures, ListMovesToNeighboursInProportionToTheirLists) {
  Area a;
  a.add(0, 0, 2000, 2400);
  a.add(0, 2, 1000, 1100);
  a.add(0, 5, 3000, 2900);
  a.add(1, 1, 7000, 7000);
  const double list_before = a.total_list(), weighted_before = a.total_weighted();
  const ClosureYear y = a.close();
  EXPECT_EQ(y.closures, 1);
  EXPECT_EQ(y.patients_moved, 2000);
  EXPECT_EQ(a.open, (std::vector<std::uint8_t>{0, 1, 1, 1}));
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 1500, 4500, 7000}));
  EXPECT_EQ(a.weighted, (std::vector<Patients>{0, 1700, 4700, 7000}));
  EXPECT_EQ(a.total_list(), list_before);
  EXPECT_EQ(a.total_weighted(), weighted_before);
  EXPECT_EQ(total_headcount(a.headcount[0]), 0.0);
}

// Fact: a neighbourhood left with no open practice sends its list to all open practices,
// in proportion to their lists: 4000 over lists 1000 and 3000 -> +1000 and +3000.
TEST(Closures, OrphanedNeighbourhoodSendsListToAllOpenPractices) {
  Area a;
  a.add(0, 1, 1000, 1000);
  a.add(0, 3, 3000, 3000);
  a.add(1, 0.2, 4000, 5000);  // below the 0.5 threshold: closes, alone in its area
  const ClosureYear y = a.close();
  EXPECT_EQ(y.closures, 1);
  EXPECT_EQ(a.list, (std::vector<Patients>{2000, 6000, 0}));
  EXPECT_EQ(a.weighted, (std::vector<Patients>{2250, 6750, 0}));
}

// Fact: if every practice would close, none does (no receiver for the patients).
TEST(Closures, NoClosureWhenNoPracticeWouldStayOpen) {
  Area a;
  a.add(0, 0, 1000, 1000);
  a.add(1, 0, 2000, 2000);
  const ClosureYear y = a.close();
  EXPECT_EQ(y.closures, 0);
  EXPECT_EQ(a.open, (std::vector<std::uint8_t>{1, 1}));
  EXPECT_EQ(a.list, (std::vector<Patients>{1000, 2000}));
}

// Fact: a closed practice stays closed and never receives patients; the threshold is a
// parameter (a practice with 1 GP closes at threshold 1.5).
TEST(Closures, ClosedPracticesStayClosedAndThresholdApplies) {
  Area a;
  a.add(0, 3, 1000, 1000);
  a.add(0, 1, 1000, 1000);
  a.add(0, 4, 2000, 2000);
  a.open[2] = 0;  // closed in an earlier year; its list would be 0 then
  a.list[2] = a.weighted[2] = 0;
  WorkforceParameters w;
  w.closure_threshold = 1.5;
  const ClosureYear y = a.close(w);
  EXPECT_EQ(y.closures, 1);
  EXPECT_EQ(a.list, (std::vector<Patients>{2000, 0, 0}));
}

// Fact: receivers with empty lists share a moved list equally.
TEST(Closures, EmptyReceiversShareEqually) {
  Area a;
  a.add(0, 0, 900, 900);
  a.add(0, 2, 0, 0);
  a.add(0, 2, 0, 0);
  a.add(0, 2, 0, 0);
  a.close();
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 300, 300, 300}));
}

// Fact: on a larger irregular area, total patients are conserved (to rounding of one
// addition per practice) and each receiver's gain over its own list is the same ratio
// within a neighbourhood (proportional dispersal).
TEST(Closures, ManyPracticesConserveAndShareProportionally) {
  Area a;
  for (int p = 0; p < 60; ++p) {
    const double list = 1000 + 137.0 * ((p * 7919) % 53);
    const double gps = (p % 9 == 0) ? 0.0 : 1.0 + p % 4;  // 7 practices with no GP
    a.add(p % 5, gps, list, list * (0.8 + 0.01 * (p % 40)));
  }
  const auto before = a.list;
  const double list_before = a.total_list(), weighted_before = a.total_weighted();
  const ClosureYear y = a.close();
  EXPECT_EQ(y.closures, 7);
  EXPECT_NEAR(a.total_list(), list_before, 1e-12 * list_before);
  EXPECT_NEAR(a.total_weighted(), weighted_before, 1e-12 * weighted_before);
  for (int n = 0; n < 5; ++n) {
    double ratio = -1;
    for (std::size_t p = 0; p < before.size(); ++p) {
      if (a.neighbourhood[p] != n || a.open[p] == 0) continue;
      const double r = a.list[p] / before[p];
      if (ratio < 0) ratio = r;
      EXPECT_NEAR(r, ratio, 1e-12) << "practice " << p;
    }
    EXPECT_GT(ratio, 1.0) << "neighbourhood " << n;
  }
}

// Fact: a practice can receive from its own neighbourhood and from the pool of all:
//   practices (area, GPs, L, W): 0 (0, 0, 1000, 1200) and 3 (1, 0, 2000, 2400) close;
//   1 (0, 2, 1000, 1000), 2 (0, 2, 3000, 3000), 4 (2, 3, 4000, 4000) stay.
//   Area 0 pool (lists 1000 + 3000 = 4000): L +250, +750; W +300, +900.
//   Area 1 has nobody left: its 2000 (W 2400) go to all stayers by their lists before the
//   move, 1000 + 3000 + 4000 = 8000: L +250, +750, +1000; W +300, +900, +1200.
TEST(Closures, PracticeReceivesFromItsAreaAndFromThePoolOfAll) {
  Area a;
  a.add(0, 0, 1000, 1200);
  a.add(0, 2, 1000, 1000);
  a.add(0, 2, 3000, 3000);
  a.add(1, 0, 2000, 2400);
  a.add(2, 3, 4000, 4000);
  const ClosureYear y = a.close();
  EXPECT_EQ(y.closures, 2);
  EXPECT_EQ(y.patients_moved, 3000);
  EXPECT_EQ(a.list, (std::vector<Patients>{0, 1500, 4500, 0, 5000}));
  EXPECT_EQ(a.weighted, (std::vector<Patients>{0, 1600, 4800, 0, 5200}));
}

// The rule of close_and_disperse written plainly (one pass per step over all practices,
// pools as maps), to check the optimised one bit for bit.
ClosureYear plain_closures(const WorkforceParameters& w, const std::vector<int>& area,
                           std::vector<std::uint8_t>& open, const std::vector<double>& total,
                           std::vector<Patients>& list, std::vector<Patients>& weighted) {
  const std::size_t n = open.size(), all = 1000000;
  std::vector<std::uint8_t> closes(n, 0);
  std::size_t staying = 0, closing = 0;
  for (std::size_t p = 0; p < n; ++p) {
    if (open[p] == 0) continue;
    if (total[p] < w.closure_threshold) {
      closes[p] = 1;
      ++closing;
    } else {
      ++staying;
    }
  }
  ClosureYear year;
  if (closing == 0 || staying == 0) return year;
  struct Pool {
    double list = 0, count = 0;         // the stayers' lists before the move, and how many
    double moving_l = 0, moving_w = 0;  // the closing lists sent to this pool
    double given_l = 0, given_w = 0;    // shared out so far
    std::size_t last = 0;               // the last stayer, who takes the remainder
  };
  std::map<std::size_t, Pool> pools;
  auto stays = [&](std::size_t p) { return open[p] != 0 && closes[p] == 0; };
  for (std::size_t p = 0; p < n; ++p)
    if (stays(p))
      for (std::size_t k : {static_cast<std::size_t>(area[p]), all}) {
        pools[k].list += list[p];
        pools[k].count += 1;
        pools[k].last = p;
      }
  for (std::size_t p = 0; p < n; ++p) {
    if (closes[p] == 0) continue;
    const auto own = static_cast<std::size_t>(area[p]);
    Pool& pool = pools[pools[own].count > 0 ? own : all];
    pool.moving_l += list[p];
    pool.moving_w += weighted[p];
    year.patients_moved += list[p];
    ++year.closures;
  }
  for (std::size_t p = 0; p < n; ++p) {
    if (!stays(p)) continue;
    const double before = list[p];
    for (std::size_t k : {static_cast<std::size_t>(area[p]), all}) {
      Pool& pool = pools[k];
      if (pool.moving_l == 0 && pool.moving_w == 0) continue;
      const double share = pool.list > 0 ? before / pool.list : 1.0 / pool.count;
      const double add_l = p == pool.last ? pool.moving_l - pool.given_l : pool.moving_l * share;
      const double add_w = p == pool.last ? pool.moving_w - pool.given_w : pool.moving_w * share;
      pool.given_l += add_l;
      pool.given_w += add_w;
      list[p] += add_l;
      weighted[p] += add_w;
    }
  }
  for (std::size_t p = 0; p < n; ++p) {
    if (closes[p] == 0) continue;
    open[p] = 0;
    list[p] = weighted[p] = 0;
  }
  return year;
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

// Fact: over 40 years of 300 practices in 70 neighbourhoods (20 of one practice, which
// leave nobody open when it closes; 50 of about 6), one scratch reused every year gives
// every list, weighted list, open flag and count bit for bit as the plain rule does.
TEST(Closures, ReusedScratchMatchesThePlainRuleBitForBit) {
  const std::size_t n = 300;
  std::vector<int> area(n);
  for (std::size_t p = 0; p < n; ++p) area[p] = static_cast<int>(p < 20 ? p : 20 + (p * 37) % 50);
  std::vector<std::uint8_t> open(n, 1), open_plain(n, 1);
  std::vector<Patients> list(n), weighted(n);
  for (std::size_t p = 0; p < n; ++p) {
    list[p] = 800 + 97.0 * ((p * 7919) % 101) + 0.37 * p;
    weighted[p] = list[p] * (0.85 + 0.003 * (p % 97));
  }
  std::vector<Patients> list_plain = list, weighted_plain = weighted;
  std::vector<BandArray> headcount(n);
  std::vector<double> total(n);
  WorkforceParameters w;
  ClosureScratch scratch;
  int closures = 0, orphan_years = 0;
  for (int year = 0; year < 40; ++year) {
    for (std::size_t p = 0; p < n; ++p)  // about 1 in 60 open practices short of a GP
      total[p] = ((p * 131 + static_cast<std::size_t>(year) * 17) % 61 == 0) ? 0.0 : 2.0;
    std::vector<std::size_t> alive(70, 0);  // practices staying open, by neighbourhood
    for (std::size_t p = 0; p < n; ++p)
      alive[static_cast<std::size_t>(area[p])] += open[p] && total[p] >= 0.5;
    for (std::size_t p = 0; p < n; ++p)
      orphan_years += open[p] && total[p] < 0.5 && alive[static_cast<std::size_t>(area[p])] == 0;
    const ClosureYear y =
        close_and_disperse(w, area, open, total, headcount, list, weighted, scratch);
    const ClosureYear plain =
        plain_closures(w, area, open_plain, total, list_plain, weighted_plain);
    closures += y.closures;
    ASSERT_EQ(y.closures, plain.closures) << year;
    ASSERT_EQ(y.patients_moved, plain.patients_moved) << year;
    ASSERT_EQ(open, open_plain) << year;
    ASSERT_TRUE(same_bits(list, list_plain)) << year;
    ASSERT_TRUE(same_bits(weighted, weighted_plain)) << year;
  }
  EXPECT_GT(closures, 60);
  EXPECT_GT(orphan_years, 2);
}

}  // namespace
}  // namespace pcsim::model

// Tests of practice closures and list dispersal (model/workforce.hpp, close_and_disperse):
// patients are conserved and shared in proportion to the receivers' lists.
#include <gtest/gtest.h>

#include <cstdint>
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

}  // namespace
}  // namespace pcsim::model

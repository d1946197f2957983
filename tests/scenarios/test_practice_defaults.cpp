// The default rules for what the practice files lack, each checked on a case worked by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "scenarios/practice_defaults.hpp"

namespace pcsim::scenarios {
namespace {

double sum(const model::BandArray& a) { return std::accumulate(a.begin(), a.end(), 0.0); }

// The synthetic scenario's GP age profile.
const model::BandArray kProfile = {0.02, 0.10, 0.14, 0.15, 0.15, 0.14, 0.13, 0.10, 0.07};

// 8 GPs over kProfile: quotas 0.16, 0.80, 1.12, 1.20, 1.20, 1.12, 1.04, 0.80, 0.56;
// floors 0,0,1,1,1,1,1,0,0 (5 GPs); the 3 left go to the largest remainders .80 (30-34),
// .80 (60-64) and .56 (65+).
TEST(LargestRemainder, EightGpsOverTheSyntheticProfile) {
  EXPECT_EQ(largest_remainder_split(8, kProfile), (model::BandArray{0, 1, 1, 1, 1, 1, 1, 1, 1}));
}

// 7 over shares 0.5, 0.3, 0.2: quotas 3.5, 2.1, 1.4 -> floors 3, 2, 1 and the one left to
// the largest remainder .5. Weights need not sum to 1: 10 over 1,1,1 -> 3.33 each -> 4,3,3
// (the tie goes to the younger band). 1 over equal shares -> the youngest band.
TEST(LargestRemainder, SmallCasesByHand) {
  EXPECT_EQ(largest_remainder_split(7, {0.5, 0.3, 0.2, 0, 0, 0, 0, 0, 0}),
            (model::BandArray{4, 2, 1, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(largest_remainder_split(10, {1, 1, 1, 0, 0, 0, 0, 0, 0}),
            (model::BandArray{4, 3, 3, 0, 0, 0, 0, 0, 0}));
  model::BandArray equal;
  equal.fill(1.0 / 9);
  EXPECT_EQ(largest_remainder_split(1, equal), (model::BandArray{1, 0, 0, 0, 0, 0, 0, 0, 0}));
}

// For every total 0..300 the bands are integers summing exactly to the total, and each is
// its quota rounded down or up (the defining property of largest-remainder rounding).
TEST(LargestRemainder, BandsAreIntegersSummingExactlyToTheTotal) {
  for (int total = 0; total <= 300; ++total) {
    const model::BandArray bands = largest_remainder_split(total, kProfile);
    EXPECT_EQ(sum(bands), total);
    for (int b = 0; b < model::kAgeBands; ++b) {
      const double quota = total * kProfile[static_cast<std::size_t>(b)] / sum(kProfile);
      const double count = bands[static_cast<std::size_t>(b)];
      EXPECT_EQ(count, std::round(count));
      EXPECT_GE(count, std::floor(quota) - 1e-9);
      EXPECT_LE(count, std::ceil(quota) + 1e-9);
    }
  }
}

// Values 5,1,4,2,3,6,0 into 3 groups: ranks 0..6 -> floor(r*3/7) = 0,0,0,1,1,2,2, so the
// three smallest (0,1,2) form group 0, then (3,4), then (5,6).
TEST(QuantileGroups, EqualCountGroupsByRank) {
  EXPECT_EQ(quantile_groups({5, 1, 4, 2, 3, 6, 0}, 3), (std::vector<int>{2, 0, 1, 0, 1, 2, 0}));
  // More groups than values: one group per value.
  EXPECT_EQ(quantile_groups({2.0, 1.0}, 6), (std::vector<int>{1, 0}));
  // Ties keep input order: 1,1,1,1 into 2 -> first two in group 0.
  EXPECT_EQ(quantile_groups({1, 1, 1, 1}, 2), (std::vector<int>{0, 0, 1, 1}));
}

// Labels map to 0..G-1 in sorted order: text order for names, numeric order when every
// label is an integer ("02" and "2" are one group); blank is -1.
TEST(IndexLabels, SortedOrderNumericWhenAllIntegers) {
  const LabelIndex names = index_labels({"b", "a", "", "c", "a"});
  EXPECT_EQ(names.index, (std::vector<int>{1, 0, -1, 2, 0}));
  EXPECT_EQ(names.groups, 3);
  const LabelIndex numbers = index_labels({"10", "2", "", "02"});
  EXPECT_EQ(numbers.index, (std::vector<int>{1, 0, -1, 0}));
  EXPECT_EQ(numbers.groups, 2);
  EXPECT_EQ(index_labels({"10", "2", "x"}).index, (std::vector<int>{0, 1, 2}));
}

// Labels equal but for the case of letters or runs of spaces are named, with each label's
// count; labels that differ otherwise, integers ("02" and "2" are one group already) and
// blanks are not.
TEST(LookAlikeLabels, CaseAndSpacesOnly) {
  EXPECT_EQ(
      look_alike_labels({"high need", "High Need", "high need", "low need", "", "high  need"}),
      (std::vector<std::string>{
          "'High Need' (1 practice), 'high  need' (1 practice), 'high need' (2 practices)"}));
  EXPECT_TRUE(look_alike_labels({"high need", "high-need", "02", "2", ""}).empty());
  EXPECT_EQ(look_alike_labels({"North", "NORTH", "south", "South "}).size(), 2u);
}

// Postcodes sort by area, then district as a number: BL1 < BL2 < BL10.
TEST(PostcodeSortKey, DistrictsCompareAsNumbers) {
  EXPECT_EQ(postcode_sort_key("BL2  6NT"), "BL02 6NT");
  EXPECT_EQ(postcode_sort_key("bl10 1aa"), "BL10 1AA");
  EXPECT_EQ(postcode_sort_key("EC1A 1BB"), "EC01A 1BB");
  EXPECT_EQ(postcode_sort_key(""), "~");
  EXPECT_LT(postcode_sort_key("BL1 1AA"), postcode_sort_key("BL2 6NT"));
  EXPECT_LT(postcode_sort_key("BL2 6NT"), postcode_sort_key("BL10 1AA"));
}

// Six practices, groups of 30,000. Postcode order: BL1 1ZZ (8k), BL1 2AB (10k), BL2 5EF
// (15k) -> 33k, group 0 closed; BL3 1AA (12k), BL4 9GH (20k) -> 32k, group 1 closed;
// BL10 4CD (3k) falls short and joins group 1.
TEST(PostcodeGroups, TinyCaseByHand) {
  const std::vector<std::string> postcodes = {"BL3 1AA", "BL1 2AB", "BL10 4CD",
                                              "BL2 5EF", "BL1 1ZZ", "BL4 9GH"};
  const std::vector<Patients> lists = {12000, 10000, 3000, 15000, 8000, 20000};
  EXPECT_EQ(postcode_groups(postcodes, lists, 30000), (std::vector<int>{1, 0, 1, 0, 0, 1}));
}

// A total below the group size is one group; a group that exactly reaches the size closes
// with nothing left over; no practices, no groups.
TEST(PostcodeGroups, EdgeCases) {
  EXPECT_EQ(postcode_groups({"A1 1AA", "A2 1AA"}, {1000, 2000}, 30000), (std::vector<int>{0, 0}));
  EXPECT_EQ(postcode_groups({"A1 1AA", "A2 1AA", "A3 1AA"}, {15000, 15000, 30000}, 30000),
            (std::vector<int>{0, 0, 1}));
  EXPECT_TRUE(postcode_groups({}, {}, 30000).empty());
}

}  // namespace
}  // namespace pcsim::scenarios

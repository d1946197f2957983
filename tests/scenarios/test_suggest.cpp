// The "did you mean" machinery: Damerau-Levenshtein distance and the nearest-key choice.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scenarios/suggest.hpp"

namespace pcsim::scenarios {
namespace {

// Textbook distances, counted by hand.
TEST(DamerauLevenshtein, CountsSingleEdits) {
  EXPECT_EQ(damerau_levenshtein("", ""), 0u);
  EXPECT_EQ(damerau_levenshtein("abc", ""), 3u);   // three deletions
  EXPECT_EQ(damerau_levenshtein("", "abcd"), 4u);  // four insertions
  EXPECT_EQ(damerau_levenshtein("list_growth", "list_growth"), 0u);
  EXPECT_EQ(damerau_levenshtein("list_grwth", "list_growth"), 1u);    // one insertion
  EXPECT_EQ(damerau_levenshtein("list_grouth", "list_growth"), 1u);   // one substitution
  EXPECT_EQ(damerau_levenshtein("list_growthh", "list_growth"), 1u);  // one deletion
}

// A swap of two adjacent letters is one edit, not two substitutions.
TEST(DamerauLevenshtein, CountsAdjacentSwapAsOneEdit) {
  EXPECT_EQ(damerau_levenshtein("list_gorwth", "list_growth"), 1u);
  EXPECT_EQ(damerau_levenshtein("ab", "ba"), 1u);
}

// The unrestricted distance may edit inside a swapped pair: "ca" -> "ac" (swap) -> "abc"
// (insert b) is 2, where the restricted "optimal string alignment" distance gives 3.
TEST(DamerauLevenshtein, IsTheUnrestrictedDistance) {
  EXPECT_EQ(damerau_levenshtein("ca", "abc"), 2u);
  // kitten -> sitten -> sittin -> sitting: 3 (no swap helps).
  EXPECT_EQ(damerau_levenshtein("kitten", "sitting"), 3u);
}

// The distance is symmetric.
TEST(DamerauLevenshtein, IsSymmetric) {
  EXPECT_EQ(damerau_levenshtein("retirment_rate", "retirement_rate"),
            damerau_levenshtein("retirement_rate", "retirment_rate"));
}

const std::vector<std::string> kPopulationKeys = {"consultation_growth",
                                                  "consultations_per_patient",
                                                  "diversion_max",
                                                  "diversion_ramp_years",
                                                  "gp_share",
                                                  "list_growth",
                                                  "list_noise_sd",
                                                  "self_care_share"};

// The nearest valid key of the table is offered for a one-letter typo.
TEST(NearestKey, FindsTheKeyOneEditAway) {
  EXPECT_EQ(nearest_key("list_grwth", kPopulationKeys), "list_growth");
  EXPECT_EQ(nearest_key("consultation_per_patient", kPopulationKeys), "consultations_per_patient");
}

// Case is ignored when comparing: "List_Growth" is list_growth.
TEST(NearestKey, IgnoresCase) {
  EXPECT_EQ(nearest_key("List_Growth", kPopulationKeys), "list_growth");
}

// A word far from every key gets no suggestion rather than a random one: "budget" is at
// least 5 edits from each key, above the limit of max(1, 6 / 3) = 2.
TEST(NearestKey, OffersNothingForUnrelatedWords) {
  EXPECT_EQ(nearest_key("budget", kPopulationKeys), std::nullopt);
  EXPECT_EQ(nearest_key("xyz", std::vector<std::string>{}), std::nullopt);
}

// Short words allow one edit only: "sd" -> "mu" is 2 edits, so no suggestion; "sdd" -> "sd"
// is one.
TEST(NearestKey, AllowsOneEditForShortWords) {
  const std::vector<std::string> keys = {"mu", "sd"};
  EXPECT_EQ(nearest_key("ms", std::vector<std::string>{"mu"}), "mu");
  EXPECT_EQ(nearest_key("sdd", keys), "sd");
  EXPECT_EQ(nearest_key("ab", std::vector<std::string>{"mu"}), std::nullopt);
}

// Of two candidates the closer wins; at equal distance the first listed.
TEST(NearestKey, PrefersCloserThenFirst) {
  EXPECT_EQ(nearest_key("mode", std::vector<std::string>{"model", "mode"}), "mode");
  EXPECT_EQ(nearest_key("maxx", std::vector<std::string>{"max", "maxy"}), "max");
}

}  // namespace
}  // namespace pcsim::scenarios

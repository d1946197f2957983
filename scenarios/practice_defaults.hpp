#pragma once
#include <string>
#include <vector>

#include "core/units.hpp"
#include "model/age_bands.hpp"

namespace pcsim::scenarios {

// The rules that fill what the practice files lack (used by practice_loader). Each is a
// pure function of plain vectors so that it can be checked by hand on a tiny case.

// Group labels as written in a file (integers or names) mapped to 0..G-1 in sorted order:
// numeric order when every label is an integer ("2" < "10"), text order otherwise. An
// empty label gets -1 (not given).
struct LabelIndex {
  std::vector<int> index;  // one per label
  int groups = 0;          // G, the number of distinct non-empty labels
};
LabelIndex index_labels(const std::vector<std::string>& labels);

// Labels index_labels keeps apart that a reader would take for one: equal but for the case
// of ASCII letters and runs of spaces ("High Need", "high  need"). One entry per such set,
// its labels in sorted order with how many practices give each:
// "'High Need' (1 practice), 'high need' (9 practices)". Empty when there are none.
std::vector<std::string> look_alike_labels(const std::vector<std::string>& labels);

// Equal-count quantile groups: the values ranked ascending (ties in input order) and rank
// r of n put in group floor(r * G / n), G = min(groups, n); group sizes differ by at most
// one. Used for the default peer group on the weighting ratio W/L.
std::vector<int> quantile_groups(const std::vector<double>& values, int groups);

// A key that sorts UK postcodes geographically: area letters, district number compared as
// a number (BL1 < BL2 < BL10), then the rest; "BL1  6NT" -> "BL01 6NT". Upper case, spaces
// ignored; an empty postcode sorts last.
std::string postcode_sort_key(const std::string& postcode);

// Consecutive groups in postcode order (ties by input order): a group is closed as soon as
// its patients reach `group_size`; a last group that falls short joins the one before it,
// so that every group reaches the size when the total does. Returns the group of each
// input (0-based, numbered in postcode order). The default neighbourhood: practices close
// in postcode order are usually close on the map, which is what a neighbourhood is.
std::vector<int> postcode_groups(const std::vector<std::string>& postcodes,
                                 const std::vector<Patients>& patients, Patients group_size);

// `total` split over age bands in proportion to `shares` (any non-negative weights with a
// positive sum) by largest-remainder rounding: each band gets the floor of its quota, and
// the units left go to the largest fractional parts (ties to the younger band). The band
// counts are integers summing exactly to `total`.
model::BandArray largest_remainder_split(int total, const model::BandArray& shares);

}  // namespace pcsim::scenarios

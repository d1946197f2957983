#pragma once
#include <array>
#include <string_view>

namespace pcsim::model {

// GP age bands of the NHS Digital General Practice Workforce series (MODEL.md, Workforce):
// under 30, 30-34, ..., 60-64, 65 and over. NHS Digital's 65-69 and 70+ merge into 65+.
inline constexpr int kAgeBands = 9;
inline constexpr std::array<std::string_view, kAgeBands> kAgeBandKeys = {
    "under_30", "30_34", "35_39", "40_44", "45_49", "50_54", "55_59", "60_64", "65_plus"};
// Width in years, used for ageing: a GP moves up one band a year with probability 1/width.
// The open-ended bands have no upper neighbour (65+) or are treated as 5 years (under 30).
inline constexpr std::array<double, kAgeBands> kAgeBandWidthYears = {5, 5, 5, 5, 5, 5, 5, 5, 0};

using BandArray = std::array<double, kAgeBands>;

// Index of a band key ("45_49"), or -1.
constexpr int age_band_index(std::string_view key) {
  for (int b = 0; b < kAgeBands; ++b)
    if (kAgeBandKeys[b] == key) return b;
  return -1;
}

}  // namespace pcsim::model

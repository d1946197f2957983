#include "output/sort_doubles.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace pcsim::output {

namespace {

constexpr int kDigitBits = 8;
constexpr int kDigits = 64 / kDigitBits;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
// Below this many values a comparison sort is as fast, and needs no histograms.
constexpr std::size_t kRadixFrom = 256;

std::size_t digit(std::uint64_t key, int d) {
  return static_cast<std::size_t>(key >> (d * kDigitBits)) & (kBuckets - 1);
}

void throw_if_nan(std::span<const double> values, const char* what) {
  if (std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); }))
    throw std::invalid_argument(std::string(what) + ": a NaN value (drop the NaN values first)");
}

// Counts of every digit of every key, in one pass.
using Histograms = std::array<std::array<std::size_t, kBuckets>, kDigits>;
void count_digits(std::span<const std::uint64_t> keys, Histograms& counts) {
  for (auto& h : counts) h.fill(0);
  for (const std::uint64_t key : keys)
    for (int d = 0; d < kDigits; ++d) ++counts[static_cast<std::size_t>(d)][digit(key, d)];
}

// The LSD passes: keys (and `carried`, one value a key, moved with them when not empty)
// are scattered by each digit in turn, stable, skipping a digit every key shares.
void radix_passes(std::vector<std::uint64_t>& keys, std::vector<std::size_t>& carried) {
  const std::size_t n = keys.size();
  Histograms counts;
  count_digits(keys, counts);
  std::vector<std::uint64_t> keys_out(n);
  std::vector<std::size_t> carried_out(carried.size());
  for (int d = 0; d < kDigits; ++d) {
    auto& count = counts[static_cast<std::size_t>(d)];
    if (count[digit(keys[0], d)] == n) continue;  // one bucket: the pass would move nothing
    std::array<std::size_t, kBuckets> next{};
    std::exclusive_scan(count.begin(), count.end(), next.begin(), std::size_t{0});
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t to = next[digit(keys[i], d)]++;
      keys_out[to] = keys[i];
      if (!carried.empty()) carried_out[to] = carried[i];
    }
    keys.swap(keys_out);
    carried.swap(carried_out);
  }
}

double from_order_key(std::uint64_t key) {
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  return std::bit_cast<double>((key & kSign) != 0 ? key ^ kSign : ~key);
}

}  // namespace

std::uint64_t order_key(double x) {
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  const auto bits = std::bit_cast<std::uint64_t>(x + 0.0);  // -0 + 0 is +0
  return (bits & kSign) != 0 ? ~bits : bits | kSign;
}

void sort_doubles(std::span<double> values) {
  throw_if_nan(values, "sort_doubles");
  if (values.size() < kRadixFrom) {
    std::sort(values.begin(), values.end());
    for (double& x : values) x += 0.0;  // every zero +0, as the radix sort leaves them
    return;
  }
  std::vector<std::uint64_t> keys(values.size());
  std::transform(values.begin(), values.end(), keys.begin(), order_key);
  std::vector<std::size_t> none;
  radix_passes(keys, none);
  std::transform(keys.begin(), keys.end(), values.begin(), from_order_key);
}

std::vector<std::size_t> sorted_positions(std::span<const double> values) {
  throw_if_nan(values, "sorted_positions");
  std::vector<std::size_t> positions(values.size());
  std::iota(positions.begin(), positions.end(), std::size_t{0});
  if (values.size() < kRadixFrom) {
    std::stable_sort(positions.begin(), positions.end(),
                     [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    return positions;
  }
  std::vector<std::uint64_t> keys(values.size());
  std::transform(values.begin(), values.end(), keys.begin(), order_key);
  radix_passes(keys, positions);
  return positions;
}

}  // namespace pcsim::output

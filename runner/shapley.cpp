#include "runner/shapley.hpp"

#include <bit>
#include <stdexcept>
#include <string>

namespace pcsim::runner {

double shapley_weight(std::size_t size, std::size_t players) {
  if (players == 0 || size >= players)
    throw std::invalid_argument("shapley_weight: no such subset");
  // s! (k - s - 1)! / k! = 1 / (k * C(k - 1, s)); C(k - 1, s) is exact in double for k <= 20.
  double binomial = 1;
  for (std::size_t i = 1; i <= size; ++i) {
    binomial = binomial * static_cast<double>(players - 1 - size + i) / static_cast<double>(i);
  }
  return 1.0 / (static_cast<double>(players) * binomial);
}

ShapleySplit shapley_split(std::span<const double> values, std::size_t players) {
  if (players > kMaxShapleyPlayers) {
    throw std::invalid_argument("shapley_split: at most " + std::to_string(kMaxShapleyPlayers) +
                                " players");
  }
  const std::size_t subsets = std::size_t{1} << players;
  if (values.size() != subsets) {
    throw std::invalid_argument("shapley_split: " + std::to_string(values.size()) + " values for " +
                                std::to_string(subsets) + " subsets");
  }
  ShapleySplit split;
  split.start = values.front();
  split.end = values.back();
  split.contribution.assign(players, 0.0);
  split.alone.assign(players, 0.0);
  std::vector<double> weight(players == 0 ? 0 : players);
  for (std::size_t s = 0; s < players; ++s) weight[s] = shapley_weight(s, players);
  double alone_sum = 0;
  for (std::size_t j = 0; j < players; ++j) {
    const std::size_t bit = std::size_t{1} << j;
    double phi = 0;
    for (std::size_t mask = 0; mask < subsets; ++mask) {
      if (mask & bit) continue;
      phi += weight[static_cast<std::size_t>(std::popcount(mask))] *
             (values[mask | bit] - values[mask]);
    }
    split.contribution[j] = phi;
    split.alone[j] = values[bit] - values[0];
    alone_sum += split.alone[j];
  }
  split.interaction = (split.end - split.start) - alone_sum;
  return split;
}

}  // namespace pcsim::runner

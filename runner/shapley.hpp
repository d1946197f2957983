#pragma once
// Exact Shapley values of a game with a handful of players (the drivers of a change),
// computed from the game's value on every subset of the players. Pure arithmetic: the
// caller evaluates the model once per subset (runner/driver_run.hpp).
//
// Shapley (1953): player j's share of v(N) - v(empty) is
//   phi_j = sum over S in N \ {j} of  |S|! (k - |S| - 1)! / k!  (v(S + j) - v(S)),
// the mean, over every order in which the players could be switched on, of what j adds
// when it comes. The shares always add up to v(N) - v(empty) (efficiency), a player that
// adds nothing to any subset gets 0 (dummy), and the result does not depend on how the
// players are numbered (symmetry). Interactions are split equally between the players
// that take part in them.
#include <cstddef>
#include <span>
#include <vector>

namespace pcsim::runner {

// At most this many players: 2^k subsets are evaluated, and the weights are exact in double.
inline constexpr std::size_t kMaxShapleyPlayers = 20;

// The split of one column (a metric in one year, or a scalar).
struct ShapleySplit {
  double start = 0;                  // v(empty): every player off
  double end = 0;                    // v(N): every player on
  std::vector<double> contribution;  // [k] phi_j; sum = end - start (up to rounding)
  std::vector<double> alone;         // [k] v({j}) - v(empty): player j switched on alone
  // (end - start) - sum_j alone_j: what the players add together beyond their effects one
  // at a time (0 for an additive game). Shapley shares it out; this reports its size.
  double interaction = 0;
};

// `values[mask]` is v(S) for the subset S whose bit j is set when player j is on, so
// values.size() == 2^players. A NaN value (an undefined ratio) makes every figure it
// enters NaN. Throws std::invalid_argument when the sizes do not match or players is
// above kMaxShapleyPlayers.
ShapleySplit shapley_split(std::span<const double> values, std::size_t players);

// The weight |S|! (k - |S| - 1)! / k! of a subset of `size` players without j, out of k.
double shapley_weight(std::size_t size, std::size_t players);

}  // namespace pcsim::runner

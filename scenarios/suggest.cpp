#include "scenarios/suggest.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

namespace pcsim::scenarios {

std::size_t damerau_levenshtein(std::string_view a, std::string_view b) {
  // Lowrance and Wagner's algorithm. d is (|a|+2) x (|b|+2): row and column 0 hold a
  // sentinel larger than any distance, so a transposition never reaches before the start.
  const std::size_t n = a.size(), m = b.size(), width = m + 2;
  const std::size_t sentinel = n + m;
  std::vector<std::size_t> d((n + 2) * width);
  auto at = [&](std::size_t i, std::size_t j) -> std::size_t& { return d[i * width + j]; };
  at(0, 0) = sentinel;
  for (std::size_t i = 0; i <= n; ++i) {
    at(i + 1, 0) = sentinel;
    at(i + 1, 1) = i;
  }
  for (std::size_t j = 0; j <= m; ++j) {
    at(0, j + 1) = sentinel;
    at(1, j + 1) = j;
  }
  // last_row[c]: the last row (1-based) of `a` holding character c so far.
  std::array<std::size_t, 256> last_row{};
  for (std::size_t i = 1; i <= n; ++i) {
    std::size_t last_match_column = 0;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t i1 = last_row[static_cast<unsigned char>(b[j - 1])];
      const std::size_t j1 = last_match_column;
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      if (cost == 0) last_match_column = j;
      at(i + 1, j + 1) = std::min({at(i, j) + cost,   // substitute (or keep)
                                   at(i + 1, j) + 1,  // insert
                                   at(i, j + 1) + 1,  // delete
                                   at(i1, j1) + (i - i1 - 1) + 1 + (j - j1 - 1)});  // swap
    }
    last_row[static_cast<unsigned char>(a[i - 1])] = i;
  }
  return at(n + 1, m + 1);
}

static std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::optional<std::string> nearest_key(std::string_view word,
                                       std::span<const std::string> candidates) {
  const std::string w = lower(word);
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = damerau_levenshtein(w, lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace pcsim::scenarios

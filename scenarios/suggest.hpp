#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pcsim::scenarios {

// "Did you mean ...?" for misspelt keys and choices.

// Damerau-Levenshtein distance: the fewest insertions, deletions, substitutions and swaps
// of two adjacent characters that turn `a` into `b` (the unrestricted form: a swapped pair
// may be edited further, so "ca" -> "abc" is 2). Case-sensitive.
std::size_t damerau_levenshtein(std::string_view a, std::string_view b);

// The candidate nearest to `word` (compared ignoring ASCII case), if it is close enough to
// be a plausible typo: at most max(1, length of word / 3) edits. Ties go to the candidate
// that comes first. An exact match is returned as is.
std::optional<std::string> nearest_key(std::string_view word,
                                       std::span<const std::string> candidates);

}  // namespace pcsim::scenarios

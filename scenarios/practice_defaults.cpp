#include "scenarios/practice_defaults.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace pcsim::scenarios {

namespace {

bool parse_integer(const std::string& text, long long& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

}  // namespace

std::vector<std::string> look_alike_labels(const std::vector<std::string>& labels) {
  const auto folded = [](const std::string& label) {
    std::string out;
    for (const char c : label) {
      if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  };
  std::map<std::string, std::map<std::string, int>> by_fold;  // folded -> label -> practices
  for (const auto& label : labels)
    if (!label.empty()) ++by_fold[folded(label)][label];
  std::vector<std::string> out;
  for (const auto& [fold, written] : by_fold) {
    if (written.size() < 2) continue;
    std::string text;
    for (const auto& [label, count] : written)
      text += fmt::format("{}'{}' ({} practice{})", text.empty() ? "" : ", ", label, count,
                          count == 1 ? "" : "s");
    out.push_back(std::move(text));
  }
  return out;
}

LabelIndex index_labels(const std::vector<std::string>& labels) {
  bool all_integers = true;
  for (const auto& label : labels) {
    long long v = 0;
    if (!label.empty() && !parse_integer(label, v)) all_integers = false;
  }
  // Distinct labels in sorted order; the numeric value is the primary key when every
  // label is an integer (so "01" and "1" are one group).
  std::map<std::pair<long long, std::string>, int> order;
  auto key_of = [&](const std::string& label) {
    long long v = 0;
    if (all_integers) {
      parse_integer(label, v);
      return std::make_pair(v, std::string());
    }
    return std::make_pair(0LL, label);
  };
  for (const auto& label : labels)
    if (!label.empty()) order.emplace(key_of(label), 0);
  int next = 0;
  for (auto& entry : order) entry.second = next++;

  LabelIndex out;
  out.groups = next;
  for (const auto& label : labels)
    out.index.push_back(label.empty() ? -1 : order.at(key_of(label)));
  return out;
}

std::vector<int> quantile_groups(const std::vector<double>& values, int groups) {
  const std::size_t n = values.size();
  std::vector<std::size_t> rank_order(n);
  std::iota(rank_order.begin(), rank_order.end(), std::size_t{0});
  std::stable_sort(rank_order.begin(), rank_order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const std::size_t g = std::min<std::size_t>(static_cast<std::size_t>(std::max(groups, 1)), n);
  std::vector<int> group(n, 0);
  for (std::size_t r = 0; r < n; ++r) group[rank_order[r]] = static_cast<int>(r * g / n);
  return group;
}

std::string postcode_sort_key(const std::string& postcode) {
  std::string compact;
  for (char c : postcode) {
    if (c == ' ' || c == '\t') continue;
    compact += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (compact.empty()) return "~";  // after every letter and digit
  // The inward code is the last three characters (digit, letter, letter); the rest is the
  // outward code: area letters, district digits, an optional district letter.
  const std::size_t outward_length = compact.size() > 3 ? compact.size() - 3 : compact.size();
  const std::string outward = compact.substr(0, outward_length);
  const std::string inward = compact.substr(outward_length);
  std::size_t k = 0;
  while (k < outward.size() && !(outward[k] >= '0' && outward[k] <= '9')) ++k;
  std::string key = outward.substr(0, k);
  std::size_t digits_end = k;
  while (digits_end < outward.size() && outward[digits_end] >= '0' && outward[digits_end] <= '9')
    ++digits_end;
  std::string district = outward.substr(k, digits_end - k);
  if (district.size() < 2) district.insert(0, 2 - district.size(), '0');
  key += district + outward.substr(digits_end) + ' ' + inward;
  return key;
}

std::vector<int> postcode_groups(const std::vector<std::string>& postcodes,
                                 const std::vector<Patients>& patients, Patients group_size) {
  if (postcodes.size() != patients.size())
    throw ModelError("postcode_groups: one patient count per postcode is needed");
  const std::size_t n = postcodes.size();
  std::vector<std::string> keys;
  for (const auto& p : postcodes) keys.push_back(postcode_sort_key(p));
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });

  std::vector<int> group(n, 0);
  int current = 0;
  Patients in_current = 0;
  int last_closed = -1;  // the last group that reached the size
  for (std::size_t r = 0; r < n; ++r) {
    group[order[r]] = current;
    in_current += patients[order[r]];
    if (in_current >= group_size) {
      last_closed = current;
      ++current;
      in_current = 0;
    }
  }
  // A short last group (members after the last group that reached the size) joins the
  // one before it.
  const bool short_last_group = n > 0 && group[order[n - 1]] == current;
  if (short_last_group && last_closed >= 0)
    for (std::size_t r = 0; r < n; ++r)
      if (group[order[r]] == current) group[order[r]] = last_closed;
  return group;
}

model::BandArray largest_remainder_split(int total, const model::BandArray& shares) {
  double sum = 0;
  for (double s : shares) {
    if (!(s >= 0)) throw ModelError("largest_remainder_split: a share is negative or NaN");
    sum += s;
  }
  if (!(sum > 0)) throw ModelError("largest_remainder_split: the shares sum to zero");

  model::BandArray counts{};
  std::array<double, model::kAgeBands> remainder{};
  int given = 0;
  for (int b = 0; b < model::kAgeBands; ++b) {
    const double quota = total * shares[static_cast<std::size_t>(b)] / sum;
    const double whole = std::floor(quota);
    counts[static_cast<std::size_t>(b)] = whole;
    remainder[static_cast<std::size_t>(b)] = quota - whole;
    given += static_cast<int>(whole);
  }
  std::array<int, model::kAgeBands> by_remainder{};
  std::iota(by_remainder.begin(), by_remainder.end(), 0);
  std::stable_sort(by_remainder.begin(), by_remainder.end(), [&](int a, int b) {
    return remainder[static_cast<std::size_t>(a)] > remainder[static_cast<std::size_t>(b)];
  });
  // Fewer than kAgeBands units are left: each floor loses less than one.
  for (std::size_t k = 0; given < total; ++k, ++given)
    counts[static_cast<std::size_t>(by_remainder[k])] += 1;
  return counts;
}

}  // namespace pcsim::scenarios

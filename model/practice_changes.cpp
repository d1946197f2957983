#include "model/practice_changes.hpp"

#include <algorithm>
#include <cmath>

namespace pcsim::model {

double hazard_probability(const HazardCoefficients& c, const HazardCovariates& x) {
  if (!(x.list > 0)) return 0.0;
  const double heads = std::round(x.gps);
  const double z = c.intercept + c.per_log_list * std::log(x.list / 10000.0) +
                   (heads == 1 ? c.single_handed : 0.0) + (heads <= 0 ? c.no_gp : 0.0) +
                   (x.apms ? c.apms : 0.0);
  return 1.0 / (1.0 + std::exp(-z));
}

ChangeProbabilities change_probabilities(const PracticeChangeParameters& changes,
                                         const HazardCovariates& x) {
  ChangeProbabilities p;
  if (changes.closures) p.closure = hazard_probability(changes.closure, x);
  if (changes.mergers) p.merger = std::min(hazard_probability(changes.merger, x), 1.0 - p.closure);
  return p;
}

namespace {

bool stays(const PracticeChangeView& v, std::span<const Fraction> leaving, std::size_t q) {
  return v.open_share[q] > 0 && leaving[q] < 1.0;
}

// The largest staying practice q != p with key[q] == key[p], or -1.
std::ptrdiff_t largest_with(const PracticeChangeView& v, std::span<const Fraction> leaving,
                            std::span<const int> key, std::size_t p) {
  std::ptrdiff_t best = -1;
  for (std::size_t q = 0; q < v.list.size(); ++q) {
    if (q == p || key[q] != key[p] || !stays(v, leaving, q)) continue;
    if (best < 0 || v.list[q] > v.list[static_cast<std::size_t>(best)])
      best = static_cast<std::ptrdiff_t>(q);
  }
  return best;
}

}  // namespace

std::ptrdiff_t merger_receiver(const PracticeChangeView& v, std::span<const Fraction> leaving,
                               std::size_t p) {
  const std::ptrdiff_t in_neighbourhood = largest_with(v, leaving, v.neighbourhood, p);
  return in_neighbourhood >= 0 ? in_neighbourhood : largest_with(v, leaving, v.area, p);
}

PracticeChangeYear apply_practice_changes(const PracticeChangeView& v,
                                          std::span<const ChangeShares> shares) {
  const std::size_t n = v.list.size();
  PracticeChangeYear year;
  std::vector<Fraction> leaving(n);
  bool any = false;
  for (std::size_t p = 0; p < n; ++p) {
    leaving[p] = v.open_share[p] > 0 ? shares[p].closing + shares[p].merging : 0.0;
    any = any || leaving[p] > 0;
  }
  if (!any) return year;
  // Everything below is decided on the lists before the moves.
  const std::vector<Patients> list_before(v.list.begin(), v.list.end());
  const std::vector<Patients> weighted_before(v.weighted.begin(), v.weighted.end());
  const std::vector<BandArray> gps_before(v.gps.begin(), v.gps.end());
  const std::vector<double> ratio_before(v.gps_per_patient.begin(), v.gps_per_patient.end());
  const std::vector<Fte> roles_before(v.role_fte.begin(), v.role_fte.end());
  // Establishment ratios of receivers: sum of ratio x list over what they hold and receive.
  std::vector<double> ratio_sum(n), ratio_list(n);
  for (std::size_t q = 0; q < n; ++q) {
    ratio_sum[q] = ratio_before[q] * list_before[q];
    ratio_list[q] = list_before[q];
  }
  std::vector<std::size_t> pool;
  for (std::size_t p = 0; p < n; ++p) {
    if (leaving[p] <= 0) continue;
    const double share_before = v.open_share[p];
    Fraction closing = shares[p].closing;
    Fraction merging = shares[p].merging;
    // Merger: everything of the merging share to one receiver.
    if (merging > 0) {
      const std::ptrdiff_t r = merger_receiver(v, leaving, p);
      if (r < 0) {
        merging = 0;
      } else {
        const auto q = static_cast<std::size_t>(r);
        v.list[q] += merging * list_before[p];
        v.weighted[q] += merging * weighted_before[p];
        for (int b = 0; b < kAgeBands; ++b) v.gps[q][b] += merging * gps_before[p][b];
        for (std::size_t k = 0; k < v.roles; ++k)
          v.role_fte[q * v.roles + k] += merging * roles_before[p * v.roles + k];
        ratio_sum[q] += merging * ratio_before[p] * list_before[p];
        ratio_list[q] += merging * list_before[p];
        year.mergers += share_before * merging;
        year.patients_merged += merging * list_before[p];
      }
    }
    // Closure: the closing share dispersed over the staying practices of the neighbourhood
    // (else of the run) in proportion to their lists before the moves.
    if (closing > 0) {
      pool.clear();
      for (std::size_t q = 0; q < n; ++q)
        if (q != p && v.neighbourhood[q] == v.neighbourhood[p] && stays(v, leaving, q))
          pool.push_back(q);
      if (pool.empty())
        for (std::size_t q = 0; q < n; ++q)
          if (q != p && stays(v, leaving, q)) pool.push_back(q);
      if (pool.empty()) {
        closing = 0;  // nowhere for the patients to go: the practice cannot close
      } else {
        double pool_list = 0;
        for (const std::size_t q : pool) pool_list += list_before[q];
        const Patients moving = closing * list_before[p];
        const Patients moving_weighted = closing * weighted_before[p];
        Patients given = 0, given_weighted = 0;
        for (std::size_t i = 0; i < pool.size(); ++i) {
          const std::size_t q = pool[i];
          Patients add, add_weighted;
          if (i + 1 == pool.size()) {
            add = moving - given;
            add_weighted = moving_weighted - given_weighted;
          } else {
            const double share = pool_list > 0 ? list_before[q] / pool_list
                                               : 1.0 / static_cast<double>(pool.size());
            add = moving * share;
            add_weighted = moving_weighted * share;
          }
          given += add;
          given_weighted += add_weighted;
          v.list[q] += add;
          v.weighted[q] += add_weighted;
        }
        double heads = 0;
        for (int b = 0; b < kAgeBands; ++b) heads += gps_before[p][b];
        year.closures += share_before * closing;
        year.patients_dispersed += moving;
        year.gps_lost += closing * heads;
      }
    }
    // What p keeps.
    if (!v.closed_share.empty()) v.closed_share[p] += share_before * closing;
    if (!v.merged_share.empty()) v.merged_share[p] += share_before * merging;
    const double kept = 1.0 - closing - merging;
    v.open_share[p] = share_before * kept;
    v.list[p] -= (closing + merging) * list_before[p];
    v.weighted[p] -= (closing + merging) * weighted_before[p];
    for (int b = 0; b < kAgeBands; ++b) v.gps[p][b] -= (closing + merging) * gps_before[p][b];
    for (std::size_t k = 0; k < v.roles; ++k)
      v.role_fte[p * v.roles + k] -= (closing + merging) * roles_before[p * v.roles + k];
    if (kept <= 0) {  // wholly gone: exact zeros, not rounding residue
      v.open_share[p] = 0;
      v.list[p] = 0;
      v.weighted[p] = 0;
      v.gps[p] = BandArray{};
      for (std::size_t k = 0; k < v.roles; ++k) v.role_fte[p * v.roles + k] = 0;
    }
  }
  for (std::size_t q = 0; q < n; ++q) {
    if (ratio_list[q] != list_before[q] && ratio_list[q] > 0)
      v.gps_per_patient[q] = ratio_sum[q] / ratio_list[q];
    double total = 0;
    for (int b = 0; b < kAgeBands; ++b) total += v.gps[q][b];
    v.gp_total[q] = total;
  }
  return year;
}

}  // namespace pcsim::model

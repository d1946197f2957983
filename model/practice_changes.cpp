#include "model/practice_changes.hpp"

#include <algorithm>
#include <cmath>

namespace pcsim::model {

double hazard_probability(const HazardCoefficients& c, const HazardCovariates& x,
                          double intercept_shift) {
  if (!(x.list > 0)) return 0.0;
  const double heads = std::round(x.gps);
  const double z = c.intercept + intercept_shift + c.per_log_list * std::log(x.list / 10000.0) +
                   (heads == 1 ? c.single_handed : 0.0) + (heads <= 0 ? c.no_gp : 0.0) +
                   (x.apms ? c.apms : 0.0);
  return 1.0 / (1.0 + std::exp(-z));
}

ChangeProbabilities change_probabilities(const PracticeChangeParameters& changes,
                                         const HazardCovariates& x, const HazardYearShift& shift) {
  ChangeProbabilities p;
  if (changes.closures) p.closure = hazard_probability(changes.closure, x, shift.closure);
  if (changes.mergers)
    p.merger = std::min(hazard_probability(changes.merger, x, shift.merger), 1.0 - p.closure);
  return p;
}

namespace {

bool stays(const PracticeChangeView& v, std::span<const Fraction> leaving, std::size_t q) {
  return v.open_share[q] > 0 && leaving[q] < 1.0;
}

// The staying practices q != p with key[q] == key[p], in practice order.
std::vector<std::size_t> staying_with(const PracticeChangeView& v,
                                      std::span<const Fraction> leaving,
                                      std::span<const int> key, std::size_t p) {
  std::vector<std::size_t> out;
  for (std::size_t q = 0; q < v.list.size(); ++q)
    if (q != p && key[q] == key[p] && stays(v, leaving, q)) out.push_back(q);
  return out;
}

// Each receiver's share of what moves: its list over the receivers' total (equal shares
// when the lists are all 0).
std::vector<double> list_shares(std::span<const std::size_t> receivers,
                                std::span<const Patients> list) {
  double total = 0;
  for (const std::size_t q : receivers) total += list[q];
  std::vector<double> shares;
  for (const std::size_t q : receivers)
    shares.push_back(total > 0 ? list[q] / total : 1.0 / static_cast<double>(receivers.size()));
  return shares;
}

}  // namespace

std::vector<std::size_t> merger_pool(const PracticeChangeView& v,
                                     std::span<const Fraction> leaving, std::size_t p) {
  std::vector<std::size_t> pool = staying_with(v, leaving, v.neighbourhood, p);
  return pool.empty() ? staying_with(v, leaving, v.area, p) : pool;
}

std::size_t draw_receiver(std::span<const std::size_t> pool, std::span<const Patients> list,
                          double u) {
  const std::vector<double> shares = list_shares(pool, list);
  double cumulative = 0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    cumulative += shares[i];
    if (u < cumulative) return pool[i];
  }
  return pool.back();
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
    // Merger: the merging share to the receiver drawn from the pool (stochastic), or over
    // the pool in proportion to the lists (central); the last receiver takes the remainder
    // of the lists so the patients moved add up exactly.
    if (merging > 0) {
      const std::vector<std::size_t> pool = merger_pool(v, leaving, p);
      if (pool.empty()) {
        merging = 0;
      } else {
        const std::vector<std::size_t> receivers =
            std::isnan(shares[p].receiver_u)
                ? pool
                : std::vector<std::size_t>{draw_receiver(pool, list_before, shares[p].receiver_u)};
        const std::vector<double> part = list_shares(receivers, list_before);
        const Patients moving = merging * list_before[p];
        const Patients moving_weighted = merging * weighted_before[p];
        Patients given = 0, given_weighted = 0;
        for (std::size_t i = 0; i < receivers.size(); ++i) {
          const std::size_t q = receivers[i];
          const bool last = i + 1 == receivers.size();
          const Patients add = last ? moving - given : moving * part[i];
          const Patients add_weighted = last ? moving_weighted - given_weighted : moving_weighted * part[i];
          given += add;
          given_weighted += add_weighted;
          v.list[q] += add;
          v.weighted[q] += add_weighted;
          const double share = merging * part[i];
          for (int b = 0; b < kAgeBands; ++b) v.gps[q][b] += share * gps_before[p][b];
          for (std::size_t k = 0; k < v.roles; ++k)
            v.role_fte[q * v.roles + k] += share * roles_before[p * v.roles + k];
          ratio_sum[q] += ratio_before[p] * add;
          ratio_list[q] += add;
        }
        year.mergers += share_before * merging;
        year.patients_merged += moving;
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

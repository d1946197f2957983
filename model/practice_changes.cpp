#include "model/practice_changes.hpp"

#include <algorithm>
#include <cmath>

#include "model/workforce.hpp"

namespace pcsim::model {

namespace {
// The logistic of a hazard's linear predictor, given ln(L / 10,000) computed once for both
// hazards of a practice.
double hazard_from_log_list(const HazardCoefficients& c, const HazardCovariates& x, double log_list,
                            double intercept_shift) {
  const RoundedGps heads = rounded_gps(x.gps);
  const double z = c.intercept + intercept_shift + c.per_log_list * log_list +
                   (heads == RoundedGps::One ? c.single_handed : 0.0) +
                   (heads == RoundedGps::None ? c.no_gp : 0.0) + (x.apms ? c.apms : 0.0);
  return 1.0 / (1.0 + std::exp(-z));
}
}  // namespace

double hazard_probability(const HazardCoefficients& c, const HazardCovariates& x,
                          double intercept_shift) {
  if (!(x.list > 0)) return 0.0;
  return hazard_from_log_list(c, x, std::log(x.list / 10000.0), intercept_shift);
}

ChangeProbabilities change_probabilities(const PracticeChangeParameters& changes,
                                         const HazardCovariates& x, const HazardYearShift& shift) {
  ChangeProbabilities p;
  if (!(x.list > 0) || (!changes.closures && !changes.mergers)) return p;
  const double log_list = std::log(x.list / 10000.0);
  if (changes.closures)
    p.closure = hazard_from_log_list(changes.closure, x, log_list, shift.closure);
  if (changes.mergers)
    p.merger =
        std::min(hazard_from_log_list(changes.merger, x, log_list, shift.merger), 1.0 - p.closure);
  return p;
}

namespace {

bool stays(const PracticeChangeView& v, std::span<const Fraction> leaving, std::size_t q) {
  return v.open_share[q] > 0 && leaving[q] < 1.0;
}

// The practices of each group (neighbourhood or area), in practice order (GroupMembers):
// built once per practice set, so a pool is found among a group's members rather than
// among all practices.
GroupMembers members_by(std::span<const int> key) {
  int groups = 0;
  for (const int k : key) groups = std::max(groups, k + 1);
  GroupMembers out;
  out.first.assign(static_cast<std::size_t>(groups) + 1, 0);
  for (const int k : key)
    if (k >= 0) ++out.first[static_cast<std::size_t>(k) + 1];
  for (std::size_t g = 0; g < static_cast<std::size_t>(groups); ++g)
    out.first[g + 1] += out.first[g];
  out.members.resize(out.first.back());
  std::vector<std::uint32_t> next(out.first.begin(), out.first.end() - 1);
  for (std::size_t q = 0; q < key.size(); ++q)
    if (key[q] >= 0)
      out.members[next[static_cast<std::size_t>(key[q])]++] = static_cast<std::uint32_t>(q);
  return out;
}

// The staying practices q != p of p's group, in practice order, into `out`.
void staying_with(const PracticeChangeView& v, std::span<const Fraction> leaving,
                  const GroupMembers& members, std::span<const int> key, std::size_t p,
                  std::vector<std::size_t>& out) {
  out.clear();
  for (const std::uint32_t q : members.of(key[p]))
    if (q != p && stays(v, leaving, q)) out.push_back(q);
}

// p's candidate receivers (merger_pool's rule) into `pool`.
void pool_of(const PracticeChangeView& v, std::span<const Fraction> leaving,
             const PracticeGroups& groups, std::size_t p, std::vector<std::size_t>& pool) {
  staying_with(v, leaving, groups.neighbourhoods, v.neighbourhood, p, pool);
  if (pool.empty()) staying_with(v, leaving, groups.areas, v.area, p, pool);
}

// Asks the processor for what the leavers' pools will read, ahead of the step: about 130
// leavers a year nationally, each reading its group's members and then their open shares
// and lists, scattered over arrays the year's passes have long since pushed out of the
// nearer caches. Read one leaver at a time, each waited on in turn (pool_of was about 4 %
// of a national run, mostly waiting on the first read of a member list). A prefetch
// changes no value. `stage` 0 fetches the member lists and the leavers' GPs and roles (the
// step copies them, after the engine unpacks the GPs into an array no pass reads); 1 (after
// the lists arrive) the members' shares and lists, and their GPs and roles, which a
// merger's receiver (one of them) reads and writes.
void fetch_gps_ahead(const PracticeChangeView& v, std::size_t p) {
  const auto* const gps = reinterpret_cast<const char*>(&v.gps[p]);
  __builtin_prefetch(gps, 1);
  __builtin_prefetch(gps + sizeof(BandArray) - 1, 1);
  if (v.roles > 0) __builtin_prefetch(&v.role_fte[p * v.roles], 1);
}

void fetch_pools_ahead(const PracticeChangeView& v, std::span<const Fraction> leaving,
                       const PracticeGroups& groups, std::span<const std::size_t> leavers,
                       int stage) {
  for (const std::size_t p : leavers) {
    const std::span<const std::uint32_t> members = groups.neighbourhoods.of(v.neighbourhood[p]);
    if (stage == 0) fetch_gps_ahead(v, p);
    if (members.empty()) continue;
    if (stage == 0) {
      __builtin_prefetch(members.data());
      continue;
    }
    for (const std::uint32_t q : members) {
      __builtin_prefetch(&v.open_share[q]);
      __builtin_prefetch(&leaving[q]);
      __builtin_prefetch(&v.list[q]);
      fetch_gps_ahead(v, q);
    }
  }
}

// Each receiver's share of what moves: its list over the receivers' total (equal shares
// when the lists are all 0), into `shares`.
template <class ListOf>
void list_shares(std::span<const std::size_t> receivers, const ListOf& list_of,
                 std::vector<double>& shares) {
  double total = 0;
  for (const std::size_t q : receivers) total += list_of(q);
  shares.clear();
  for (const std::size_t q : receivers)
    shares.push_back(total > 0 ? list_of(q) / total : 1.0 / static_cast<double>(receivers.size()));
}

// The position among `count` candidates (list_at(i) the list of the i-th) at point u of
// the cumulative list shares (draw_receiver's rule).
template <class ListAt>
std::size_t receiver_position(std::size_t count, const ListAt& list_at, double u) {
  double total = 0;
  for (std::size_t i = 0; i < count; ++i) total += list_at(i);
  double cumulative = 0;
  for (std::size_t i = 0; i < count; ++i) {
    cumulative += total > 0 ? list_at(i) / total : 1.0 / static_cast<double>(count);
    if (u < cumulative) return i;
  }
  return count - 1;
}

}  // namespace

std::vector<std::size_t> merger_pool(const PracticeChangeView& v, std::span<const Fraction> leaving,
                                     std::size_t p) {
  const PracticeGroups groups = practice_groups(v.neighbourhood, v.area);
  std::vector<std::size_t> pool;
  pool_of(v, leaving, groups, p, pool);
  return pool;
}

std::size_t draw_receiver(std::span<const std::size_t> pool, std::span<const Patients> list,
                          double u) {
  return pool[receiver_position(
      pool.size(), [&](std::size_t i) { return list[i]; }, u)];
}

namespace {

// What a practice held before this year's moves, taken the first time the step touches it,
// so the step reads every figure as it was before any move while copying only the
// practices it touches. The leavers are touched first, all of them (touch_leavers): their
// lists, weighted lists, GPs and roles. A receiver (touch_receiver) keeps its list before;
// only a merger's receiver has its GPs changed, so only it is prepared (the engine unpacks
// its GPs) and has its establishment ratio and GP total set again by finish(): a practice
// that only takes a closure's patients keeps its GPs, its ratio and its total as they were.
// Kept in the caller's scratch; finish() leaves the scratch's slots all -1 again.
class BeforeMoves {
 public:
  BeforeMoves(const PracticeChangeView& v, PracticeChangeScratch& scratch) : v_(v), m_(scratch) {
    if (m_.slot.size() != v.list.size()) m_.slot.assign(v.list.size(), -1);
    m_.touched.clear();
    m_.list.clear();
    m_.weighted.clear();
    m_.gps.clear();
    m_.roles.clear();
    m_.gps_change.clear();
    m_.ratio_sum.clear();
    m_.ratio_list.clear();
  }

  // Takes the leavers' figures (before any receiver's, once each). Every leaver is
  // prepared before any is read: the engine's unpacking writes a GP array that a read
  // straight after would wait on (a store not yet forwardable to a wider load).
  void touch_leavers(std::span<const std::size_t> leavers) {
    if (v_.prepare)
      for (const std::size_t p : leavers) v_.prepare(p);
    for (const std::size_t p : leavers) touch_leaver(p);
  }
  // Takes receiver q's list if not yet taken; `gps_change` when q takes a merger's GPs.
  void touch_receiver(std::size_t q, bool gps_change) {
    if (m_.slot[q] < 0) add(q);
    if (gps_change) changes_gps(idx(q), true);
  }
  Patients list(std::size_t q) const { return m_.slot[q] >= 0 ? m_.list[idx(q)] : v_.list[q]; }
  // Of a leaver only.
  Patients weighted(std::size_t p) const { return m_.weighted[idx(p)]; }
  const BandArray& gps(std::size_t p) const { return m_.gps[idx(p)]; }
  Fte role(std::size_t p, std::size_t k) const { return m_.roles[idx(p) * v_.roles + k]; }
  // Establishment ratios of a merger's receivers: ratio x list summed over what they hold
  // and receive.
  void receive_ratio(std::size_t q, double ratio, Patients added) {
    m_.ratio_sum[idx(q)] += ratio * added;
    m_.ratio_list[idx(q)] += added;
  }
  // Sets the ratio and GP total of every practice whose GPs changed, and clears the slots.
  void finish() const {
    for (std::size_t i = 0; i < m_.touched.size(); ++i) {
      const std::size_t q = m_.touched[i];
      m_.slot[q] = -1;
      if (m_.gps_change[i] == 0) continue;
      if (m_.ratio_list[i] != m_.list[i] && m_.ratio_list[i] > 0)
        v_.gps_per_patient[q] = m_.ratio_sum[i] / m_.ratio_list[i];
      double total = 0;
      for (int b = 0; b < kAgeBands; ++b) total += v_.gps[q][b];
      v_.gp_total[q] = total;
    }
  }

 private:
  // Leaver p, prepared already: its figures before the moves.
  void touch_leaver(std::size_t p) {
    changes_gps(add(p), false);
    m_.weighted.push_back(v_.weighted[p]);
    m_.gps.push_back(v_.gps[p]);
    for (std::size_t k = 0; k < v_.roles; ++k) m_.roles.push_back(v_.role_fte[p * v_.roles + k]);
  }
  // Practice q's place among the touched, with its list before the moves; returns it.
  std::size_t add(std::size_t q) {
    const std::size_t i = m_.touched.size();
    m_.slot[q] = static_cast<int>(i);
    m_.touched.push_back(q);
    m_.list.push_back(v_.list[q]);
    m_.gps_change.push_back(0);
    m_.ratio_sum.push_back(0);
    m_.ratio_list.push_back(0);
    return i;
  }
  // Marks touched practice i's GPs as changing, prepares it when asked
  // (PracticeChangeView::prepare, e.g. unpacking its GPs) and starts its establishment
  // ratio's sums from its figures before the moves.
  void changes_gps(std::size_t i, bool prepare) {
    if (m_.gps_change[i] != 0) return;
    const std::size_t q = m_.touched[i];
    if (prepare && v_.prepare) v_.prepare(q);
    m_.gps_change[i] = 1;
    m_.ratio_sum[i] = v_.gps_per_patient[q] * m_.list[i];
    m_.ratio_list[i] = m_.list[i];
  }
  std::size_t idx(std::size_t q) const { return static_cast<std::size_t>(m_.slot[q]); }
  const PracticeChangeView& v_;
  PracticeChangeScratch& m_;
};

}  // namespace

PracticeGroups practice_groups(std::span<const int> neighbourhood, std::span<const int> area) {
  return {members_by(neighbourhood), members_by(area)};
}

PracticeChangeYear apply_practice_changes(const PracticeChangeView& v,
                                          std::span<const ChangeShares> shares,
                                          const PracticeGroups* groups,
                                          PracticeChangeScratch* scratch,
                                          const std::vector<std::size_t>* candidates) {
  const std::size_t n = v.list.size();
  PracticeChangeYear year;
  PracticeChangeScratch own_scratch;
  PracticeChangeScratch& m = scratch != nullptr ? *scratch : own_scratch;
  if (m.leaving.size() != n) m.leaving.assign(n, 0.0);  // else all 0 from the last call
  m.leavers.clear();
  const std::span<const Fraction> leaving(m.leaving);
  const auto consider = [&](std::size_t p) {
    m.leaving[p] = v.open_share[p] > 0 ? shares[p].closing + shares[p].merging : 0.0;
    if (m.leaving[p] > 0) m.leavers.push_back(p);
  };
  if (candidates != nullptr) {
    for (const std::size_t p : *candidates) consider(p);
  } else {
    for (std::size_t p = 0; p < n; ++p) consider(p);
  }
  if (m.leavers.empty()) return year;
  PracticeGroups own;
  if (groups == nullptr) {
    own = practice_groups(v.neighbourhood, v.area);
    groups = &own;
  }
  // Everything below is decided on the figures before the moves: every practice touched
  // is taken as it was before (BeforeMoves), in the order the step meets it.
  fetch_pools_ahead(v, leaving, *groups, m.leavers, 0);
  BeforeMoves before(v, m);
  const auto list_before = [&](std::size_t q) { return before.list(q); };
  before.touch_leavers(m.leavers);
  fetch_pools_ahead(v, leaving, *groups, m.leavers, 1);
  std::vector<std::size_t>& pool = m.pool;
  std::vector<std::size_t>& receivers = m.receivers;
  std::vector<double>& part = m.part;
  for (const std::size_t p : m.leavers) {
    const double share_before = v.open_share[p];
    Fraction closing = shares[p].closing;
    Fraction merging = shares[p].merging;
    const Patients list_p = before.list(p);
    const Patients weighted_p = before.weighted(p);
    const BandArray gps_p = before.gps(p);
    // Merger: the merging share to the receiver drawn from the pool (stochastic), or over
    // the pool in proportion to the lists (central); the last receiver takes the remainder
    // of the lists so the patients moved add up exactly.
    if (merging > 0) {
      pool_of(v, leaving, *groups, p, pool);
      if (pool.empty()) {
        merging = 0;
      } else {
        if (std::isnan(shares[p].receiver_u))
          receivers.assign(pool.begin(), pool.end());
        else
          receivers.assign(1, pool[receiver_position(
                                  pool.size(), [&](std::size_t i) { return before.list(pool[i]); },
                                  shares[p].receiver_u)]);
        // Touched (the engine unpacks their GPs) before the arithmetic below, which then
        // need not wait on the unpacking's stores to add p's GPs to theirs.
        for (const std::size_t q : receivers) before.touch_receiver(q, true);
        list_shares(receivers, list_before, part);
        const Patients moving = merging * list_p;
        const Patients moving_weighted = merging * weighted_p;
        Patients given = 0, given_weighted = 0;
        for (std::size_t i = 0; i < receivers.size(); ++i) {
          const std::size_t q = receivers[i];
          const bool last = i + 1 == receivers.size();
          const Patients add = last ? moving - given : moving * part[i];
          const Patients add_weighted =
              last ? moving_weighted - given_weighted : moving_weighted * part[i];
          given += add;
          given_weighted += add_weighted;
          v.list[q] += add;
          v.weighted[q] += add_weighted;
          const double share = merging * part[i];
          for (int b = 0; b < kAgeBands; ++b) v.gps[q][b] += share * gps_p[b];
          for (std::size_t k = 0; k < v.roles; ++k)
            v.role_fte[q * v.roles + k] += share * before.role(p, k);
          before.receive_ratio(q, v.gps_per_patient[p], add);
        }
        year.mergers += share_before * merging;
        year.patients_merged += moving;
      }
    }
    // Closure: the closing share dispersed over the staying practices of the neighbourhood
    // (else of the area, else of the run) in proportion to their lists before the moves.
    if (closing > 0) {
      pool_of(v, leaving, *groups, p, pool);
      if (pool.empty())
        for (std::size_t q = 0; q < n; ++q)
          if (q != p && stays(v, leaving, q)) pool.push_back(q);
      if (pool.empty()) {
        closing = 0;  // nowhere for the patients to go: the practice cannot close
      } else {
        double pool_list = 0;
        for (const std::size_t q : pool) pool_list += before.list(q);
        const Patients moving = closing * list_p;
        const Patients moving_weighted = closing * weighted_p;
        Patients given = 0, given_weighted = 0;
        for (std::size_t i = 0; i < pool.size(); ++i) {
          const std::size_t q = pool[i];
          Patients add, add_weighted;
          if (i + 1 == pool.size()) {
            add = moving - given;
            add_weighted = moving_weighted - given_weighted;
          } else {
            const double share =
                pool_list > 0 ? before.list(q) / pool_list : 1.0 / static_cast<double>(pool.size());
            add = moving * share;
            add_weighted = moving_weighted * share;
          }
          before.touch_receiver(q, false);
          given += add;
          given_weighted += add_weighted;
          v.list[q] += add;
          v.weighted[q] += add_weighted;
        }
        double heads = 0;
        for (int b = 0; b < kAgeBands; ++b) heads += gps_p[b];
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
    v.list[p] -= (closing + merging) * list_p;
    v.weighted[p] -= (closing + merging) * weighted_p;
    for (int b = 0; b < kAgeBands; ++b) v.gps[p][b] -= (closing + merging) * gps_p[b];
    for (std::size_t k = 0; k < v.roles; ++k)
      v.role_fte[p * v.roles + k] -= (closing + merging) * before.role(p, k);
    if (kept <= 0) {  // wholly gone: exact zeros, not rounding residue
      v.open_share[p] = 0;
      v.list[p] = 0;
      v.weighted[p] = 0;
      v.gps[p] = BandArray{};
      for (std::size_t k = 0; k < v.roles; ++k) v.role_fte[p * v.roles + k] = 0;
    }
  }
  before.finish();
  for (const std::size_t p : m.leavers) m.leaving[p] = 0;  // the scratch's leaving all 0 again
  return year;
}

}  // namespace pcsim::model

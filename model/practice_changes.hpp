#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "core/units.hpp"
#include "model/age_bands.hpp"
#include "model/events.hpp"
#include "model/parameters.hpp"
#include "model/stream_purpose.hpp"

// Practice mergers and closures at the year end (docs/model.md, Practice changes): each
// open practice may close (its list dispersed to its neighbours at the dispersal cost, its
// GPs lost) or merge into a neighbour (its list, GPs and staff move to the receiving
// practice, at no dispersal cost), with yearly probabilities from logistic hazards of what
// the practice is at the year end. One plain step over all practices, shared by the
// reference simulation and the fast engine (it runs once a year, not per GP).
namespace pcsim::model {

// What the hazards read of a practice at the year end: its registered list, its GP
// headcount after recruitment, and whether it holds an APMS contract.
struct HazardCovariates {
  Patients list = 0;
  Headcount gps = 0;
  bool apms = false;
};

// logistic(intercept + per_log_list ln(L/10000) + single_handed [H = 1] + no_gp [H = 0]
// + apms [APMS]); [H = 1] and [H = 0] on the headcount rounded to the nearest whole GP
// (the central case has fractional headcounts). A list of 0 gives probability 0.
double hazard_probability(const HazardCoefficients& c, const HazardCovariates& x,
                          double intercept_shift = 0);

// The year's probabilities of closing and of merging: each hazard where its switch
// (practice_changes.closures / .mergers) is on, else 0; the merger probability is cut so
// the two add up to at most 1.
struct ChangeProbabilities {
  Fraction closure = 0;
  Fraction merger = 0;
};
// The year's shift of each hazard's intercept (drawn once a year, shared by every
// practice): Normal(0, year_sd) from `year_events` = events_for(0, t), purpose
// PracticeChangeYear (index 0 mergers, 1 closures); 0 in the central case and when year_sd
// is 0 (no draw).
struct HazardYearShift {
  double merger = 0;
  double closure = 0;
};

template <class Events>
HazardYearShift hazard_year_shift(const PracticeChangeParameters& changes,
                                  const Events& year_events) {
  HazardYearShift shift;
  if (changes.mergers && changes.merger.year_sd > 0)
    shift.merger = year_events.normal(Purpose::PracticeChangeYear, 0, changes.merger.year_sd);
  if (changes.closures && changes.closure.year_sd > 0)
    shift.closure = year_events.normal(Purpose::PracticeChangeYear, 1, changes.closure.year_sd);
  return shift;
}

ChangeProbabilities change_probabilities(const PracticeChangeParameters& changes,
                                         const HazardCovariates& x,
                                         const HazardYearShift& shift = {});

// The share of a practice that closes and that merges this year: 0 or 1 drawn from one
// uniform u (events.uniform(PracticeYear, kChangeDraw)) — closes when u < P(closure), merges when
// P(closure) <= u < P(closure) + P(merger), its receiver then drawn with
// events.uniform(PracticeChange, 1) — or the probabilities themselves in the central case
// (the expected shares).
struct ChangeShares {
  Fraction closing = 0;
  Fraction merging = 0;
  // A stochastic merger's receiver: the practice at this point (a uniform) of the
  // cumulative lists of the candidate receivers (merger_pool); NaN in the central case,
  // where the merging share is shared over them in proportion to their lists.
  double receiver_u = std::numeric_limits<double>::quiet_NaN();
};

// The stochastic shares given the practice's uniform u = events.uniform(PracticeYear,
// kChangeDraw).
template <class Events>
ChangeShares change_shares_at(const ChangeProbabilities& probabilities, double u,
                              const Events& events) {
  if (u < probabilities.closure) return {1.0, 0.0};
  if (u < probabilities.closure + probabilities.merger)
    return {0.0, 1.0, events.uniform(Purpose::PracticeChange, 1)};
  return {};
}

template <class Events>
ChangeShares change_shares(const ChangeProbabilities& probabilities, const Events& events) {
  if constexpr (Events::central()) {
    return {probabilities.closure, probabilities.merger};
  } else {
    if (probabilities.closure == 0 && probabilities.merger == 0) return {};
    return change_shares_at(probabilities, events.uniform(Purpose::PracticeYear, kChangeDraw),
                            events);
  }
}

// The practices' state the step reads and changes, indexed by practice (views over the
// caller's memory). open_share is 1 for an open practice and 0 for one gone (closed or
// merged); in the central case it is the expected share still open. role_fte holds each
// practice's baseline FTE of every role, [p * roles + r].
struct PracticeChangeView {
  std::span<double> open_share;
  std::span<Patients> list;
  std::span<Patients> weighted;
  std::span<BandArray> gps;
  std::span<Headcount> gp_total;      // total of gps (kept in step)
  std::span<double> gps_per_patient;  // establishment ratio (docs/model.md, Recruitment)
  std::span<Fte> role_fte;
  std::size_t roles = 0;
  std::span<const int> neighbourhood;  // PCN where known
  std::span<const int> area;           // commissioning area (CCG / sub-ICB)
  // Optional (empty: not kept): each practice's share closed and merged so far.
  std::span<double> closed_share;
  std::span<double> merged_share;
  // Optional: called once for each practice whose GPs the step reads or changes (every
  // leaver, before any receiver; a merger's receivers), before it does (the engine unpacks
  // the practice's GPs into `gps` there). A practice that only takes a closure's patients
  // is not prepared: the step reads and changes only its list and weighted list.
  std::function<void(std::size_t)> prepare;
};

// The practices of each group (a neighbourhood or an area), in practice order, laid end to
// end in one array: group g's are members[first[g], first[g + 1]). One array rather than a
// vector a group, so that finding a leaver's group costs one read that can be fetched
// ahead (apply_practice_changes), not a chase through a heap block per group.
struct GroupMembers {
  std::vector<std::uint32_t> first;  // groups + 1 entries
  std::vector<std::uint32_t> members;
  // Group `group`'s members; none for a negative group or one past the groups built.
  std::span<const std::uint32_t> of(int group) const {
    const auto g = static_cast<std::size_t>(group);
    if (group < 0 || g + 1 >= first.size()) return {};
    return std::span<const std::uint32_t>(members).subspan(first[g], first[g + 1] - first[g]);
  }
};

// The practices of each neighbourhood and each area: what the step searches for receivers;
// fixed for a practice set, so a caller may keep it.
struct PracticeGroups {
  GroupMembers neighbourhoods;
  GroupMembers areas;
};
PracticeGroups practice_groups(std::span<const int> neighbourhood, std::span<const int> area);

// What the step did, summed over practices.
struct PracticeChangeYear {
  double closures = 0;              // practices closed (expected in the central case)
  double mergers = 0;               // practices merged into another
  Patients patients_dispersed = 0;  // registered patients moved from closed practices
  Patients patients_merged = 0;     // registered patients moved by mergers
  Headcount gps_lost = 0;           // GPs of closed practices (they leave with it)
};

// The candidate receivers of a merger of practice p: the practices of p's neighbourhood (the
// PCN where known) that stay at least partly open this year (open_share > 0 and not wholly
// leaving), else those of p's area, else none (then p does not merge). In the training
// years the receiver was the area's largest practice in only 9% of mergers and the draw in
// proportion to list size fitted best of the rules tried
// (scripts/calibrate_practice_changes.py), so a receiver is drawn in proportion to the
// candidates' lists before this year's moves. `leaving` is each practice's closing +
// merging share.
std::vector<std::size_t> merger_pool(const PracticeChangeView& v, std::span<const Fraction> leaving,
                                     std::size_t p);

// The receiver at point u of the candidates' cumulative lists (u in (0, 1)): the first
// candidate whose cumulative list share exceeds u (the last if rounding leaves none);
// equal shares when every candidate's list is 0.
std::size_t draw_receiver(std::span<const std::size_t> pool, std::span<const Patients> list,
                          double u);

// The working memory of apply_practice_changes, kept by a caller that applies changes
// every year (the engine) so the step allocates nothing once warm; between calls its
// contents mean nothing but slot is all -1 and leaving all 0.
struct PracticeChangeScratch {
  std::vector<Fraction> leaving;     // each practice's closing + merging share
  std::vector<std::size_t> leavers;  // the practices with a share leaving, in order
  std::vector<int> slot;             // a practice's place among the touched, -1 untouched
  std::vector<std::size_t> touched;  // in the order first touched (the leavers first)
  std::vector<Patients> list;        // each touched practice's list before the moves
  std::vector<Patients> weighted;    // the leavers' weighted lists, GPs and roles before
  std::vector<BandArray> gps;
  std::vector<Fte> roles;
  // Whether a touched practice's GPs (and so its establishment ratio) change: a leaver or
  // a merger's receiver, not a practice that only receives a closure's patients.
  std::vector<std::uint8_t> gps_change;
  std::vector<double> ratio_sum, ratio_list;
  std::vector<std::size_t> pool, receivers;
  std::vector<double> part;
};

// Applies the shares (one ChangeShares per practice, all decided on the state before any
// move): a closing share of p's list and weighted list is dispersed to the practices of its
// neighbourhood that stay, in proportion to their lists before the moves (else to those of
// its area, else to all practices that stay; else it does not close), the last receiver taking the
// remainder; its GPs of that share are lost. A merging share moves p's list, weighted list, GPs and
// role FTE to the receiver drawn from merger_pool(p) (in the central case, to every
// candidate in proportion to its list), whose establishment ratio becomes the list-weighted mean
// of the receivers' before. p keeps (1 - closing - merging) of everything and of its open share.
// `candidates`, when given, lists in ascending order every practice whose share may be
// other than {0, 0} (the engine knows the few it decided); the step then reads only their
// shares rather than every practice's, with the same result.
PracticeChangeYear apply_practice_changes(const PracticeChangeView& v,
                                          std::span<const ChangeShares> shares,
                                          const PracticeGroups* groups = nullptr,
                                          PracticeChangeScratch* scratch = nullptr,
                                          const std::vector<std::size_t>* candidates = nullptr);

}  // namespace pcsim::model

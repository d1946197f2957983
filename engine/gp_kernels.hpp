#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

#include "core/units.hpp"
#include "engine/event_kernels.hpp"
#include "engine/kernel_mutation.hpp"
#include "engine/packed_gps.hpp"
#include "model/age_bands.hpp"
#include "model/gp_transitions.hpp"
#include "model/parameters.hpp"
#include "model/sampling.hpp"
#include "model/stream_purpose.hpp"

// The fast GP step (docs/performance.md): per-band thresholds on raw Philox bits, packed
// headcounts, no branch per GP. It computes exactly what the plain split per band of the
// reference computes (model/reference/reference_year.hpp, gp_exits): the oracle test and
// tests/engine/test_packed_gps.cpp, test_chunk_passes.cpp and test_philox_bulk.cpp hold it
// to that.
namespace pcsim::engine {
using namespace pcsim::model;

// The outcome probabilities of every band and their running sums (the thresholds a GP's
// uniform is compared with): fixed for a run, so simulate() computes them once per call
// rather than once per practice-year.
struct GpOutcomeTable {
  std::array<GpOutcomeArray, kAgeBands> probs{};
  std::array<GpOutcomeArray, kAgeBands> cumulative{};  // cumulative_probabilities(probs[b])
  // Every band's thresholds are numbers in non-decreasing order (true for valid rates):
  // then a GP's outcome is the number of its band's thresholds below its uniform.
  bool ascending = true;
  // For the bulk step (step_gp_packed), indexed by band and by a further band
  // kAgeBands that stands for "no GP" (the lanes of a last block past the practice's GPs):
  // bits_above[k][b]: a GP's uniform is above cumulative[b][k] exactly when its 32 bits
  // are at least this (first_bits_above, model/sampling.hpp); indexed threshold first, so
  // the step reads a threshold at the band's index with no multiply;
  // headcount_step[4 b + outcome] (flat, so the step finds it by one add to 4 b): what a
  // GP of band b with that outcome adds to the packed new headcounts (kBandBits bits a
  // band): 1 in band b to stay, 1 in band b + 1 to age up (nothing from the last band,
  // which has no upper neighbour), nothing to retire or leave. A GP who retires adds to
  // the headcounts what one who leaves adds (nothing), which lets the step find the entry
  // from thresholds 1 and 2 alone, stepping down from "stay".
  std::array<std::array<std::uint64_t, kAgeBands + 1>, 3> bits_above{};
  std::array<std::uint64_t, std::size_t{4} * (kAgeBands + 1)> headcount_step{};
};

// The table at a given leaver rate (a practice whose funding changes its rate).
inline GpOutcomeTable gp_outcome_table(const WorkforceParameters& workforce,
                                       RatePerYear leaver_rate) {
  GpOutcomeTable table;
  for (int b = 0; b < kAgeBands; ++b) {
    table.probs[b] = gp_outcome_probabilities(workforce, b, leaver_rate);
    const GpOutcomeArray& c = table.cumulative[b] = cumulative_probabilities(table.probs[b]);
    table.ascending = table.ascending && c[0] <= c[1] && c[1] <= c[2];  // false on NaN
    for (int k = 0; k < 3; ++k) table.bits_above[k][b] = first_bits_above(c[k]);
    const std::size_t row = 4 * static_cast<std::size_t>(b);
    table.headcount_step[row + kStay] = std::uint64_t{1} << (kBandBits * b);
    if (b + 1 < kAgeBands)
      table.headcount_step[row + kAgeUp] = std::uint64_t{1} << (kBandBits * (b + 1));
  }
  return table;
}

inline GpOutcomeTable gp_outcome_table(const WorkforceParameters& workforce) {
  return gp_outcome_table(workforce, workforce.leaver_rate);
}

// GP exits of one practice-year, and the whole-number total the bulk step leaves.
struct GpExitsStep {
  Headcount retirements = 0;
  Headcount leavers = 0;
  // Set by the bulk step (step_gp_packed), whose headcounts are whole numbers: their total
  // after the step, which any order of summation gives exactly. NaN otherwise.
  Headcount whole_total = std::numeric_limits<double>::quiet_NaN();
};

// The GPs drawn for each band, rounded_count(headcount[b]), and their total. Headcounts
// that are whole numbers (as every stochastic step leaves them) convert exactly without a
// branch per band: adding 2^52 puts a whole number h in [0, 2^20) in the low 20 bits of
// the sum, and reading those bits back gives h again only for such an h (not for a
// fraction, a negative, a larger number or NaN), which is the check. The total is added
// in the same scalar loop: summing the stored counts afterwards let the compiler read
// them back with vector loads, which wait for the scalar stores (a store-forwarding stall).
struct GpMembers {
  std::array<int, kAgeBands> count{};
  int total = 0;
};

inline GpMembers gp_member_counts(const BandArray& headcount) {
  GpMembers members;
  bool whole = true;
  for (int b = 0; b < kAgeBands; ++b) {
    const double h = headcount[b];
    const int n = static_cast<int>(std::bit_cast<std::uint64_t>(h + 0x1p52) & 0xFFFFFu);
    members.count[b] = n;
    members.total += n;
    whole &= static_cast<double>(n) == h;
  }
  if (!whole) {
    members.total = 0;
    for (int b = 0; b < kAgeBands; ++b) {
      members.count[b] = rounded_count(headcount[b]);
      members.total += members.count[b];
    }
  }
  return members;
}

inline std::array<int, kAgeBands> gp_members(const BandArray& headcount) {
  return gp_member_counts(headcount).count;
}

// `members` packed; false (and `out` untouched) when their total is over kBulkGps.
inline bool pack_gps(const GpMembers& members, PackedGps& out) {
  if (members.total > kBulkGps) return false;
  std::uint64_t bands = 0;
  for (int b = 0; b < kAgeBands; ++b)
    bands |= static_cast<std::uint64_t>(members.count[b]) << (kBandBits * b);
  out = {bands, members.total};
  return true;
}

// pack_gps(gp_member_counts(headcount), out), out of line: the GP pass packs a practice
// once an iteration (its first year), so its loop keeps no registers for it.
[[gnu::noinline]] inline bool pack_headcounts(const BandArray& headcount, PackedGps& out) {
  return pack_gps(gp_member_counts(headcount), out);
}

inline void unpack_gps(const PackedGps& gps, BandArray& headcount) {
#if defined(PCSIM_GP_BANDS_SSE2)
  // Two bands to a 16-byte store: the year end reads an unpacked array straight away, two
  // bands to a load (a receiver's GPs, a leaver's copy), and a load is served from a store
  // still in flight only when one store covers it; else it waits for the array's line.
  static_assert(kAgeBands % 2 == 1);
  for (int b = 0; b + 1 < kAgeBands; b += 2)
    _mm_storeu_pd(&headcount[static_cast<std::size_t>(b)],
                  _mm_set_pd(gps.band(b + 1), gps.band(b)));
  headcount[kAgeBands - 1] = gps.band(kAgeBands - 1);
#else
  for (int b = 0; b < kAgeBands; ++b) headcount[b] = gps.band(b);
#endif
}

// Adds `recruits` (a whole number, as stochastic recruitment gives) to band `band`; false
// (and `gps` untouched) when the total would go over kBulkGps or `recruits` is not a
// whole number in [0, kBulkGps].
inline bool add_packed_recruits(PackedGps& gps, int band, Headcount recruits) {
  if (!(recruits >= 0 && recruits <= kBulkGps)) return false;
  const int n = static_cast<int>(recruits);
  if (n != recruits || gps.total + n > kBulkGps) return false;
  gps.bands += static_cast<std::uint64_t>(n) << (kBandBits * band);
  gps.total += n;
  return true;
}

// The bulk GP step, for events with raw bits (BulkBitsEvents) and ascending thresholds
// (table.ascending): the same draws and counts as one split per band of step_gp_bands,
// without a branch per GP or per band. GP j (bands in order) has bits x_j; with its
// band's thresholds t0 <= t1 <= t2 (table.bits_above[k][b]), it retires when x_j < t0,
// leaves when t0 <= x_j < t1, ages up when t1 <= x_j < t2 and stays when x_j >= t2, as
// categorical_from_uniform puts its uniform: its outcome is the number of thresholds its
// bits reach. It adds table.headcount_step[4 b + outcome] to the new packed headcounts, so
// no count is stored and read back per GP and nothing branches on a draw; a GP below t1
// takes the step of a leaver, which is that of a retiree. With kCountExits (simulate's GP
// pass, which reports exits) it also counts the GPs below t0 (retirements); the leavers
// are then the GPs gone less those retired, since every GP who neither retires nor leaves
// is in the new headcounts (a GP of the last band has age-up probability 0, so t1 = t2
// there and none ages out of it). Returns the packed exits (retirements in the low 32
// bits, leavers in the high 32; 0 without kCountExits). `bits` holds GP j's bits at
// bits[j], in whole blocks (gp_bits_in_blocks(gps.total) of them); the step moves `bits`
// past them, to where a pass that lays practices' bits end to end finds the next
// practice's (the loop's own pointer, so the caller keeps no count of its own).
// Always inlined: called out of line, the caller's next practice waited for its stores.
template <bool kCountExits>
[[gnu::always_inline]] inline std::uint64_t step_gp_packed_from_bits(const GpOutcomeTable& table,
                                                                     PackedGps& gps,
                                                                     const std::uint32_t*& bits) {
  const GpBandFinder bands(gps);
  std::uint64_t next = 0;
  std::uint64_t retired = 0;
  const auto add_gp = [&](int g, std::uint64_t x) {
    const std::size_t b = kKernelMutation == 2
                              ? std::min<std::size_t>(bands.band_of(g) + 1, kAgeBands - 1)
                              : bands.band_of(g);
    const auto& t = table.bits_above;
    if constexpr (kCountExits) retired += static_cast<std::uint64_t>(x < t[0][b]);
    // From the stay entry of the row, back one for each threshold x is below (a compare
    // and a subtract with borrow each, no flag to widen).
    std::size_t at = 4 * b + kStay;
    at -= static_cast<std::size_t>(x < t[1][b]);
    at -= static_cast<std::size_t>(x < t[2][b]);
    next += table.headcount_step[at];
  };
  const std::uint32_t* const end = bits + gp_bits_in_blocks(gps.total);
  for (int j = 0; bits != end; j += 4, bits += 4) {  // a whole block at a time
    add_gp(j, bits[0]);
    add_gp(j + 1, bits[1]);
    add_gp(j + 2, bits[2]);
    add_gp(j + 3, bits[3]);
  }
  const int before = gps.total;
  gps = {next, packed_total(next)};
  if constexpr (!kCountExits) return 0;
  const auto gone = static_cast<std::uint64_t>(before - gps.total);
  return retired | ((gone - retired) << 32);
}

// The bulk step drawing its own bits.
template <bool kCountExits, class Events>
std::uint64_t step_gp_packed_core(const GpOutcomeTable& table, PackedGps& gps,
                                  const Events& events) {
  std::array<std::uint32_t, kBulkGps + 1> bits;
  events.bits_in_blocks(Purpose::GpTransitions, static_cast<std::uint32_t>(gps.total), bits.data());
  const std::uint32_t* from = bits.data();
  return step_gp_packed_from_bits<kCountExits>(table, gps, from);
}

template <class Events>
GpExitsStep step_gp_packed(const GpOutcomeTable& table, PackedGps& gps, const Events& events) {
  const std::uint64_t exits_packed = step_gp_packed_core<true>(table, gps, events);
  GpExitsStep exits;
  exits.retirements = static_cast<double>(exits_packed & 0xFFFFFFFFu);
  exits.leavers = static_cast<double>(exits_packed >> 32);
  exits.whole_total = gps.total;
  return exits;
}

// The bulk step of the new headcounts alone (gps.total is their whole-number total).
template <class Events>
void step_gp_packed_headcounts(const GpOutcomeTable& table, PackedGps& gps, const Events& events) {
  step_gp_packed_core<false>(table, gps, events);
}

// Retirements, other leavers and ageing of one practice's GPs in one year, all bands moved
// at once so a GP ages at most one band a year (docs/model.md, Workforce). One
// events.split(GpTransitions, first_b, n_b, probs_b) per band with GPs, where the GPs of a
// practice are numbered consecutively across the bands in band order: first_b is the
// number of GPs drawn for the bands before b (each band's n rounded, rounded_count in
// model/sampling.hpp), so GP j of the practice-year uses uniform j of the GpTransitions
// stream and the four lanes of every Philox block serve four GPs. `headcount` is updated
// in place. `table` = gp_outcome_table(workforce). Events with raw bits in blocks, when
// the thresholds are ascending and the practice has at most kBulkGps GPs, take
// step_gp_packed: the same draws and the same counts, in whole numbers, with less work
// per GP.
template <class Events>
GpExitsStep kernel_gp_step(const GpOutcomeTable& table, BandArray& headcount,
                           const Events& events) {
  if constexpr (BulkBitsEvents<Events>) {
    PackedGps gps;
    if (table.ascending && pack_gps(gp_member_counts(headcount), gps)) {
      const GpExitsStep exits = step_gp_packed(table, gps, events);
      unpack_gps(gps, headcount);
      return exits;
    }
  }
  BandArray next{};
  GpExitsStep exits;
  GpOutcomeArray moved{};
  std::uint32_t first_index = 0;
  for (int b = 0; b < kAgeBands; ++b) {
    if (headcount[b] <= 0) continue;
    events.split(Purpose::GpTransitions, first_index, headcount[b], table.probs[b], moved);
    first_index += static_cast<std::uint32_t>(rounded_count(headcount[b]));
    exits.retirements += moved[kRetire];
    exits.leavers += moved[kLeave];
    next[b] += moved[kStay];
    if (b + 1 < kAgeBands) next[b + 1] += moved[kAgeUp];
  }
  headcount = next;
  return exits;
}

}  // namespace pcsim::engine

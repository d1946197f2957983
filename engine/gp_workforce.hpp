#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/units.hpp"
#include "engine/gp_kernels.hpp"
#include "engine/packed_gps.hpp"
#include "model/age_bands.hpp"
#include "model/workforce.hpp"

// The GP workforce of every practice in the engine: one type that holds a practice's GPs
// and keeps their three forms consistent. A practice's headcount by band is kept packed
// (whole numbers, engine/packed_gps.hpp) while it fits, for the GP pass's kernel, else as
// a band array; total(p) is the total after recruitment (between the GP passes, after
// exits). Laid out as arrays over the practices (structure of arrays) for the passes.
namespace pcsim::engine {

class GpWorkforce {
 public:
  // Every practice's year-0 headcounts by band (unpacked) and their totals.
  void reset(std::span<const BandArray> bands, std::span<const Headcount> totals) {
    bands_.assign(bands.begin(), bands.end());
    packed_.assign(bands.size(), PackedGps{0, -1});
    total_.assign(totals.begin(), totals.end());
  }

  // The same with every practice that packs already packed: `packed[p]` is what
  // pack_headcounts makes of bands[p] ({0, -1} when it does not pack), computed once for
  // a run's many iterations. Only the unpacked practices' band arrays are copied (a packed
  // practice's band array is stale by design until unpack(p)). For a GP pass that would
  // pack every practice it can anyway (ascending outcome tables).
  void reset(std::span<const BandArray> bands, std::span<const Headcount> totals,
             std::span<const PackedGps> packed) {
    bands_.resize(bands.size());
    for (std::size_t p = 0; p < bands.size(); ++p)
      if (packed[p].total < 0) bands_[p] = bands[p];
    packed_.assign(packed.begin(), packed.end());
    total_.assign(totals.begin(), totals.end());
  }

  std::size_t size() const { return total_.size(); }
  Headcount total(std::size_t p) const { return total_[p]; }
  Headcount* totals() { return total_.data(); }
  std::span<Headcount> totals_span() { return total_; }
  std::span<const Headcount> totals_span() const { return total_; }
  // Practice p's headcounts by band, whichever form holds them.
  BandArray headcounts(std::size_t p) const {
    if (packed_[p].total < 0) return bands_[p];
    BandArray out{};
    unpack_gps(packed_[p], out);
    return out;
  }

  // Whether practice p is held packed now.
  bool is_packed(std::size_t p) const { return packed_[p].total >= 0; }
  // Packs practice p if it is not yet and its headcounts fit; true when it is packed.
  bool pack(std::size_t p) {
    return packed_[p].total >= 0 || pack_headcounts(bands_[p], packed_[p]);
  }
  PackedGps& packed(std::size_t p) { return packed_[p]; }
  // Every practice's packed form ({0, -1} when not packed), for the GP pass's wide step.
  PackedGps* packed_data() { return packed_.data(); }
  // The band array of an unpacked practice (the split per band steps it in place).
  BandArray& bands(std::size_t p) { return bands_[p]; }

  // After the GP kernel stepped a packed practice: its total is the packed total.
  void set_total_from_packed(std::size_t p) { total_[p] = packed_[p].total; }
  void set_total(std::size_t p, Headcount total) { total_[p] = total; }

  // Adds k recruits (whole) at `band`: packed while they fit, else to the band array
  // (unpacking it first); the total after recruitment is `whole` (the total after exits)
  // plus k, or the band array's sum once unpacked.
  void add_recruits(std::size_t p, int band, Headcount whole, int k) {
    PackedGps& gps = packed_[p];
    if (gps.total >= 0 && k <= kBulkGps - gps.total) {
      gps.bands += static_cast<std::uint64_t>(k) << (kBandBits * band);
      gps.total += k;
      total_[p] = whole + k;
      return;
    }
    if (gps.total >= 0) {
      unpack_gps(gps, bands_[p]);  // too many to pack: back to the band array
      gps.total = -1;
    }
    bands_[p][band] += k;
    total_[p] = total_headcount(bands_[p]);
  }

  // Practice p in the band array (unpacked if it was packed); the GP pass packs it again.
  void unpack(std::size_t p) {
    if (packed_[p].total < 0) return;
    unpack_gps(packed_[p], bands_[p]);
    packed_[p].total = -1;
  }
  // The band arrays as they are (a packed practice's entry is stale until unpack(p)).
  std::span<BandArray> band_arrays() { return bands_; }

  // Every practice in the band array (unpacking the packed ones), for code that changes
  // headcounts by band (the year-end practice changes); the GP pass packs them again.
  std::span<BandArray> unpacked_bands() {
    for (std::size_t p = 0; p < packed_.size(); ++p) {
      if (packed_[p].total < 0) continue;
      unpack_gps(packed_[p], bands_[p]);
      packed_[p].total = -1;
    }
    return bands_;
  }

 private:
  std::vector<BandArray> bands_;
  std::vector<PackedGps> packed_;
  std::vector<Headcount> total_;
};

}  // namespace pcsim::engine

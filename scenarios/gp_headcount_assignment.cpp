#include "scenarios/gp_headcount_assignment.hpp"

#include <algorithm>
#include <cmath>

#include "core/errors.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/practice_defaults.hpp"

namespace pcsim::scenarios {

namespace {

// The profile is needed only where a total must be split; without it the minimal scenario
// used to fail with "summing to 0" and no file or line.
void check_age_profile(const PracticeDataSpec& spec, const std::string& code) {
  double sum = 0;
  for (double share : spec.gp_age_profile) sum += share;
  if (sum > 0) return;
  Diagnostic d;
  d.file = spec.file;
  d.line = spec.line;
  d.key = "practices.gp_age_profile";
  d.found = "no gp_age_profile, but practice " + code +
            " has only a total GP headcount (or none) to split over the age bands";
  d.expected =
      "gp_age_profile = { under_30 = ..., 30_34 = ..., ..., 65_plus = ... } (shares "
      "summing to 1; NHS Digital's GP workforce statistics give them), unless the "
      "attributes file gives every practice's headcount by age band";
  throw InputError(std::vector<Diagnostic>{d});
}

// `total` whole GPs over the bands not in `known`, the rest kept as given.
model::BandArray split_total(const PracticeDataSpec& spec, int total,
                             const model::BandArray& known_bands,
                             const std::array<bool, model::kAgeBands>& known,
                             const std::string& code) {
  model::BandArray shares{};
  double known_sum = 0, open_share = 0;
  int open_bands = 0;
  for (std::size_t b = 0; b < shares.size(); ++b) {
    if (known[b]) {
      known_sum += known_bands[b];
      continue;
    }
    shares[b] = spec.gp_age_profile[b];
    open_share += shares[b];
    ++open_bands;
  }
  const int rest = total - static_cast<int>(known_sum);
  if (open_bands == 0 || rest <= 0) return known_bands;
  check_age_profile(spec, code);
  if (!(open_share > 0))
    for (std::size_t b = 0; b < shares.size(); ++b) shares[b] = known[b] ? 0.0 : 1.0;
  model::BandArray bands = largest_remainder_split(rest, shares);
  for (std::size_t b = 0; b < bands.size(); ++b)
    if (known[b]) bands[b] = known_bands[b];
  return bands;
}

std::string fallback_reason(const PracticeDataSpec& spec, const PracticeAttributes* a,
                            const GpHeadcountSeries* series, const std::string& code) {
  if (series) {
    const auto it = series->by_code.find(code);
    if (it == series->by_code.end())
      return "not in " + series->file + " for " + financial_year_label(series->year);
    return "'" + it->second.marker + "' in " + series->file + " (line " +
           std::to_string(it->second.line) + ")";
  }
  if (!spec.attributes_csv.empty())
    return a ? "no GP headcount in the attributes file" : "no row in the attributes file";
  return "no attributes file or GP headcount series";
}

}  // namespace

const char* headcount_source_name(HeadcountSource source) {
  switch (source) {
    case HeadcountSource::AttributesBands:
      return "attributes_bands";
    case HeadcountSource::AttributesTotal:
      return "attributes_total";
    case HeadcountSource::Series:
      return "series";
    case HeadcountSource::PatientsPerGp:
      return "patients_per_gp";
  }
  return "unknown";
}

PracticeHeadcount practice_headcount(const PracticeDataSpec& spec, Patients registered,
                                     const PracticeAttributes* a, const GpHeadcountSeries* series,
                                     const std::string& code) {
  PracticeHeadcount out;
  std::array<bool, model::kAgeBands> none_known{};
  if (a && a->gp_headcount) {
    out.bands = *a->gp_headcount;
    out.source = HeadcountSource::AttributesBands;
    return out;
  }
  if (a && a->gp_total) {
    out.bands = split_total(spec, *a->gp_total, a->gp_bands_known, a->gp_band_is_known, code);
    out.source = HeadcountSource::AttributesTotal;
    return out;
  }
  if (series) {
    const auto it = series->by_code.find(code);
    if (it != series->by_code.end() && it->second.headcount) {
      out.bands = split_total(spec, *it->second.headcount, {}, none_known, code);
      out.source = HeadcountSource::Series;
      return out;
    }
  }
  const long total = std::max(1L, std::lround(registered / spec.patients_per_gp));
  out.bands = split_total(spec, static_cast<int>(total), {}, none_known, code);
  out.source = HeadcountSource::PatientsPerGp;
  out.default_reason = fallback_reason(spec, a, series, code);
  return out;
}

}  // namespace pcsim::scenarios

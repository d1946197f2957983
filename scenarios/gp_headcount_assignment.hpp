#pragma once
#include <string>

#include "core/units.hpp"
#include "model/age_bands.hpp"
#include "scenarios/attributes_reader.hpp"
#include "scenarios/gp_headcount_series.hpp"
#include "scenarios/practice_data_spec.hpp"

namespace pcsim::scenarios {

// Where a practice's year-0 GP headcount came from, in order of precedence.
enum class HeadcountSource {
  AttributesBands,  // every age band given by the attributes file
  AttributesTotal,  // the attributes file's total headcount (bands given kept, the rest split)
  Series,           // the base year's figure of the GP headcount series, split by band
  PatientsPerGp,    // the default: max(1, round(list / patients_per_gp)), split by band
};
inline constexpr int kHeadcountSources = 4;
// "attributes_bands", "attributes_total", "series", "patients_per_gp".
const char* headcount_source_name(HeadcountSource source);

struct PracticeHeadcount {
  model::BandArray bands{};
  HeadcountSource source = HeadcountSource::PatientsPerGp;
  std::string default_reason;  // why the default was used: "not in <file> for 2022/23", ...
};

// The GP headcount of one practice at year 0 (whole GPs by band). A total is split over the
// bands by spec.gp_age_profile with largest-remainder rounding (practice_defaults.hpp); a
// total with some bands given keeps those and splits the rest over the other bands (by
// the profile's shares of those bands, equally if they are all 0). `attributes` and
// `series` may be null (no file, or no row for the practice). `registered` is the list at
// year 0 (after closed practices' lists have moved), used only by the default.
// Throws InputError (located at the scenario's [practices]) when a split is needed and
// gp_age_profile is missing.
PracticeHeadcount practice_headcount(const PracticeDataSpec& spec, Patients registered,
                                     const PracticeAttributes* attributes,
                                     const GpHeadcountSeries* series, const std::string& code);

}  // namespace pcsim::scenarios

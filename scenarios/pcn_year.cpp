#include "scenarios/pcn_year.hpp"

#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/file_year_dates.hpp"

namespace pcsim::scenarios {

namespace {

// Where and how the scenario gives the file its year.
struct GivenYear {
  BaseYear year;
  std::string key;   // "practices.pcn_payments_csv.2019/20"
  std::string file;  // the scenario (or included file) writing the key
  int line = 0;
  std::string setting;  // "\"2019/20\" = \"data/x.csv\""
};

GivenYear given_year(const PcnMembership& membership, const PcnPaymentsFile& given,
                     const std::string& scenario_file) {
  const BaseYear year(given.year);
  return {year, "practices.pcn_payments_csv." + year.label(),
          given.key_file.empty() ? scenario_file : given.key_file, given.line,
          fmt::format("\"{}\" = \"{}\"", year.label(), membership.file)};
}

[[noreturn]] void throw_mismatch(const GivenYear& g, const FileYearEvidence& e,
                                 const std::string& evidence) {
  Diagnostic d;
  d.file = g.file;
  d.line = g.line;
  d.key = g.key;
  d.found =
      fmt::format("{}: the payments file of {} ({}), but {}; by its dates it is the file of {}",
                  g.setting, g.year.label(), g.year.span(), evidence,
                  e.by_dates ? year_range_text(*e.by_dates, false) : std::string{"?"});
  d.expected =
      "each file of pcn_payments_csv under its own financial year: the key changed to the "
      "file's year, or the path changed to the file of " +
      g.year.label();
  throw InputError({d});
}

RunWarning warning(const GivenYear& g, std::string message) {
  return {g.key,
          fmt::format("{}, line {}: {}: is {} the right year for this file? ({})", g.file, g.line,
                      message, g.year.label(), g.setting),
          {},
          g.file,
          g.line};
}

}  // namespace

std::vector<RunWarning> check_pcn_file_year(const PcnMembership& membership,
                                            const PcnPaymentsFile& given,
                                            const std::string& scenario_file) {
  const GivenYear g = given_year(membership, given, scenario_file);
  std::vector<RunWarning> warnings;
  // 1 and 2: the rows' open and close dates, where the file has them.
  if (!membership.dated.empty()) {
    const FileYearEvidence e = weigh_file_year(membership.file, membership.dated, g.year,
                                               {g.year.label(), g.year.label()});
    for (const YearFinding& finding : e.findings) {
      if (finding.conclusive) throw_mismatch(g, e, finding.evidence);
      std::string message = finding.evidence;
      if (finding.cites_year_by_dates && e.by_dates)
        message += ", and by its dates it is the file of " + year_range_text(*e.by_dates, false);
      RunWarning w = warning(g, std::move(message));
      w.items = finding.items;
      warnings.push_back(std::move(w));
    }
  }
  // 3. PCN codes before there were PCNs.
  if (!membership.pcn_of.empty() && given.year < kFirstPcnYear)
    warnings.push_back(warning(
        g, pcn_codes_before_pcns(membership.pcn_of.size(), membership.file, g.year.label())));
  return warnings;
}

}  // namespace pcsim::scenarios

#include "scenarios/payments_year.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/file_year_dates.hpp"

namespace pcsim::scenarios {

namespace {

// Every row's dates, and how many rows have a PCN code in the file's own column.
std::vector<DatedRow> dated_rows(const PaymentsFile& payments) {
  std::vector<DatedRow> rows;
  rows.reserve(payments.rows.size());
  for (const PaymentsRecord& r : payments.rows)
    rows.push_back({r.code, r.line, r.open_date, r.close_date});
  return rows;
}

std::size_t pcn_rows(const PaymentsFile& payments) {
  return static_cast<std::size_t>(
      std::count_if(payments.rows.begin(), payments.rows.end(),
                    [](const PaymentsRecord& r) { return !r.pcn_code.empty(); }));
}

std::string start_year_text(const PracticeDataSpec& spec) {
  return spec.start_year_line > 0
             ? fmt::format("start_year = {}", spec.start_year)
             : fmt::format("start_year not set (pcsim's default, {})", spec.start_year);
}

// "2016/17 (start_year = 2017)" or "2017/18 or 2018/19 (start_year = 2018 or 2019)"; "" without
// dates.
std::string year_by_dates(const FileYearEvidence& e) {
  return e.by_dates ? year_range_text(*e.by_dates, true) : std::string{};
}

[[noreturn]] void throw_mismatch(const PracticeDataSpec& spec, const BaseYear& base,
                                 const FileYearEvidence& e, const std::string& evidence) {
  Diagnostic d;
  d.file = spec.start_year_file.empty() ? spec.file : spec.start_year_file;
  d.line = spec.start_year_line;
  d.key = "start_year";
  d.found =
      fmt::format("{}: base year {} ({}), but {}; by its dates it is the file of {}",
                  start_year_text(spec), base.label(), base.span(), evidence, year_by_dates(e));
  d.expected = fmt::format(
      "the payments file of the base year (year 0 ends in March of start_year): "
      "start_year set to the file's year, or payments_csv naming the file of {}",
      base.label());
  throw InputError({d});
}

}  // namespace

std::vector<RunWarning> check_payments_year(const PaymentsFile& payments, const BaseYear& base,
                                            const PracticeDataSpec& spec) {
  // 1 and 2: the rows' open and close dates (file_year_dates.hpp).
  const FileYearEvidence e = weigh_file_year(payments.file, dated_rows(payments), base,
                                             {"the base year", "the base year " + base.label()});
  std::vector<RunWarning> warnings;
  const std::string wrong_year = fmt::format(
      "is start_year right for this file? ({}; the base year ends in March of start_year)",
      start_year_text(spec));
  for (const YearFinding& finding : e.findings) {
    if (finding.conclusive) throw_mismatch(spec, base, e, finding.evidence);
    const std::string dates = finding.cites_year_by_dates
                                  ? ", and by its dates it is the file of " + year_by_dates(e)
                                  : std::string{};
    warnings.push_back({"start_year", fmt::format("{}{}: {}", finding.evidence, dates, wrong_year),
                        finding.items});
  }

  // 3. PCN codes before there were PCNs.
  if (const std::size_t with_pcn = pcn_rows(payments);
      with_pcn > 0 && base.end_year() < kFirstPcnYear)
    warnings.push_back({"start_year",
                        fmt::format("{}: {}",
                                    pcn_codes_before_pcns(with_pcn, payments.file,
                                                          "the base year " + base.label()),
                                    wrong_year),
                        {}});
  return warnings;
}

}  // namespace pcsim::scenarios

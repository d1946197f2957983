#include "scenarios/payments_year.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenarios/load_text.hpp"

namespace pcsim::scenarios {

namespace {

// The thresholds of payments_year.hpp, from the published files of 2014/15-2022/23.
constexpr std::size_t kConclusiveOpenings = 2;             // rows opened after the base year
constexpr std::size_t kRowsConclusiveWithoutDates = 2000;  // England's files: 6,669-7,959 rows
constexpr std::size_t kRowsSuggestiveWithoutDates = 500;   // the largest area: 351 rows
constexpr int kFirstPcnYear = 2020;                        // 2019/20: PCNs from 1 July 2019
constexpr std::size_t kRowsNamed = 3;                      // rows named in an error

// The financial year (as its end year) a date falls in: 01/04/2016-31/03/2017 -> 2017.
int financial_year_of(const CalendarDate& d) { return d.month >= 4 ? d.year + 1 : d.year; }

std::string date_text(const CalendarDate& d) {
  return fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year);
}

struct DatedRow {
  CalendarDate date;
  const PaymentsRecord* row = nullptr;
};

void keep_latest(std::optional<DatedRow>& latest, const CalendarDate& date,
                 const PaymentsRecord& row) {
  if (!latest || date > latest->date) latest = DatedRow{date, &row};
}

// What every row of the file says about its year.
struct Evidence {
  std::vector<std::string> opened_after;  // "P82001 (line 12): opened 01/04/2022"
  std::optional<DatedRow> latest_open;    // the latest open date of any row
  std::optional<DatedRow> latest_date;    // the latest open or close date of any row
  std::size_t dated_in_or_after = 0;      // rows opened or closed on or after the first day
  std::size_t pcn_rows = 0;               // rows with a PCN code in the file's own column
};

Evidence gather(const PaymentsFile& payments, const BaseYear& base) {
  Evidence e;
  for (const PaymentsRecord& r : payments.rows) {
    if (r.open_date) {
      keep_latest(e.latest_open, *r.open_date, r);
      keep_latest(e.latest_date, *r.open_date, r);
      if (*r.open_date > base.last_day())
        e.opened_after.push_back(
            fmt::format("{} (line {}): opened {}", r.code, r.line, date_text(*r.open_date)));
    }
    if (r.close_date) keep_latest(e.latest_date, *r.close_date, r);
    if ((r.open_date && *r.open_date >= base.first_day()) ||
        (r.close_date && *r.close_date >= base.first_day()))
      ++e.dated_in_or_after;
    if (!r.pcn_code.empty()) ++e.pcn_rows;
  }
  return e;
}

// The file's year by its dates: no later than the year of its latest date (a file records
// its year's closures; some files also closures of the next spring), no earlier than the
// year of its latest open date, nor than the year before its latest date. "2016/17
// (start_year = 2017)" or "2017/18 or 2018/19 (start_year = 2018 or 2019)"; "" without dates.
std::string year_by_dates(const Evidence& e) {
  if (!e.latest_date) return {};
  const int high = financial_year_of(e.latest_date->date);
  int low = high - 1;
  if (e.latest_open) low = std::max(low, financial_year_of(e.latest_open->date));
  if (low == high) return fmt::format("{} (start_year = {})", financial_year_label(high), high);
  return fmt::format("{} or {} (start_year = {} or {})", financial_year_label(low),
                     financial_year_label(high), low, high);
}

std::string start_year_text(const PracticeDataSpec& spec) {
  return spec.start_year_line > 0
             ? fmt::format("start_year = {}", spec.start_year)
             : fmt::format("start_year not set (pcsim's default, {})", spec.start_year);
}

std::string row_text(const DatedRow& d) {
  return fmt::format("{} (practice {}, line {})", date_text(d.date), d.row->code, d.row->line);
}

std::string rows_text(std::size_t n) {
  return fmt::format("{} practice row{}", format_patients(static_cast<double>(n)),
                     n == 1 ? "" : "s");
}

[[noreturn]] void throw_mismatch(const PracticeDataSpec& spec, const BaseYear& base,
                                 const Evidence& e, const std::string& evidence) {
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
  const Evidence e = gather(payments, base);
  std::vector<RunWarning> warnings;
  const std::string wrong_year = fmt::format(
      "is start_year right for this file? ({}; the base year ends in March of start_year)",
      start_year_text(spec));

  // 1. Practices opened after the base year.
  if (e.opened_after.size() >= kConclusiveOpenings) {
    std::vector<std::string> named(
        e.opened_after.begin(), e.opened_after.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                             kRowsNamed, e.opened_after.size())));
    throw_mismatch(
        spec, base, e,
        fmt::format("{} of {} opened after the base year ended (a practice is paid only once "
                    "it has opened), the latest on {}: {}{}",
                    rows_text(e.opened_after.size()), payments.file, row_text(*e.latest_open),
                    join_items(named), e.opened_after.size() > named.size() ? ", ..." : ""));
  }
  if (!e.opened_after.empty())
    warnings.push_back({"start_year",
                        fmt::format("1 practice of {} opened after the base year {} (a mistyped "
                                    "date, or a file of a later year): {}",
                                    payments.file, base.label(), wrong_year),
                        e.opened_after});

  // 2. No opening or closing in or after the base year.
  const std::size_t rows = payments.rows.size();
  if (e.latest_date && e.dated_in_or_after == 0 && rows >= kRowsSuggestiveWithoutDates) {
    const std::string evidence = fmt::format(
        "none of the {} of {} opened or closed on or after {} (each published payments file "
        "records its own year's openings and closures: 48 to 252 rows of England's); its "
        "latest date is {}",
        rows_text(rows), payments.file, date_text(base.first_day()), row_text(*e.latest_date));
    if (rows >= kRowsConclusiveWithoutDates) throw_mismatch(spec, base, e, evidence);
    warnings.push_back({"start_year",
                        fmt::format("{}, and by its dates it is the file of {}: {}", evidence,
                                    year_by_dates(e), wrong_year),
                        {}});
  }

  // 3. PCN codes before there were PCNs.
  if (e.pcn_rows > 0 && base.end_year() < kFirstPcnYear)
    warnings.push_back(
        {"start_year",
         fmt::format("{} of {} have a PCN code, but the base year {} ended before primary care "
                     "networks began (July 2019; NHS Digital's payments files carry PCN codes "
                     "from 2019/20): {}",
                     rows_text(e.pcn_rows), payments.file, base.label(), wrong_year),
         {}});
  return warnings;
}

}  // namespace pcsim::scenarios

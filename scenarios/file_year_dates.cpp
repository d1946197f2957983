#include "scenarios/file_year_dates.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "scenarios/load_text.hpp"

namespace pcsim::scenarios {

namespace {

// The thresholds of payments_year.hpp, from the published files of 2014/15-2022/23.
constexpr std::size_t kConclusiveOpenings = 2;             // rows opened after the year
constexpr std::size_t kRowsConclusiveWithoutDates = 2000;  // England's files: 6,669-7,959 rows
constexpr std::size_t kRowsSuggestiveWithoutDates = 500;   // the largest area: 351 rows
constexpr std::size_t kRowsNamed = 3;                      // rows named in an error

// The financial year (as its end year) a date falls in: 01/04/2016-31/03/2017 -> 2017.
int financial_year_of(const CalendarDate& d) { return d.month >= 4 ? d.year + 1 : d.year; }

std::string date_text(const CalendarDate& d) {
  return fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year);
}

struct LatestRow {
  CalendarDate date;
  const DatedRow* row = nullptr;
};

void keep_latest(std::optional<LatestRow>& latest, const CalendarDate& date, const DatedRow& row) {
  if (!latest || date > latest->date) latest = LatestRow{date, &row};
}

// What every row of the file says about its year.
struct Evidence {
  std::vector<std::string> opened_after;  // "P82001 (line 12): opened 01/04/2022"
  std::optional<LatestRow> latest_open;   // the latest open date of any row
  std::optional<LatestRow> latest_date;   // the latest open or close date of any row
  std::size_t dated_in_or_after = 0;      // rows opened or closed on or after the first day
};

Evidence gather(const std::vector<DatedRow>& rows, const BaseYear& year) {
  Evidence e;
  for (const DatedRow& r : rows) {
    if (r.open_date) {
      keep_latest(e.latest_open, *r.open_date, r);
      keep_latest(e.latest_date, *r.open_date, r);
      if (*r.open_date > year.last_day())
        e.opened_after.push_back(
            fmt::format("{} (line {}): opened {}", r.code, r.line, date_text(*r.open_date)));
    }
    if (r.close_date) keep_latest(e.latest_date, *r.close_date, r);
    if ((r.open_date && *r.open_date >= year.first_day()) ||
        (r.close_date && *r.close_date >= year.first_day()))
      ++e.dated_in_or_after;
  }
  return e;
}

// The file's year by its dates: no later than the year of its latest date (a file records
// its year's closures; some files also closures of the next spring), no earlier than the
// year of its latest open date, nor than the year before its latest date.
std::optional<YearRange> year_by_dates(const Evidence& e) {
  if (!e.latest_date) return std::nullopt;
  const int high = financial_year_of(e.latest_date->date);
  int low = high - 1;
  if (e.latest_open) low = std::max(low, financial_year_of(e.latest_open->date));
  return YearRange{low, high};
}

std::string row_text(const LatestRow& d) {
  return fmt::format("{} (practice {}, line {})", date_text(d.date), d.row->code, d.row->line);
}

std::string rows_text(std::size_t n) {
  return fmt::format("{} practice row{}", format_patients(static_cast<double>(n)),
                     n == 1 ? "" : "s");
}

// Rule 1: practices opened after the year ended.
void weigh_openings(const std::string& file, const Evidence& e, const YearWords& words,
                    std::vector<YearFinding>& out) {
  if (e.opened_after.size() >= kConclusiveOpenings) {
    const std::vector<std::string> named(
        e.opened_after.begin(), e.opened_after.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                             kRowsNamed, e.opened_after.size())));
    out.push_back(
        {true,
         fmt::format("{} of {} opened after {} ended (a practice is paid only once it "
                     "has opened), the latest on {}: {}{}",
                     rows_text(e.opened_after.size()), file, words.name, row_text(*e.latest_open),
                     join_items(named), e.opened_after.size() > named.size() ? ", ..." : ""),
         false, e.opened_after});
  } else if (!e.opened_after.empty()) {
    out.push_back({false,
                   fmt::format("1 practice of {} opened after {} (a mistyped date, or a file of "
                               "a later year)",
                               file, words.name_with_label),
                   false, e.opened_after});
  }
}

// Rule 2: no opening or closing in or after the year.
void weigh_missing_dates(const std::string& file, std::size_t rows, const BaseYear& year,
                         const Evidence& e, std::vector<YearFinding>& out) {
  if (!e.latest_date || e.dated_in_or_after != 0 || rows < kRowsSuggestiveWithoutDates) return;
  out.push_back(
      {rows >= kRowsConclusiveWithoutDates,
       fmt::format("none of the {} of {} opened or closed on or after {} (each published "
                   "payments file records its own year's openings and closures: 48 to 252 rows "
                   "of England's); its latest date is {}",
                   rows_text(rows), file, date_text(year.first_day()), row_text(*e.latest_date)),
       true,
       {}});
}

}  // namespace

FileYearEvidence weigh_file_year(const std::string& file, const std::vector<DatedRow>& rows,
                                 const BaseYear& year, const YearWords& words) {
  const Evidence e = gather(rows, year);
  FileYearEvidence out;
  out.by_dates = year_by_dates(e);
  weigh_openings(file, e, words, out.findings);
  if (!out.findings.empty() && out.findings.back().conclusive) return out;
  weigh_missing_dates(file, rows.size(), year, e, out.findings);
  return out;
}

std::string year_range_text(const YearRange& range, bool with_start_year) {
  if (range.low == range.high)
    return with_start_year
               ? fmt::format("{} (start_year = {})", financial_year_label(range.high), range.high)
               : financial_year_label(range.high);
  const std::string years =
      fmt::format("{} or {}", financial_year_label(range.low), financial_year_label(range.high));
  return with_start_year ? fmt::format("{} (start_year = {} or {})", years, range.low, range.high)
                         : years;
}

std::string pcn_codes_before_pcns(std::size_t pcn_rows, const std::string& file,
                                  const std::string& year_name) {
  return fmt::format(
      "{} of {} have a PCN code, but {} ended before primary care networks "
      "began (July 2019; NHS Digital's payments files carry PCN codes from "
      "2019/20)",
      rows_text(pcn_rows), file, year_name);
}

}  // namespace pcsim::scenarios

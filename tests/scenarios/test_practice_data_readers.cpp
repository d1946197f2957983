// The readers and rules beside the payments file: base-year dates, the GP headcount series,
// the area-to-ICB map, PCN membership, the move of closed practices' lists, the year-0 GP
// headcount, and selection by ICB and PCN. Real rows of the shared files (figures read from
// the files with grep or pandas, quoted in each comment) and malformed ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/area_membership.hpp"
#include "scenarios/base_year.hpp"
#include "scenarios/closed_list_moves.hpp"
#include "scenarios/gp_headcount_assignment.hpp"
#include "scenarios/gp_headcount_series.hpp"
#include "scenarios/practice_loader.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;
const fs::path kReadersData = fs::path(PCSIM_SOURCE_DIR) / "scenarios/data";
const fs::path kSeries = kReadersData / "gp-workforce/practice_gp_headcount_by_year.csv";

using testing::write_temp;

template <class F>
std::vector<Diagnostic> problems_of(F&& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected InputError";
  return {};
}

TEST(BaseYear, DatesYearsAndLabels) {
  EXPECT_EQ(parse_uk_date("28/02/2017"), (CalendarDate{2017, 2, 28}));
  EXPECT_EQ(parse_uk_date(" 29/02/2016 "), (CalendarDate{2016, 2, 29}));
  for (const char* bad : {"29/02/2017", "31/04/2017", "00/01/2017", "1/4/2017", "2017-04-01", ""})
    EXPECT_FALSE(parse_uk_date(bad).has_value()) << bad;
  const BaseYear base(2023);
  EXPECT_EQ(base.label(), "2022/23");
  EXPECT_TRUE(base.contains({2022, 4, 1}));
  EXPECT_TRUE(base.contains({2023, 3, 31}));
  EXPECT_FALSE(base.contains({2022, 3, 31}));
  EXPECT_FALSE(base.contains({2023, 4, 1}));
  EXPECT_EQ(parse_fiscal_year("23"), 2023);
  EXPECT_EQ(parse_fiscal_year("16"), 2016);  // the HEEC series: 16 = 2015/16
  EXPECT_EQ(parse_fiscal_year("2023"), 2023);
  EXPECT_EQ(parse_fiscal_year("2022/23"), 2023);
  EXPECT_EQ(parse_fiscal_year("1999/00"), 2000);
  for (const char* bad : {"FY23", "2022/24", "223", "", "2022-23"})
    EXPECT_FALSE(parse_fiscal_year(bad).has_value()) << bad;
}

// The HEEC series for 2022/23 (fiscal_year 23): 6,503 practice rows (pandas:
// (s.fiscal_year == "23").sum()); A81001 has 2 GPs; C88038 is NA (line 13,287); for 2016/17
// (fiscal_year 17) P82001 has 6 and the Bolton practice P82004 0.
TEST(GpHeadcountSeries, RealRowsOfTheSharedSeries) {
  const GpHeadcountSeries y23 = read_gp_headcount_series(kSeries, 2023);
  EXPECT_EQ(y23.by_code.size(), 6503u);
  EXPECT_EQ(y23.column, "TOTAL_GP_EXTGL_HC");
  EXPECT_EQ(y23.by_code.at("A81001").headcount, 2);
  const SeriesHeadcount& na = y23.by_code.at("C88038");
  EXPECT_FALSE(na.headcount.has_value());
  EXPECT_EQ(na.marker, "NA");
  EXPECT_EQ(na.line, 13287);
  const GpHeadcountSeries y17 = read_gp_headcount_series(kSeries, 2017);
  EXPECT_EQ(y17.by_code.at("P82001").headcount, 6);
  EXPECT_EQ(y17.by_code.at("P82004").headcount, 0);
}

TEST(GpHeadcountSeries, MalformedSeriesAreErrors) {
  const std::string header = "Practice.Code,fiscal_year,TOTAL_GP_EXTGL_HC\n";
  const auto bad = problems_of([&] {
    read_gp_headcount_series(
        write_temp("series-bad.csv", header + "A1,23,2.5\nA2,23,-1\nA3,FY23,2\nA4,23,2\na4,23,3\n"
                                              "A5,22,oops\n"),
        2023);
  });
  ASSERT_EQ(bad.size(), 4u);  // 2.5, -1, FY23, A4 twice; a bad cell of another year is not read
  EXPECT_EQ(bad[0].line, 2);
  EXPECT_EQ(bad[0].column, 3);
  EXPECT_EQ(bad[0].found, "'2.5' for practice A1");
  EXPECT_EQ(bad[1].found, "'-1' for practice A2");
  EXPECT_EQ(bad[2].column, 2);
  EXPECT_NE(bad[3].found.find("A4 again for 2022/23 (first on line 5)"), std::string::npos);
  const auto no_year = problems_of([&] {
    read_gp_headcount_series(write_temp("series-years.csv", header + "A1,16,2\nA1,17,3\n"), 2023);
  });
  ASSERT_EQ(no_year.size(), 1u);
  EXPECT_EQ(no_year[0].found, "no row for 2022/23; the file has 2015/16 2016/17");
  const auto no_column = problems_of([&] {
    read_gp_headcount_series(write_temp("series-cols.csv", "Practice.Code,fiscal_year\nA1,23\n"),
                             2023);
  });
  ASSERT_EQ(no_column.size(), 1u);
  EXPECT_EQ(no_column[0].key, "TOTAL_GP_EXTGL_HC");
  // A row cut short, of the base year or another, is named as such at its first missing
  // field, as the payments reader names one (it was "found ''" for a row of the base year).
  const auto cut = problems_of([&] {
    read_gp_headcount_series(write_temp("series-cut.csv", header + "A1,23,2\nA2,23\nA3\n"), 2023);
  });
  ASSERT_EQ(cut.size(), 2u);
  EXPECT_EQ(cut[0].line, 3);
  EXPECT_EQ(cut[0].column, 3);
  EXPECT_EQ(cut[0].key, "TOTAL_GP_EXTGL_HC");
  EXPECT_EQ(cut[0].found, "a row cut short: 2 fields (it begins 'A2')");
  EXPECT_EQ(cut[1].key, "fiscal_year");
}

// geography/ccg_icb.csv: 249 codes (the data README); 00T (Bolton) is in QOP (Greater
// Manchester), 06F (Bedfordshire) in QHG, 16C in QHM (lines 51, 187, 17).
TEST(AreaMembership, RealIcbMapAndPcnFile) {
  const AreaIcbMap map = read_area_icb_map(kReadersData / "geography/ccg_icb.csv");
  EXPECT_EQ(map.icb_of_area.size(), 249u);
  EXPECT_EQ(map.icb_of_area.at("00T"), "QOP");
  EXPECT_EQ(map.icb_of_area.at("06F"), "QHG");
  EXPECT_EQ(map.icb_of_area.at("16C"), "QHM");
  // 2019/20: P82001 in U79938; 6,714 rows with a PCN (pandas: PCN Code != "Unknown or no PCN").
  const PcnMembership pcn =
      read_pcn_membership(kReadersData / "nhs-payments/nhspaymentsgp-19-20.csv", 2020);
  EXPECT_EQ(pcn.pcn_of.at("P82001"), "U79938");
  EXPECT_EQ(pcn.pcn_of.size(), 6714u);
  EXPECT_EQ(pcn_code_of(" Unknown or no PCN "), "");
  EXPECT_EQ(pcn_code_of("u12345"), "U12345");
}

TEST(AreaMembership, MalformedMapsAndPcnFilesAreErrors) {
  const auto map = problems_of([&] {
    read_area_icb_map(write_temp("icb.csv", "CCG Code,ICB Code\n00T,QOP\n00t,QOP\n01A,\n"));
  });
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0].line, 3);
  EXPECT_NE(map[0].found.find("area 00T again (first on line 2)"), std::string::npos);
  EXPECT_EQ(map[1].line, 4);
  EXPECT_EQ(map[1].column, 2);
  const auto cut = problems_of(
      [&] { read_area_icb_map(write_temp("icb-cut.csv", "CCG Code,ICB Code\n00T,QOP\n01A\n")); });
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_EQ(cut[0].line, 3);
  EXPECT_EQ(cut[0].found, "a row cut short: 1 field (it begins '01A')");
  const auto no_pcn = problems_of(
      [&] { read_pcn_membership(kReadersData / "nhs-payments/nhspaymentsgp-16-17.csv", 2017); });
  ASSERT_EQ(no_pcn.size(), 1u);
  EXPECT_EQ(no_pcn[0].key, "PCN Code");
}

// By hand. Open practices of area X: A (PCN P1, 1,000 registered, 1,100 weighted), B (P1,
// 3,000, 2,900), C (no PCN, 6,000, 6,000). D (closed, P1, 400 / 500) goes to P1's A and B:
// A 1,000/4,000 = 1/4 -> +100 / +125; B, the last, the rest: +300 / +375. E (closed, PCN P9
// with no open practice, 200 / 100) goes to area X: A 1/10 -> +20 / +10, B 3/10 -> +60 /
// +30, C the rest +120 / +60. F (closed, area Y, no open practice) stays, unplaced.
TEST(ClosedListMoves, ByPcnThenAreaInProportionToLists) {
  const std::vector<ListHolder> holders = {
      {"A", "X", "P1", 1000, 1100, false}, {"B", "X", "P1", 3000, 2900, false},
      {"C", "X", "", 6000, 6000, false},   {"D", "X", "P1", 400, 500, true},
      {"E", "X", "P9", 200, 100, true},    {"F", "Y", "", 50, 40, true}};
  const ListMoves m = move_closed_lists(holders);
  EXPECT_EQ(m.registered, (std::vector<Patients>{1120, 3360, 6120, 0, 0, 50}));
  EXPECT_EQ(m.weighted, (std::vector<Patients>{1235, 3305, 6060, 0, 0, 40}));
  ASSERT_EQ(m.moves.size(), 2u);
  EXPECT_TRUE(m.moves[0].within_pcn);
  EXPECT_EQ(m.moves[0].to, (std::vector<std::size_t>{0, 1}));
  EXPECT_FALSE(m.moves[1].within_pcn);
  EXPECT_EQ(m.moves[1].to, (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(m.unplaced, (std::vector<std::size_t>{5}));
}

PracticeDataSpec profile_spec() {
  PracticeDataSpec spec;
  spec.file = "s.toml";
  spec.line = 7;
  spec.patients_per_gp = 1500;
  spec.gp_age_profile = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.0};
  return spec;
}

// A total with bands given keeps them and splits the rest over the others by the profile:
// bands under_30..60_64 given except 55_59 and 60_64 (shares .2, .2), total 9, known 5 ->
// 4 left, 2 each. With the profile 0 on the open bands the rest is split equally. Zero is
// zero; the default is max(1, round(L / 1,500)); without a profile the error is located.
TEST(GpHeadcountAssignment, TotalsBandsZeroAndDefault) {
  PracticeAttributes a;
  a.gp_total = 9;
  a.gp_bands_known = {1, 1, 1, 1, 1, 0, 0, 0, 0};
  a.gp_band_is_known = {true, true, true, true, true, true, false, false, true};
  const PracticeHeadcount h = practice_headcount(profile_spec(), 5000, &a, nullptr, "A1");
  EXPECT_EQ(h.source, HeadcountSource::AttributesTotal);
  EXPECT_EQ(h.bands, (model::BandArray{1, 1, 1, 1, 1, 0, 2, 2, 0}));
  a.gp_band_is_known = {true, true, true, true, true, true, true, true, false};  // 65+ open
  a.gp_total = 7;
  EXPECT_EQ(practice_headcount(profile_spec(), 5000, &a, nullptr, "A1").bands,
            (model::BandArray{1, 1, 1, 1, 1, 0, 0, 0, 2}));
  a = {};
  a.gp_total = 0;
  EXPECT_EQ(practice_headcount(PracticeDataSpec{}, 5000, &a, nullptr, "A1").bands,
            model::BandArray{});  // no profile needed for nobody
  const PracticeHeadcount d = practice_headcount(profile_spec(), 700, nullptr, nullptr, "A2");
  EXPECT_EQ(d.source, HeadcountSource::PatientsPerGp);
  double total = 0;
  for (double v : d.bands) total += v;
  EXPECT_EQ(total, 1);  // round(700 / 1,500) = 0, at least 1
  EXPECT_EQ(d.default_reason, "no attributes file or GP headcount series");
  PracticeDataSpec no_profile = profile_spec();
  no_profile.gp_age_profile = {};
  const auto located =
      problems_of([&] { practice_headcount(no_profile, 5000, nullptr, nullptr, "A3"); });
  ASSERT_EQ(located.size(), 1u);
  EXPECT_EQ(located[0].file, "s.toml");
  EXPECT_EQ(located[0].line, 7);
  EXPECT_EQ(located[0].key, "practices.gp_age_profile");
}

PracticeDataSpec england_2023() {
  PracticeDataSpec spec;
  spec.file = "england.toml";
  spec.payments_csv = kReadersData / "nhs-payments/nhspaymentsgp-22-23.csv";
  spec.area_icb_csv = kReadersData / "geography/ccg_icb.csv";
  spec.start_year = 2023;
  spec.gp_headcount_csv = kSeries;
  spec.gp_age_profile = profile_spec().gp_age_profile;
  return spec;
}

// Selection by ICB: Greater Manchester (QOP) has 426 rows in 2022/23, 418 of them open with
// patients (pandas, mapping CCG Code through ccg_icb.csv). By PCN: U89141 (Stockton) has the
// seven practices A81001, A81017, A81025, A81046, A81608, A81629, A81634. Both at once: the
// union.
TEST(PracticeSelection, ByIcbAndByPcnFromTheRealFiles) {
  PracticeDataSpec spec = england_2023();
  spec.icb_codes = {"qop"};
  const LoadedPractices gm = load_practices(spec, {});
  EXPECT_EQ(gm.practices.practices.size(), 418u);
  EXPECT_EQ(gm.report.practices_selected, 426);
  for (const auto& p : gm.practices.practices) EXPECT_EQ(p.icb_code, "QOP") << p.code;
  spec.icb_codes = {};
  spec.pcn_codes = {"U89141"};
  const LoadedPractices stockton = load_practices(spec, {});
  std::vector<std::string> codes;
  for (const auto& p : stockton.practices.practices) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"A81001", "A81017", "A81025", "A81046", "A81608",
                                             "A81629", "A81634"}));
  EXPECT_EQ(stockton.practices.neighbourhoods, 1);  // one PCN, one neighbourhood
  spec.icb_codes = {"QOP"};
  EXPECT_EQ(load_practices(spec, {}).practices.practices.size(), 425u);
}

// Selecting by icb_codes, an area the map lacks is never selected, whatever its ICB: the
// warning counts it over every row of the payments file (Bolton, 00T: 49 rows in 2022/23),
// naming the map, the area and the ICB codes. With the full map there is no such warning.
TEST(PracticeSelection, ByIcbAnAreaTheMapLacksIsNamedWithItsRows) {
  PracticeDataSpec spec = england_2023();
  spec.icb_codes = {"QOP"};
  std::string map = testing::read_text(spec.area_icb_csv);
  const std::size_t bolton = map.find("\n00T,QOP,");  // the line, whatever its line end
  ASSERT_NE(bolton, std::string::npos);
  map.erase(bolton, map.find('\n', bolton + 1) - bolton);
  spec.area_icb_csv = write_temp("icb-without-bolton.csv", map);
  const LoadedPractices gm = load_practices(spec, {});
  for (const auto& p : gm.practices.practices) EXPECT_NE(p.ccg_code, "00T") << p.code;
  std::vector<RunWarning> found;
  for (const auto& w : gm.warnings)
    if (w.key == "practices.area_icb_csv") found.push_back(w);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].items, (std::vector<std::string>{"00T (49 practice rows)"}));
  EXPECT_NE(found[0].message.find(spec.area_icb_csv.string()), std::string::npos)
      << found[0].message;
  EXPECT_NE(found[0].message.find("any of them in QOP is left out"), std::string::npos)
      << found[0].message;

  spec.area_icb_csv = england_2023().area_icb_csv;
  for (const auto& w : load_practices(spec, {}).warnings)
    EXPECT_NE(w.key, "practices.area_icb_csv") << w.message;
}

// Codes that no practice has are errors naming each, at the key's line.
TEST(PracticeSelection, UnknownCodesAreNamed) {
  PracticeDataSpec spec = england_2023();
  spec.key_lines = {{"ccg_codes", 4}, {"icb_codes", 5}, {"pcn_codes", 6}};
  spec.ccg_codes = {"00T", "ZZZ"};
  spec.icb_codes = {"QXX"};
  spec.pcn_codes = {"U00000"};
  const auto problems = problems_of([&] { load_practices(spec, {}); });
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].key, "practices.ccg_codes");
  EXPECT_EQ(problems[0].line, 4);
  EXPECT_EQ(problems[0].file, "england.toml");
  EXPECT_NE(problems[0].found.find("'ZZZ'"), std::string::npos);
  EXPECT_EQ(problems[1].key, "practices.icb_codes");
  EXPECT_EQ(problems[1].line, 5);
  EXPECT_EQ(problems[2].key, "practices.pcn_codes");
  EXPECT_NE(problems[2].found.find("'U00000'"), std::string::npos);
}

}  // namespace
}  // namespace pcsim::scenarios

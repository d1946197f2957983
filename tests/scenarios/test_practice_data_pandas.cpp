// The practices loaded from the real files, checked practice by practice against pandas
// (tests/scenarios/check_practice_data.py recomputes every list, move, headcount, PCN and
// ICB from the published files by the documented rules):
//  - scenarios/national.toml: England 2022/23 with each practice's own GP headcount; the
//    total at year 0 must lie within 3% of NHS Digital's published 36,402 (the series summed
//    over every practice for 2022/23);
//  - England 2018/19 and 2016/17: the 180 and 110 practices closed in the year with their
//    0.93m and 0.40m patients, whose lists move to their area (2016/17 takes its PCNs from the
//    later 2019/20 file, which groups but never places patients);
//  - England 2021/22: lists move within PCNs, from the file's own PCN column.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "scenarios/practice_loader.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

namespace fs = std::filesystem;

const std::string kPython = "/usr/bin/python3";
const fs::path kSource = PCSIM_SOURCE_DIR;
const fs::path kPandasData = kSource / "scenarios/data";

bool python_has_pandas() {
  const std::string probe = kPython + " -c 'import pandas' >/dev/null 2>&1";
  const int status = std::system(probe.c_str());
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Writes the practices and the load report, runs the checker with `arguments`, and returns
// its exit status (its findings go to the test's output).
int check(const LoadedPractices& loaded, const std::string& name, const std::string& arguments) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("practice-data-" + name);
  fs::create_directories(dir);
  {
    std::ofstream dump(dir / "practices.csv");
    dump << "code,ccg,icb,pcn,registered,weighted,payments_weighted,core_funding,gp_total,"
            "from_data,opened,closed\n";
    for (const auto& p : loaded.practices.practices) {
      double gps = 0;
      for (double v : p.gp_headcount) gps += v;
      dump << fmt::format("{},{},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{},{:d},{:d},{:d}\n", p.code,
                          p.ccg_code, p.icb_code, p.pcn_code, p.registered_patients,
                          p.weighted_patients, p.payments_weighted_patients, p.core_funding, gps,
                          p.gp_headcount_from_data, p.opened_in_year, p.closed_in_year);
    }
    std::ofstream report(dir / "report.csv");
    const PracticeLoadReport& r = loaded.report;
    report << "name,value\n"
           << fmt::format("closed_lists_moved,{}\n", r.closed_lists_moved)
           << fmt::format("registered_patients_moved,{:.17g}\n", r.registered_patients_moved)
           << fmt::format("closed_lists_not_counted,{}\n", r.closed_lists_not_counted)
           << fmt::format("registered_patients_not_counted,{:.17g}\n",
                          r.registered_patients_not_counted)
           << fmt::format("gp_headcount,{:.17g}\n", r.gp_headcount);
  }
  const std::string command =
      fmt::format("{} '{}' '{}' '{}' {}", kPython,
                  (kSource / "tests/scenarios/check_practice_data.py").string(),
                  (dir / "practices.csv").string(), (dir / "report.csv").string(), arguments);
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string data(const std::string& relative) {
  return std::string("'").append((kPandasData / relative).string()).append("'");
}

PracticeDataSpec england(const std::string& payments, int start_year, double patients_per_gp) {
  PracticeDataSpec spec;
  spec.payments_csv = kPandasData / "nhs-payments" / payments;
  spec.gp_headcount_csv = kPandasData / "gp-workforce/practice_gp_headcount_by_year.csv";
  spec.area_icb_csv = kPandasData / "geography/ccg_icb.csv";
  spec.start_year = start_year;
  spec.patients_per_gp = patients_per_gp;
  spec.gp_age_profile = {0.04, 0.12, 0.14, 0.14, 0.14, 0.14, 0.14, 0.09, 0.05};
  return spec;
}

TEST(PracticeDataPandas, NationalScenarioStartsWithThePublishedGpHeadcount) {
  if (!python_has_pandas()) GTEST_SKIP() << kPython << " lacks pandas";
  const Scenario scenario = load_scenario(kSource / "scenarios/national.toml");
  ASSERT_EQ(scenario.practice_data.start_year, 2023);
  LoadedPractices loaded{scenario.practices, scenario.load_report, scenario.warnings};
  EXPECT_EQ(
      check(loaded, "national",
            fmt::format("--payments {} --start-year 2023 --series {} --icb {} --ppg {} "
                        "--published 36402 --tolerance 0.03",
                        data("nhs-payments/nhspaymentsgp-22-23.csv"),
                        data("gp-workforce/practice_gp_headcount_by_year.csv"),
                        data("geography/ccg_icb.csv"), scenario.practice_data.patients_per_gp)),
      0);
}

// The default, closed_lists = "already_counted": the 180 closed practices' lists (0.93m
// patients) are added to no one, and every open practice keeps its own list.
TEST(PracticeDataPandas, England2018ClosedPracticesListsAreNotCountedTwice) {
  if (!python_has_pandas()) GTEST_SKIP() << kPython << " lacks pandas";
  const LoadedPractices loaded = load_practices(england("nhspaymentsgp-18-19.csv", 2019, 1713), {});
  EXPECT_EQ(loaded.report.closed_lists_not_counted, 180);
  EXPECT_NEAR(loaded.report.registered_patients_not_counted, 0.93e6, 0.005e6);
  EXPECT_EQ(loaded.report.closed_lists_moved, 0);
  EXPECT_EQ(check(loaded, "england-2018-counted",
                  fmt::format("--payments {} --start-year 2019 --series {} --icb {} --ppg 1713",
                              data("nhs-payments/nhspaymentsgp-18-19.csv"),
                              data("gp-workforce/practice_gp_headcount_by_year.csv"),
                              data("geography/ccg_icb.csv"))),
            0);
}

TEST(PracticeDataPandas, England2018ClosedPracticesPassTheirListsToTheirArea) {
  if (!python_has_pandas()) GTEST_SKIP() << kPython << " lacks pandas";
  PracticeDataSpec spec = england("nhspaymentsgp-18-19.csv", 2019, 1713);
  spec.closed_lists = ClosedLists::Move;
  const LoadedPractices loaded = load_practices(spec, {});
  EXPECT_EQ(loaded.report.closed_lists_moved, 180);  // the figure, by pandas too
  EXPECT_NEAR(loaded.report.registered_patients_moved, 0.93e6, 0.005e6);
  EXPECT_EQ(loaded.report.closed_lists_not_counted, 0);
  EXPECT_EQ(check(loaded, "england-2018",
                  fmt::format("--payments {} --start-year 2019 --series {} --icb {} --ppg 1713 "
                              "--closed-lists move",
                              data("nhs-payments/nhspaymentsgp-18-19.csv"),
                              data("gp-workforce/practice_gp_headcount_by_year.csv"),
                              data("geography/ccg_icb.csv"))),
            0);
}

TEST(PracticeDataPandas, England2016PcnsFromALaterFileGroupButDoNotPlace) {
  if (!python_has_pandas()) GTEST_SKIP() << kPython << " lacks pandas";
  PracticeDataSpec spec = england("nhspaymentsgp-16-17.csv", 2017, 1677);
  spec.pcn_payments_csv = {{2020, kPandasData / "nhs-payments/nhspaymentsgp-19-20.csv"},
                           {2021, kPandasData / "nhs-payments/nhspaymentsgp-20-21.csv"}};
  spec.closed_lists = ClosedLists::Move;
  const LoadedPractices loaded = load_practices(spec, {});
  EXPECT_EQ(loaded.report.closed_lists_moved, 110);
  EXPECT_NEAR(loaded.report.registered_patients_moved, 0.40e6, 0.005e6);
  EXPECT_GT(loaded.report.practices_with_pcn, 6000);
  EXPECT_EQ(
      check(loaded, "england-2016",
            fmt::format("--payments {} --start-year 2017 --series {} --icb {} --ppg 1677 "
                        "--pcn 2020={} --pcn 2021={} --closed-lists move",
                        data("nhs-payments/nhspaymentsgp-16-17.csv"),
                        data("gp-workforce/practice_gp_headcount_by_year.csv"),
                        data("geography/ccg_icb.csv"), data("nhs-payments/nhspaymentsgp-19-20.csv"),
                        data("nhs-payments/nhspaymentsgp-20-21.csv"))),
      0);
}

TEST(PracticeDataPandas, England2021ListsMoveWithinPcns) {
  if (!python_has_pandas()) GTEST_SKIP() << kPython << " lacks pandas";
  PracticeDataSpec spec = england("nhspaymentsgp-21-22.csv", 2022, 1680);
  spec.closed_lists = ClosedLists::Move;
  const LoadedPractices loaded = load_practices(spec, {});
  EXPECT_GT(loaded.report.closed_lists_moved, 0);
  EXPECT_EQ(check(loaded, "england-2021",
                  fmt::format("--payments {} --start-year 2022 --series {} --icb {} --ppg 1680 "
                              "--closed-lists move",
                              data("nhs-payments/nhspaymentsgp-21-22.csv"),
                              data("gp-workforce/practice_gp_headcount_by_year.csv"),
                              data("geography/ccg_icb.csv"))),
            0);
}

}  // namespace
}  // namespace pcsim::scenarios

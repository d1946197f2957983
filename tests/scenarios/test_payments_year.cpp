// Is the payments file of the scenario's base year? Every published file against its own
// year and others, the audit's two scenarios (a 2022/23 file run as 2016/17 with one area
// selected, and a 2016/17 file run as 2022/23), and small files for each threshold
// (scenarios/payments_year.hpp).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/payments_year.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::write_temp;

const std::string kYearData = std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/nhs-payments/";

PracticeDataSpec year_spec(int start_year) {
  PracticeDataSpec spec;
  spec.file = "s.toml";
  spec.start_year = start_year;
  spec.start_year_file = "s.toml";
  spec.start_year_line = 3;
  return spec;
}

// The start_year diagnostic of a file that must be refused for `start_year`.
Diagnostic year_error(const PaymentsFile& file, int start_year) {
  try {
    check_payments_year(file, BaseYear(start_year), year_spec(start_year));
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    return e.diagnostics().front();
  }
  ADD_FAILURE() << file.file << " accepted with start_year " << start_year;
  return {};
}

// A payments file of `rows` practices in the published layout's required columns, each
// opened on `open` and, where `close` is not empty, closed then; `pcn` fills a PCN column.
std::string small_payments(int rows, const std::string& open, const std::string& close = "",
                           const std::string& pcn = "") {
  std::string text =
      "Practice Code,Practice Name,CCG Code,PCN Code,Practice Postcode,Practice Open Date,"
      "Practice Close Date,Contract Type,Number of Registered Patients (Last Known Figure),"
      "Number of Weighted Patients (Last Known Figure),Global Sum,MPIG Correction factor,"
      "Balance of PMS Expenditure\n";
  for (int i = 1; i <= rows; ++i)
    text += fmt::format("Z{:05},P{},ZZ1,{},ZZ1 1AA,{},{},GMS,5000,5100,400000,0,0\n", i, i, pcn,
                        open, close);
  return text;
}

PaymentsFile small_file(const std::string& name, const std::string& text) {
  return read_payments_file(write_temp(name, text));
}

// Every published file passes with its own start_year and no warning; one year early (the
// file's year after the base year) is refused by the practices opened after the base year;
// two or six years late by the absence of any date on or after the base year's first day.
// Each message names start_year's file and line and the file's year by its dates.
TEST(PaymentsYear, EveryPublishedFileFitsItsOwnYearOnly) {
  for (int end = 2015; end <= 2023; ++end) {
    const std::string name = fmt::format("nhspaymentsgp-{:02}-{:02}.csv", end % 100 - 1, end % 100);
    SCOPED_TRACE(name);
    const PaymentsFile file = read_payments_file(kYearData + name);
    EXPECT_TRUE(check_payments_year(file, BaseYear(end), year_spec(end)).empty());
    const std::string own = financial_year_label(end);  // "2016/17"
    const Diagnostic early = year_error(file, end - 1);
    EXPECT_EQ(early.file, "s.toml");
    EXPECT_EQ(early.line, 3);
    EXPECT_EQ(early.key, "start_year");
    EXPECT_TRUE(contains(early.found, "opened after the base year")) << early.found;
    EXPECT_TRUE(contains(early.found, "the file of " + own)) << early.found;
    EXPECT_TRUE(contains(early.found, file.file)) << early.found;
    for (int late : {end + 2, end + 6}) {
      const Diagnostic d = year_error(file, late);
      EXPECT_EQ(d.key, "start_year");
      EXPECT_TRUE(contains(d.found, "opened or closed on or after")) << d.found;
      EXPECT_TRUE(contains(d.found, own)) << d.found;
    }
  }
}

// The audit's cases through load_scenario: a 2022/23 file with one area selected and
// start_year left out (base year 2016/17), and a 2016/17 file with start_year = 2023 set
// in the scenario and in a file it includes. Every row of the file counts, not the area's.
TEST(PaymentsYear, ScenarioWithAFileOfAnotherYearIsRefusedAtStartYear) {
  const std::string profile =
      "gp_age_profile = { under_30 = 0.04, 30_34 = 0.12, 35_39 = 0.14, 40_44 = 0.14, 45_49 = "
      "0.14, 50_54 = 0.14, 55_59 = 0.14, 60_64 = 0.09, 65_plus = 0.05 }\n";
  const std::string min22 =
      write_temp("min22.toml", "format = 1\n\n[practices]\npayments_csv = \"" + kYearData +
                                   "nhspaymentsgp-22-23.csv\"\nccg_codes = [\"00T\"]\n" + profile);
  try {
    load_scenario(min22);
    FAIL() << "a 2022/23 file accepted as 2016/17";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, min22);
    EXPECT_EQ(d.line, 0);  // start_year is not written: pcsim's default
    EXPECT_EQ(d.key, "start_year");
    EXPECT_TRUE(contains(d.found, "start_year not set (pcsim's default, 2017)")) << d.found;
    EXPECT_TRUE(contains(d.found, "nhspaymentsgp-22-23.csv")) << d.found;
    EXPECT_TRUE(contains(d.found, "the file of 2022/23 (start_year = 2023)")) << d.found;
  }

  const std::string body = "[practices]\npayments_csv = \"" + kYearData +
                           "nhspaymentsgp-16-17.csv\"\nccg_codes = [\"00T\"]\n" + profile;
  const std::string late = write_temp("late.toml", "format = 1\nstart_year = 2023\n" + body);
  try {
    load_scenario(late);
    FAIL() << "a 2016/17 file accepted as 2022/23";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, late);
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.key, "start_year");
    EXPECT_TRUE(contains(d.found, "start_year = 2023: base year 2022/23")) << d.found;
    EXPECT_TRUE(contains(d.found, "none of the 7,763 practice rows")) << d.found;
    EXPECT_TRUE(contains(d.found, "the file of 2016/17 (start_year = 2017)")) << d.found;
  }

  const std::string years = write_temp("years.toml", "# the base year\n\nstart_year = 2023\n");
  const std::string included =
      write_temp("included.toml", "format = 1\ninclude = [\"" + years + "\"]\n" + body);
  try {
    load_scenario(included);
    FAIL() << "a 2016/17 file accepted as 2022/23";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics().front().file, years);
    EXPECT_EQ(e.diagnostics().front().line, 3);
  }

  // With the right start_year both load.
  EXPECT_NO_THROW(load_scenario(write_temp("ok22.toml", "format = 1\nstart_year = 2023\n" +
                                                            std::string("[practices]\n") +
                                                            "payments_csv = \"" + kYearData +
                                                            "nhspaymentsgp-22-23.csv\"\n"
                                                            "ccg_codes = [\"00T\"]\n" +
                                                            profile)));
  EXPECT_NO_THROW(load_scenario(write_temp("ok16.toml", "format = 1\nstart_year = 2017\n" + body)));
}

// One practice opened after the base year may be a mistyped date: a warning naming it.
// Two are conclusive: an error naming them.
TEST(PaymentsYear, OneLateOpeningWarnsTwoAreAnError) {
  std::string text = small_payments(12, "01/04/1990");
  const std::string late = "Z00003,P3,ZZ1,,ZZ1 1AA,01/04/1990";
  ASSERT_TRUE(contains(text, late));
  text.replace(text.find(late), late.size(), "Z00003,P3,ZZ1,,ZZ1 1AA,01/06/2017");
  const auto warnings =
      check_payments_year(small_file("one.csv", text), BaseYear(2017), year_spec(2017));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "start_year");
  EXPECT_TRUE(contains(warnings[0].message, "1 practice of")) << warnings[0].message;
  ASSERT_EQ(warnings[0].items.size(), 1u);
  EXPECT_EQ(warnings[0].items[0], "Z00003 (line 4): opened 01/06/2017");

  const std::string second = "Z00009,P9,ZZ1,,ZZ1 1AA,01/04/1990";
  text.replace(text.find(second), second.size(), "Z00009,P9,ZZ1,,ZZ1 1AA,01/02/2018");
  const Diagnostic d = year_error(small_file("two.csv", text), 2017);
  EXPECT_TRUE(contains(d.found, "2 practice rows of")) << d.found;
  EXPECT_TRUE(contains(d.found, "the latest on 01/02/2018 (practice Z00009, line 10)")) << d.found;
  EXPECT_TRUE(contains(d.found, "Z00003 (line 4): opened 01/06/2017")) << d.found;
  EXPECT_TRUE(contains(d.found, "the file of 2017/18 (start_year = 2018)")) << d.found;
}

// No date on or after the base year's first day: below 500 rows (one area) nothing, from
// 500 rows a warning, from 2,000 rows (a file of England) an error. One date in the base
// year clears it.
TEST(PaymentsYear, NoDateInTheBaseYearCountsByTheFileSize) {
  const BaseYear base(2023);
  EXPECT_TRUE(
      check_payments_year(small_file("area.csv", small_payments(499, "01/04/1990", "31/03/2016")),
                          base, year_spec(2023))
          .empty());
  const auto region =
      check_payments_year(small_file("region.csv", small_payments(500, "01/04/1990", "31/03/2016")),
                          base, year_spec(2023));
  ASSERT_EQ(region.size(), 1u);
  EXPECT_EQ(region[0].key, "start_year");
  EXPECT_TRUE(contains(region[0].message, "none of the 500 practice rows")) << region[0].message;
  EXPECT_TRUE(contains(region[0].message, "the file of 2014/15 or 2015/16")) << region[0].message;

  std::string england = small_payments(2000, "01/04/1990", "31/03/2016");
  const Diagnostic d = year_error(small_file("england.csv", england), 2023);
  EXPECT_TRUE(contains(d.found, "none of the 2,000 practice rows")) << d.found;
  EXPECT_TRUE(contains(d.found, "on or after 01/04/2022")) << d.found;

  const std::string row = "Z01000,P1000,ZZ1,,ZZ1 1AA,01/04/1990,31/03/2016";
  ASSERT_TRUE(contains(england, row));
  england.replace(england.find(row), row.size(), "Z01000,P1000,ZZ1,,ZZ1 1AA,01/04/1990,30/04/2022");
  EXPECT_TRUE(check_payments_year(small_file("england-closure.csv", england), base, year_spec(2023))
                  .empty());
}

// PCN codes in a file of a base year before 2019/20 (PCNs began in July 2019): a warning.
TEST(PaymentsYear, PcnCodesBeforeThereWerePcnsWarn) {
  const PaymentsFile file = small_file("pcn.csv", small_payments(12, "01/04/1990", "", "U12345"));
  const auto warnings = check_payments_year(file, BaseYear(2019), year_spec(2019));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "start_year");
  EXPECT_TRUE(contains(warnings[0].message, "12 practice rows of")) << warnings[0].message;
  EXPECT_TRUE(contains(warnings[0].message, "primary care networks began")) << warnings[0].message;
  EXPECT_TRUE(check_payments_year(file, BaseYear(2020), year_spec(2020)).empty());
}

}  // namespace
}  // namespace pcsim::scenarios

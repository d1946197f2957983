// Is each file of pcn_payments_csv of the year the scenario gives it (scenarios/pcn_year.hpp)?
// The published files with PCN codes against their own year and others, small files for
// each rule, a file without dates, and the refusal through load_scenario at the year's key.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/pcn_year.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::line_of;
using testing::write_temp;

const std::string kPcnData = std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/nhs-payments/";

PcnPaymentsFile given_as(int year, const std::string& file) {
  return PcnPaymentsFile{year, file, "s.toml", 7};
}

std::vector<RunWarning> pcn_year_warnings(const std::string& file, int year) {
  return check_pcn_file_year(read_pcn_membership(file, year), given_as(year, file), "s.toml");
}

// The diagnostic of a file that must be refused as the file of `year`.
Diagnostic pcn_year_error(const std::string& file, int year) {
  try {
    pcn_year_warnings(file, year);
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    return e.diagnostics().front();
  }
  ADD_FAILURE() << file << " accepted as the file of " << financial_year_label(year);
  return {};
}

// A payments file of `rows` practices with PCN codes and open dates (all `open`, the rows
// in `late` opened on `late_open`), or without the date columns.
std::string pcn_file(int rows, const std::string& open, bool dates = true,
                     const std::vector<int>& late = {}, const std::string& late_open = "") {
  std::string text = dates ? "Practice Code,PCN Code,Practice Open Date,Practice Close Date\n"
                           : "Practice Code,PCN Code\n";
  for (int i = 1; i <= rows; ++i) {
    const bool is_late = std::find(late.begin(), late.end(), i) != late.end();
    text += dates ? fmt::format("Z{:05},U{:05},{},\n", i, i % 7, is_late ? late_open : open)
                  : fmt::format("Z{:05},U{:05}\n", i, i % 7);
  }
  return text;
}

// Each published file with PCN codes (2019/20-2022/23) passes as its own year with no
// warning. Given as the year before its own, its practices opened during its own year are
// paid after the year given ended: refused. Given two years after its own, it records no
// opening or closure in or after that year (each file records its own year's): refused.
TEST(PcnYear, EveryPublishedPcnFileFitsItsOwnYearOnly) {
  for (int end = 2020; end <= 2023; ++end) {
    const std::string file =
        kPcnData + fmt::format("nhspaymentsgp-{:02}-{:02}.csv", end % 100 - 1, end % 100);
    SCOPED_TRACE(file);
    EXPECT_TRUE(pcn_year_warnings(file, end).empty());
    const std::string own = financial_year_label(end);
    const Diagnostic early = pcn_year_error(file, end - 1);
    EXPECT_EQ(early.file, "s.toml");
    EXPECT_EQ(early.line, 7);
    EXPECT_EQ(early.key, "practices.pcn_payments_csv." + financial_year_label(end - 1));
    EXPECT_TRUE(contains(early.found, "opened after " + financial_year_label(end - 1)))
        << early.found;
    EXPECT_TRUE(contains(early.found, "the file of " + own)) << early.found;
    const Diagnostic late = pcn_year_error(file, end + 2);
    EXPECT_TRUE(contains(late.found, "opened or closed on or after")) << late.found;
    EXPECT_TRUE(contains(late.found, own)) << late.found;
  }
}

// One practice opened after the year given may be a mistyped date: a warning at the key;
// two are conclusive: an error.
TEST(PcnYear, OneLateOpeningWarnsTwoAreAnError) {
  const std::string one =
      write_temp("pcn-one.csv", pcn_file(12, "01/04/1990", true, {3}, "01/06/2020"));
  const auto warnings = pcn_year_warnings(one, 2020);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "practices.pcn_payments_csv.2019/20");
  EXPECT_EQ(warnings[0].file, "s.toml");
  EXPECT_EQ(warnings[0].line, 7);
  EXPECT_TRUE(contains(warnings[0].message, "s.toml, line 7:")) << warnings[0].message;
  ASSERT_EQ(warnings[0].items.size(), 1u);
  EXPECT_EQ(warnings[0].items[0], "Z00003 (line 4): opened 01/06/2020");

  const std::string two =
      write_temp("pcn-two.csv", pcn_file(12, "01/04/1990", true, {3, 9}, "01/06/2020"));
  const Diagnostic d = pcn_year_error(two, 2020);
  EXPECT_TRUE(contains(d.found, "2 practice rows of")) << d.found;
  EXPECT_TRUE(contains(d.found, "the file of 2020/21")) << d.found;
}

// A file without the date columns holds nothing to tell its year by: no finding, whatever
// year it is given (from 2019/20, when PCNs began).
TEST(PcnYear, AFileWithoutDatesIsNotJudged) {
  const std::string codes = write_temp("pcn-codes.csv", pcn_file(3000, "", false));
  for (int year : {2020, 2023, 2030}) EXPECT_TRUE(pcn_year_warnings(codes, year).empty()) << year;
}

// PCN codes in a file given a year before 2019/20 (PCNs began in July 2019): a warning.
TEST(PcnYear, PcnCodesGivenAYearBeforePcnsWarn) {
  const std::string codes = write_temp("pcn-early.csv", pcn_file(12, "", false));
  const auto warnings = pcn_year_warnings(codes, 2019);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "practices.pcn_payments_csv.2018/19");
  EXPECT_TRUE(contains(warnings[0].message, "primary care networks began")) << warnings[0].message;
}

// Through load_scenario: Bolton 2016/17 with the 2020/21 file given as 2019/20 is refused at
// the line of the "2019/20" key; with the 2019/20 file it loads.
TEST(PcnYear, ScenarioWithAPcnFileOfAnotherYearIsRefusedAtItsKey) {
  const auto scenario_text = [&](const std::string& pcn_file_name) {
    return "format = 1\nstart_year = 2017\n\n[practices]\npayments_csv = \"" + kPcnData +
           "nhspaymentsgp-16-17.csv\"\nccg_codes = [\"00T\"]\n"
           "pcn_payments_csv = { \"2019/20\" = \"" +
           kPcnData + pcn_file_name +
           "\" }\ngp_age_profile = { under_30 = 0.04, 30_34 = 0.12, 35_39 = 0.14, 40_44 = 0.14, "
           "45_49 = 0.14, 50_54 = 0.14, 55_59 = 0.14, 60_64 = 0.09, 65_plus = 0.05 }\n";
  };
  const std::string text = scenario_text("nhspaymentsgp-20-21.csv");
  const std::string wrong = write_temp("pcn-wrong.toml", text);
  try {
    load_scenario(wrong);
    FAIL() << "the 2020/21 file accepted as 2019/20";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics().front();
    EXPECT_EQ(d.file, wrong);
    EXPECT_EQ(d.line, line_of(text, "pcn_payments_csv"));
    EXPECT_EQ(d.key, "practices.pcn_payments_csv.2019/20");
    EXPECT_TRUE(contains(d.found, "nhspaymentsgp-20-21.csv")) << d.found;
  }
  EXPECT_NO_THROW(
      load_scenario(write_temp("pcn-right.toml", scenario_text("nhspaymentsgp-19-20.csv"))));
}

}  // namespace
}  // namespace pcsim::scenarios

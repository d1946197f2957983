// Reading NHS Payments to General Practice files: every published file from 2014/15 to
// 2022/23, figures checked by hand (scenarios/data/README.md) and with pandas, and the
// diagnostics for bad cells (each naming file, line, column and practice).
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
#include "scenarios/payments_reader.hpp"

namespace pcsim::scenarios {
namespace {

const std::string kPaymentsData = std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/";
const std::string k1617 = kPaymentsData + "nhs-payments/nhspaymentsgp-16-17.csv";

const PaymentsRecord& find(const PaymentsFile& f, const std::string& code) {
  for (const auto& r : f.rows)
    if (r.code == code) return r;
  throw std::runtime_error("no practice " + code);
}

// Writes `text` to a fresh file under the test temporary folder.
using testing::write_temp;

// The diagnostics of a file that must be rejected.
std::vector<Diagnostic> problems_of(const std::string& file) {
  try {
    read_payments_file(file);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected InputError for " << file;
  return {};
}

// Every published file loads, with one record per practice row. Rows counted with pandas:
//   len(pd.read_csv(f, encoding="utf-8-sig", dtype=str))
// and whether the file has a PCN column (PCN Code 2019/20-2021/22, Code in 2022/23).
TEST(PaymentsReader, EveryPublishedFileFrom2014To2023Loads) {
  const struct {
    const char* name;
    std::size_t rows;
    bool pcn;
  } files[] = {{"14-15", 7959, false}, {"15-16", 7841, false}, {"16-17", 7763, false},
               {"17-18", 7543, false}, {"18-19", 7279, false}, {"19-20", 7001, true},
               {"20-21", 6808, true},  {"21-22", 6758, true},  {"22-23", 6669, true}};
  for (const auto& f : files) {
    SCOPED_TRACE(f.name);
    const PaymentsFile file =
        read_payments_file(kPaymentsData + "nhs-payments/nhspaymentsgp-" + f.name + ".csv");
    EXPECT_EQ(file.rows.size(), f.rows);
    EXPECT_EQ(file.has_pcn_column, f.pcn);
    EXPECT_TRUE(file.blank_money.empty());  // no published money cell is blank
  }
}

// NHS Bolton CCG (00T) in 2016/17: 50 practices and 306,005 registered patients (hand-checked
// figures of the data README).
TEST(PaymentsReader, Bolton2016HasFiftyPracticesAnd306005Patients) {
  const PaymentsFile f = read_payments_file(k1617);
  int practices = 0;
  double registered = 0;
  for (const auto& r : f.rows)
    if (r.ccg_code == "00T") {
      ++practices;
      registered += r.registered_patients;
      EXPECT_FALSE(r.close_date.has_value()) << r.code;
    }
  EXPECT_EQ(practices, 50);
  EXPECT_DOUBLE_EQ(registered, 306005.0);
}

// Core funding of P82003 (DR J E TABOR & PARTNERS, Bolton), line 6921 of the 2016/17 file:
//   Global Sum 192,319.70 + MPIG Correction factor 1,581.90
//   + Balance of PMS Expenditure 940,237.69 = 1,134,139.29.
// Registered 14,963, weighted 14,927.49, postcode "BL6  5NW", contract GMS, opened
// 01/04/1974, no PCN column in 2016/17.
TEST(PaymentsReader, CoreFundingOfABoltonPracticeByHand) {
  const PaymentsFile f = read_payments_file(k1617);
  const PaymentsRecord& r = find(f, "P82003");
  EXPECT_EQ(r.line, 6921);
  EXPECT_NEAR(r.core_funding, 1134139.29, 0.005);
  EXPECT_DOUBLE_EQ(r.global_sum, 192319.7);
  EXPECT_DOUBLE_EQ(r.mpig_correction, 1581.9);
  EXPECT_DOUBLE_EQ(r.pms_balance, 940237.69);
  EXPECT_DOUBLE_EQ(r.registered_patients, 14963);
  EXPECT_DOUBLE_EQ(r.weighted_patients, 14927.49);
  EXPECT_EQ(r.postcode, "BL6  5NW");
  EXPECT_EQ(r.contract_type, "GMS");
  EXPECT_EQ(r.ccg_name, "NHS BOLTON CCG");
  ASSERT_TRUE(r.open_date.has_value());
  EXPECT_EQ(*r.open_date, (CalendarDate{1974, 4, 1}));
  EXPECT_TRUE(r.pcn_code.empty());
}

// NHS Leicester City CCG (04C), 2016/17: C82065 closed 28/02/2017 (line 1165) with no
// patients left, as the data README says.
TEST(PaymentsReader, CloseDateAndZeroListOfALeicesterPractice) {
  // The file is kept: find returns a reference into it (ASan caught a dangling one).
  const PaymentsFile f = read_payments_file(k1617);
  const PaymentsRecord& r = find(f, "C82065");
  EXPECT_EQ(r.line, 1165);
  ASSERT_TRUE(r.close_date.has_value());
  EXPECT_EQ(*r.close_date, (CalendarDate{2017, 2, 28}));
  EXPECT_EQ(r.close_date_text, "28/02/2017");
  EXPECT_DOUBLE_EQ(r.registered_patients, 0);
}

// PCN codes: 2021/22 heads them "PCN Code", 2022/23 "Code" (its "CCG NAME" then holds the
// PCN's name and "Sub ICB NAME" the area's). A81001 (line 2 of both files) is in STOCKTON
// PCN, U89141, and in sub-ICB 16C; "Unknown or no PCN" is no PCN (2021/22 has 313 such
// rows, counted with pandas: (d["PCN Code"] == "Unknown or no PCN").sum()).
TEST(PaymentsReader, PcnCodesFrom2021And2022Layouts) {
  const PaymentsFile f2122 =
      read_payments_file(kPaymentsData + "nhs-payments/nhspaymentsgp-21-22.csv");
  const PaymentsFile f2223 =
      read_payments_file(kPaymentsData + "nhs-payments/nhspaymentsgp-22-23.csv");
  EXPECT_EQ(find(f2122, "A81001").pcn_code, "U89141");
  EXPECT_EQ(find(f2223, "A81001").pcn_code, "U89141");
  EXPECT_EQ(find(f2223, "A81001").ccg_code, "16C");
  EXPECT_EQ(find(f2223, "A81001").ccg_name, "NHS NORTH EAST AND NORTH CUMBRIA ICB - 16C");
  int without = 0;
  for (const auto& r : f2122.rows) without += r.pcn_code.empty();
  EXPECT_EQ(without, 313);
}

// The synthetic file: money written "£641,877.25" and "£ 3,120.00" (Z00012: core = 641,877.25
// + 3,120 + 0 = 644,997.25); quoted addresses with commas do not shift the columns; Z00009's
// MPIG cell is blank: £0, and listed.
TEST(PaymentsReader, SyntheticFileReadsPoundsCommasAndListsBlankMoney) {
  const PaymentsFile f = read_payments_file(kPaymentsData + "synthetic-payments.csv");
  EXPECT_EQ(f.rows.size(), 12u);
  EXPECT_NEAR(find(f, "Z00012").core_funding, 644997.25, 0.005);
  EXPECT_NEAR(find(f, "Z00009").core_funding, 268550.90, 0.005);
  EXPECT_EQ(find(f, "Z00008").postcode, "ZZ20 2VV");
  ASSERT_EQ(f.blank_money.size(), 1u);
  EXPECT_EQ(f.blank_money[0], "Z00009 (line 10): MPIG Correction factor blank, read as £0");
  EXPECT_EQ(find(f, "Z00010").close_date_text, "31/12/2016");
}

const char* kMiniHeader =
    "Practice Code,Practice Name,CCG Code,Practice Postcode,Practice Open Date,"
    "Practice Close Date,Contract Type,Number of Registered Patients (Last Known Figure),"
    "Number of Weighted Patients (Last Known Figure),Global Sum,MPIG Correction factor,"
    "Balance of PMS Expenditure\n";

// A bad number in a used column: a Diagnostic with file, line, column number, column name,
// the value found and the practice; every bad cell is listed, not only the first.
TEST(PaymentsReader, BadNumbersAreDiagnosedWithLineColumnAndPractice) {
  const std::string file =
      write_temp("bad-payments.csv", std::string(kMiniHeader) +
                                         "A1,One,X1,AB1 2CD,,,GMS,1000,1100,12x,0,0\n"
                                         "A2,Two,X1,AB1 2CE,,,GMS,2000,n/k,100,0,0\n");
  const auto problems = problems_of(file);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, file);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 10);
  EXPECT_EQ(problems[0].key, "Global Sum");
  EXPECT_EQ(problems[0].found, "'12x' for practice A1");
  EXPECT_EQ(problems[1].line, 3);
  EXPECT_EQ(problems[1].key, "Number of Weighted Patients (Last Known Figure)");
}

// Cells that used to become 0 silently are errors: a Global Sum of "n/a", a blank or
// negative patient count, "inf", a list beyond any practice's; a negative Global Sum (a
// recovery: the 2016/17 file has ten) is accepted.
TEST(PaymentsReader, SuppressedMoneyBlankOrNegativePatientsAndInfinityAreErrors) {
  const std::string file =
      write_temp("strict-payments.csv", std::string(kMiniHeader) +
                                            "A1,One,X1,AB1 2CD,,,GMS,1000,1100,n/a,0,0\n"
                                            "A2,Two,X1,AB1 2CE,,,GMS,,1000,100,0,0\n"
                                            "A3,Three,X1,AB1 2CF,,,GMS,-40,1000,100,0,0\n"
                                            "A4,Four,X1,AB1 2CG,,,GMS,1000,1000,inf,0,0\n"
                                            "A5,Five,X1,AB1 2CH,,,GMS,1e12,1000,100,0,0\n"
                                            "A6,Six,X1,AB1 2CJ,,,GMS,1000,1000,-26102.15,0,0\n");
  const auto problems = problems_of(file);
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].found, "'n/a' for practice A1");
  EXPECT_EQ(problems[1].found, "'' for practice A2");
  EXPECT_EQ(problems[1].key, "Number of Registered Patients (Last Known Figure)");
  EXPECT_EQ(problems[2].found, "'-40' for practice A3");
  EXPECT_EQ(problems[3].found, "'inf' for practice A4");
  EXPECT_EQ(problems[4].found, "'1e12' for practice A5");
  for (const auto& d : problems) EXPECT_GT(d.column, 0);
}

// A row cut short (fewer fields than the header) is an error naming the first missing
// column; so are dates that are not dd/mm/yyyy (31/02 does not exist); "-" is no date.
TEST(PaymentsReader, RowCutShortAndBadDatesAreErrors) {
  const std::string file = write_temp(
      "short-payments.csv", std::string(kMiniHeader) +
                                "A1,One,X1,AB1 2CD,-,-,GMS,1000,1100,5\n"
                                "A2,Two,X1,AB1 2CE,31/02/2017,,GMS,1000,1100,5,0,0\n"
                                "A3,Three,X1,AB1 2CF,01/04/1974,2017-03-01,GMS,1000,1100,5,0,0\n");
  const auto problems = problems_of(file);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 11);
  EXPECT_EQ(problems[0].key, "MPIG Correction factor");
  EXPECT_NE(problems[0].found.find("cut short: 10 fields"), std::string::npos);
  EXPECT_EQ(problems[1].key, "Practice Open Date");
  EXPECT_EQ(problems[1].found, "'31/02/2017' for practice A2");
  EXPECT_EQ(problems[2].key, "Practice Close Date");
  const PaymentsFile ok = read_payments_file(write_temp(
      "dash-dates.csv", std::string(kMiniHeader) + "A1,One,X1,AB1 2CD,-,-,GMS,1,1,5,0,0\n"));
  EXPECT_FALSE(ok.rows[0].open_date.has_value());
  EXPECT_FALSE(ok.rows[0].close_date.has_value());
}

// A practice that closes before it opens is an error at its close date (the input probe of
// 2026-12-07: it was read as closed and dropped without a word); no row of the published
// files 2014/15 to 2022/23 has one (EveryPublishedFileFrom2014To2023Loads reads them all).
// Closing on the day it opens, or with either date missing, is read as written.
TEST(PaymentsReader, ACloseDateBeforeTheOpenDateIsAnError) {
  const std::string file = write_temp("close-before-open.csv",
                                      std::string(kMiniHeader) +
                                          "A1,One,X1,AB1 2CD,01/07/1997,01/01/1990,GMS,1,1,5,0,0\n"
                                          "A2,Two,X1,AB1 2CE,01/07/1997,01/07/1997,GMS,1,1,5,0,0\n"
                                          "A3,Three,X1,AB1 2CF,-,01/01/1990,GMS,1,1,5,0,0\n");
  const auto problems = problems_of(file);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 6);
  EXPECT_EQ(problems[0].key, "Practice Close Date");
  EXPECT_EQ(problems[0].found, "'01/01/1990' for practice A1");
  EXPECT_EQ(problems[0].expected, "a close date on or after the practice's open date, 01/07/1997");
}

// A contract type other than the four published (any case) is an error at its cell: the
// closure hazard's APMS term reads it, and "GMS/APMS", "APM" or a blank were taken as "not
// APMS" without a word. "Unknown" (2021/22 on) and "UNKNOWN" (2016/17 to 2020/21) are the
// publisher's own.
TEST(PaymentsReader, UnpublishedContractTypesAreErrors) {
  const std::string file =
      write_temp("contracts.csv", std::string(kMiniHeader) +
                                      "A1,One,X1,AB1 2CD,-,-,GMS/APMS,1,1,5,0,0\n"
                                      "A2,Two,X1,AB1 2CE,-,-,APM,1,1,5,0,0\n"
                                      "A3,Three,X1,AB1 2CF,-,-,,1,1,5,0,0\n"
                                      "A4,Four,X1,AB1 2CG,-,-,Unknown,1,1,5,0,0\n"
                                      "A5,Five,X1,AB1 2CH,-,-,apms,1,1,5,0,0\n");
  const auto problems = problems_of(file);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 7);
  EXPECT_EQ(problems[0].key, "Contract Type");
  EXPECT_EQ(problems[0].found, "'GMS/APMS' for practice A1");
  EXPECT_EQ(problems[0].expected, "a contract type: GMS, PMS, APMS or UNKNOWN");
  EXPECT_EQ(problems[1].found, "'APM' for practice A2");
  EXPECT_EQ(problems[2].found, "'' for practice A3");
}

// A practice code given twice (case-insensitively), an empty one, and a repeated column.
TEST(PaymentsReader, RepeatedPracticeOrColumnAndEmptyCodeAreErrors) {
  const auto twice = problems_of(
      write_temp("twice-payments.csv", std::string(kMiniHeader) +
                                           "A1,One,X1,AB1 2CD,,,GMS,1000,1100,1,0,0\n"
                                           ",Nameless,X1,AB1 2CD,,,GMS,1000,1100,1,0,0\n"
                                           "a1,Again,X1,AB1 2CD,,,GMS,1000,1100,1,0,0\n"));
  ASSERT_EQ(twice.size(), 2u);
  EXPECT_EQ(twice[0].line, 3);
  EXPECT_EQ(twice[1].line, 4);
  EXPECT_NE(twice[1].found.find("first on line 2"), std::string::npos);
  const auto repeated = problems_of(write_temp(
      "repeated-column.csv",
      "Global Sum," + std::string(kMiniHeader) + "7,A1,One,X1,AB1 2CD,,,GMS,1000,1100,1,0,0\n"));
  ASSERT_EQ(repeated.size(), 1u);
  EXPECT_EQ(repeated[0].line, 1);
  EXPECT_EQ(repeated[0].column, 11);
}

// A money cell of just '£' (spaces allowed) is an error like "-", not a blank £0 (the
// audit: it was read as £0 and listed as blank); "£ 7" is £7.
TEST(PaymentsReader, PoundSignAloneIsAnError) {
  const auto problems = problems_of(write_temp(
      "pound-payments.csv", std::string(kMiniHeader) +
                                "A1,One,X1,AB1 2CD,,,GMS,1000,1100,\xC2\xA3,0,0\n"
                                "A2,Two,X1,AB1 2CE,,,GMS,1000,1100,5, \xC2\xA3 ,\xC2\xA3 7\n"));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].key, "Global Sum");
  EXPECT_EQ(problems[0].found, "'\xC2\xA3' for practice A1");
  EXPECT_EQ(problems[1].line, 3);
  EXPECT_EQ(problems[1].key, "MPIG Correction factor");
}

// Fractional registered-patient counts are accepted, not refused: every published file from
// 2018/19 has them for most practices (quarter and third fractions: averages of the
// quarters' counts, e.g. 4095.25).
TEST(PaymentsReader, FractionalPatientCountsAreRead) {
  const PaymentsFile f = read_payments_file(
      write_temp("fraction-payments.csv",
                 std::string(kMiniHeader) + "A1,One,X1,AB1 2CD,,,GMS,12480.5,13000.25,5,0,0\n"));
  EXPECT_DOUBLE_EQ(f.rows[0].registered_patients, 12480.5);
  int fractional = 0;
  for (const auto& r :
       read_payments_file(kPaymentsData + "nhs-payments/nhspaymentsgp-18-19.csv").rows)
    if (r.registered_patients != static_cast<long>(r.registered_patients)) ++fractional;
  EXPECT_EQ(fractional, 5260);  // counted with pandas: (df[col] % 1 != 0).sum()
}

// Two headers for one field are refused at the header line, naming the field and both
// headers (the audit: "CCG Code" beside "Sub ICB Location Code" took the newer silently):
// so is "PCN Code" beside 2022/23's "Code".
TEST(PaymentsReader, TwoHeadersForOneFieldAreErrors) {
  const std::string header = std::string(kMiniHeader).substr(0, std::strlen(kMiniHeader) - 1);
  const auto area =
      problems_of(write_temp("two-areas.csv", header + ",Sub ICB Location Code\n" +
                                                  "A1,One,X1,AB1 2CD,,,GMS,1,1,5,0,0,X2\n"));
  ASSERT_EQ(area.size(), 1u);
  EXPECT_EQ(area[0].line, 1);
  EXPECT_EQ(area[0].key, "CCG Code");
  EXPECT_EQ(area[0].found,
            "two columns for it: 'Sub ICB Location Code' (column 13) and 'CCG Code' (column 3)");
  const auto pcn = problems_of(write_temp(
      "two-pcns.csv", header + ",PCN Code,Code\n" + "A1,One,X1,AB1 2CD,,,GMS,1,1,5,0,0,U1,U2\n"));
  ASSERT_EQ(pcn.size(), 1u);
  EXPECT_EQ(pcn[0].key, "PCN Code");
  EXPECT_EQ(pcn[0].found, "two columns for it: 'PCN Code' (column 13) and 'Code' (column 14)");
}

}  // namespace
}  // namespace pcsim::scenarios

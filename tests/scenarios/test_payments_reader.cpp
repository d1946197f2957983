// Reading NHS Payments to General Practice files: the published 2016/17 figures checked by
// hand (scenarios/data/README.md), skipping of closed and empty practices, core funding,
// and the diagnostics for bad cells.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "scenarios/payments_reader.hpp"

namespace pcsim::scenarios {
namespace {

const std::string kData = std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/";
const std::string k1617 = kData + "nhs-payments/nhspaymentsgp-16-17.csv";

Patients registered_total(const PaymentsSelection& s) {
  double sum = 0;
  for (const auto& r : s.practices) sum += r.registered_patients;
  return sum;
}

const PaymentsRecord& find(const PaymentsSelection& s, const std::string& code) {
  for (const auto& r : s.practices)
    if (r.code == code) return r;
  throw std::runtime_error("no practice " + code);
}

// Writes `text` to a fresh file under the test temporary folder.
std::string write_temp(const std::string& name, const std::string& text) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// NHS Bolton CCG (00T) in 2016/17: 50 practices and 306,005 registered patients (hand-checked
// figures of the data README); none closed or empty. The code is matched case-insensitively.
TEST(PaymentsReader, Bolton2016HasFiftyPracticesAnd306005Patients) {
  const PaymentsSelection s = read_payments(k1617, {"00t"});
  // 7,764 lines: the header and 7,763 practices (wc -l shows 7,763 line ends: the last
  // line has none).
  EXPECT_EQ(s.rows_read, 7763);
  EXPECT_EQ(s.rows_matching, 50);
  EXPECT_EQ(s.practices.size(), 50u);
  EXPECT_TRUE(s.skipped.empty());
  EXPECT_DOUBLE_EQ(registered_total(s), 306005.0);
  for (const auto& r : s.practices) EXPECT_EQ(r.ccg_code, "00T");
}

// NHS Leicester City CCG (04C): 63 practice rows. Two have no patients — C82065 (closed
// 28/02/2017, line 1165) and the walk-in centre Y02470 (line 7522) — and are reported and
// skipped, leaving 61.
TEST(PaymentsReader, LeicesterCityHas63RowsAndSkipsTheTwoWithoutPatients) {
  const PaymentsSelection s = read_payments(k1617, {"04C"});
  EXPECT_EQ(s.rows_matching, 63);
  EXPECT_EQ(s.practices.size(), 61u);
  ASSERT_EQ(s.skipped.size(), 2u);
  EXPECT_EQ(s.skipped[0], "C82065 (line 1165): closed 28/02/2017; 0 registered patients; "
                          "0 weighted patients");
  EXPECT_EQ(s.skipped[1], "Y02470 (line 7522): 0 registered patients; 0 weighted patients");
  for (const auto& r : s.practices) EXPECT_GT(r.registered_patients, 0);
}

// Core funding of P82003 (DR J E TABOR & PARTNERS, Bolton), line 6921 of the 2016/17 file:
//   Global Sum 192,319.70 + MPIG Correction factor 1,581.90
//   + Balance of PMS Expenditure 940,237.69 = 1,134,139.29.
// Registered 14,963, weighted 14,927.49, postcode "BL6  5NW", contract GMS.
TEST(PaymentsReader, CoreFundingOfABoltonPracticeByHand) {
  const PaymentsSelection s = read_payments(k1617, {"00T"});
  const PaymentsRecord& r = find(s, "P82003");
  EXPECT_NEAR(r.core_funding, 1134139.29, 0.005);
  EXPECT_DOUBLE_EQ(r.global_sum, 192319.7);
  EXPECT_DOUBLE_EQ(r.mpig_correction, 1581.9);
  EXPECT_DOUBLE_EQ(r.pms_balance, 940237.69);
  EXPECT_DOUBLE_EQ(r.registered_patients, 14963);
  EXPECT_DOUBLE_EQ(r.weighted_patients, 14927.49);
  EXPECT_EQ(r.postcode, "BL6  5NW");
  EXPECT_EQ(r.contract_type, "GMS");
  EXPECT_EQ(r.ccg_name, "NHS BOLTON CCG");
  EXPECT_EQ(r.line, 6921);
}

// Several CCGs at once: Bolton's 50 plus Leicester City's 61 usable practices.
TEST(PaymentsReader, SelectsSeveralCcgs) {
  const PaymentsSelection s = read_payments(k1617, {"00T", "04C"});
  EXPECT_EQ(s.rows_matching, 113);
  EXPECT_EQ(s.practices.size(), 111u);
}

// The synthetic file: ZZ1 has 7 rows; Z00006 has no patients and is skipped. In ZZ2,
// Z00010 has a close date (31/12/2016) though it still has 5,400 patients: skipped too.
// Z00012's money is written "£641,877.25" and "£ 3,120.00": core = 641,877.25 + 3,120 + 0
// = 644,997.25. Z00009's MPIG cell is blank, so its core funding is its Global Sum alone.
TEST(PaymentsReader, SyntheticFileSkipsEmptyAndClosedAndReadsPoundsAndCommas) {
  const std::string file = kData + "synthetic-payments.csv";
  const PaymentsSelection zz1 = read_payments(file, {"ZZ1"});
  EXPECT_EQ(zz1.rows_matching, 7);
  EXPECT_EQ(zz1.practices.size(), 6u);
  ASSERT_EQ(zz1.skipped.size(), 1u);
  EXPECT_EQ(zz1.skipped[0].rfind("Z00006 ", 0), 0u);

  const PaymentsSelection zz2 = read_payments(file, {"ZZ2"});
  ASSERT_EQ(zz2.skipped.size(), 1u);
  EXPECT_EQ(zz2.skipped[0], "Z00010 (line 11): closed 31/12/2016");
  EXPECT_NEAR(find(zz2, "Z00012").core_funding, 644997.25, 0.005);
  EXPECT_NEAR(find(zz2, "Z00009").core_funding, 268550.90, 0.005);
  // Quoted addresses with commas do not shift the columns: Z00008's postcode is intact.
  EXPECT_EQ(find(zz2, "Z00008").postcode, "ZZ20 2VV");

  const PaymentsSelection all = read_payments(file, {});
  EXPECT_EQ(all.rows_read, 12);
  EXPECT_EQ(all.practices.size(), 10u);
}

const char* kMiniHeader =
    "Practice Code,Practice Name,CCG Code,Practice Postcode,Practice Close Date,Contract Type,"
    "Number of Registered Patients (Last Known Figure),"
    "Number of Weighted Patients (Last Known Figure),Global Sum,MPIG Correction factor,"
    "Balance of PMS Expenditure\n";

// A bad number in a used column: a Diagnostic with file, line, column number, column name
// and the value found; every bad cell is listed, not only the first.
TEST(PaymentsReader, BadNumbersAreDiagnosedWithLineAndColumn) {
  const std::string file = write_temp(
      "bad-payments.csv", std::string(kMiniHeader) +
                              "A1,One,X1,AB1 2CD,,GMS,1000,1100,12x,0,0\n"
                              "A2,Two,X1,AB1 2CE,,GMS,2000,n/k,100,0,0\n");
  try {
    read_payments(file, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, file);
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.column, 9);
    EXPECT_EQ(d.key, "Global Sum");
    EXPECT_EQ(d.found, "'12x'");
    EXPECT_EQ(e.diagnostics()[1].line, 3);
    EXPECT_EQ(e.diagnostics()[1].key, "Number of Weighted Patients (Last Known Figure)");
  }
}

// Bad cells in rows of other CCGs are not used and do not stop a selection; blank money is
// £0 and blank patients 0 (so that row is skipped, not divided by).
TEST(PaymentsReader, BlankCellsAreZeroAndOtherCcgsAreNotChecked) {
  const std::string file = write_temp(
      "blank-payments.csv", std::string(kMiniHeader) +
                                "A1,One,X1,AB1 2CD,,GMS,1000,1100,,500,\n"
                                "A2,Two,X1,AB1 2CE,,GMS,,,100,0,0\n"
                                "B1,Other,Y9,ZZ9 9ZZ,,GMS,oops,1,1,1,1\n");
  const PaymentsSelection s = read_payments(file, {"X1"});
  ASSERT_EQ(s.practices.size(), 1u);
  EXPECT_DOUBLE_EQ(s.practices[0].core_funding, 500.0);  // blank + 500 + blank
  ASSERT_EQ(s.skipped.size(), 1u);
  EXPECT_EQ(s.skipped[0], "A2 (line 3): 0 registered patients; 0 weighted patients");
}

// A CCG code that no row has is an error naming it (a typo must not silently drop a CCG),
// and so is a practice code given twice.
TEST(PaymentsReader, UnknownCcgAndRepeatedPracticeAreErrors) {
  try {
    read_payments(k1617, {"00T", "ZZZ"});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_NE(e.diagnostics()[0].found.find("ZZZ"), std::string::npos);
  }
  const std::string file = write_temp(
      "twice-payments.csv", std::string(kMiniHeader) +
                                "A1,One,X1,AB1 2CD,,GMS,1000,1100,1,0,0\n"
                                "a1,Again,X1,AB1 2CD,,GMS,1000,1100,1,0,0\n");
  try {
    read_payments(file, {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].line, 3);
  }
}

}  // namespace
}  // namespace pcsim::scenarios

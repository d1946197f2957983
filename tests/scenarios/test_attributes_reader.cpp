// Reading the practice-attributes file: NHS Digital workforce column names and our own band
// keys, suppressed cells, role columns named by the scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "scenarios/attributes_reader.hpp"

namespace pcsim::scenarios {
namespace {

const std::string kSynthetic =
    std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/synthetic-attributes.csv";

std::vector<model::RoleParameters> three_roles() {
  model::RoleParameters nurse, dpc, pharmacist;
  nurse.name = "nurse";
  nurse.attributes_column = "TOTAL_NURSES_FTE";
  dpc.name = "dpc";
  dpc.attributes_column = "TOTAL_DPC_FTE";
  pharmacist.name = "pharmacist";  // no column: always missing
  return {nurse, dpc, pharmacist};
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// Z00001 (line 2): every column given. Bands read from NHS Digital names, 65-69 (0) and
// 70+ (0) merged into 65+; headcount 0,1,1,1,2,1,1,0,0 (total 7 = TOTAL_GP_HC).
TEST(AttributesReader, ReadsAFullRow) {
  const auto table = read_attributes(kSynthetic, three_roles());
  EXPECT_EQ(table.by_code.size(), 12u);
  const PracticeAttributes& a = table.by_code.at("Z00001");
  EXPECT_EQ(a.line, 2);
  EXPECT_EQ(a.peer_group, "high need");
  EXPECT_EQ(a.neighbourhood, "North");
  ASSERT_TRUE(a.gp_headcount.has_value());
  EXPECT_EQ(*a.gp_headcount, (model::BandArray{0, 1, 1, 1, 2, 1, 1, 0, 0}));
  ASSERT_EQ(a.role_fte.size(), 3u);
  EXPECT_DOUBLE_EQ(*a.role_fte[0], 3.6);
  EXPECT_DOUBLE_EQ(*a.role_fte[1], 2.1);
  EXPECT_FALSE(a.role_fte[2].has_value());
  EXPECT_DOUBLE_EQ(*a.referrals_per_1000_weighted, 310.5);
  EXPECT_DOUBLE_EQ(*a.prescribing_per_weighted, 148.2);
}

// The single-handed Z00002: one GP, aged 55-59. Z00012: TOTAL_GP_HC_70PLUS = 1 lands in 65+.
TEST(AttributesReader, SingleHandedAndSeventyPlusMerged) {
  const auto table = read_attributes(kSynthetic, three_roles());
  EXPECT_EQ(*table.by_code.at("Z00002").gp_headcount,
            (model::BandArray{0, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(*table.by_code.at("Z00012").gp_headcount,
            (model::BandArray{0, 0, 1, 1, 0, 1, 1, 0, 1}));
}

// Blank, "c", "*" and ".." cells are missing, not errors: Z00005 has two suppressed bands
// (no headcount at all, rather than a biased one), Z00007 blank bands, Z00003 a blank nurse
// FTE, Z00011 a suppressed DPC FTE, Z00004 a suppressed prescribing cost and no peer group.
TEST(AttributesReader, SuppressedAndBlankCellsAreMissing) {
  const auto table = read_attributes(kSynthetic, three_roles());
  EXPECT_FALSE(table.by_code.at("Z00005").gp_headcount.has_value());
  EXPECT_TRUE(table.by_code.at("Z00005").neighbourhood.empty());
  EXPECT_FALSE(table.by_code.at("Z00007").gp_headcount.has_value());
  EXPECT_FALSE(table.by_code.at("Z00003").role_fte[0].has_value());
  EXPECT_FALSE(table.by_code.at("Z00011").role_fte[1].has_value());
  EXPECT_FALSE(table.by_code.at("Z00004").prescribing_per_weighted.has_value());
  EXPECT_TRUE(table.by_code.at("Z00004").peer_group.empty());
  EXPECT_FALSE(table.by_code.at("Z00008").referrals_per_1000_weighted.has_value());
}

// Our own column names work too: practice_code, gp_hc_<band key> with gp_hc_65_plus, a
// lower-case practice code, and integer peer groups kept as written.
TEST(AttributesReader, AcceptsOurBandKeys) {
  const std::string file = write_temp(
      "own-keys.csv",
      "practice_code,peer_group,gp_hc_under_30,gp_hc_30_34,gp_hc_35_39,gp_hc_40_44,"
      "gp_hc_45_49,gp_hc_50_54,gp_hc_55_59,gp_hc_60_64,gp_hc_65_plus,TOTAL_NURSES_FTE\n"
      "p1,3,1,0,0,2,0,0,0,0,4,1.5\n");
  const auto table = read_attributes(file, three_roles());
  const PracticeAttributes& a = table.by_code.at("P1");
  EXPECT_EQ(a.peer_group, "3");
  EXPECT_EQ(*a.gp_headcount, (model::BandArray{1, 0, 0, 2, 0, 0, 0, 0, 4}));
  EXPECT_DOUBLE_EQ(*a.role_fte[0], 1.5);
  EXPECT_FALSE(a.role_fte[1].has_value());  // no TOTAL_DPC_FTE column
}

// A file with no band columns gives no headcount; the practice code column is required.
TEST(AttributesReader, NoBandColumnsAndMissingCodeColumn) {
  const auto table = read_attributes(write_temp("no-bands.csv", "PRAC_CODE,peer_group\nA1,x\n"),
                                     three_roles());
  EXPECT_FALSE(table.by_code.at("A1").gp_headcount.has_value());
  try {
    read_attributes(write_temp("no-code.csv", "code_of_practice,peer_group\nA1,x\n"), {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].key, "Practice Code");
  }
}

// Negative numbers cannot be counts or FTE: an error with line and column; a repeated
// practice code is an error naming the first line.
TEST(AttributesReader, NegativeValuesAndRepeatedCodesAreErrors) {
  try {
    read_attributes(write_temp("negative.csv", "PRAC_CODE,TOTAL_NURSES_FTE\nA1,1\nA2,-0.5\n"),
                    three_roles());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].line, 3);
    EXPECT_EQ(e.diagnostics()[0].column, 2);
    EXPECT_EQ(e.diagnostics()[0].key, "TOTAL_NURSES_FTE");
  }
  try {
    read_attributes(write_temp("repeated.csv", "PRAC_CODE\nA1\nB2\na1\n"), {});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics()[0].line, 4);
    EXPECT_NE(e.diagnostics()[0].found.find("line 2"), std::string::npos);
  }
}

}  // namespace
}  // namespace pcsim::scenarios

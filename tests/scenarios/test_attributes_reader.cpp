// Reading the practice-attributes file: NHS Digital workforce column names and our own band
// keys, total GP headcounts, suppressed cells (listed) against bad cells (errors naming
// file, line, column and practice), role columns named by the scenario.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "scenario_test_support.hpp"
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

// A nurse role reading TOTAL_NURSES_FTE and a pharmacist role without a column.
std::vector<model::RoleParameters> nurse_only() {
  auto roles = three_roles();
  roles.erase(roles.begin() + 1);
  return roles;
}

// The diagnostics of a file that must be rejected.
std::vector<Diagnostic> problems_of(const std::string& file,
                                    const std::vector<model::RoleParameters>& roles) {
  try {
    read_attributes(file, roles);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected InputError for " << file;
  return {};
}

using testing::write_temp;

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
// (no band headcount, rather than a biased one, but its total of 9 and the seven bands it
// does give), Z00007 blank bands and total, Z00003 a blank nurse FTE, Z00011 a suppressed
// DPC FTE, Z00004 a suppressed prescribing cost and no peer group. Each suppressed cell is
// listed, in file order.
TEST(AttributesReader, SuppressedAndBlankCellsAreMissing) {
  const auto table = read_attributes(kSynthetic, three_roles());
  const PracticeAttributes& z5 = table.by_code.at("Z00005");
  EXPECT_FALSE(z5.gp_headcount.has_value());
  EXPECT_EQ(z5.gp_total, 9);
  EXPECT_EQ(z5.gp_bands_known, (model::BandArray{0, 1, 0, 2, 1, 0, 2, 1, 0}));
  EXPECT_EQ(z5.gp_band_is_known, (std::array<bool, model::kAgeBands>{true, true, false, true, true,
                                                                     false, true, true, true}));
  EXPECT_EQ(table.gp_total_column, "TOTAL_GP_HC");
  EXPECT_FALSE(table.by_code.at("Z00007").gp_total.has_value());
  EXPECT_EQ(table.suppressed,
            (std::vector<std::string>{"Z00004 (line 5): prescribing_per_weighted '..'",
                                      "Z00005 (line 6): TOTAL_GP_HC_35TO39 'c'",
                                      "Z00005 (line 6): TOTAL_GP_HC_50TO54 'c'",
                                      "Z00011 (line 11): TOTAL_DPC_FTE '*'"}));
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
  const std::string file =
      write_temp("own-keys.csv",
                 "practice_code,peer_group,gp_hc_under_30,gp_hc_30_34,gp_hc_35_39,gp_hc_40_44,"
                 "gp_hc_45_49,gp_hc_50_54,gp_hc_55_59,gp_hc_60_64,gp_hc_65_plus,TOTAL_NURSES_FTE\n"
                 "p1,3,1,0,0,2,0,0,0,0,4,1.5\n");
  const auto table = read_attributes(file, nurse_only());
  const PracticeAttributes& a = table.by_code.at("P1");
  EXPECT_EQ(a.peer_group, "3");
  EXPECT_EQ(*a.gp_headcount, (model::BandArray{1, 0, 0, 2, 0, 0, 0, 0, 4}));
  EXPECT_DOUBLE_EQ(*a.role_fte[0], 1.5);
  EXPECT_FALSE(a.role_fte[1].has_value());  // the pharmacist role names no column
}

// The age-band columns are a set: a file missing some of them (here 65+, then 70+ beside
// 65-69, then one band beside a total) would give every practice no GP in those bands.
// An error at the header naming each missing column; all or none are accepted.
TEST(AttributesReader, SomeBandColumnsWithoutTheOthersAreAnError) {
  const std::string eight =
      "TOTAL_GP_HC_UNDER30,TOTAL_GP_HC_30TO34,TOTAL_GP_HC_35TO39,TOTAL_GP_HC_40TO44,"
      "TOTAL_GP_HC_45TO49,TOTAL_GP_HC_50TO54,TOTAL_GP_HC_55TO59,TOTAL_GP_HC_60TO64";
  auto missing =
      problems_of(write_temp("no-65.csv", "PRAC_CODE," + eight + "\nA1,1,1,1,1,1,1,1,1\n"), {});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].line, 1);
  EXPECT_EQ(missing[0].key, "GP age band columns");
  EXPECT_NE(missing[0].found.find("gp_hc_65_plus"), std::string::npos) << missing[0].found;
  missing = problems_of(
      write_temp("no-70.csv", "PRAC_CODE," + eight + ",TOTAL_GP_HC_65TO69\nA1,1,1,1,1,1,1,1,1,1\n"),
      {});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].found.find("TOTAL_GP_HC_70PLUS"), std::string::npos) << missing[0].found;
  missing = problems_of(
      write_temp("one-band.csv", "PRAC_CODE,TOTAL_GP_HC_UNDER30,TOTAL_GP_HC\nA1,1,6\n"), {});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].found.find("TOTAL_GP_HC_30TO34"), std::string::npos) << missing[0].found;
  EXPECT_EQ(missing[0].found.find("TOTAL_GP_HC_UNDER30"), std::string::npos) << missing[0].found;
  // Every band (65+ as 65-69 and 70+): read.
  const auto table =
      read_attributes(write_temp("all-bands.csv", "PRAC_CODE," + eight +
                                                      ",TOTAL_GP_HC_65TO69,TOTAL_GP_HC_70PLUS\n"
                                                      "A1,1,0,0,0,0,0,0,0,2,1\n"),
                      {});
  EXPECT_EQ(*table.by_code.at("A1").gp_headcount, (model::BandArray{1, 0, 0, 0, 0, 0, 0, 0, 3}));
}

// A file with no band columns gives no headcount; the practice code column is required.
TEST(AttributesReader, NoBandColumnsAndMissingCodeColumn) {
  const auto table =
      read_attributes(write_temp("no-bands.csv", "PRAC_CODE,peer_group\nA1,x\n"), {});
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
                    nurse_only());
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

// A total headcount: TOTAL_GP_EXTGL_HC (permanent GPs, no locums or trainees) wins over
// TOTAL_GP_HC when a file has both; a practice with only a total has no band headcount.
TEST(AttributesReader, TotalHeadcountPrefersTheColumnWithoutLocums) {
  const auto table = read_attributes(
      write_temp("totals.csv", "PRAC_CODE,TOTAL_GP_HC,TOTAL_GP_EXTGL_HC\nA1,6,4\nA2,3,0\n"), {});
  EXPECT_EQ(table.gp_total_column, "TOTAL_GP_EXTGL_HC");
  EXPECT_EQ(table.by_code.at("A1").gp_total, 4);
  EXPECT_EQ(table.by_code.at("A2").gp_total, 0);  // zero is zero: a practice run by locums
  EXPECT_FALSE(table.by_code.at("A1").gp_headcount.has_value());
}

// A row with fewer cells than the header is refused, as the payments reader refuses one
// (the audit: a row cut to 7 of 20 cells took defaults for the rest, its warnings never
// saying the row was short): at its line and first missing column, with the counts.
TEST(AttributesReader, ShortRowsAreRefused) {
  const std::string file =
      write_temp("short.csv",
                 "PRAC_CODE,TOTAL_NURSES_FTE,TOTAL_GP_HC,referrals_per_1000_weighted\n"
                 "A1,1,3,300\nA2,1\nA3,1,2,250\n");
  const auto problems = problems_of(file, nurse_only());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 3);
  EXPECT_EQ(problems[0].column, 3);
  EXPECT_EQ(problems[0].key, "TOTAL_GP_HC");
  EXPECT_EQ(problems[0].found, "a row cut short: 2 fields (it begins 'A2')");
  EXPECT_EQ(problems[0].expected, "4 fields, one per header column");
}

// Cells that used to become the default silently are errors naming file, line, column and
// practice: an FTE of "inf" or "three", "nan", a headcount of 2.5 or of 2^31.
TEST(AttributesReader, NonNumericInfiniteAndFractionalCellsAreErrors) {
  const std::string file =
      write_temp("bad-cells.csv",
                 "PRAC_CODE,TOTAL_NURSES_FTE,TOTAL_GP_HC,referrals_per_1000_weighted\n"
                 "A1,inf,3,300\nA2,three,3,300\nA3,1,2.5,nan\nA4,1,2147483648,300\n");
  const auto problems = problems_of(file, nurse_only());
  ASSERT_EQ(problems.size(), 5u);
  EXPECT_EQ(problems[0].file, file);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 2);
  EXPECT_EQ(problems[0].key, "TOTAL_NURSES_FTE");
  EXPECT_EQ(problems[0].found, "'inf' for practice A1");
  EXPECT_EQ(problems[1].found, "'three' for practice A2");
  EXPECT_EQ(problems[2].found, "'2.5' for practice A3");
  EXPECT_EQ(problems[2].key, "TOTAL_GP_HC");
  EXPECT_EQ(problems[3].found, "'nan' for practice A3");
  EXPECT_EQ(problems[4].line, 5);
  EXPECT_EQ(problems[4].found, "'2147483648' for practice A4");
}

// A role that names a column the file lacks is an error at the header naming the role's key
// (the scenario-format docs promise it); the file's headers are listed.
TEST(AttributesReader, UnknownAttributesColumnIsAnError) {
  const auto problems =
      problems_of(write_temp("no-dpc.csv", "PRAC_CODE,TOTAL_NURSES_FTE\nA1,1\n"), three_roles());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].key, "roles.dpc.attributes_column");
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_NE(problems[0].found.find("\"TOTAL_DPC_FTE\""), std::string::npos);
  EXPECT_NE(problems[0].found.find("'PRAC_CODE', 'TOTAL_NURSES_FTE'"), std::string::npos);
}

// Bands and total: bands that sum to more than the total are an error; complete bands that
// disagree with the total are used and the disagreement listed; a repeated column is an
// error.
TEST(AttributesReader, BandsAgainstTotalAndRepeatedColumns) {
  const std::string bands =
      "PRAC_CODE,gp_hc_under_30,gp_hc_30_34,gp_hc_35_39,gp_hc_40_44,gp_hc_45_49,gp_hc_50_54,"
      "gp_hc_55_59,gp_hc_60_64,gp_hc_65_plus,TOTAL_GP_HC\n";
  const auto over = problems_of(write_temp("over.csv", bands + "A1,1,1,c,1,0,0,0,0,0,2\n"), {});
  ASSERT_EQ(over.size(), 1u);
  EXPECT_EQ(over[0].key, "TOTAL_GP_HC");
  EXPECT_NE(over[0].found.find("fewer than the 3 GPs"), std::string::npos) << over[0].found;
  const auto table =
      read_attributes(write_temp("mismatch.csv", bands + "A1,1,1,1,1,0,0,0,0,0,5\n"), {});
  EXPECT_EQ(*table.by_code.at("A1").gp_headcount, (model::BandArray{1, 1, 1, 1, 0, 0, 0, 0, 0}));
  ASSERT_EQ(table.total_mismatches.size(), 1u);
  EXPECT_EQ(table.total_mismatches[0],
            "A1 (line 2): the age bands sum to 4 GPs, TOTAL_GP_HC says 5; the bands are used");
  const auto repeated = problems_of(
      write_temp("repeated.csv", "PRAC_CODE,TOTAL_NURSES_FTE,total nurses fte\nA1,1,2\n"),
      nurse_only());
  ASSERT_EQ(repeated.size(), 1u);
  EXPECT_EQ(repeated[0].column, 3);
}

// Two headers for one field are refused at the header line, naming both (the audit:
// PRAC_CODE beside "Practice Code" took the one that matched nothing, every practice on
// defaults): NHS Digital's name beside ours for a band, or both spellings of neighbourhood.
TEST(AttributesReader, TwoHeadersForOneFieldAreErrors) {
  const auto codes =
      problems_of(write_temp("two-codes.csv", "PRAC_CODE,Practice Code,peer_group\nA1,B1,x\n"), {});
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].line, 1);
  EXPECT_EQ(codes[0].key, "Practice Code");
  EXPECT_NE(codes[0].found.find("'PRAC_CODE'"), std::string::npos) << codes[0].found;
  EXPECT_NE(codes[0].found.find("'Practice Code'"), std::string::npos) << codes[0].found;
  const auto band = problems_of(
      write_temp("two-bands.csv", "PRAC_CODE,TOTAL_GP_HC_30TO34,gp_hc_30_34\nA1,1,2\n"), {});
  ASSERT_EQ(band.size(), 1u);
  EXPECT_EQ(band[0].key, "TOTAL_GP_HC_30TO34");
  EXPECT_EQ(band[0].column, 3);
  const auto spelling = problems_of(
      write_temp("two-spellings.csv", "PRAC_CODE,neighborhood,neighbourhood\nA1,N,S\n"), {});
  ASSERT_EQ(spelling.size(), 1u);
  EXPECT_EQ(spelling[0].key, "neighbourhood");
}

}  // namespace
}  // namespace pcsim::scenarios

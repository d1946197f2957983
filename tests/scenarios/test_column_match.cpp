// Header matching: normalisation, NHS Digital's renames, and the four published payments
// files shipped in scenarios/data/nhs-payments/.
#include <gtest/gtest.h>

#include <string>

#include "core/errors.hpp"
#include "scenarios/column_match.hpp"
#include "scenarios/csv_reader.hpp"
#include "scenarios/payments_reader.hpp"

namespace pcsim::scenarios {
namespace {

const std::string kPayments = std::string(PCSIM_SOURCE_DIR) + "/scenarios/data/nhs-payments/";

// Case, spaces, '.', '_', '-', a BOM and a '£' or '_£' suffix make no difference.
TEST(ColumnMatch, NormalisationIgnoresCaseSpacingPunctuationBomAndPound) {
  EXPECT_EQ(normalise_header("Doctors.Retainer.Scheme.Payments"),
            normalise_header("Doctors Retainer Scheme Payments"));
  EXPECT_EQ(normalise_header("PracticeType"), normalise_header("Practice Type"));
  EXPECT_EQ(normalise_header("\xEF\xBB\xBFNHS England (Region) code"),
            normalise_header("NHS England (Region) code"));
  EXPECT_EQ(normalise_header("Global_Sum_\xC2\xA3"), "globalsum");
  EXPECT_EQ(normalise_header("Global Sum \xC2\xA3"), "globalsum");
  EXPECT_EQ(normalise_header(" Appraisal Costs "), "appraisalcosts");
  EXPECT_EQ(normalise_header("gp-hc_30.34"), "gphc3034");
  EXPECT_NE(normalise_header("Code"), normalise_header("CCG Code"));
}

// A synonym group is tried newest name first, whatever name the reader asks for.
TEST(ColumnMatch, SynonymGroupPrefersTheNewestName) {
  // 2022/23 layout: "CCG NAME" there holds a primary care network's name.
  const std::vector<std::string> header = {"CCG Code", "Sub ICB NAME", "Code", "CCG NAME"};
  const auto col =
      match_columns(header, {{"CCG NAME", {}, true}, {"CCG Code", {}, true}}, "f.csv", 1);
  EXPECT_EQ(col[0], 1);
  EXPECT_EQ(col[1], 0);
  // Older layout: only "CCG NAME" exists.
  const auto old = match_columns({"CCG Code", "CCG NAME"}, {{"CCG NAME", {}, true}}, "f.csv", 1);
  EXPECT_EQ(old[0], 1);
}

// An optional column that is absent gives -1; aliases are tried after the name.
TEST(ColumnMatch, OptionalAndAliases) {
  const auto col = match_columns({"PRAC_CODE", "gp_hc_30_34"},
                                 {{"Practice Code", {}, true},
                                  {"TOTAL_GP_HC_30TO34", {"gp_hc_30_34"}, false},
                                  {"peer_group", {}, false},
                                  {"", {}, false}},
                                 "a.csv", 1);
  EXPECT_EQ(col, (std::vector<int>{0, 1, -1, -1}));
}

// A missing required column: one Diagnostic each, naming the file, header line, column and
// the headers found.
TEST(ColumnMatch, MissingRequiredColumnsAreNamed) {
  try {
    match_columns({"Practice Code", "Global Sum"},
                  {{"Practice Code", {}, true},
                   {"MPIG Correction factor", {}, true},
                   {"Balance of PMS Expenditure", {}, true}},
                  "payments.csv", 1);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "payments.csv");
    EXPECT_EQ(d.line, 1);
    EXPECT_EQ(d.key, "MPIG Correction factor");
    EXPECT_NE(d.found.find("'Practice Code', 'Global Sum'"), std::string::npos);
    EXPECT_EQ(e.diagnostics()[1].key, "Balance of PMS Expenditure");
  }
}

// A used column headed twice (after normalisation) is an error naming both places: which of
// the two holds the figure cannot be known. A repeated column no spec uses is not checked.
TEST(ColumnMatch, RepeatedUsedColumnIsAnError) {
  try {
    match_columns({"Practice Code", "Global Sum", "Notes", "global_sum", "Notes"},
                  {{"Practice Code", {}, true}, {"Global Sum", {}, true}}, "p.csv", 3);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.file, "p.csv");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.column, 4);
    EXPECT_EQ(d.key, "global_sum");
    EXPECT_NE(d.found.find("first as column 2"), std::string::npos) << d.found;
  }
}

// Two different accepted headers for one field in one file are refused: which holds the
// figures cannot be known (the audit: "CCG Code" beside "Sub ICB Location Code" took the
// newer silently; PRAC_CODE beside "Practice Code" took the one that matched nothing). The
// message names the field, both headers and their columns, at the header line. The name
// group, whose names 2022/23 uses for two different columns, keeps the newest.
TEST(ColumnMatch, TwoHeadersForOneFieldAreRefused) {
  const auto refusal = [](const std::vector<std::string>& header, const ColumnSpec& spec) {
    try {
      match_columns(header, {spec}, "p.csv", 2);
    } catch (const InputError& e) {
      EXPECT_EQ(e.diagnostics().size(), 1u);
      return e.diagnostics().front();
    }
    ADD_FAILURE() << "accepted";
    return Diagnostic{};
  };
  const Diagnostic codes =
      refusal({"Practice Code", "CCG Code", "Sub ICB Location Code"}, {"CCG Code", {}, true});
  EXPECT_EQ(codes.line, 2);
  EXPECT_EQ(codes.key, "CCG Code");
  EXPECT_EQ(codes.found,
            "two columns for it: 'Sub ICB Location Code' (column 3) and 'CCG Code' (column 2)");
  const Diagnostic practice =
      refusal({"PRAC_CODE", "peer_group", "Practice Code"}, {"Practice Code", {}, true});
  EXPECT_EQ(practice.column, 1);
  EXPECT_NO_THROW(match_columns({"CCG Code", "Sub ICB NAME", "CCG NAME"}, {{"CCG NAME", {}, true}},
                                "p.csv", 2));
}

// Our own key beside NHS Digital's name for one field (gp_hc_30_34 and TOTAL_GP_HC_30TO34,
// fiscal_year and financial_year, "PCN Code" and 2022/23's "Code") is refused like two
// names of a synonym group (the audit: the first alias found was taken silently). Only a
// spec whose aliases are different measures in order of preference takes the first found:
// the total GP headcount, TOTAL_GP_EXTGL_HC before TOTAL_GP_HC.
TEST(ColumnMatch, TwoAliasesOfOneFieldAreRefused) {
  const auto refusal = [](const std::vector<std::string>& header, const ColumnSpec& spec) {
    try {
      match_columns(header, {{"PRAC_CODE", {}, true}, spec}, "a.csv", 1);
    } catch (const InputError& e) {
      EXPECT_EQ(e.diagnostics().size(), 1u);
      return e.diagnostics().front();
    }
    ADD_FAILURE() << "accepted " << spec.name;
    return Diagnostic{};
  };
  const Diagnostic bands = refusal({"PRAC_CODE", "gp_hc_30_34", "TOTAL_GP_HC_30TO34"},
                                   {"TOTAL_GP_HC_30TO34", {"gp_hc_30_34"}, false});
  EXPECT_EQ(bands.file, "a.csv");
  EXPECT_EQ(bands.line, 1);
  EXPECT_EQ(bands.column, 2);
  EXPECT_EQ(bands.key, "TOTAL_GP_HC_30TO34");
  EXPECT_EQ(bands.found,
            "two columns for it: 'TOTAL_GP_HC_30TO34' (column 3) and 'gp_hc_30_34' (column 2)");
  EXPECT_EQ(refusal({"PRAC_CODE", "fiscal_year", "financial_year"},
                    {"fiscal_year", {"financial_year"}, true})
                .key,
            "fiscal_year");
  EXPECT_EQ(refusal({"PRAC_CODE", "Code", "PCN Code"}, {"PCN Code", {"Code"}, false}).column, 2);
  // Our own practice_code beside NHS Digital's PRAC_CODE.
  EXPECT_EQ(refusal({"PRAC_CODE", "x", "practice_code"}, {"x", {}, false}).found,
            "two columns for it: 'practice_code' (column 3) and 'PRAC_CODE' (column 1)");
  const ColumnSpec total{"TOTAL_GP_EXTGL_HC", {"TOTAL_GP_EXTG_HC", "TOTAL_GP_HC"}, false, true};
  EXPECT_EQ(
      match_columns({"TOTAL_GP_HC", "TOTAL_GP_EXTG_HC", "TOTAL_GP_EXTGL_HC"}, {total}, "a.csv", 1),
      std::vector<int>{2});
  EXPECT_EQ(match_columns({"TOTAL_GP_HC", "TOTAL_GP_EXTG_HC"}, {total}, "a.csv", 1),
            std::vector<int>{1});
}

struct PublishedFile {
  const char* name;
  int ccg_code_column;  // 0-based, counted by hand from each file's header
  int ccg_name_column;
  int global_sum_column;
  int local_enhanced_column;  // "Total Local Enhanced Services" / "Local Incentive Schemes"
};

// Each of the four published files opens and every column the model uses, plus two whose
// names changed, is found where the file's header (read by eye) has it.
TEST(ColumnMatch, FindsColumnsInAllFourPublishedPaymentsFiles) {
  const PublishedFile files[] = {
      {"nhspaymentsgp-15-16.csv", 2, 3, 17, 46},
      {"nhspaymentsgp-16-17.csv", 2, 3, 20, 42},
      {"nhspaymentsgp-17-18.csv", 2, 3, 20, 42},
      {"nhspaymentsgp-22-23.csv", 2, 3, 21, 37},  // BOM; "Sub ICB NAME" beside "CCG Code"
  };
  for (const auto& f : files) {
    SCOPED_TRACE(f.name);
    const CsvTable table = read_csv_file(kPayments + f.name);
    const auto col = match_columns(table.header,
                                   {{"CCG Code", {}, true},
                                    {"CCG NAME", {}, true},
                                    {"Global Sum", {}, true},
                                    {"Total Local Enhanced Services", {}, true},
                                    {"Doctors Retainer Scheme Payments", {}, true},
                                    {"Practice Code", {}, true}},
                                   table.file, table.header_line);
    EXPECT_EQ(col[0], f.ccg_code_column);
    EXPECT_EQ(col[1], f.ccg_name_column);
    EXPECT_EQ(col[2], f.global_sum_column);
    EXPECT_EQ(col[3], f.local_enhanced_column);
    // The reader itself accepts the file (every required column found).
    EXPECT_NO_THROW(read_payments_file(kPayments + f.name));
  }
}

}  // namespace
}  // namespace pcsim::scenarios

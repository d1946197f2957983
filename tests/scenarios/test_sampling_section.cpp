// The [sampling] section (scenarios/sampling_section.hpp): the method, and rank correlations
// between parameters that are uncertain in the baseline, each problem reported at its line
// and key with what was expected.
#include <string>

#include <gtest/gtest.h>

#include "scenario_test_support.hpp"
#include "scenarios/key_schema.hpp"
#include "scenarios/scenario.hpp"

namespace pcsim::scenarios {
namespace {

using testing::contains;
using testing::diagnostics_of;
using testing::inline_file;
using testing::kHead;
using testing::line_of;
using testing::only_for_key;

// A baseline with three uncertain parameters and one fixed one.
const std::string kBaseline = kHead +
                              "[population]\n"
                              "list_growth = { dist = \"uniform\", min = 0.0, max = 0.01 }\n"
                              "consultations_per_patient = { dist = \"pert\", min = 4.5, "
                              "mode = 5.2, max = 6.0 }\n"
                              "gp_share = { dist = \"uniform\", min = 0.5, max = 0.6 }\n"
                              "self_care_share = 0.3\n";

// One [[sampling.correlations]] entry, tagged with a comment so a test can find its line.
std::string pair(std::string_view a, std::string_view b, std::string_view rho,
                 std::string_view tag = "") {
  return "[[sampling.correlations]]  # " + std::string(tag) + "\na = \"" + std::string(a) +
         "\"\nb = \"" + std::string(b) + "\"\nrank_correlation = " + std::string(rho) + "\n";
}

// Without [sampling] the run samples as before: independent draws, no correlation.
TEST(SamplingSection, AbsentMeansPlainSampling) {
  const Scenario s = parse_scenario(kBaseline, inline_file());
  EXPECT_EQ(s.sampling.method, SamplingMethod::Random);
  EXPECT_TRUE(s.sampling.correlations.empty());
  EXPECT_TRUE(s.sampling.correlated_paths.empty());
  EXPECT_EQ(s.sampling.line, 0);
}

// A valid section: the method, and the target matrix over the correlated paths in sorted
// order, 1 on the diagonal, the given pairs (in either order) off it, 0 elsewhere.
TEST(SamplingSection, ValidSectionAssemblesTheTargetMatrix) {
  const std::string text =
      kBaseline + "[sampling]\nmethod = \"lhs\"\n" +
      pair("population.list_growth", "population.gp_share", "0.4") +
      pair("population.consultations_per_patient", "population.list_growth", "-0.25");
  const Scenario s = parse_scenario(text, inline_file());
  EXPECT_EQ(s.sampling.method, SamplingMethod::LatinHypercube);
  EXPECT_EQ(s.sampling.line, line_of(text, "[sampling]"));
  ASSERT_EQ(s.sampling.correlations.size(), 2u);
  EXPECT_EQ(s.sampling.correlations[1].rank_correlation, -0.25);
  const std::vector<std::string> paths = {"population.consultations_per_patient",
                                          "population.gp_share", "population.list_growth"};
  EXPECT_EQ(s.sampling.correlated_paths, paths);
  // Rows and columns: 0 consultations, 1 gp_share, 2 list_growth.
  const std::vector<double> matrix = {1.0,   0.0, -0.25,  //
                                      0.0,   1.0, 0.4,    //
                                      -0.25, 0.4, 1.0};
  EXPECT_EQ(s.sampling.target_matrix, matrix);
  EXPECT_FALSE(s.sampling.repaired);
  EXPECT_TRUE(s.sampling.warnings.empty());
}

// A misspelt path is reported at its value with the nearest uncertain parameter.
TEST(SamplingSection, UnknownPathSuggestsTheNearestParameter) {
  const std::string text =
      kBaseline + pair("population.list_grwth", "population.gp_share", "0.4", "typo");
  const Diagnostic d = only_for_key(diagnostics_of(text), "sampling.correlations[1].a");
  EXPECT_EQ(d.line, line_of(text, "list_grwth"));
  EXPECT_EQ(d.column, 5);  // a = "... : the value starts at column 5
  EXPECT_TRUE(contains(d.found, "not a parameter")) << d.found;
  EXPECT_EQ(d.suggestion, "did you mean 'population.list_growth'?");
  // The expected text lists what may be correlated: the baseline's uncertain parameters.
  EXPECT_TRUE(contains(d.expected, "population.consultations_per_patient")) << d.expected;
}

// Only uncertain parameters are drawn, so a fixed one, or one the baseline leaves at its
// default, cannot be correlated; each says why.
TEST(SamplingSection, FixedOrUnsetParametersAreRejected) {
  const std::string text = kBaseline +
                           pair("population.self_care_share", "population.gp_share", "0.4") +
                           pair("population.list_growth", "savings.convergence", "0.2");
  const auto ds = diagnostics_of(text);
  const Diagnostic fixed = only_for_key(ds, "sampling.correlations[1].a");
  EXPECT_TRUE(contains(fixed.found, "fixed in the baseline (line " +
                                        std::to_string(line_of(text, "self_care_share = 0.3")) +
                                        ")"))
      << fixed.found;
  const Diagnostic unset = only_for_key(ds, "sampling.correlations[2].b");
  EXPECT_TRUE(contains(unset.found, "the baseline does not set")) << unset.found;
  EXPECT_EQ(ds.size(), 2u);
}

// A rank correlation outside [-1, 1], or not a number, is rejected at its value.
TEST(SamplingSection, RankCorrelationMustLieInMinusOneToOne) {
  const std::string text =
      kBaseline + pair("population.list_growth", "population.gp_share", "1.2", "big") +
      pair("population.list_growth", "population.consultations_per_patient", "\"high\"");
  const auto ds = diagnostics_of(text);
  const Diagnostic big = only_for_key(ds, "sampling.correlations[1].rank_correlation");
  EXPECT_EQ(big.found, "1.2 (float)");
  EXPECT_TRUE(contains(big.expected, "from -1 to 1")) << big.expected;
  EXPECT_EQ(big.line, line_of(text, "= 1.2"));
  const Diagnostic word = only_for_key(ds, "sampling.correlations[2].rank_correlation");
  EXPECT_EQ(word.found, "\"high\" (string)");
}

// a and b must differ; a missing key is named.
TEST(SamplingSection, SelfCorrelationAndMissingKeys) {
  const std::string text = kBaseline + pair("population.gp_share", "population.gp_share", "0.5") +
                           "[[sampling.correlations]]  # incomplete\na = \"population.gp_share\"\n";
  const auto ds = diagnostics_of(text);
  const Diagnostic self = only_for_key(ds, "sampling.correlations[1].b");
  EXPECT_TRUE(contains(self.found, "the same parameter as a")) << self.found;
  const Diagnostic no_b = only_for_key(ds, "sampling.correlations[2].b");
  EXPECT_EQ(no_b.found, "no b");
  EXPECT_EQ(no_b.line, line_of(text, "# incomplete"));
  EXPECT_EQ(only_for_key(ds, "sampling.correlations[2].rank_correlation").found,
            "no rank_correlation");
}

// The same pair twice (here in the other order) is reported at the second entry, naming
// the line of the first.
TEST(SamplingSection, DuplicatePairIsReportedOnce) {
  const std::string text = kBaseline +
                           pair("population.list_growth", "population.gp_share", "0.4", "first") +
                           pair("population.gp_share", "population.list_growth", "0.3", "second");
  const Diagnostic d = only_for_key(diagnostics_of(text), "sampling.correlations[2]");
  EXPECT_EQ(d.line, line_of(text, "# second"));
  EXPECT_TRUE(contains(d.found, "first given at line " + std::to_string(line_of(text, "# first"))))
      << d.found;
}

// The triangle 0.9, 0.9, -0.9 cannot hold: with a = 0.9 the matrix is I + a B, where
// B = [[0,1,1],[1,0,-1],[1,-1,0]] has characteristic polynomial -(l-1)^2 (l+2), so the
// eigenvalues are 1 + a (twice) and 1 - 2a = -0.8. Without repair it is an error that
// reports the smallest eigenvalue.
const std::string kImpossibleTriangle =
    pair("population.list_growth", "population.gp_share", "0.9", "t1") +
    pair("population.list_growth", "population.consultations_per_patient", "0.9", "t2") +
    pair("population.gp_share", "population.consultations_per_patient", "-0.9", "t3");

TEST(SamplingSection, MatrixThatIsNotPositiveSemiDefiniteIsAnError) {
  const std::string text = kBaseline + kImpossibleTriangle;
  const Diagnostic d = only_for_key(diagnostics_of(text), "sampling.correlations");
  EXPECT_EQ(d.line, line_of(text, "# t1"));
  EXPECT_TRUE(contains(d.found, "not positive semi-definite (smallest eigenvalue -0.8)"))
      << d.found;
  EXPECT_TRUE(contains(d.expected, "repair_correlation = true")) << d.expected;
}

// With repair_correlation = true the same file is accepted: the matrix is replaced by a
// valid one (unit diagonal, no negative eigenvalue; the repair's own numbers are checked
// in test_correlation_matrix.cpp) and a warning names what happened.
TEST(SamplingSection, RepairReplacesTheMatrixWithAWarning) {
  const std::string text =
      kBaseline + "[sampling]\nrepair_correlation = true\n" + kImpossibleTriangle;
  const Scenario s = parse_scenario(text, inline_file());
  EXPECT_TRUE(s.sampling.repaired);
  EXPECT_NEAR(s.sampling.smallest_eigenvalue, -0.8, 1e-12);
  ASSERT_EQ(s.sampling.warnings.size(), 1u);
  const Diagnostic& w = s.sampling.warnings[0];
  EXPECT_EQ(w.key, "sampling.correlations");
  EXPECT_EQ(w.line, line_of(text, "# t1"));
  EXPECT_TRUE(contains(w.suggestion, "nearest correlation matrix")) << w.suggestion;
  const auto& m = s.sampling.target_matrix;
  ASSERT_EQ(m.size(), 9u);
  for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(m[static_cast<std::size_t>(4 * k)], 1.0);
  // The written 0.9 / -0.9 entries were weakened (towards 0.5 / -0.5).
  for (double v : {m[1], m[2], m[5]}) EXPECT_LT(std::fabs(v), 0.9);
}

// Misspelt keys and choices get suggestions; [sampling] belongs to the whole scenario.
TEST(SamplingSection, UnknownKeysAndMethodsAreSuggested) {
  const std::string text = kBaseline + "[sampling]\nmethod = \"lhc\"\nrepair_corelation = true\n" +
                           "[[sampling.correlations]]\na = \"population.list_growth\"\n"
                           "b = \"population.gp_share\"\nrho = 0.4\n" +
                           "[[options]]\nname = \"other\"\n[options.sampling]\nmethod = \"lhs\"\n";
  const auto ds = diagnostics_of(text);
  EXPECT_EQ(only_for_key(ds, "sampling.method").suggestion, "did you mean \"lhs\"?");
  EXPECT_EQ(only_for_key(ds, "sampling.repair_corelation").suggestion,
            "did you mean 'repair_correlation'?");
  const Diagnostic rho = only_for_key(ds, "sampling.correlations[1].rho");
  EXPECT_TRUE(contains(rho.expected, "rank_correlation")) << rho.expected;
  EXPECT_EQ(only_for_key(ds, "sampling.correlations[1].rank_correlation").found,
            "no rank_correlation");
  const Diagnostic in_option = only_for_key(ds, "options.other.sampling");
  EXPECT_TRUE(contains(in_option.expected, "only at the top level")) << in_option.expected;
  // A [sampling] key written at the top level is pointed to its section.
  const Diagnostic stray = only_for_key(diagnostics_of(kBaseline + "repair_correlation = true\n"),
                                        "population.repair_correlation");
  EXPECT_EQ(stray.suggestion, "repair_correlation belongs in [sampling]");
}

// docs/scenario-format.md documents every key of [sampling] and of its correlations.
TEST(SamplingSection, FormatDocListsEveryKey) {
  const std::string doc =
      testing::read_text(std::filesystem::path(PCSIM_SOURCE_DIR) / "docs/scenario-format.md");
  for (std::string_view key : kSamplingKeys)
    EXPECT_TRUE(contains(doc, "| `" + std::string(key) + "` |")) << key;
  for (std::string_view key : kCorrelationKeys)
    EXPECT_TRUE(contains(doc, "| `" + std::string(key) + "` |")) << key;
  EXPECT_TRUE(contains(doc, "[sampling]"));
}

}  // namespace
}  // namespace pcsim::scenarios

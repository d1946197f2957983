// The magnitudes of the loaded practices (scenarios/practice_ranges.hpp): values the model
// cannot represent are refused, naming the file, the practice's line there, the field and
// the practice; values past any real English practice are warned about, every practice
// listed. The GP headcounts of issue 15 (2^31, which crashed the GP pass, and 10^8, which
// made one iteration take seconds) and a list of 10^12 patients are refused.
#include "scenarios/practice_ranges.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "scenario_test_support.hpp"

namespace pcsim::scenarios {
namespace {

using namespace testing;
namespace fs = std::filesystem;

class PracticeRanges : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() / ("pcsim-ranges-" + std::to_string(::getpid()));
    fs::create_directories(folder_);
    // Practice A1 on line 2 of the payments file, A2 on line 3; only A2 in the attributes.
    std::ofstream(folder_ / "payments.csv") << "Practice Code,Number of patients\n"
                                               "A1,5000\n\"A2\",6000\n";
    std::ofstream(folder_ / "attributes.csv") << "PRAC_CODE,TOTAL_GP_HC\nA2,4\n";
    report_.payments_file = (folder_ / "payments.csv").string();
    report_.attributes_file = (folder_ / "attributes.csv").string();
    for (const char* code : {"A1", "A2"}) {
      model::PracticeBaseline p;
      p.code = code;
      p.registered_patients = 5000;
      p.weighted_patients = 5200;
      p.core_funding = 450000;
      p.gp_headcount[3] = 4;
      p.role_fte = {2.5};
      practices_.practices.push_back(p);
    }
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::vector<Diagnostic> refusals() {
    try {
      check_practice_ranges(practices_, report_, {"nurse"});
    } catch (const InputError& e) {
      return e.diagnostics();
    }
    ADD_FAILURE() << "accepted";
    return {};
  }

  fs::path folder_;
  PracticeLoadReport report_;
  model::PracticeSet practices_;
};

// Fact: ordinary practices pass without a warning.
TEST_F(PracticeRanges, OrdinaryPracticesPass) {
  EXPECT_TRUE(check_practice_ranges(practices_, report_, {"nurse"}).empty());
}

// Fact: 2^31 GPs in a band of A2 is refused, naming the attributes file, A2's line there
// (2), the field and the code, and the largest value allowed; so is 10^8.
TEST_F(PracticeRanges, AbsurdGpHeadcountsAreRefused) {
  for (const double gps : {2147483648.0, 1e8}) {
    practices_.practices[1].gp_headcount[5] = gps;
    const auto found = refusals();
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].file, report_.attributes_file);
    EXPECT_EQ(found[0].line, 2);
    EXPECT_EQ(found[0].key, "gp_headcount of practice A2");
    EXPECT_TRUE(contains(found[0].expected, "from 0 to 1000000")) << found[0].format();
  }
}

// Fact: a list of 10^12 patients is refused in the payments file at A2's line (3: its
// code is quoted there); A1's FTE, with no attributes row, cites the payments file too.
TEST_F(PracticeRanges, AnAbsurdListIsRefused) {
  practices_.practices[1].registered_patients = 1e12;
  practices_.practices[0].role_fte[0] = std::numeric_limits<double>::infinity();
  const auto found = refusals();
  ASSERT_EQ(found.size(), 2u);  // in practice order
  EXPECT_EQ(found[0].key, "role_fte.nurse of practice A1");
  EXPECT_EQ(found[0].file, report_.payments_file);  // A1 has no attributes row
  EXPECT_EQ(found[0].line, 2);
  EXPECT_EQ(found[1].key, "registered_patients of practice A2");
  EXPECT_EQ(found[1].file, report_.payments_file);
  EXPECT_EQ(found[1].line, 3);
}

// Fact: counts may not be negative or NaN; an amount (core funding) may be negative, as
// adjustments make it in the 2022/23 file, but not beyond the representable; referral
// and prescribing rates may be NaN ("not given").
TEST_F(PracticeRanges, SignsAndMissingValues) {
  practices_.practices[0].core_funding = -77.35;
  practices_.practices[0].referrals_per_1000_weighted = model::kNotGiven;
  EXPECT_NO_THROW(check_practice_ranges(practices_, report_, {"nurse"}));
  practices_.practices[0].weighted_patients = -1;
  practices_.practices[1].core_funding = -2e12;
  practices_.practices[1].gp_headcount[0] = std::nan("");
  const auto found = refusals();
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].key, "weighted_patients of practice A1");
  EXPECT_EQ(found[1].key, "core_funding of practice A2");
  EXPECT_EQ(found[2].key, "gp_headcount of practice A2");
}

// Fact: values past the plausible (600 GPs, a list of 200,000) give one warning per field
// listing every practice with its value; the run goes on.
TEST_F(PracticeRanges, ImplausibleValuesAreWarnedAbout) {
  practices_.practices[0].gp_headcount[4] = 596;  // 600 with the 4 of band 3
  practices_.practices[1].gp_headcount[4] = 700;
  practices_.practices[1].registered_patients = 200000;
  practices_.practices[1].weighted_patients = 210000;  // a plausible weighting
  const auto warnings = check_practice_ranges(practices_, report_, {"nurse"});
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].key, "practices.gp_headcount");
  EXPECT_EQ(warnings[0].items, (std::vector<std::string>{"A1: 600", "A2: 704"}));
  EXPECT_EQ(warnings[1].key, "practices.registered_patients");
  EXPECT_EQ(warnings[1].items, (std::vector<std::string>{"A2: 200000"}));
}

// Fact: a weighted list further from the registered list than any English practice's
// (the input probe of 2026-12-07: 1,043 registered for 10,921 weighted, a digit dropped,
// ran without a word) is warned about, each practice listed with both counts; the bands'
// ends are plausible, and a list under 100 patients has the wider band. Hand values:
// 10,921 / 1,043 = 10.47 > 5; 2,400 / 5,000 = 0.48 < 0.5; 10,921 / 0.5 > 10.
TEST_F(PracticeRanges, AWeightedListFarFromTheRegisteredIsWarnedAbout) {
  auto& a1 = practices_.practices[0];
  auto& a2 = practices_.practices[1];
  a1.registered_patients = 1043;
  a1.weighted_patients = 10921;
  a2.weighted_patients = 2400;
  auto warnings = check_practice_ranges(practices_, report_, {"nurse"});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].key, "practices.weighted_patients");
  EXPECT_EQ(warnings[0].items,
            (std::vector<std::string>{
                "A1: 1,043 registered, 10,921 weighted patients (10.5 weighted per registered; "
                "plausible 0.5 to 5)",
                "A2: 5,000 registered, 2,400 weighted patients (0.48 weighted per registered; "
                "plausible 0.5 to 5)"}));
  EXPECT_TRUE(contains(warnings[0].message, "2 practice(s)")) << warnings[0].message;
  EXPECT_TRUE(contains(warnings[0].message, "a digit dropped or added")) << warnings[0].message;
  // The ends of the band pass: 5 x 1,043 and 0.5 x 5,000.
  a1.weighted_patients = 5 * 1043.0;
  a2.weighted_patients = 2500;
  EXPECT_TRUE(check_practice_ranges(practices_, report_, {"nurse"}).empty());
  // Under 100 registered the band is 0.35 to 10: 9 passes, 21,842 does not.
  a1.registered_patients = 50;
  a1.weighted_patients = 450;
  EXPECT_TRUE(check_practice_ranges(practices_, report_, {"nurse"}).empty());
  a1.registered_patients = 0.5;
  a1.weighted_patients = 10921;
  warnings = check_practice_ranges(practices_, report_, {"nurse"});
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(contains(warnings[0].items.at(0), "plausible 0.35 to 10")) << warnings[0].items[0];
}

// Fact: with thousands of bad values, twenty are listed and the rest counted.
TEST_F(PracticeRanges, ManyRefusalsAreCapped) {
  const model::PracticeBaseline bad = [&] {
    auto p = practices_.practices[0];
    p.registered_patients = 1e13;
    return p;
  }();
  practices_.practices.assign(500, bad);
  const auto found = refusals();
  ASSERT_EQ(found.size(), 21u);
  EXPECT_TRUE(contains(found.back().found, "480 more values")) << found.back().format();
}

}  // namespace
}  // namespace pcsim::scenarios

// The run's warnings in `pcsim summary`: read back from /warnings (warnings_reader.hpp) and
// printed after the tables as the run printed them on standard error (warnings_text.hpp).
// The expected lines are written out by hand from the documented format "warning: KEY:
// MESSAGE [N: first five items up to their ':' and N-5 more]".
#include <gtest/gtest.h>
#include <hdf5.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "output/hdf5_datasets.hpp"
#include "output/hdf5_handles.hpp"
#include "output/results_layout.hpp"
#include "output/results_writer.hpp"
#include "output/summary_printer.hpp"
#include "output/warnings_reader.hpp"
#include "output/warnings_text.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

// Two warnings as a run gives them: one with seven practices (more than the five shown), one
// with none.
std::vector<RunWarning> sample_warnings() {
  return {{"practices.patients_per_gp",
           "7 practices have no GP headcount in the data",
           {"P1: not in the series", "P2: NA", "P3", "P4: NA", "P5: NA", "P6: NA", "P7: NA"}},
          {"funding.clinical_spend_share",
           "levelling up buys no capacity in this scenario (funding.clinical_spend_share = 0)",
           {}}};
}

std::string summary_of(const fs::path& file, SummaryFormat format, bool every_item) {
  std::ostringstream out;
  print_summary(file, out, format, every_item);
  return out.str();
}

// The text after the last option's tables: from "\nWarnings of the run" to the end.
std::string warnings_part(const std::string& text) {
  const auto at = text.find("\nWarnings of the run");
  if (at == std::string::npos) return {};
  return text.substr(at);
}

class SummaryWarnings : public ::testing::Test {
 protected:
  fs::path write(const std::vector<RunWarning>& warnings, const std::string& name) {
    RunResults results = sample_results();
    results.warnings = warnings;
    const fs::path path = dir_.path() / name;
    write_results(path, false, results, sample_provenance());
    return path;
  }
  TempDir dir_;
};

// Fact: after the tables, a heading with the number of warnings, then each warning once on
// one line with its number of items and the first five (cut at ':'), and the closing line
// that says where the rest are, since one was shortened.
TEST_F(SummaryWarnings, FollowTheTablesOneLineEachAsTheRunPrintedThem) {
  const std::string text = summary_of(write(sample_warnings(), "w.h5"), SummaryFormat::Text, false);
  EXPECT_LT(text.find("Option: invest"), text.find("Warnings of the run"));
  EXPECT_EQ(warnings_part(text),
            "\nWarnings of the run: 2\n"
            "warning: practices.patients_per_gp: 7 practices have no GP headcount in the data "
            "[7: P1; P2; P3; P4; P5 and 2 more]\n"
            "warning: funding.clinical_spend_share: levelling up buys no capacity in this "
            "scenario (funding.clinical_spend_share = 0)\n"
            "pcsim: --verbose lists every practice of each warning; the results file keeps "
            "them all (/warnings)\n");
  // The same lines as the run's standard error shows (one printer for both).
  std::ostringstream stderr_lines;
  print_warnings(sample_warnings(), stderr_lines, false);
  EXPECT_EQ(warnings_part(text), "\nWarnings of the run: 2\n" + stderr_lines.str());
}

// Fact: with every item, each item follows its warning whole, indented by four spaces, in
// the order stored; no closing line.
TEST_F(SummaryWarnings, EveryItemWhenAsked) {
  const std::string text = summary_of(write(sample_warnings(), "w.h5"), SummaryFormat::Text, true);
  EXPECT_EQ(warnings_part(text),
            "\nWarnings of the run: 2\n"
            "warning: practices.patients_per_gp: 7 practices have no GP headcount in the data\n"
            "    P1: not in the series\n    P2: NA\n    P3\n    P4: NA\n    P5: NA\n"
            "    P6: NA\n    P7: NA\n"
            "warning: funding.clinical_spend_share: levelling up buys no capacity in this "
            "scenario (funding.clinical_spend_share = 0)\n");
}

// Fact: a run without warnings says so in one line and prints no warning; the CSV tables
// never carry warnings.
TEST_F(SummaryWarnings, NoneSaidPlainlyAndNeverInTheCsv) {
  const fs::path none = write({}, "none.h5");
  const std::string text = summary_of(none, SummaryFormat::Text, false);
  EXPECT_EQ(warnings_part(text), "\nWarnings of the run: none\n");
  EXPECT_EQ(text.find("warning:"), std::string::npos);
  const fs::path some = write(sample_warnings(), "w.h5");
  EXPECT_EQ(summary_of(some, SummaryFormat::StatisticsCsv, false).find("warning"),
            std::string::npos);
}

// Fact: a name longer than 200 bytes inside a warning (an option's, here of 300 bytes, in
// its key, its message and an item) is shown as its first 200 bytes and "... (300 bytes in
// all)", on standard error and in the summary alike, as a diagnostic shows a long key (the
// message probe of 2026-12-07: a warning line of 70,000 characters); a name of exactly 200
// bytes is shown whole; the results file keeps the name whole.
TEST_F(SummaryWarnings, LongNamesAreShownCutAndStoredWhole) {
  const std::string long_name(300, 'n');
  const std::string cut = std::string(200, 'n') + "... (300 bytes in all)";
  const std::string fits(200, 'f');
  const std::vector<RunWarning> warnings = {
      {"options." + long_name + ".economics.discount_rate",
       "option '" + long_name + "' discounts at 4% a year, the baseline '" + fits + "' at 3.5%",
       {long_name + ": one", "P2"}}};
  std::ostringstream stderr_lines;
  print_warnings(warnings, stderr_lines, false, {fits, long_name});
  const std::string expected = "warning: options." + cut + ".economics.discount_rate: option '" +
                               cut + "' discounts at 4% a year, the baseline '" + fits +
                               "' at 3.5% [2: " + cut + "; P2]\n";
  EXPECT_EQ(stderr_lines.str(), expected);
  std::ostringstream every_item;
  print_warnings(warnings, every_item, true, {long_name});
  EXPECT_NE(every_item.str().find("\n    " + cut + ": one\n"), std::string::npos)
      << every_item.str();
  // Without the names, nothing is cut (the names are what print_warnings cuts).
  std::ostringstream whole;
  print_warnings(warnings, whole, false);
  EXPECT_NE(whole.str().find(long_name), std::string::npos);

  RunResults results = sample_results();
  results.options[1].name = long_name;
  results.warnings = warnings;
  const fs::path path = dir_.path() / "long.h5";
  write_results(path, false, results, sample_provenance());
  EXPECT_EQ(warnings_part(summary_of(path, SummaryFormat::Text, false)),
            "\nWarnings of the run: 1\n" + expected);
  h5::File file = h5::open_file_read_only(path);
  const auto stored = read_stored_warnings(file.get());
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->front().message, warnings.front().message);
}

// A bare HDF5 file holding only what the test gives it under /warnings.
class StoredWarnings : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.path() / "bare.h5";
    file_ = H5Fcreate(path_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(file_, 0);
  }
  void TearDown() override { H5Fclose(file_); }
  void store(const std::vector<std::string>& keys, const std::vector<std::string>& items,
             const std::vector<double>& owners) {
    h5::Group group = h5::create_group(file_, layout::kWarnings);
    h5::write_strings(group.get(), layout::kWarningKey, keys);
    h5::write_strings(group.get(), layout::kWarningMessage, keys);  // one message per key
    h5::write_strings(group.get(), layout::kWarningItem, items);
    h5::write_plain_doubles(group.get(), layout::kWarningItemOf, {owners.size()}, owners);
  }
  std::string refusal() {
    try {
      read_stored_warnings(file_);
    } catch (const OutputError& e) {
      return e.what();
    }
    return "no error";
  }
  TempDir dir_;
  fs::path path_;
  hid_t file_ = -1;
};

// Fact: a file without /warnings (written before pcsim stored them) has none to show, which
// is not the same as an empty list.
TEST_F(StoredWarnings, AbsentGroupIsNotAnEmptyList) {
  EXPECT_FALSE(read_stored_warnings(file_).has_value());
  store({}, {}, {});
  ASSERT_TRUE(read_stored_warnings(file_).has_value());
  EXPECT_TRUE(read_stored_warnings(file_)->empty());
}

// Fact: items stored in any order go back to their warning in stored order: a, b, c owned
// by warnings 1, 0, 1 give warning 0 {b} and warning 1 {a, c}.
TEST_F(StoredWarnings, ItemsGoBackToTheirWarning) {
  store({"k0", "k1"}, {"a", "b", "c"}, {1, 0, 1});
  const auto warnings = read_stored_warnings(file_);
  ASSERT_TRUE(warnings.has_value());
  ASSERT_EQ(warnings->size(), 2u);
  EXPECT_EQ((*warnings)[0].key, "k0");
  EXPECT_EQ((*warnings)[0].items, (std::vector<std::string>{"b"}));
  EXPECT_EQ((*warnings)[1].items, (std::vector<std::string>{"a", "c"}));
}

// Fact: an owner that names no warning (past the end, negative, fractional, NaN) and lists
// of different lengths are refused with a message naming /warnings.
TEST_F(StoredWarnings, InconsistentTablesAreRefused) {
  for (const double owner : {2.0, -1.0, 0.5, kNaN}) {
    H5Ldelete(file_, layout::kWarnings, H5P_DEFAULT);
    store({"k0", "k1"}, {"a"}, {owner});
    EXPECT_NE(refusal().find("/warnings: item 0 belongs to no warning"), std::string::npos)
        << owner;
  }
  H5Ldelete(file_, layout::kWarnings, H5P_DEFAULT);
  store({"k0"}, {"a", "b"}, {0});
  EXPECT_NE(refusal().find("/warnings: key, message, item and item_warning do not match"),
            std::string::npos);
}

}  // namespace
}  // namespace pcsim::output

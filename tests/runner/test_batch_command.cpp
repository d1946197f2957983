// Which scenarios a batch runs and where their results go (runner/batch_command.hpp).
#include <gtest/gtest.h>

#include <fstream>

#include "core/errors.hpp"
#include "runner/batch_command.hpp"

namespace pcsim::runner {
namespace {

namespace fs = std::filesystem;

class BatchFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("pcsim-batch-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "folder" / "sub");
    fs::create_directories(root_ / "empty");
    for (const char* name : {"folder/b.toml", "folder/a.toml", "folder/notes.txt",
                             "folder/sub/c.toml", "other.toml"}) {
      std::ofstream(root_ / name) << "# a scenario\n";
    }
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

// A folder gives its own *.toml files in name order (not other files, not subfolders);
// files come as given, in command-line order.
TEST_F(BatchFiles, FolderFilesInNameOrderThenFilesAsGiven) {
  const auto scenarios = batch_scenarios({root_ / "folder", root_ / "other.toml"});
  const std::vector<fs::path> expected = {root_ / "folder/a.toml", root_ / "folder/b.toml",
                                          root_ / "other.toml"};
  EXPECT_EQ(scenarios, expected);
  EXPECT_TRUE(is_batch({root_ / "folder"}));
  EXPECT_TRUE(is_batch({root_ / "other.toml", root_ / "folder/a.toml"}));
  EXPECT_FALSE(is_batch({root_ / "other.toml"}));
}

// Every missing input and every folder without a scenario is named, in one error.
TEST_F(BatchFiles, MissingInputsAndEmptyFoldersAreAllNamed) {
  try {
    batch_scenarios({root_ / "nothing.toml", root_ / "empty", root_ / "other.toml"});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].file, (root_ / "nothing.toml").string());
    EXPECT_EQ(e.diagnostics()[0].found, "no such file or folder");
    EXPECT_EQ(e.diagnostics()[1].file, (root_ / "empty").string());
    EXPECT_EQ(e.diagnostics()[1].found, "a folder without a .toml file");
  }
}

// A *.toml that is a link to nothing is named, wherever it falls in the folder's listing
// (the input audit B: one error code served the listing and every entry, so a link before
// a regular file was skipped silently, and one after it was blamed on the folder).
TEST_F(BatchFiles, ALinkToNothingIsNamedWhereverItIsListed) {
  for (const char* link : {"0.toml", "ab.toml", "z.toml"}) {
    fs::create_symlink("missing.toml", root_ / "folder" / link);
    try {
      batch_scenarios({root_ / "folder"});
      ADD_FAILURE() << link << ": expected InputError";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().size(), 1u) << link;
      EXPECT_EQ(e.diagnostics()[0].file, (root_ / "folder" / link).string());
      EXPECT_EQ(e.diagnostics()[0].found, "a link to nothing ('missing.toml' does not exist)");
    }
    fs::remove(root_ / "folder" / link);
  }
  // A link to a scenario is a scenario.
  fs::create_symlink("a.toml", root_ / "folder" / "linked.toml");
  const std::vector<fs::path> expected = {root_ / "folder/a.toml", root_ / "folder/b.toml",
                                          root_ / "folder/linked.toml"};
  EXPECT_EQ(batch_scenarios({root_ / "folder"}), expected);
}

// FOLDER/<stem>.h5 per scenario; two scenarios with one stem are refused, naming both.
TEST_F(BatchFiles, ResultsFilesByStemAndClashesRefused) {
  const auto outputs = batch_outputs({root_ / "folder/a.toml", root_ / "other.toml"}, "out");
  const std::vector<fs::path> expected = {"out/a.h5", "out/other.h5"};
  EXPECT_EQ(outputs, expected);
  EXPECT_EQ(batch_index_path("out"), fs::path("out/index.csv"));
  try {
    batch_outputs({root_ / "folder/a.toml", root_ / "folder/sub/a.toml"}, "out");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].file, (root_ / "folder/sub/a.toml").string());
    EXPECT_NE(e.diagnostics()[0].found.find("out/a.h5"), std::string::npos);
    EXPECT_NE(e.diagnostics()[0].found.find((root_ / "folder/a.toml").string()), std::string::npos);
  }
}

}  // namespace
}  // namespace pcsim::runner

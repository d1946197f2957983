// The files a scenario names are checked before they are read (scenarios/input_files.hpp):
// a FIFO or a device as the scenario is refused at once (it would block for ever, or be
// read until memory runs out), and so are a directory, a file over the stated size and a
// missing file; a practice file must be a regular file below its limit with no NUL in
// its name.
#include "scenarios/input_files.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "scenario_test_support.hpp"

namespace pcsim::scenarios {
namespace {

using namespace testing;
namespace fs = std::filesystem;

struct Folder {
  Folder() : path(fs::temp_directory_path() / ("pcsim-inputs-" + std::to_string(::getpid()))) {
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  fs::path path;
};

Diagnostic refusal_of_scenario(const fs::path& file) {
  try {
    read_scenario_file(file);
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 1u);
    if (!e.diagnostics().empty()) return e.diagnostics().front();
  }
  ADD_FAILURE() << "read " << file;
  return {};
}

// Fact: a FIFO with no writer and /dev/zero are refused in well under a second, saying
// what they are.
TEST(InputFiles, FifoAndDeviceAreRefusedAtOnce) {
  Folder folder;
  const fs::path fifo = folder.path / "scenario.toml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(contains(refusal_of_scenario(fifo).found, "a FIFO"));
  EXPECT_TRUE(contains(refusal_of_scenario("/dev/zero").found, "a character device"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

// Fact: a directory, a missing file and a file one byte over 16 MiB are refused, each
// naming the file and the limit; a file of exactly the limit is read whole.
TEST(InputFiles, DirectoriesMissingAndOversizedScenarios) {
  Folder folder;
  EXPECT_TRUE(contains(refusal_of_scenario(folder.path).found, "a directory"));
  const Diagnostic missing = refusal_of_scenario(folder.path / "absent.toml");
  EXPECT_TRUE(contains(missing.found, "No such file or directory")) << missing.format();
  EXPECT_TRUE(contains(missing.expected, "at most 16 MiB")) << missing.format();
  const fs::path big = folder.path / "big.toml";
  std::ofstream(big) << "format = 1\n";
  fs::resize_file(big, kMaxScenarioBytes + 1);
  const Diagnostic oversized = refusal_of_scenario(big);
  EXPECT_EQ(oversized.file, big.string());
  EXPECT_TRUE(contains(oversized.found, "16777217 bytes")) << oversized.format();
  fs::resize_file(big, kMaxScenarioBytes);
  EXPECT_EQ(read_scenario_file(big).size(), kMaxScenarioBytes);
}

// Fact: a practice file that is a directory, too large, or named with a NUL (from a
// "\u0000" escape, which would cut the name short) is refused at the scenario's line,
// naming the key.
TEST(InputFiles, PracticeFilesAreChecked) {
  Folder folder;
  const fs::path csv = folder.path / "payments.csv";
  std::ofstream(csv) << "a,b\n";
  EXPECT_NO_THROW(check_practice_file(csv, "s.toml", 7, "practices.payments_csv"));
  const auto refused = [](const fs::path& path) {
    try {
      check_practice_file(path, "s.toml", 7, "practices.payments_csv");
    } catch (const InputError& e) {
      return e.diagnostics().front();
    }
    ADD_FAILURE() << "accepted " << path;
    return Diagnostic{};
  };
  const Diagnostic directory = refused(folder.path);
  EXPECT_EQ(directory.file, "s.toml");
  EXPECT_EQ(directory.line, 7);
  EXPECT_EQ(directory.key, "practices.payments_csv");
  // Told what it is, as [practices] validation words it (the audit: "no such file").
  EXPECT_EQ(directory.found,
            "'" + folder.path.string() + "', which is a directory, not a regular file");
  fs::resize_file(csv, kMaxPracticeFileBytes + 1);  // sparse: no disk used
  EXPECT_TRUE(contains(refused(csv).found, "a file of 536870913 bytes"));
  const std::string with_nul = (folder.path / "pay").string() + std::string(1, '\0') + ".csv";
  EXPECT_TRUE(contains(refused(fs::path(with_nul)).found, "NUL"));
}

}  // namespace
}  // namespace pcsim::scenarios

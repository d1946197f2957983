// Write failures are errors, never crashes (issue 15): a failure injected at each stage of
// writing a results file (output/hdf5_write_guard.hpp's test seam) - creating it, a
// per-practice batch, the rest of the contents, the final flush, the sync, the rename -
// and a disk that fills at any byte, give one OutputError naming the file and the
// system's reason; the temporary is removed, an existing results file is left as it was,
// and HDF5 holds no identifier afterwards (so its exit handler has nothing to crash on).
#include <hdf5.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "core/errors.hpp"
#include "output/atomic_h5_write.hpp"
#include "output/hdf5_attributes.hpp"
#include "output/hdf5_write_guard.hpp"
#include "output/results_file.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using namespace testing;
namespace fs = std::filesystem;

// Large enough that one chunk holds one iteration (over 512 KiB a row), so chunks are
// evicted and written while the batches come, not only when the file is closed; the
// stage-by-stage test needs no more than a few practices.
constexpr std::size_t kManyPractices = 22000;
constexpr std::size_t kFewPractices = 10;
const std::vector<std::string> kFigures = {"closed", "appointments_gap", "funding_per_weighted"};

ssize_t open_objects() { return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); }

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Clears the injected fault however the test ends.
struct FaultScope {
  explicit FaultScope(const h5::WriteFault& fault) { h5::set_write_fault(fault); }
  ~FaultScope() { h5::set_write_fault({}); }
};

// Iteration i of one figure: values that do not compress away (a cheap hash).
std::vector<double> figure_rows(std::size_t k, int first, int count, std::size_t practices) {
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(count) * practices * kYears);
  for (int i = first; i < first + count; ++i) {
    for (std::size_t p = 0; p < practices; ++p) {
      for (int y = 0; y < kYears; ++y) {
        const std::uint64_t h = (i * 7919 + p * 104729 + y * 31 + k) * 0x9E3779B97F4A7C15ULL;
        values.push_back(static_cast<double>(h >> 40) / 1024.0);
      }
    }
  }
  return values;
}

// The whole sequence of `pcsim run --per-practice --force`: open, declare, one batch per
// iteration for each option, finish.
void write_run(const fs::path& out, std::size_t practices) {
  const RunResults results = sample_results();
  // [iteration][figure]: made once per size, reused by every write.
  static std::map<std::size_t, std::vector<std::vector<std::vector<double>>>> made;
  auto& rows = made[practices];
  if (rows.empty()) {
    for (int i = 0; i < kIterations; ++i) {
      rows.emplace_back();
      for (std::size_t k = 0; k < kFigures.size(); ++k)
        rows.back().push_back(figure_rows(k, i, 1, practices));
    }
  }
  ResultsFile file = ResultsFile::open_temporary(out, true);
  PracticeLayout layout;
  for (const auto& option : results.options) layout.option_names.push_back(option.name);
  layout.trace_names = kFigures;
  layout.trace_units = {"0/1", "appointments", "GBP per weighted patient"};
  for (std::size_t p = 0; p < practices; ++p)
    layout.practice_codes.push_back(std::string("P").append(std::to_string(p)));
  layout.years = kYears;
  file.start_practices(layout);
  for (int i = 0; i < kIterations; ++i) {
    for (std::size_t o = 0; o < results.options.size(); ++o) {
      file.append_practice_batch({o, i, 1, rows[static_cast<std::size_t>(i)]});
    }
  }
  file.finish(results, sample_provenance());
}

// Runs write_run expecting an OutputError; returns its message.
std::string failure_of(const fs::path& out, std::size_t practices) {
  try {
    write_run(out, practices);
  } catch (const OutputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "the write succeeded";
  return {};
}

// What every failure must leave: the message names OUT and the reason, the folder holds
// only the earlier results file, unchanged, and HDF5 holds nothing open.
void expect_clean_failure(const std::string& message, const fs::path& out, int error,
                          ssize_t objects_before) {
  EXPECT_NE(message.find("cannot write '" + out.string() + "'"), std::string::npos) << message;
  EXPECT_NE(message.find(std::strerror(error)), std::string::npos) << message;
  EXPECT_NE(message.find("is unchanged"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(entries_of(out.parent_path()), std::vector<std::string>{out.filename().string()});
  EXPECT_EQ(read_text(out), "earlier results\n");
  EXPECT_EQ(open_objects(), objects_before);
}

// Fact: a failure at each stage, with each errno a full disk, a quota, a failing device or
// a file-size limit gives, leaves only the earlier file, unchanged, and no open HDF5 id.
TEST(WriteFailures, EveryStageFailsCleanly) {
  const h5::WriteStage stages[] = {h5::WriteStage::create,   h5::WriteStage::practice_batch,
                                   h5::WriteStage::contents, h5::WriteStage::flush,
                                   h5::WriteStage::sync,     h5::WriteStage::rename};
  const int errors[] = {ENOSPC, EDQUOT, EIO, EFBIG};
  for (const h5::WriteStage stage : stages) {
    for (const int error : errors) {
      SCOPED_TRACE("stage " + std::to_string(static_cast<int>(stage)) + ", " +
                   std::strerror(error));
      TempDir dir;
      const fs::path out = dir.path() / "out.h5";
      std::ofstream(out) << "earlier results\n";
      const ssize_t before = open_objects();
      const FaultScope fault(h5::WriteFault{stage, error});
      expect_clean_failure(failure_of(out, kFewPractices), out, error, before);
    }
  }
}

// Fact: a disk that fills at any point of the write - cut at eight places from the first
// byte to the last - gives the same clean failure ("No space left on device"), and a disk
// with room to spare takes the whole file. (HDF5 may write past the final end of the file
// and then shorten it, so the room given is twice the file.)
TEST(WriteFailures, DiskFullAtAnyByte) {
  TempDir dir;
  const fs::path probe = dir.path() / "probe.h5";
  write_run(probe, kManyPractices);
  const auto size = static_cast<std::uint64_t>(fs::file_size(probe));
  fs::remove(probe);
  ASSERT_GT(size, 2u << 20);  // several chunks: failures fall within batches too

  const fs::path out = dir.path() / "out.h5";
  constexpr int kCuts = 8;
  for (int k = 0; k < kCuts; ++k) {
    const std::uint64_t budget = size * static_cast<std::uint64_t>(k) / kCuts;
    SCOPED_TRACE("disk of " + std::to_string(budget) + " bytes");
    std::ofstream(out) << "earlier results\n";
    const ssize_t before = open_objects();
    const FaultScope fault(h5::WriteFault{std::nullopt, ENOSPC, budget});
    expect_clean_failure(failure_of(out, kManyPractices), out, ENOSPC, before);
  }
  const FaultScope fault(h5::WriteFault{std::nullopt, ENOSPC, 2 * size});
  write_run(out, kManyPractices);
  EXPECT_EQ(fs::file_size(out), size);
  EXPECT_EQ(entries_of(dir.path()), std::vector<std::string>{"out.h5"});
}

// Fact: write_h5_atomically (the sensitivity file's writer) fails as cleanly; with no
// earlier file the message says nothing was written.
TEST(WriteFailures, AtomicWriterFailsCleanly) {
  TempDir dir;
  const fs::path out = dir.path() / "sensitivity.h5";
  const ssize_t before = open_objects();
  const FaultScope fault(h5::WriteFault{h5::WriteStage::flush, EIO});
  try {
    write_h5_atomically(out, false, [](hid_t root) { h5::write_int64_attribute(root, "x", 1); });
    ADD_FAILURE() << "the write succeeded";
  } catch (const OutputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(std::strerror(EIO)), std::string::npos) << message;
    EXPECT_NE(message.find("nothing was written"), std::string::npos) << message;
  }
  EXPECT_TRUE(entries_of(dir.path()).empty());
  EXPECT_EQ(open_objects(), before);
}

// Fact: a folder that cannot be written (here: one that is not there) is a one-line error
// naming the file and the system's reason, before any HDF5 call.
TEST(WriteFailures, UnwritableFolderNamesTheReason) {
  TempDir dir;
  const fs::path out = dir.path() / "gone" / "out.h5";
  try {
    ResultsFile::open_temporary(out, false);
    ADD_FAILURE() << "the file was created";
  } catch (const OutputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(out.string()), std::string::npos) << message;
    EXPECT_NE(message.find(std::strerror(ENOENT)), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace pcsim::output

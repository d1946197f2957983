// The outputs of report and export (output/atomic_file_write.hpp): every target checked
// before anything is written, all written to temporaries and renamed together, nothing of
// a failed command left behind; and a text cell of a workbook cut at a character's start
// (output/xlsx_book.hpp). The input audit B found a workbook written before a CSV table was
// refused, and a cell cut inside a UTF-8 character (a corrupt workbook).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <string>

#include "core/errors.hpp"
#include "output/atomic_file_write.hpp"
#include "output/xlsx_book.hpp"
#include "tests/output/sample_results.hpp"

namespace pcsim::output {
namespace {

std::string contents_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// True when `text` is well-formed UTF-8 (no character cut, no stray continuation byte).
bool valid_utf8(const std::string& text) {
  std::size_t k = 0;
  while (k < text.size()) {
    const auto c = static_cast<unsigned char>(text[k]);
    const std::size_t length = c < 0x80         ? 1
                               : (c >> 5) == 6  ? 2
                               : (c >> 4) == 14 ? 3
                               : (c >> 3) == 30 ? 4
                                                : 0;
    if (length == 0 || k + length > text.size()) return false;
    for (std::size_t j = 1; j < length; ++j) {
      if ((static_cast<unsigned char>(text[k + j]) & 0xC0) != 0x80) return false;
    }
    k += length;
  }
  return true;
}

TEST(StagedOutputs, NothingIsInPlaceUntilEveryFileIsWritten) {
  testing::TempDir dir;
  const auto a = dir.path() / "new" / "a.csv";
  const auto b = dir.path() / "new" / "b.csv";
  {
    StagedOutputs outputs(false);
    outputs.check(a, kTableNoun);
    outputs.check(b, kTableNoun);
    outputs.add(a);
    outputs.write_text(a, "first\n");
    outputs.add(b);
    EXPECT_FALSE(std::filesystem::exists(a));  // only its temporary so far
    outputs.write_stream(b, [](std::ostream& out) { out << "second\n"; });
    outputs.commit();
  }
  EXPECT_EQ(contents_of(a), "first\n");
  EXPECT_EQ(contents_of(b), "second\n");
  EXPECT_EQ(testing::entries_of(dir.path() / "new"), (std::vector<std::string>{"a.csv", "b.csv"}));
}

TEST(StagedOutputs, AFailedCommandLeavesNothingOfItsOwn) {
  testing::TempDir dir;
  const auto folder = dir.path() / "made" / "deeper";
  const auto a = folder / "a.csv";
  const auto b = folder / "b.csv";
  try {
    StagedOutputs outputs(false);
    outputs.add(a);
    outputs.write_text(a, "first\n");
    outputs.add(b);
    outputs.write_stream(b, [](std::ostream&) { throw OutputError("the reader failed"); });
    ADD_FAILURE() << "the failure did not propagate";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()), "the reader failed");
  }
  // The temporaries and the folders it created are gone; the folder it found stays.
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "made"));
  EXPECT_TRUE(testing::entries_of(dir.path()).empty());
}

TEST(StagedOutputs, ExistingFilesAndFoldersAreNotTouchedOnFailure) {
  testing::TempDir dir;
  const auto a = dir.path() / "a.csv";
  std::ofstream(a) << "earlier\n";
  {
    StagedOutputs outputs(true);
    outputs.check(a, kTableNoun);
    outputs.add(a);
    outputs.write_text(a, "newer\n");
    // No commit: as when a later output fails.
  }
  EXPECT_EQ(contents_of(a), "earlier\n");
  EXPECT_EQ(testing::entries_of(dir.path()), (std::vector<std::string>{"a.csv"}));
}

// A commit that fails at its second file, after the first replaced an existing file
// (--force): the first file is put back as it was, not removed (the review: report --force
// --pdf lost the earlier HTML when the PDF's rename failed); the command's files are gone.
TEST(StagedOutputs, AFailedCommitPutsBackTheFilesItReplaced) {
  testing::TempDir dir;
  const auto a = dir.path() / "a.html";
  const auto b = dir.path() / "b.pdf";
  std::ofstream(a) << "earlier\n";
  try {
    StagedOutputs outputs(true);
    outputs.check(a, kReportNoun);
    outputs.check(b, kPdfNoun);
    outputs.add(a);
    outputs.write_text(a, "newer\n");
    outputs.add(b);
    outputs.write_text(b, "pdf\n");
    // Between the checks and the commit a folder, not empty, takes b's name: its rename
    // fails (for root too), after a's.
    std::filesystem::create_directories(b / "inside");
    outputs.commit();
    ADD_FAILURE() << "the commit did not fail";
  } catch (const OutputError&) {
  }
  EXPECT_EQ(contents_of(a), "earlier\n");
  EXPECT_EQ(testing::entries_of(dir.path()), (std::vector<std::string>{"a.html", "b.pdf"}));
  EXPECT_TRUE(std::filesystem::is_directory(b));
  // A commit that succeeds leaves no second name of what it replaced.
  std::filesystem::remove_all(b);
  StagedOutputs outputs(true);
  outputs.add(a);
  outputs.write_text(a, "newer\n");
  outputs.commit();
  EXPECT_EQ(contents_of(a), "newer\n");
  EXPECT_EQ(testing::entries_of(dir.path()), (std::vector<std::string>{"a.html"}));
}

TEST(StagedOutputs, TargetsAreCheckedAsRunChecksItsOutput) {
  testing::TempDir dir;
  const auto existing = dir.path() / "a.csv";
  std::ofstream(existing) << "earlier\n";
  const auto message = [](const std::function<void()>& f) {
    try {
      f();
    } catch (const OutputError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  StagedOutputs keep(false);
  EXPECT_NE(message([&] { keep.check(existing, kTableNoun); }).find("exists; use --force"),
            std::string::npos);
  StagedOutputs force(true);
  EXPECT_NO_THROW(force.check(existing, kTableNoun));
  EXPECT_NE(message([&] { force.check(dir.path(), kWorkbookNoun); }).find("is a directory"),
            std::string::npos);
  const auto fifo = dir.path() / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(message([&] { force.check(fifo, kReportNoun); }).find("is a FIFO"), std::string::npos);
  EXPECT_NE(message([&] {
              force.check(dir.path() / "new/", kReportNoun);
            }).find("names a folder, not a report file"),
            std::string::npos);
  EXPECT_NE(message([&] { check_output_folder(existing); }).find("is a regular file, not a folder"),
            std::string::npos);
  EXPECT_NO_THROW(check_output_folder(dir.path()));
  EXPECT_NO_THROW(check_output_folder(dir.path() / "missing"));
}

TEST(StagedOutputs, AWriteFailureNamesTheFinalFileAndTheReason) {
  testing::TempDir dir;
  const auto a = dir.path() / "a.csv";
  StagedOutputs outputs(false);
  outputs.add(a);
  const std::string message = outputs.write_failure(a, "No space left on device").what();
  EXPECT_EQ(message.rfind("cannot write '" + a.string() + "': No space left on device (", 0), 0u)
      << message;
  EXPECT_NE(message.find("nothing was written"), std::string::npos) << message;
}

// Fact: an output whose temporary name (OUT.<pid>.<hex>.tmp) would pass the file system's
// 255-byte limit is refused up front, for run, validate, report and export alike (the input
// audit B, repro_13: validate -o passed a 248-byte name that run refused when it opened the
// file); a name 21 bytes under the limit is fine.
TEST(StagedOutputs, ANameTooLongForItsTemporaryIsRefused) {
  testing::TempDir dir;
  const auto long_name = dir.path() / (std::string(245, 'n') + ".h5");
  try {
    check_output_path(long_name, true);
    ADD_FAILURE() << "accepted";
  } catch (const OutputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("is a file name of 248 bytes: pcsim writes results first to"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("the file system takes names of at most 255 bytes; give a name of at "
                           "most 234 bytes"),
              std::string::npos)
        << message;
  }
  EXPECT_NO_THROW(check_output_path(dir.path() / (std::string(231, 'n') + ".h5"), true));
  EXPECT_THROW(check_output_path(dir.path() / (std::string(232, 'n') + ".h5"), true, kReportNoun),
               OutputError);
}

// Excel holds 32,767 characters in a cell: a longer text is cut at a character's start
// with a visible note, never inside a character (the audit: '£' cut at byte 32,767).
TEST(XlsxCellText, LongTextsAreCutAtACharacterWithANote) {
  EXPECT_EQ(cell_text("short £ text"), "short £ text");
  const std::string fits(kMaxCellBytes, 'x');
  EXPECT_EQ(cell_text(fits), fits);
  for (std::size_t pad = 32700; pad < 32770; ++pad) {
    std::string text(pad, 'x');
    for (int k = 0; k < 40; ++k) text += "\xC2\xA3";  // '£', two bytes
    const std::string shown = cell_text(text);
    if (text.size() <= kMaxCellBytes) {
      EXPECT_EQ(shown, text);
      continue;
    }
    const std::string note = " [... cut: " + std::to_string(text.size()) + " bytes in all]";
    ASSERT_LE(shown.size(), kMaxCellBytes) << pad;
    ASSERT_GE(shown.size(), note.size());
    EXPECT_EQ(shown.substr(shown.size() - note.size()), note) << pad;
    const std::string kept = shown.substr(0, shown.size() - note.size());
    EXPECT_EQ(text.compare(0, kept.size(), kept), 0) << pad;  // the text's own start
    EXPECT_TRUE(valid_utf8(shown)) << pad;
    EXPECT_GE(kept.size() + 1 + note.size(), kMaxCellBytes) << pad;  // at most a character lost
  }
}

}  // namespace
}  // namespace pcsim::output

// The RAII handles: identifiers are closed at end of scope and on moves, cannot be copied,
// and HDF5 failures become OutputError with HDF5's error stack, printing nothing.
#include "output/hdf5_handles.hpp"
#include "output/hdf5_write_guard.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <type_traits>

#include "core/errors.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
namespace {

using testing::TempDir;

static_assert(!std::is_copy_constructible_v<h5::File>);
static_assert(!std::is_copy_assignable_v<h5::Dataset>);
static_assert(std::is_nothrow_move_constructible_v<h5::Group>);
static_assert(std::is_nothrow_move_assignable_v<h5::Attribute>);

// Open HDF5 objects of every kind in every file of this process.
ssize_t open_objects() { return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); }

// Fact: after the handles go out of scope nothing of the file is left open, so HDF5
// opens it afresh read-only and the file system can remove it.
TEST(Hdf5Handles, CloseAtEndOfScope) {
  TempDir dir;
  const auto path = dir.path() / "scoped.h5";
  const ssize_t before = open_objects();
  {
    h5::GuardedFile file = h5::GuardedFile::create(path);
    h5::Group group = h5::create_group(file.get(), "g");
    h5::Dataspace space = h5::create_dataspace({3});
    h5::Datatype type = h5::utf8_string_type();
    EXPECT_GT(open_objects(), before);
  }
  EXPECT_EQ(open_objects(), before);
  {
    h5::File again = h5::open_file_read_only(path);
    EXPECT_TRUE(h5::has_link(again.get(), "g"));
  }
  EXPECT_EQ(open_objects(), before);
  EXPECT_TRUE(std::filesystem::remove(path));
}

// Fact: moving transfers the identifier (the source becomes empty and closes nothing);
// move-assigning over a handle closes the identifier it held.
TEST(Hdf5Handles, MovesTransferOwnership) {
  h5::Dataspace first = h5::create_dataspace({2});
  const hid_t first_id = first.get();
  h5::Dataspace moved(std::move(first));
  EXPECT_FALSE(first.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(moved.get(), first_id);
  EXPECT_GT(H5Iis_valid(first_id), 0);

  h5::Dataspace second = h5::create_dataspace({4});
  const hid_t second_id = second.get();
  moved = std::move(second);
  EXPECT_LE(H5Iis_valid(first_id), 0);  // the overwritten identifier was closed
  EXPECT_EQ(moved.get(), second_id);
  EXPECT_GT(H5Iis_valid(second_id), 0);
}

// Fact: an explicit close closes at once, leaves the handle empty, and a second close is
// harmless.
TEST(Hdf5Handles, ExplicitCloseEmptiesTheHandle) {
  h5::Dataspace space = h5::create_dataspace({});
  const hid_t id = space.get();
  space.close("closing");
  EXPECT_FALSE(space.valid());
  EXPECT_LE(H5Iis_valid(id), 0);
  EXPECT_NO_THROW(space.close("closing again"));
}

// Fact: a failing HDF5 call throws a one-line OutputError naming what was attempted and
// the reason HDF5 gave where the failure started, and prints nothing itself; with the
// error stack switched on (pcsim --debug) the message also quotes HDF5's error stack,
// which names the failing API function.
TEST(Hdf5Handles, FailureThrowsOneLineAndPrintsNothing) {
  TempDir dir;
  h5::GuardedFile file = h5::GuardedFile::create(dir.path() / "errors.h5");
  ::testing::internal::CaptureStderr();
  try {
    h5::open_group(file.get(), "missing");
    ADD_FAILURE() << "expected OutputError";
  } catch (const OutputError& error) {
    const std::string text = error.what();
    EXPECT_NE(text.find("cannot open group 'missing'"), std::string::npos) << text;
    EXPECT_NE(text.find("doesn't exist"), std::string::npos) << text;
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  }
  h5::set_error_stack_in_messages(true);
  try {
    h5::open_group(file.get(), "missing");
    ADD_FAILURE() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_NE(std::string(error.what()).find("H5Gopen2"), std::string::npos) << error.what();
  }
  h5::set_error_stack_in_messages(false);
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
}

// Fact: creating a file in a directory that does not exist fails with OutputError.
TEST(Hdf5Handles, CreateInMissingDirectoryThrows) {
  TempDir dir;
  EXPECT_THROW(h5::GuardedFile::create(dir.path() / "no" / "such" / "dir.h5"), OutputError);
}

// Fact: opening a missing file or a file that is not HDF5 gives a message saying which.
TEST(Hdf5Handles, OpeningWhatIsNotHdf5SaysSo) {
  TempDir dir;
  try {
    h5::open_file_read_only(dir.path() / "absent.h5");
    ADD_FAILURE() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_NE(std::string(error.what()).find("no such file"), std::string::npos);
  }
  const auto text_file = dir.path() / "notes.h5";
  std::ofstream(text_file) << "not hdf5\n";
  try {
    h5::open_file_read_only(text_file);
    ADD_FAILURE() << "expected OutputError";
  } catch (const OutputError& error) {
    EXPECT_NE(std::string(error.what()).find("is not an HDF5 file"), std::string::npos);
  }
}

// Fact: has_attribute and has_link answer false for absent names without throwing.
TEST(Hdf5Handles, LookupsOfAbsentNamesAnswerFalse) {
  TempDir dir;
  h5::GuardedFile file = h5::GuardedFile::create(dir.path() / "lookups.h5");
  EXPECT_FALSE(h5::has_attribute(file.get(), "nothing"));
  EXPECT_FALSE(h5::has_link(file.get(), "nothing"));
}

}  // namespace
}  // namespace pcsim::output

#pragma once
// Move-only owners of HDF5 identifiers. Every identifier this project opens is held by one
// of these, so it is closed on every path, including when an exception unwinds the stack.
// Failures become pcsim::OutputError carrying HDF5's own error stack as text; HDF5's
// habit of printing that stack to stderr by itself is switched off.
#include <hdf5.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "output/hdf5_messages.hpp"

namespace pcsim::output::h5 {

// Switches off HDF5's automatic error printing for the calling thread (the library is
// built thread-safe, so the setting is per thread). Every helper below calls it; calling
// it again is cheap.
void silence_automatic_error_printing();

// The current thread's HDF5 error stack as text, innermost call first, one frame a line;
// clears the stack. Empty when HDF5 recorded nothing.
std::string take_error_stack();

// A file whose stored bytes do not match their checksums (HDF5's Fletcher-32 filter on
// datasets, the metadata checksums of the 1.10 format): damaged after it was written.
class DamagedFileError : public OutputError {
 public:
  using OutputError::OutputError;
};

// Throws OutputError("<what> (<HDF5's reason>)"), with the stack under --debug; a
// DamagedFileError when HDF5 failed on a checksum.
[[noreturn]] void throw_error(const std::string& what);

// Returns `id`, or throws OutputError naming `what` when HDF5 signalled failure (< 0).
hid_t check_id(hid_t id, const std::string& what);
// Throws OutputError naming `what` when an HDF5 call returned a negative status.
void check_status(herr_t status, const std::string& what);
// Returns true/false for a tri-state HDF5 answer, or throws on failure (< 0).
bool check_bool(htri_t answer, const std::string& what);

// Owns one identifier and closes it with `Close`. Move-only: a copy would close twice.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  // Takes ownership of `id`; throws OutputError naming `what` if `id` signals failure.
  Handle(hid_t id, const std::string& what) : id_(check_id(id, what)) {}
  ~Handle() { reset(); }

  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  // Closes now and reports a failure (a destructor cannot). Used where the close is the
  // moment data reaches the disk, e.g. the file.
  void close(const std::string& what) {
    if (!valid()) return;
    const herr_t status = Close(std::exchange(id_, H5I_INVALID_HID));
    check_status(status, what);
  }

 private:
  // Destructor path: errors cannot be reported here, and must not be printed either.
  void reset() noexcept {
    if (valid()) {
      Close(std::exchange(id_, H5I_INVALID_HID));
      H5Eclear2(H5E_DEFAULT);
    }
  }

  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

// --- Opening and creating, each returning an owning handle or throwing OutputError. ---

// Opens an existing HDF5 file read-only. Throws a one-line OutputError saying what is
// wrong when the file is missing, is not a regular file (a directory, a device), is empty,
// is not an HDF5 file, is truncated (shorter than its superblock says: an interrupted copy
// or download) or cannot be opened (damaged).
File open_file_read_only(const std::filesystem::path& path);

Group create_group(hid_t parent, const std::string& name);
Group open_group(hid_t parent, const std::string& name);
Dataset open_dataset(hid_t parent, const std::string& name);
Attribute open_attribute(hid_t object, const std::string& name);

// A simple dataspace of the given dimensions; an empty list gives a scalar dataspace.
Dataspace create_dataspace(const std::vector<hsize_t>& dims);
// A variable-length UTF-8 string type (h5py reads it as str).
Datatype utf8_string_type();

bool has_attribute(hid_t object, const std::string& name);
bool has_link(hid_t group, const std::string& name);
// The names of a group's links, in name order.
std::vector<std::string> link_names(hid_t group);
// The names of an object's attributes, in name order.
std::vector<std::string> attribute_names(hid_t object);

}  // namespace pcsim::output::h5

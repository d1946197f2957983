#include "output/hdf5_handles.hpp"

#include <array>
#include <string_view>

#include "core/errors.hpp"

namespace pcsim::output::h5 {

void silence_automatic_error_printing() {
  // Per thread in a thread-safe HDF5 build, so remember per thread.
  thread_local bool silenced = false;
  if (!silenced) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    silenced = true;
  }
}

namespace {

std::string message_text(hid_t message_id) {
  std::array<char, 256> buffer{};
  H5E_type_t type{};
  if (H5Eget_msg(message_id, &type, buffer.data(), buffer.size()) <= 0) return {};
  return buffer.data();
}

// H5Ewalk2 callback: one line per frame, "function(): description (minor message)".
herr_t append_frame(unsigned, const H5E_error2_t* frame, void* client) {
  auto& text = *static_cast<std::string*>(client);
  if (!text.empty()) text += '\n';
  text += "  ";
  if (frame->func_name != nullptr) text += std::string(frame->func_name) + "(): ";
  if (frame->desc != nullptr) text += frame->desc;
  const std::string minor = message_text(frame->min_num);
  if (!minor.empty()) text += " (" + minor + ")";
  return 0;
}

// H5Ewalk2 callback keeping the innermost frame's description (where the failure
// started), cut to its first line: "file signature not found", "truncated file: ...".
herr_t keep_innermost(unsigned position, const H5E_error2_t* frame, void* client) {
  auto& text = *static_cast<std::string*>(client);
  if (position != 0) return 0;
  if (frame->desc != nullptr) text = frame->desc;
  if (text.empty()) text = message_text(frame->min_num);
  text = text.substr(0, text.find('\n'));
  return 0;
}

// H5Ewalk2 callback: true when any frame speaks of a checksum (Fletcher-32 on data,
// metadata checksums), the sign of bytes changed after they were written.
herr_t find_checksum(unsigned, const H5E_error2_t* frame, void* client) {
  auto& found = *static_cast<bool*>(client);
  if (frame->desc != nullptr &&
      std::string_view(frame->desc).find("checksum") != std::string_view::npos) {
    found = true;
  }
  return 0;
}

bool g_stack_in_messages = false;

}  // namespace

std::string take_error_stack() {
  std::string text;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, append_frame, &text);
  H5Eclear2(H5E_DEFAULT);
  return text;
}

void set_error_stack_in_messages(bool on) { g_stack_in_messages = on; }

void throw_error(const std::string& what) {
  std::string reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &reason);
  bool checksum = false;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, find_checksum, &checksum);
  const std::string stack = take_error_stack();
  std::string message = what;
  if (!reason.empty()) message += " (" + reason + ")";
  if (g_stack_in_messages && !stack.empty()) message += "; HDF5 error stack:\n" + stack;
  if (checksum) throw DamagedFileError(message);
  throw OutputError(message);
}

hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) throw_error(what);
  return id;
}

void check_status(herr_t status, const std::string& what) {
  if (status < 0) throw_error(what);
}

bool check_bool(htri_t answer, const std::string& what) {
  if (answer < 0) throw_error(what);
  return answer > 0;
}

File open_file_read_only(const std::filesystem::path& path) {
  silence_automatic_error_printing();
  const std::string name = path.string();
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status))
    throw OutputError("cannot open '" + name + "': no such file");
  if (std::filesystem::is_directory(status)) {
    throw OutputError("'" + name + "' is a directory, not a results file");
  }
  if (!std::filesystem::is_regular_file(status)) {
    throw OutputError("'" + name +
                      "' is not a regular file (a device, FIFO or socket), not a "
                      "results file");
  }
  const auto size = std::filesystem::file_size(path, error);
  if (!error && size == 0) throw OutputError("'" + name + "' is empty, not a results file");
  if (H5Fis_hdf5(path.c_str()) <= 0) {
    H5Eclear2(H5E_DEFAULT);
    throw OutputError("'" + name + "' is not an HDF5 file (expected a file written by pcsim)");
  }
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id >= 0) return File(id, "cannot open HDF5 file '" + name + "'");
  std::string reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &reason);
  if (reason.find("truncated file") != std::string::npos) {
    const std::string stack = take_error_stack();
    // "truncated file: eof = 20000, sblock->base_addr = 0, stored_eof = 580952"
    const auto stored = reason.find("stored_eof = ");
    const std::string expected =
        stored == std::string::npos ? std::string() : reason.substr(stored + 13);
    throw OutputError(
        "'" + name + "' is truncated: " + std::to_string(size) + " bytes" +
        (expected.empty() ? std::string() : " of the " + expected + " it should have") +
        " (an interrupted copy or download?); it cannot be read" +
        (g_stack_in_messages ? "; HDF5 error stack:\n" + stack : std::string()));
  }
  throw_error("'" + name + "' is damaged: HDF5 cannot open it");
}

Group create_group(hid_t parent, const std::string& name) {
  silence_automatic_error_printing();
  return Group(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               "cannot create group '" + name + "'");
}

Group open_group(hid_t parent, const std::string& name) {
  silence_automatic_error_printing();
  return Group(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open group '" + name + "'");
}

Dataset open_dataset(hid_t parent, const std::string& name) {
  silence_automatic_error_printing();
  return Dataset(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), "cannot open dataset '" + name + "'");
}

Attribute open_attribute(hid_t object, const std::string& name) {
  silence_automatic_error_printing();
  return Attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                   "cannot open attribute '" + name + "'");
}

Dataspace create_dataspace(const std::vector<hsize_t>& dims) {
  silence_automatic_error_printing();
  if (dims.empty()) return Dataspace(H5Screate(H5S_SCALAR), "cannot create scalar dataspace");
  return Dataspace(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                   "cannot create dataspace");
}

Datatype utf8_string_type() {
  silence_automatic_error_printing();
  Datatype type(H5Tcopy(H5T_C_S1), "cannot copy the C string type");
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "cannot make a variable-length string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "cannot set UTF-8 on the string type");
  return type;
}

bool has_attribute(hid_t object, const std::string& name) {
  silence_automatic_error_printing();
  return check_bool(H5Aexists(object, name.c_str()), "cannot look for attribute '" + name + "'");
}

bool has_link(hid_t group, const std::string& name) {
  silence_automatic_error_printing();
  return check_bool(H5Lexists(group, name.c_str(), H5P_DEFAULT), "cannot look for '" + name + "'");
}

namespace {

// H5Literate / H5Aiterate2 callback: appends each name to a std::vector<std::string>.
template <typename Info>
herr_t collect_name(hid_t, const char* name, const Info*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

}  // namespace

std::vector<std::string> link_names(hid_t group) {
  silence_automatic_error_printing();
  std::vector<std::string> names;
  check_status(
      H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name<H5L_info_t>, &names),
      "cannot list the members of a group");
  return names;
}

std::vector<std::string> attribute_names(hid_t object) {
  silence_automatic_error_printing();
  std::vector<std::string> names;
  hsize_t index = 0;
  check_status(
      H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, collect_name<H5A_info_t>, &names),
      "cannot list the attributes");
  return names;
}

}  // namespace pcsim::output::h5

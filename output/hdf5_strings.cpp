#include "output/hdf5_strings.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/utf8_text.hpp"
#include "output/hdf5_handles.hpp"

namespace pcsim::output::h5 {

namespace {

std::vector<std::string> read_variable_length(hid_t stored_type, std::size_t count,
                                              const std::function<herr_t(hid_t, void*)>& read,
                                              const std::string& what) {
  // Read with the stored type's own character set: HDF5 does not convert between sets.
  Datatype memory(H5Tcopy(stored_type), what);
  std::vector<char*> pointers(count, nullptr);
  check_status(read(memory.get(), pointers.data()), what);
  std::vector<std::string> values;
  values.reserve(count);
  for (char* pointer : pointers) {
    values.emplace_back(pointer != nullptr ? pointer : "");
    H5free_memory(pointer);  // allocated by the library on read
  }
  return values;
}

std::vector<std::string> read_fixed_length(hid_t stored_type, std::size_t count,
                                           const std::function<herr_t(hid_t, void*)>& read,
                                           const std::string& what) {
  const std::size_t width = H5Tget_size(stored_type);
  if (width == 0) throw_error(what + ": cannot size the string type");
  Datatype memory(H5Tcopy(stored_type), what);
  std::vector<char> buffer(width * count, '\0');
  check_status(read(memory.get(), buffer.data()), what);
  std::vector<std::string> values;
  values.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string value(buffer.data() + i * width, width);
    // Null-terminated, null-padded or space-padded: cut at the first null, trim spaces.
    value.erase(std::min(value.find('\0'), value.size()));
    if (H5Tget_strpad(stored_type) == H5T_STR_SPACEPAD) {
      value.erase(value.find_last_not_of(' ') + 1);
    }
    values.push_back(std::move(value));
  }
  return values;
}

}  // namespace

std::vector<std::string> read_strings(hid_t stored_type, std::size_t count,
                                      const std::function<herr_t(hid_t, void*)>& read,
                                      const std::string& what) {
  silence_automatic_error_printing();
  if (H5Tget_class(stored_type) != H5T_STRING) throw OutputError(what + ": not a string");
  if (count == 0) return {};
  const htri_t variable = H5Tis_variable_str(stored_type);
  return utf8_strings(check_bool(variable, what)
                          ? read_variable_length(stored_type, count, read, what)
                          : read_fixed_length(stored_type, count, read, what));
}

std::vector<std::string> utf8_strings(const std::vector<std::string>& values) {
  std::vector<std::string> text;
  text.reserve(values.size());
  for (const auto& value : values) text.push_back(valid_utf8(value));
  return text;
}

std::vector<const char*> c_strings(const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  return pointers;
}

}  // namespace pcsim::output::h5

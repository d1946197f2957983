#pragma once
// Attributes: small named values attached to the file, a group or a dataset. Strings are
// variable-length UTF-8 (h5py returns str); numbers use fixed little-endian file types so
// files read the same on every machine.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace pcsim::output::h5 {

void write_string_attribute(hid_t object, const std::string& name, const std::string& value);
void write_string_array_attribute(hid_t object, const std::string& name,
                                  const std::vector<std::string>& values);
void write_int32_attribute(hid_t object, const std::string& name, std::int32_t value);
void write_int64_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_uint64_attribute(hid_t object, const std::string& name, std::uint64_t value);
void write_double_attribute(hid_t object, const std::string& name, double value);
void write_int64_array_attribute(hid_t object, const std::string& name,
                                 const std::vector<std::int64_t>& values);

// Readers throw OutputError naming the attribute when it is missing or of the wrong kind.
std::string read_string_attribute(hid_t object, const std::string& name);
// The string, or "" when the object has no attribute `name` (a field older files lack).
std::string read_optional_string_attribute(hid_t object, const std::string& name);
std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name);
std::int64_t read_int64_attribute(hid_t object, const std::string& name);  // any integer type
std::uint64_t read_uint64_attribute(hid_t object, const std::string& name);
double read_double_attribute(hid_t object, const std::string& name);
std::vector<std::int64_t> read_int64_array_attribute(hid_t object, const std::string& name);
// The type class of attribute `name` (H5T_STRING, H5T_INTEGER, H5T_FLOAT, ...).
H5T_class_t attribute_class(hid_t object, const std::string& name);

}  // namespace pcsim::output::h5

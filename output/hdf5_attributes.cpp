#include "output/hdf5_attributes.hpp"

#include "core/errors.hpp"
#include "output/hdf5_handles.hpp"
#include "output/hdf5_strings.hpp"

namespace pcsim::output::h5 {

namespace {

// Creates attribute `name` of `file_type` over `dims` (empty: scalar) and writes `data`,
// laid out as `memory_type`.
void write_attribute(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                     const std::vector<hsize_t>& dims, const void* data) {
  silence_automatic_error_printing();
  const std::string what = "cannot write attribute '" + name + "'";
  Dataspace space = create_dataspace(dims);
  Attribute attribute(
      H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  // An empty list (e.g. an option with no scalars) is an empty attribute: nothing to write,
  // and HDF5 rejects the null buffer of an empty vector.
  for (const hsize_t d : dims) {
    if (d == 0) return;
  }
  check_status(H5Awrite(attribute.get(), memory_type, data), what);
}

struct OpenedAttribute {
  Attribute attribute;
  Datatype type;
  std::size_t count = 0;  // number of elements (1 for a scalar)
};

OpenedAttribute open_for_reading(hid_t object, const std::string& name) {
  silence_automatic_error_printing();
  if (!has_attribute(object, name)) throw OutputError("missing attribute '" + name + "'");
  OpenedAttribute opened;
  opened.attribute = open_attribute(object, name);
  const std::string what = "cannot read attribute '" + name + "'";
  opened.type = Datatype(H5Aget_type(opened.attribute.get()), what);
  Dataspace space(H5Aget_space(opened.attribute.get()), what);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) throw_error(what);
  opened.count = static_cast<std::size_t>(points);
  return opened;
}

void require_class(const OpenedAttribute& opened, const std::string& name,
                   std::initializer_list<H5T_class_t> accepted, const char* expected) {
  const H5T_class_t found = H5Tget_class(opened.type.get());
  for (const H5T_class_t one : accepted) {
    if (found == one) return;
  }
  throw OutputError("attribute '" + name + "' is not " + expected);
}

std::vector<std::string> read_all_strings(hid_t object, const std::string& name) {
  OpenedAttribute opened = open_for_reading(object, name);
  const hid_t attribute = opened.attribute.get();
  return read_strings(
      opened.type.get(), opened.count,
      [attribute](hid_t memory_type, void* buffer) {
        return H5Aread(attribute, memory_type, buffer);
      },
      "cannot read attribute '" + name + "'");
}

template <typename T>
std::vector<T> read_numbers(hid_t object, const std::string& name, hid_t memory_type,
                            std::initializer_list<H5T_class_t> accepted, const char* expected) {
  OpenedAttribute opened = open_for_reading(object, name);
  require_class(opened, name, accepted, expected);
  std::vector<T> values(opened.count);
  if (values.empty()) return values;
  check_status(H5Aread(opened.attribute.get(), memory_type, values.data()),
               "cannot read attribute '" + name + "'");
  return values;
}

template <typename T>
T read_one_number(hid_t object, const std::string& name, hid_t memory_type,
                  std::initializer_list<H5T_class_t> accepted, const char* expected) {
  const std::vector<T> values = read_numbers<T>(object, name, memory_type, accepted, expected);
  if (values.size() != 1) throw OutputError("attribute '" + name + "' is not a single value");
  return values.front();
}

}  // namespace

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
  Datatype type = utf8_string_type();
  const std::string text = utf8_strings({value}).front();
  const char* pointer = text.c_str();
  write_attribute(object, name, type.get(), type.get(), {}, &pointer);
}

void write_string_array_attribute(hid_t object, const std::string& name,
                                  const std::vector<std::string>& values) {
  Datatype type = utf8_string_type();
  const std::vector<std::string> text = utf8_strings(values);
  const std::vector<const char*> pointers = c_strings(text);
  write_attribute(object, name, type.get(), type.get(), {values.size()}, pointers.data());
}

void write_int32_attribute(hid_t object, const std::string& name, std::int32_t value) {
  write_attribute(object, name, H5T_STD_I32LE, H5T_NATIVE_INT32, {}, &value);
}

void write_int64_attribute(hid_t object, const std::string& name, std::int64_t value) {
  write_attribute(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, {}, &value);
}

void write_uint64_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  write_attribute(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, {}, &value);
}

void write_double_attribute(hid_t object, const std::string& name, double value) {
  write_attribute(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {}, &value);
}

void write_int64_array_attribute(hid_t object, const std::string& name,
                                 const std::vector<std::int64_t>& values) {
  write_attribute(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, {values.size()}, values.data());
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  std::vector<std::string> values = read_all_strings(object, name);
  if (values.size() != 1) throw OutputError("attribute '" + name + "' is not a single string");
  return std::move(values.front());
}

std::string read_optional_string_attribute(hid_t object, const std::string& name) {
  return has_attribute(object, name) ? read_string_attribute(object, name) : "";
}

std::vector<std::string> read_string_array_attribute(hid_t object, const std::string& name) {
  return read_all_strings(object, name);
}

std::int64_t read_int64_attribute(hid_t object, const std::string& name) {
  return read_one_number<std::int64_t>(object, name, H5T_NATIVE_INT64, {H5T_INTEGER}, "an integer");
}

std::uint64_t read_uint64_attribute(hid_t object, const std::string& name) {
  return read_one_number<std::uint64_t>(object, name, H5T_NATIVE_UINT64, {H5T_INTEGER},
                                        "an integer");
}

double read_double_attribute(hid_t object, const std::string& name) {
  return read_one_number<double>(object, name, H5T_NATIVE_DOUBLE, {H5T_FLOAT, H5T_INTEGER},
                                 "a number");
}

std::vector<std::int64_t> read_int64_array_attribute(hid_t object, const std::string& name) {
  return read_numbers<std::int64_t>(object, name, H5T_NATIVE_INT64, {H5T_INTEGER},
                                    "an array of integers");
}

H5T_class_t attribute_class(hid_t object, const std::string& name) {
  return H5Tget_class(open_for_reading(object, name).type.get());
}

}  // namespace pcsim::output::h5

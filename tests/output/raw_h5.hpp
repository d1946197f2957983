#pragma once
// Test-side readers written directly against the HDF5 C API, independent of output/'s
// wrappers, so the tests check the file as any other HDF5 program would see it. Each
// helper records a test failure (and returns an empty value) when HDF5 refuses.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace pcsim::output::testing {

// Closes an identifier at end of scope (a minimal local RAII, not the code under test).
class RawId {
 public:
  RawId(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~RawId() {
    if (id_ >= 0) close_(id_);
  }
  RawId(const RawId&) = delete;
  RawId& operator=(const RawId&) = delete;
  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

inline RawId raw_open_file(const std::string& path) {
  return RawId(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
}
inline RawId raw_open_dataset(hid_t file, const std::string& path) {
  return RawId(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
}
inline RawId raw_open_object(hid_t file, const std::string& path) {
  return RawId(H5Oopen(file, path.c_str(), H5P_DEFAULT), H5Oclose);
}

inline bool raw_has_attribute(hid_t object, const std::string& name) {
  return H5Aexists(object, name.c_str()) > 0;
}

// Number of elements of an attribute's dataspace, and its type class and size.
struct RawAttributeInfo {
  hssize_t count = -1;
  H5T_class_t type_class = H5T_NO_CLASS;
  std::size_t type_size = 0;
  bool variable_string = false;
  bool utf8 = false;
  H5T_sign_t sign = H5T_SGN_ERROR;
};

inline RawAttributeInfo raw_attribute_info(hid_t object, const std::string& name) {
  RawAttributeInfo info;
  RawId attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attribute.ok()) {
    ADD_FAILURE() << "no attribute " << name;
    return info;
  }
  RawId type(H5Aget_type(attribute.get()), H5Tclose);
  RawId space(H5Aget_space(attribute.get()), H5Sclose);
  info.count = H5Sget_simple_extent_npoints(space.get());
  info.type_class = H5Tget_class(type.get());
  info.type_size = H5Tget_size(type.get());
  if (info.type_class == H5T_STRING) {
    info.variable_string = H5Tis_variable_str(type.get()) > 0;
    info.utf8 = H5Tget_cset(type.get()) == H5T_CSET_UTF8;
  }
  if (info.type_class == H5T_INTEGER) info.sign = H5Tget_sign(type.get());
  return info;
}

// Variable-length string attribute (scalar or 1-D), read with the C API's own pointers.
inline std::vector<std::string> raw_string_attribute_values(hid_t object, const std::string& name) {
  RawId attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attribute.ok()) {
    ADD_FAILURE() << "no attribute " << name;
    return {};
  }
  RawId type(H5Aget_type(attribute.get()), H5Tclose);
  RawId space(H5Aget_space(attribute.get()), H5Sclose);
  std::vector<char*> pointers(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (H5Aread(attribute.get(), type.get(), pointers.data()) < 0) {
    ADD_FAILURE() << "cannot read attribute " << name;
    return {};
  }
  std::vector<std::string> values;
  for (char* p : pointers) {
    values.emplace_back(p != nullptr ? p : "");
    H5free_memory(p);
  }
  return values;
}

inline std::string raw_string_attribute(hid_t object, const std::string& name) {
  const auto values = raw_string_attribute_values(object, name);
  EXPECT_EQ(values.size(), 1u) << name;
  return values.empty() ? std::string() : values.front();
}

template <typename T>
std::vector<T> raw_number_attribute_values(hid_t object, const std::string& name,
                                           hid_t memory_type) {
  RawId attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (!attribute.ok()) {
    ADD_FAILURE() << "no attribute " << name;
    return {};
  }
  RawId space(H5Aget_space(attribute.get()), H5Sclose);
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.get())));
  if (H5Aread(attribute.get(), memory_type, values.data()) < 0) {
    ADD_FAILURE() << "cannot read attribute " << name;
    return {};
  }
  return values;
}

inline std::int64_t raw_int64_attribute(hid_t object, const std::string& name) {
  const auto values = raw_number_attribute_values<std::int64_t>(object, name, H5T_NATIVE_INT64);
  return values.size() == 1 ? values.front() : -999;
}

inline double raw_double_attribute(hid_t object, const std::string& name) {
  const auto values = raw_number_attribute_values<double>(object, name, H5T_NATIVE_DOUBLE);
  return values.size() == 1 ? values.front() : -999.0;
}

inline std::vector<hsize_t> raw_dims(hid_t dataset) {
  RawId space(H5Dget_space(dataset), H5Sclose);
  std::vector<hsize_t> dims(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.get())));
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

inline std::vector<double> raw_read_doubles(hid_t file, const std::string& path) {
  RawId dataset = raw_open_dataset(file, path);
  if (!dataset.ok()) {
    ADD_FAILURE() << "no dataset " << path;
    return {};
  }
  std::size_t count = 1;
  for (const hsize_t d : raw_dims(dataset.get())) count *= d;
  std::vector<double> values(count);
  if (count > 0 &&
      H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0) {
    ADD_FAILURE() << "cannot read " << path;
  }
  return values;
}

inline std::vector<std::string> raw_read_strings(hid_t file, const std::string& path) {
  RawId dataset = raw_open_dataset(file, path);
  if (!dataset.ok()) {
    ADD_FAILURE() << "no dataset " << path;
    return {};
  }
  RawId type(H5Dget_type(dataset.get()), H5Tclose);
  EXPECT_GT(H5Tis_variable_str(type.get()), 0) << path;
  EXPECT_EQ(H5Tget_cset(type.get()), H5T_CSET_UTF8) << path;
  std::vector<char*> pointers(raw_dims(dataset.get()).at(0));
  if (!pointers.empty() &&
      H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0) {
    ADD_FAILURE() << "cannot read " << path;
    return {};
  }
  std::vector<std::string> values;
  for (char* p : pointers) {
    values.emplace_back(p != nullptr ? p : "");
    H5free_memory(p);
  }
  return values;
}

// The filters of a dataset's creation property list, in pipeline order, with the first
// client value of each (deflate's level).
struct RawFilter {
  H5Z_filter_t id;
  unsigned first_value;
};
struct RawLayout {
  H5D_layout_t layout = H5D_LAYOUT_ERROR;
  std::vector<hsize_t> chunk;
  std::vector<RawFilter> filters;
};

inline RawLayout raw_layout(hid_t file, const std::string& path) {
  RawLayout result;
  RawId dataset = raw_open_dataset(file, path);
  if (!dataset.ok()) {
    ADD_FAILURE() << "no dataset " << path;
    return result;
  }
  RawId plist(H5Dget_create_plist(dataset.get()), H5Pclose);
  result.layout = H5Pget_layout(plist.get());
  if (result.layout == H5D_CHUNKED) {
    result.chunk.resize(raw_dims(dataset.get()).size());
    H5Pget_chunk(plist.get(), static_cast<int>(result.chunk.size()), result.chunk.data());
  }
  const int count = H5Pget_nfilters(plist.get());
  for (int i = 0; i < count; ++i) {
    unsigned flags = 0;
    std::size_t values = 4;
    unsigned client[4] = {0, 0, 0, 0};
    char name[64];
    unsigned config = 0;
    const H5Z_filter_t id = H5Pget_filter2(plist.get(), static_cast<unsigned>(i), &flags, &values,
                                           client, sizeof name, name, &config);
    result.filters.push_back({id, values > 0 ? client[0] : 0});
  }
  return result;
}

}  // namespace pcsim::output::testing

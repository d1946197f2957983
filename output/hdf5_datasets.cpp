#include "output/hdf5_datasets.hpp"

#include <algorithm>
#include <functional>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "output/hdf5_strings.hpp"

namespace pcsim::output::h5 {

namespace {

std::size_t element_count(const std::vector<hsize_t>& dims) {
  std::size_t count = 1;
  for (const hsize_t d : dims) count *= static_cast<std::size_t>(d);
  return count;
}

void require_size(const std::string& name, const std::vector<hsize_t>& dims,
                  std::span<const double> values) {
  if (element_count(dims) != values.size()) {
    throw OutputError("dataset '" + name + "': " + std::to_string(values.size()) +
                      " values do not fill its shape (" + std::to_string(element_count(dims)) +
                      " expected)");
  }
}

// Chunked by whole rows, shuffled then deflated (filters run in the order they are set),
// then checksummed: Fletcher-32 of the stored (compressed) bytes, checked on every read.
PropertyList compressed_creation_list(const std::string& name, const std::vector<hsize_t>& dims) {
  const std::string what = "cannot set up compression for dataset '" + name + "'";
  PropertyList list(H5Pcreate(H5P_DATASET_CREATE), what);
  std::vector<hsize_t> chunk = dims;
  chunk.front() = compressed_chunk_rows(dims);
  check_status(H5Pset_chunk(list.get(), static_cast<int>(chunk.size()), chunk.data()), what);
  check_status(H5Pset_shuffle(list.get()), what);
  check_status(H5Pset_deflate(list.get(), kDeflateLevel), what);
  check_status(H5Pset_fletcher32(list.get()), what);
  return list;
}

// Uncompressed but checksummed (filters need chunks): whole rows per chunk, at most
// kMaxPlainChunkBytes of `element_bytes` elements (at least one row).
PropertyList checksummed_creation_list(const std::string& name, const std::vector<hsize_t>& dims,
                                       std::size_t element_bytes) {
  const std::string what = "cannot set up checksums for dataset '" + name + "'";
  PropertyList list(H5Pcreate(H5P_DATASET_CREATE), what);
  std::vector<hsize_t> chunk = dims;
  const hsize_t row_bytes = std::max<hsize_t>(
      1, element_bytes * element_count(dims) / std::max<hsize_t>(1, dims.front()));
  chunk.front() = std::clamp<hsize_t>(kMaxPlainChunkBytes / row_bytes, 1, dims.front());
  check_status(H5Pset_chunk(list.get(), static_cast<int>(chunk.size()), chunk.data()), what);
  check_status(H5Pset_fletcher32(list.get()), what);
  return list;
}

Dataset create_and_write(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                         std::span<const double> values, hid_t creation_list) {
  run_interruption_check();  // a safe point: a large run's writing can take a while
  const std::string what = "cannot write dataset '" + name + "'";
  Dataspace space = create_dataspace(dims);
  Dataset dataset(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                             creation_list, H5P_DEFAULT),
                  what);
  if (!values.empty()) {
    check_status(
        H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        what);
  }
  return dataset;
}

}  // namespace

hsize_t compressed_chunk_rows(const std::vector<hsize_t>& dims) {
  return dims.empty() ? 0 : std::min(dims.front(), kMaxChunkRows);
}

Dataset write_compressed_doubles(hid_t parent, const std::string& name,
                                 const std::vector<hsize_t>& dims, std::span<const double> values) {
  silence_automatic_error_printing();
  require_size(name, dims, values);
  if (values.empty()) return create_and_write(parent, name, dims, values, H5P_DEFAULT);
  PropertyList list = compressed_creation_list(name, dims);
  return create_and_write(parent, name, dims, values, list.get());
}

Dataset create_compressed_doubles(hid_t parent, const std::string& name,
                                  const std::vector<hsize_t>& dims,
                                  std::span<const double> values) {
  silence_automatic_error_printing();
  require_size(name, dims, values);
  if (values.empty()) {
    throw OutputError("dataset '" + name + "': no values to store in compressed chunks");
  }
  PropertyList list = compressed_creation_list(name, dims);
  return create_and_write(parent, name, dims, {}, list.get());
}

Dataset write_plain_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                            std::span<const double> values) {
  silence_automatic_error_printing();
  require_size(name, dims, values);
  if (values.empty()) return create_and_write(parent, name, dims, values, H5P_DEFAULT);
  if (dims.empty()) {
    // A scalar cannot be chunked, so it cannot carry Fletcher-32; stored compact, its
    // value lies in the dataset's object header, whose checksum HDF5 checks when it opens
    // the dataset: a changed byte is an error there too, not a wrong number (a central NPV,
    // the EVPI).
    const std::string what = "cannot set up the compact layout of dataset '" + name + "'";
    PropertyList list(H5Pcreate(H5P_DATASET_CREATE), what);
    check_status(H5Pset_layout(list.get(), H5D_COMPACT), what);
    return create_and_write(parent, name, dims, values, list.get());
  }
  PropertyList list = checksummed_creation_list(name, dims, sizeof(double));
  return create_and_write(parent, name, dims, values, list.get());
}

Dataset write_strings(hid_t parent, const std::string& name,
                      const std::vector<std::string>& values) {
  silence_automatic_error_printing();
  const std::string what = "cannot write dataset '" + name + "'";
  Datatype type = utf8_string_type();
  Dataspace space = create_dataspace({values.size()});
  // Unfiltered: HDF5 refuses filters (so checksums) on variable-length strings.
  Dataset dataset(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                             H5P_DEFAULT, H5P_DEFAULT),
                  what);
  const std::vector<std::string> text = utf8_strings(values);
  const std::vector<const char*> pointers = c_strings(text);
  if (!pointers.empty()) {
    check_status(
        H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
  }
  return dataset;
}

Dataset write_compressed_labels(hid_t parent, const std::string& name,
                                const std::vector<std::string>& raw_values) {
  silence_automatic_error_printing();
  const std::vector<std::string> values = utf8_strings(raw_values);
  const std::string what = "cannot write dataset '" + name + "'";
  std::size_t width = 1;  // HDF5 refuses a string type of size 0
  for (const auto& value : values) width = std::max(width, value.size());
  Datatype type(H5Tcopy(H5T_C_S1), what);
  check_status(H5Tset_size(type.get(), width), what);
  check_status(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what);
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), what);
  std::string buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::copy(values[i].begin(), values[i].end(), buffer.begin() + static_cast<long>(i * width));
  }
  const std::vector<hsize_t> dims = {values.size()};
  Dataspace space = create_dataspace(dims);
  PropertyList list(H5Pcreate(H5P_DATASET_CREATE), what);
  if (!values.empty()) {
    const hsize_t chunk = std::min<hsize_t>(values.size(), kMaxChunkRows);
    check_status(H5Pset_chunk(list.get(), 1, &chunk), what);
    check_status(H5Pset_shuffle(list.get()), what);  // the same filters as every column
    check_status(H5Pset_deflate(list.get(), kDeflateLevel), what);
  }
  Dataset dataset(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, list.get(),
                             H5P_DEFAULT),
                  what);
  if (!values.empty()) {
    check_status(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
                 what);
  }
  return dataset;
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  silence_automatic_error_printing();
  Dataspace space(H5Dget_space(dataset), "cannot get a dataset's dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) throw_error("cannot get a dataset's rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0 && H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0) {
    throw_error("cannot get a dataset's dimensions");
  }
  return dims;
}

DoubleArray read_doubles(hid_t parent, const std::string& name) {
  silence_automatic_error_printing();
  const std::string what = "cannot read dataset '" + name + "'";
  Dataset dataset = open_dataset(parent, name);
  Datatype type(H5Dget_type(dataset.get()), what);
  if (H5Tget_class(type.get()) != H5T_FLOAT) {
    throw OutputError("dataset '" + name + "' is not floating point");
  }
  DoubleArray array;
  array.dims = dataset_dims(dataset.get());
  array.values.resize(element_count(array.dims));
  if (!array.values.empty()) {
    check_status(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                         array.values.data()),
                 what);
  }
  return array;
}

std::vector<std::string> read_string_dataset(hid_t parent, const std::string& name) {
  silence_automatic_error_printing();
  const std::string what = "cannot read dataset '" + name + "'";
  Dataset dataset = open_dataset(parent, name);
  Datatype type(H5Dget_type(dataset.get()), what);
  const std::vector<hsize_t> dims = dataset_dims(dataset.get());
  if (dims.size() != 1) throw OutputError("dataset '" + name + "' is not a 1-D list");
  if (dims.front() == 0) return {};
  const hid_t id = dataset.get();
  return read_strings(
      type.get(), static_cast<std::size_t>(dims.front()),
      [id](hid_t memory_type, void* buffer) {
        return H5Dread(id, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
      },
      what);
}

}  // namespace pcsim::output::h5

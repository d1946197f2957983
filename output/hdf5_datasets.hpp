#pragma once
// Datasets: float64 arrays (compressed for the per-iteration ones) and 1-D string lists.
#include <hdf5.h>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "output/hdf5_handles.hpp"

namespace pcsim::output::h5 {

// Most rows per chunk of a per-iteration dataset: a chunk of 4096 rows of 20 years is
// 640 KiB, large enough to compress well, small enough to read a few iterations cheaply.
inline constexpr hsize_t kMaxChunkRows = 4096;
// Deflate (zlib) level for per-iteration datasets. After the shuffle filter level 1 keeps
// most of the gain of higher levels (Bolton at 10,000 iterations: 25.4 MB against 24.9 MB
// at level 4) and writes the file in about half the time: the deflate was a third of the
// serial end of a national run (docs/performance.md, "The end of a run").
inline constexpr unsigned kDeflateLevel = 1;

// Largest chunk of an uncompressed (checksummed) dataset.
inline constexpr hsize_t kMaxPlainChunkBytes = hsize_t{1} << 20;

// Every non-empty float64 dataset written here carries a Fletcher-32 checksum of each stored chunk
// (HDF5 checks it on every read, so damage is an error, not wrong numbers). Zero-sized
// arrays are stored contiguous and unfiltered (HDF5 cannot chunk them).

// Writes a row-major float64 array of shape `dims` (1-D or 2-D) from `values`, chunked
// by min(rows, kMaxChunkRows) rows with shuffle + deflate. Returns the open dataset so the
// caller can attach attributes.
Dataset write_compressed_doubles(hid_t parent, const std::string& name,
                                 const std::vector<hsize_t>& dims, std::span<const double> values);

// The rows of each chunk of a compressed dataset of shape `dims`: min(rows, kMaxChunkRows).
hsize_t compressed_chunk_rows(const std::vector<hsize_t>& dims);

// Creates, without writing `values`, the float64 dataset write_compressed_doubles would
// (the same chunks and filters, the same check that `values` fill `dims`, which must not be
// empty): for output/compressed_datasets, which writes its chunks already filtered.
Dataset create_compressed_doubles(hid_t parent, const std::string& name,
                                  const std::vector<hsize_t>& dims, std::span<const double> values);

// Writes a small row-major float64 array, uncompressed (chunks of whole rows up to
// kMaxPlainChunkBytes, each with its Fletcher-32 checksum); a scalar (dims empty) compact,
// in its object header, which carries a checksum of its own.
Dataset write_plain_doubles(hid_t parent, const std::string& name, const std::vector<hsize_t>& dims,
                            std::span<const double> values);

// Writes a 1-D dataset of variable-length UTF-8 strings (unfiltered: HDF5 allows no
// filter, so no checksum, on variable-length data).
Dataset write_strings(hid_t parent, const std::string& name,
                      const std::vector<std::string>& values);

// Writes a 1-D dataset of labels that repeat (a choice parameter's value in every
// iteration) as fixed-length UTF-8 strings, as long as the longest label, chunked like the
// per-iteration datasets and deflated, so a label repeated a million times costs a few
// bytes. h5py reads them as bytes (`.asstr()` gives str).
Dataset write_compressed_labels(hid_t parent, const std::string& name,
                                const std::vector<std::string>& values);

// The dimensions of a dataset.
std::vector<hsize_t> dataset_dims(hid_t dataset);

// A whole float64 dataset, row-major, with its dimensions.
struct DoubleArray {
  std::vector<hsize_t> dims;
  std::vector<double> values;
};
DoubleArray read_doubles(hid_t parent, const std::string& name);

// A whole 1-D string dataset.
std::vector<std::string> read_string_dataset(hid_t parent, const std::string& name);

}  // namespace pcsim::output::h5

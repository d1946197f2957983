#pragma once
// The stored bytes of one chunk of a per-iteration float64 dataset, computed by pcsim
// rather than by HDF5's filter pipeline, so that the chunks of a results file can be
// compressed on the run's threads (output/compressed_datasets.hpp) while HDF5 itself, which
// runs its filters on the one thread that writes, only stores them. The pipeline is the one
// write_compressed_doubles sets (output/hdf5_datasets.cpp): shuffle, deflate, Fletcher-32;
// tests/output/test_chunk_filter.cpp proves the bytes equal to HDF5's own, chunk by chunk.
// No HDF5 call here: these are pure functions, safe on any thread.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace pcsim::output::h5 {

// HDF5's shuffle filter: byte j of element i goes to position j * n + i (n elements of
// `element_size` bytes; bytes past the last whole element stay at the end, in order).
std::vector<unsigned char> shuffle_bytes(std::span<const unsigned char> bytes,
                                         std::size_t element_size);

// The Fletcher-32 checksum HDF5 stores after a filtered chunk: sums of the bytes read as
// big-endian 16-bit words (an odd last byte as a word's high byte), reduced modulo 65535 in
// blocks of 360 words, sum2 in the high half.
std::uint32_t fletcher32(std::span<const unsigned char> bytes);

// How zlib looks for repeats. HDF5's deflate filter uses zlib's default search (`full`).
// `runs` (Z_RLE) looks only for runs of one byte: on shuffled doubles, whose repeats are
// the runs of equal sign-and-exponent bytes while the low mantissa bytes are noise, it
// compresses about twice as fast for about 2 % more bytes (the national scenario's
// per-iteration chunks: 26.9 against 27.4 MB of 65.6, docs/performance.md). Any
// deflate stream inflates the same, so HDF5 and every reader read either.
enum class DeflateSearch { full, runs };

// One chunk's stored bytes: its `chunk_elements` doubles (row-major; `values` holds the
// first ones, the rest of an edge chunk past the dataset's last row are zeros, HDF5's
// default fill), shuffled, deflated by zlib at `deflate_level` with `search`, and the
// Fletcher-32 of the deflated bytes appended (4 bytes, least significant first). With
// DeflateSearch::full these are the bytes HDF5's own filters store. Throws OutputError if
// zlib fails (it can only run out of memory).
std::vector<unsigned char> filter_chunk(std::span<const double> values, std::size_t chunk_elements,
                                        int deflate_level, DeflateSearch search);

}  // namespace pcsim::output::h5

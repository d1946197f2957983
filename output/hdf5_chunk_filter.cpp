#include "output/hdf5_chunk_filter.hpp"

#include <zlib.h>

#include <bit>
#include <cstring>
#include <string>

#include "core/errors.hpp"

namespace pcsim::output::h5 {

// The datasets are H5T_IEEE_F64LE and filter_chunk shuffles the doubles' bytes as they
// sit in memory.
static_assert(std::endian::native == std::endian::little,
              "filter_chunk writes little-endian doubles from memory");

std::vector<unsigned char> shuffle_bytes(std::span<const unsigned char> bytes,
                                         std::size_t element_size) {
  std::vector<unsigned char> out(bytes.begin(), bytes.end());
  const std::size_t n = element_size == 0 ? 0 : bytes.size() / element_size;
  if (element_size <= 1 || n <= 1) return out;  // HDF5 leaves these as they are
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < element_size; ++j) out[j * n + i] = bytes[i * element_size + j];
  }
  return out;
}

std::uint32_t fletcher32(std::span<const unsigned char> bytes) {
  // Each sum is folded to 17 bits after a block of 360 words: 360 words of at most 0xffff
  // cannot overflow 32 bits in sum2 (the reason for the block).
  constexpr std::size_t kBlockWords = 360;
  const auto fold = [](std::uint32_t sum) { return (sum & 0xffffU) + (sum >> 16); };
  std::uint32_t sum1 = 0, sum2 = 0;
  std::size_t words = bytes.size() / 2;
  const unsigned char* data = bytes.data();
  while (words > 0) {
    std::size_t block = words < kBlockWords ? words : kBlockWords;
    words -= block;
    for (; block > 0; --block, data += 2) {
      sum1 += (static_cast<std::uint32_t>(data[0]) << 8) | data[1];
      sum2 += sum1;
    }
    sum1 = fold(sum1);
    sum2 = fold(sum2);
  }
  if (bytes.size() % 2 != 0) {
    sum1 += static_cast<std::uint32_t>(*data) << 8;
    sum2 += sum1;
    sum1 = fold(sum1);
    sum2 = fold(sum2);
  }
  sum1 = fold(sum1);
  sum2 = fold(sum2);
  return (sum2 << 16) | sum1;
}

namespace {

// zlib's deflate of `in` into `out` (sized by compressBound): the stream compress2 makes
// (a zlib header, window 2^15, memory level 8) with the search strategy chosen. Returns
// its size.
std::size_t deflate_into(std::span<const unsigned char> in, std::vector<unsigned char>& out,
                         int level, DeflateSearch search) {
  z_stream stream{};
  const int strategy = search == DeflateSearch::runs ? Z_RLE : Z_DEFAULT_STRATEGY;
  int status = deflateInit2(&stream, level, Z_DEFLATED, MAX_WBITS, 8, strategy);
  if (status == Z_OK) {
    stream.next_in = const_cast<unsigned char*>(in.data());  // zlib's API is not const
    stream.avail_in = static_cast<uInt>(in.size());
    stream.next_out = out.data();
    stream.avail_out = static_cast<uInt>(out.size());
    status = deflate(&stream, Z_FINISH);  // the output buffer holds the worst case
    status = status == Z_STREAM_END ? Z_OK : (status == Z_OK ? Z_BUF_ERROR : status);
  }
  const std::size_t size = stream.total_out;
  deflateEnd(&stream);
  if (status != Z_OK) {
    throw OutputError("cannot compress a chunk of the results (zlib error " +
                      std::to_string(status) + ")");
  }
  return size;
}

}  // namespace

std::vector<unsigned char> filter_chunk(std::span<const double> values, std::size_t chunk_elements,
                                        int deflate_level, DeflateSearch search) {
  if (values.size() > chunk_elements) {
    throw OutputError("filter_chunk: " + std::to_string(values.size()) +
                      " values do not fit a chunk of " + std::to_string(chunk_elements));
  }
  std::vector<unsigned char> raw(chunk_elements * sizeof(double), 0);
  if (!values.empty()) std::memcpy(raw.data(), values.data(), values.size() * sizeof(double));
  const std::vector<unsigned char> shuffled = shuffle_bytes(raw, sizeof(double));

  std::vector<unsigned char> out(compressBound(static_cast<uLong>(shuffled.size())) + 4);
  const std::size_t deflated_size = deflate_into(shuffled, out, deflate_level, search);
  const std::uint32_t checksum =
      fletcher32(std::span<const unsigned char>(out.data(), deflated_size));
  out.resize(deflated_size + 4);
  for (std::size_t k = 0; k < 4; ++k)
    out[deflated_size + k] = static_cast<unsigned char>(checksum >> (8 * k));
  return out;
}

}  // namespace pcsim::output::h5

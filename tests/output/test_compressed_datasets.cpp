// The chunks pcsim filters itself (output/hdf5_chunk_filter.hpp) and stores with
// H5Dwrite_chunk (output/compressed_datasets.hpp) against HDF5's own filter pipeline: the
// same dataset written both ways holds the same stored bytes in every chunk, whatever
// order or thread the chunks were filtered in, and reads back as the values written. The
// shuffle and the checksum also against hand computations.
#include "output/compressed_datasets.hpp"
#include "output/hdf5_chunk_filter.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <zlib.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <thread>
#include <vector>

#include "output/hdf5_datasets.hpp"
#include "output/hdf5_write_guard.hpp"
#include "raw_h5.hpp"
#include "sample_results.hpp"

namespace pcsim::output {
// Named, not anonymous: the unity build puts several test files in one translation unit.
namespace compressed_datasets_test {

using testing::RawId;
using testing::TempDir;

TEST(ChunkFilter, ShuffleGathersEachByteOfEveryElement) {
  const std::vector<unsigned char> bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  // Two elements of 4 bytes, then a byte left over, which stays last.
  EXPECT_EQ(h5::shuffle_bytes(bytes, 4), (std::vector<unsigned char>{1, 5, 2, 6, 3, 7, 4, 8, 9}));
  EXPECT_EQ(h5::shuffle_bytes(bytes, 1), bytes);
  const std::vector<unsigned char> one = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_EQ(h5::shuffle_bytes(one, 8), one);  // a single element is left as it is
}

TEST(ChunkFilter, Fletcher32ByHand) {
  // Words 0x0102, 0x0304, then the odd byte 0x05 as 0x0500:
  // sum1 = 0x0102, 0x0406, 0x0906; sum2 = 0x0102, 0x0508, 0x0e0e.
  const std::vector<unsigned char> odd = {0x01, 0x02, 0x03, 0x04, 0x05};
  EXPECT_EQ(h5::fletcher32(odd), 0x0e0e0906U);
  EXPECT_EQ(h5::fletcher32({}), 0U);
  // 0xffff words: sum1 is 0xffff n, which folds to 0xffff (65535 = 0 mod 65535 kept as
  // 0xffff by the end-around carry); 400 words cross one block of 360.
  const std::vector<unsigned char> ones(800, 0xff);
  const std::uint32_t checksum = h5::fletcher32(ones);
  EXPECT_EQ(checksum & 0xffffU, 0xffffU);
  // sum2 = 0xffff (1 + 2 + ... + 400) = 0 mod 65535, whatever its representation.
  EXPECT_EQ((checksum >> 16) % 0xffffU, 0U);
}

TEST(ChunkFilter, RejectsMoreValuesThanTheChunkHolds) {
  const std::vector<double> values(5, 1.0);
  EXPECT_THROW((void)h5::filter_chunk(values, 4, 1, h5::DeflateSearch::runs), OutputError);
}

// The stored bytes and filter mask of every chunk of `path` in the file.
struct StoredChunk {
  std::uint32_t mask = 0;
  std::vector<unsigned char> bytes;
};
std::vector<StoredChunk> stored_chunks(hid_t file, const std::string& path) {
  RawId dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
  EXPECT_TRUE(dataset.ok()) << path;
  hsize_t count = 0;
  RawId space(H5Dget_space(dataset.get()), H5Sclose);
  EXPECT_GE(H5Dget_num_chunks(dataset.get(), space.get(), &count), 0);
  std::vector<StoredChunk> chunks(count);
  for (hsize_t i = 0; i < count; ++i) {
    std::vector<hsize_t> offset(4, 0);
    unsigned mask = 0;
    haddr_t address = 0;
    hsize_t size = 0;
    EXPECT_GE(
        H5Dget_chunk_info(dataset.get(), space.get(), i, offset.data(), &mask, &address, &size), 0);
    chunks[i].bytes.resize(size);
    std::uint32_t read_mask = 0;
    EXPECT_GE(H5Dread_chunk(dataset.get(), H5P_DEFAULT, offset.data(), &read_mask,
                            chunks[i].bytes.data()),
              0);
    chunks[i].mask = read_mask;
  }
  return chunks;
}

std::vector<double> read_all(hid_t file, const std::string& path, std::size_t n) {
  RawId dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
  std::vector<double> values(n);
  EXPECT_GE(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
            0);
  return values;
}

// Chunks filtered on several threads at once, in reverse order of index.
void threaded_reverse_for(std::size_t count, const std::function<void(std::size_t)>& body) {
  std::vector<std::thread> threads;
  for (std::size_t k = count; k-- > 0;) threads.emplace_back([&body, k] { body(k); });
  for (auto& thread : threads) thread.join();
}

struct Shape {
  std::string name;
  std::vector<hsize_t> dims;
};

std::vector<double> values_for(std::size_t n, std::uint32_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal(1e6, 2e5);
  std::vector<double> values(n);
  for (auto& v : values) v = normal(random);
  // Every kind of double the results hold: NaN (an iteration that does not pay back),
  // both zeros, infinities, a run of equal values.
  if (n > 8) {
    values[1] = std::numeric_limits<double>::quiet_NaN();
    values[2] = -0.0;
    values[3] = 0.0;
    values[4] = std::numeric_limits<double>::infinity();
    values[5] = -std::numeric_limits<double>::infinity();
    values[6] = std::numeric_limits<double>::denorm_min();
  }
  for (std::size_t i = n / 2; i < n / 2 + n / 8; ++i) values[i] = 42.0;
  return values;
}

// Fact: write_compressed_doubles (HDF5 filters) and CompressedDatasets (pcsim filters on
// other threads, H5Dwrite_chunk) store byte-identical chunks with the same filter masks,
// over shapes with whole and edge chunks, one chunk, several, a single value; and the
// stored values read back exactly.
TEST(CompressedDatasets, StoreTheBytesHdf5sOwnFiltersStore) {
  TempDir dir;
  const auto path = dir.path() / "chunks.h5";
  const std::vector<Shape> shapes = {{"by_year", {10000, 10}}, {"one_chunk", {4096, 3}},
                                     {"small", {3, 7}},        {"scalar_runs", {8193}},
                                     {"single", {1}},          {"empty", {0, 10}}};
  std::vector<std::vector<double>> data;
  for (std::size_t s = 0; s < shapes.size(); ++s) {
    std::size_t n = 1;
    for (const hsize_t d : shapes[s].dims) n *= d;
    data.push_back(values_for(n, static_cast<std::uint32_t>(s + 1)));
  }
  {
    h5::GuardedFile file = h5::GuardedFile::create(path);
    h5::CompressedDatasets pcsim_filtered({3, threaded_reverse_for}, h5::DeflateSearch::full);
    for (std::size_t s = 0; s < shapes.size(); ++s) {
      (void)h5::write_compressed_doubles(file.get(), "hdf5_" + shapes[s].name, shapes[s].dims,
                                         data[s]);
      (void)pcsim_filtered.add(file.get(), "pcsim_" + shapes[s].name, shapes[s].dims, data[s]);
    }
    pcsim_filtered.write_queued();
  }
  RawId file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  ASSERT_TRUE(file.ok());
  for (std::size_t s = 0; s < shapes.size(); ++s) {
    SCOPED_TRACE(shapes[s].name);
    if (data[s].empty()) {
      EXPECT_EQ(read_all(file.get(), "pcsim_" + shapes[s].name, 0).size(), 0U);
      continue;
    }
    const auto theirs = stored_chunks(file.get(), "hdf5_" + shapes[s].name);
    const auto ours = stored_chunks(file.get(), "pcsim_" + shapes[s].name);
    ASSERT_EQ(ours.size(), theirs.size());
    ASSERT_FALSE(ours.empty());
    for (std::size_t c = 0; c < ours.size(); ++c) {
      EXPECT_EQ(ours[c].mask, theirs[c].mask) << "chunk " << c;
      EXPECT_EQ(ours[c].bytes, theirs[c].bytes) << "chunk " << c;
    }
    const auto back = read_all(file.get(), "pcsim_" + shapes[s].name, data[s].size());
    ASSERT_EQ(back.size(), data[s].size());
    EXPECT_EQ(std::memcmp(back.data(), data[s].data(), back.size() * sizeof(double)), 0);
  }
}

// Fact: random bit patterns, which deflate cannot shrink, are stored deflated all the same
// and read back exactly (HDF5 checks each chunk's Fletcher-32 on the read).
TEST(CompressedDatasets, IncompressibleChunksReadBack) {
  TempDir dir;
  const auto path = dir.path() / "noise.h5";
  std::mt19937_64 random(7);
  std::vector<double> values(5000 * 3);
  for (auto& v : values) {
    std::uint64_t bits = random() & 0x7fefffffffffffffULL;  // finite
    std::memcpy(&v, &bits, sizeof v);
  }
  {
    h5::GuardedFile file = h5::GuardedFile::create(path);
    h5::CompressedDatasets datasets(sequential_for, h5::DeflateSearch::runs);
    (void)datasets.add(file.get(), "noise", {5000, 3}, values);
    datasets.write_queued();
  }
  RawId file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  const auto back = read_all(file.get(), "noise", values.size());
  EXPECT_EQ(std::memcmp(back.data(), values.data(), values.size() * sizeof(double)), 0);
}

// A stored chunk's deflate stream (its last 4 bytes, the checksum, left off) inflated.
std::vector<unsigned char> inflated(const StoredChunk& chunk, std::size_t size) {
  std::vector<unsigned char> out(size);
  uLongf out_size = size;
  EXPECT_EQ(uncompress(out.data(), &out_size, chunk.bytes.data(), chunk.bytes.size() - 4), Z_OK);
  EXPECT_EQ(out_size, size);
  return out;
}

// Fact: the run-length search (results files) stores other deflate streams, which inflate
// to the bytes HDF5's own filters deflated, carry the Fletcher-32 of what is stored, are the
// same for one thread and for three in reverse order, and read back as the values.
TEST(CompressedDatasets, RunLengthSearchInflatesToHdf5sBytes) {
  TempDir dir;
  const auto path = dir.path() / "runs.h5";
  const std::vector<hsize_t> dims = {10000, 10};
  const std::vector<double> values = values_for(100000, 3);
  {
    h5::GuardedFile file = h5::GuardedFile::create(path);
    (void)h5::write_compressed_doubles(file.get(), "hdf5", dims, values);
    h5::CompressedDatasets one(sequential_for, h5::DeflateSearch::runs);
    (void)one.add(file.get(), "one_thread", dims, values);
    one.write_queued();
    h5::CompressedDatasets three({3, threaded_reverse_for}, h5::DeflateSearch::runs);
    (void)three.add(file.get(), "three_threads", dims, values);
    three.write_queued();
  }
  RawId file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  ASSERT_TRUE(file.ok());
  const auto theirs = stored_chunks(file.get(), "hdf5");
  const auto ours = stored_chunks(file.get(), "one_thread");
  const auto threaded = stored_chunks(file.get(), "three_threads");
  ASSERT_EQ(ours.size(), 3U);  // 4096 + 4096 + 1808 rows
  ASSERT_EQ(theirs.size(), ours.size());
  ASSERT_EQ(threaded.size(), ours.size());
  const std::size_t chunk_bytes = 4096 * 10 * sizeof(double);
  for (std::size_t c = 0; c < ours.size(); ++c) {
    EXPECT_EQ(ours[c].mask, 0U);
    EXPECT_EQ(ours[c].bytes, threaded[c].bytes) << "chunk " << c;
    EXPECT_NE(ours[c].bytes, theirs[c].bytes) << "chunk " << c;  // another search
    EXPECT_EQ(inflated(ours[c], chunk_bytes), inflated(theirs[c], chunk_bytes)) << "chunk " << c;
    const std::span<const unsigned char> stream(ours[c].bytes.data(), ours[c].bytes.size() - 4);
    const std::uint32_t checksum = h5::fletcher32(stream);
    for (std::size_t k = 0; k < 4; ++k)
      EXPECT_EQ(ours[c].bytes[stream.size() + k], static_cast<unsigned char>(checksum >> (8 * k)));
  }
  const auto back = read_all(file.get(), "one_thread", values.size());
  EXPECT_EQ(std::memcmp(back.data(), values.data(), values.size() * sizeof(double)), 0);
}

TEST(CompressedDatasets, ShapeThatValuesDoNotFillIsAnError) {
  TempDir dir;
  h5::GuardedFile file = h5::GuardedFile::create(dir.path() / "bad.h5");
  h5::CompressedDatasets datasets(sequential_for, h5::DeflateSearch::runs);
  const std::vector<double> values(7, 1.0);
  EXPECT_THROW((void)datasets.add(file.get(), "bad", {2, 4}, values), OutputError);
}

}  // namespace compressed_datasets_test
}  // namespace pcsim::output

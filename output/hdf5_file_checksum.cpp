#include "output/hdf5_file_checksum.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "output/hdf5_handles.hpp"

namespace pcsim::output::h5 {

namespace {

constexpr std::string_view kMagic = "pcsim file checksum 1\n";
constexpr std::size_t kBuffer = std::size_t{4} << 20;

struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
  throw OutputError(fmt::format("cannot {} '{}': {}", what, path.string(), std::strerror(errno)));
}

// CRC-32 of bytes [kUserBlockBytes, end) of `fd`, and the file's size.
std::pair<std::uint32_t, std::uint64_t> crc_of(int fd, const std::filesystem::path& path) {
  std::vector<unsigned char> buffer(kBuffer);
  uLong crc = crc32(0L, Z_NULL, 0);
  std::uint64_t at = kUserBlockBytes;
  for (;;) {
    const ssize_t n = ::pread(fd, buffer.data(), buffer.size(), static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read", path);
    if (n == 0) break;
    crc = crc32_z(crc, buffer.data(), static_cast<z_size_t>(n));
    at += static_cast<std::uint64_t>(n);
  }
  return {static_cast<std::uint32_t>(crc), at};
}

}  // namespace

void write_file_checksum(const std::filesystem::path& path) {
  const Descriptor file{::open(path.c_str(), O_RDWR | O_CLOEXEC)};
  if (file.fd < 0) fail("open", path);
  const auto [crc, size] = crc_of(file.fd, path);
  std::string record = fmt::format("{}bytes {}\ncrc32 {:08x}\n", kMagic, size, crc);
  record.resize(kUserBlockBytes, '\0');
  std::size_t done = 0;
  while (done < record.size()) {
    const ssize_t n =
        ::pwrite(file.fd, record.data() + done, record.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write the checksum of", path);
    done += static_cast<std::size_t>(n);
  }
}

FileChecksum verify_file_checksum(const std::filesystem::path& path) {
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) fail("open", path);
  std::string record(kUserBlockBytes, '\0');
  ssize_t n = 0;
  do {
    n = ::pread(file.fd, record.data(), record.size(), 0);
  } while (n < 0 && errno == EINTR);
  if (n < 0) fail("read", path);
  record.resize(static_cast<std::size_t>(n));
  if (!record.starts_with(kMagic)) {
    // A record half destroyed still starts "pcsim file checksum"; anything else is a file
    // without one.
    if (record.starts_with("pcsim file")) {
      throw DamagedFileError("its checksum record (the first 512 bytes) is damaged");
    }
    return FileChecksum::absent;
  }
  unsigned long long size = 0;
  unsigned int crc = 0;
  char tail = 0;
  if (std::sscanf(record.c_str() + kMagic.size(), "bytes %llu\ncrc32 %8x%c", &size, &crc, &tail) !=
          3 ||
      tail != '\n') {
    throw DamagedFileError("its checksum record (the first 512 bytes) is damaged");
  }
  const auto [found, length] = crc_of(file.fd, path);
  if (length != size) {
    throw DamagedFileError(
        fmt::format("it has {} bytes where pcsim wrote {} (cut short or "
                    "extended, e.g. by an interrupted copy)",
                    length, size));
  }
  if (found != crc) {
    throw DamagedFileError(
        fmt::format("its CRC-32 is {:08x} where pcsim wrote {:08x}", found, crc));
  }
  return FileChecksum::verified;
}

std::uint64_t user_block_bytes(long long file) {
  PropertyList creation(H5Fget_create_plist(static_cast<hid_t>(file)),
                        "cannot read the file's creation properties");
  hsize_t size = 0;
  check_status(H5Pget_userblock(creation.get(), &size), "cannot read the user block's size");
  return size;
}

}  // namespace pcsim::output::h5

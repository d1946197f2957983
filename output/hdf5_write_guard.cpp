#include "output/hdf5_write_guard.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/errors.hpp"
#include "output/hdf5_file_checksum.hpp"

namespace pcsim::output::h5 {

namespace {

WriteFault g_fault;  // the test seam's fault; empty in normal runs

// What the driver finds in the file-access property list: where to record failures.
struct GuardInfo {
  WriteRecord* record = nullptr;
};

// One open file. HDF5 fills in `base` after open() returns; it must come first.
struct GuardFile {
  H5FD_t base;
  int fd = -1;
  haddr_t eoa = 0;  // end of the address space HDF5 has allocated
  haddr_t eof = 0;  // end of the bytes written
  dev_t device = 0;
  ino_t inode = 0;
  WriteRecord* record = nullptr;
};

GuardFile* as_guard(H5FD_t* file) { return reinterpret_cast<GuardFile*>(file); }
const GuardFile* as_guard(const H5FD_t* file) { return reinterpret_cast<const GuardFile*>(file); }

// Puts a failure on HDF5's error stack, so that a failed read or open says why.
void push_error(const char* function, hid_t minor, const std::string& message) {
  H5Epush2(H5E_DEFAULT, __FILE__, function, __LINE__, H5E_ERR_CLS, H5E_VFL, minor, "%s",
           message.c_str());
}

void* info_copy(const void* info) { return new GuardInfo(*static_cast<const GuardInfo*>(info)); }

herr_t info_free(void* info) {
  delete static_cast<GuardInfo*>(info);
  return 0;
}

void* info_get(H5FD_t* file) { return new GuardInfo{as_guard(file)->record}; }

H5FD_t* guard_open(const char* name, unsigned flags, hid_t fapl, haddr_t maxaddr) {
  const auto* info = static_cast<const GuardInfo*>(H5Pget_driver_info(fapl));
  if (info == nullptr || info->record == nullptr) {
    push_error(__func__, H5E_BADVALUE, "the pcsim write guard has no record to write to");
    return nullptr;
  }
  int open_flags = O_CLOEXEC | ((flags & H5F_ACC_RDWR) ? O_RDWR : O_RDONLY);
  if (flags & H5F_ACC_TRUNC) open_flags |= O_TRUNC;
  if (flags & H5F_ACC_CREAT) open_flags |= O_CREAT;
  if (flags & H5F_ACC_EXCL) open_flags |= O_EXCL;
  int fd = -1;
  do {
    fd = ::open(name, open_flags, 0666);
  } while (fd < 0 && errno == EINTR);
  struct stat status {};
  if (fd < 0 || ::fstat(fd, &status) != 0) {
    const int error = errno;
    if (fd >= 0) ::close(fd);
    push_error(__func__, H5E_CANTOPENFILE,
               std::string("cannot open '") + name + "': " + std::strerror(error));
    return nullptr;
  }
  auto* file = new GuardFile{};
  file->fd = fd;
  file->eof = static_cast<haddr_t>(status.st_size);
  file->device = status.st_dev;
  file->inode = status.st_ino;
  file->record = info->record;
  return &file->base;
}

// Never fails: a descriptor that cannot be closed cleanly (an NFS write error reported
// late) is recorded, and HDF5 is left free to release the file.
herr_t guard_close(H5FD_t* base) {
  GuardFile* file = as_guard(base);
  if (::close(file->fd) != 0 && errno != EINTR) file->record->fail(errno, "close");
  delete file;
  return 0;
}

int guard_compare(const H5FD_t* a, const H5FD_t* b) {
  const GuardFile* x = as_guard(a);
  const GuardFile* y = as_guard(b);
  if (x->device != y->device) return x->device < y->device ? -1 : 1;
  if (x->inode != y->inode) return x->inode < y->inode ? -1 : 1;
  return 0;
}

// What sec2 declares, less SWMR (pcsim never writes files for concurrent readers).
herr_t guard_query(const H5FD_t*, unsigned long* flags) {
  if (flags != nullptr) {
    *flags = H5FD_FEAT_AGGREGATE_METADATA | H5FD_FEAT_ACCUMULATE_METADATA | H5FD_FEAT_DATA_SIEVE |
             H5FD_FEAT_AGGREGATE_SMALLDATA | H5FD_FEAT_POSIX_COMPAT_HANDLE |
             H5FD_FEAT_DEFAULT_VFD_COMPATIBLE;
  }
  return 0;
}

haddr_t guard_get_eoa(const H5FD_t* file, H5FD_mem_t) { return as_guard(file)->eoa; }

herr_t guard_set_eoa(H5FD_t* file, H5FD_mem_t, haddr_t address) {
  as_guard(file)->eoa = address;
  return 0;
}

haddr_t guard_get_eof(const H5FD_t* file, H5FD_mem_t) { return as_guard(file)->eof; }

herr_t guard_get_handle(H5FD_t* file, hid_t, void** handle) {
  *handle = &as_guard(file)->fd;
  return 0;
}

// Bytes past the end of the file read as zeros, as with sec2.
herr_t guard_read(H5FD_t* base, H5FD_mem_t, hid_t, haddr_t address, std::size_t size,
                  void* buffer) {
  GuardFile* file = as_guard(base);
  auto* out = static_cast<unsigned char*>(buffer);
  while (size > 0) {
    const ssize_t n = ::pread(file->fd, out, size, static_cast<off_t>(address));
    if (n < 0) {
      if (errno == EINTR) continue;
      push_error(__func__, H5E_READERROR, std::string("read failed: ") + std::strerror(errno));
      return -1;
    }
    if (n == 0) {
      std::fill(out, out + size, 0);
      break;
    }
    out += n;
    address += static_cast<haddr_t>(n);
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

// Reports success whatever happens; the first failure is recorded, later writes dropped.
herr_t guard_write(H5FD_t* base, H5FD_mem_t, hid_t, haddr_t address, std::size_t size,
                   const void* buffer) {
  GuardFile* file = as_guard(base);
  WriteRecord& record = *file->record;
  if (record.failed()) return 0;
  if (address + size > g_fault.byte_budget) {
    record.fail(g_fault.error, "write");
    return 0;
  }
  const auto* in = static_cast<const unsigned char*>(buffer);
  haddr_t at = address;
  std::size_t left = size;
  while (left > 0) {
    const ssize_t n = ::pwrite(file->fd, in, left, static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      record.fail(n < 0 ? errno : EIO, "write");
      return 0;
    }
    in += n;
    at += static_cast<haddr_t>(n);
    left -= static_cast<std::size_t>(n);
  }
  file->eof = std::max(file->eof, address + size);
  record.add_written(size);
  return 0;
}

// HDF5 sets the file's length to its address space when it closes the file.
herr_t guard_truncate(H5FD_t* base, hid_t, hbool_t) {
  GuardFile* file = as_guard(base);
  if (file->record->failed() || file->eoa == file->eof) return 0;
  if (file->eoa > g_fault.byte_budget) {
    file->record->fail(g_fault.error, "truncate");
    return 0;
  }
  if (::ftruncate(file->fd, static_cast<off_t>(file->eoa)) != 0) {
    file->record->fail(errno, "truncate");
    return 0;
  }
  file->eof = file->eoa;
  return 0;
}

const H5FD_class_t kGuardClass = {
    "pcsim_write_guard",
    (haddr_t{1} << 62) - 1,  // maxaddr: within off_t
    H5F_CLOSE_WEAK,
    nullptr,  // terminate
    nullptr,  // sb_size
    nullptr,  // sb_encode
    nullptr,  // sb_decode
    sizeof(GuardInfo),
    info_get,
    info_copy,
    info_free,
    0,        // dxpl_size
    nullptr,  // dxpl_copy
    nullptr,  // dxpl_free
    guard_open,
    guard_close,
    guard_compare,
    guard_query,
    nullptr,  // get_type_map
    nullptr,  // alloc
    nullptr,  // free
    guard_get_eoa,
    guard_set_eoa,
    guard_get_eof,
    guard_get_handle,
    guard_read,
    guard_write,
    nullptr,  // flush: nothing is buffered here
    guard_truncate,
    nullptr,  // lock: temporary names are unique to the run
    nullptr,  // unlock
    H5FD_FLMAP_DICHOTOMY,
};

hid_t guard_driver() {
  static const hid_t id = [] {
    silence_automatic_error_printing();
    return check_id(H5FDregister(&kGuardClass), "cannot register pcsim's HDF5 file driver");
  }();
  return id;
}

// A file-access property list: the guard driver writing into `record`, the HDF5 1.10
// format (checksummed metadata), and closing every object with the file.
PropertyList guarded_access(WriteRecord* record) {
  PropertyList access(H5Pcreate(H5P_FILE_ACCESS), "cannot create a file-access list");
  const GuardInfo info{record};
  check_status(H5Pset_driver(access.get(), guard_driver(), &info),
               "cannot select pcsim's HDF5 file driver");
  check_status(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_LATEST),
               "cannot select the HDF5 1.10 file format");
  check_status(H5Pset_fclose_degree(access.get(), H5F_CLOSE_STRONG),
               "cannot set the file close degree");
  return access;
}

}  // namespace

std::string WriteRecord::reason() const { return std::strerror(error_); }

void WriteRecord::fail(int error, const std::string& operation) {
  if (failed()) return;
  error_ = error == 0 ? EIO : error;
  operation_ = operation;
}

GuardedFile GuardedFile::create(const std::filesystem::path& path) {
  silence_automatic_error_printing();
  // Created here first, so that a failure names the system's reason exactly (and the
  // name, unique to the run, is never someone else's file: O_EXCL).
  const std::string name = path.string();
  if (const int error = injected_error(WriteStage::create)) {
    throw OutputError("cannot create '" + name + "': " + std::strerror(error));
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw OutputError("cannot create '" + name + "': " + std::strerror(errno));
  ::close(fd);
  GuardedFile file;
  file.record_ = std::make_unique<WriteRecord>();
  try {
    PropertyList access = guarded_access(file.record_.get());
    // Room for the whole-file checksum (hdf5_file_checksum.hpp), written after closing.
    PropertyList creation(H5Pcreate(H5P_FILE_CREATE), "cannot create a file-creation list");
    check_status(H5Pset_userblock(creation.get(), kUserBlockBytes), "cannot set the user block");
    file.file_ = File(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.get(), access.get()),
                      "cannot create HDF5 file '" + name + "'");
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw;
  }
  return file;
}

void GuardedFile::close() {
  if (!file_.valid()) return;
  file_.close("cannot close HDF5 file");
}

void set_write_fault(const WriteFault& fault) { g_fault = fault; }

int injected_error(WriteStage stage) {
  return g_fault.stage == stage ? (g_fault.error == 0 ? EIO : g_fault.error) : 0;
}

}  // namespace pcsim::output::h5

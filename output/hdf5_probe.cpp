#include "output/hdf5_probe.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace pcsim::output::h5 {

namespace {

constexpr unsigned kProbeSeconds = 120;
// Nothing pcsim writes needs more at once; a larger claim (a damaged extent) is left to
// the reader's own checks rather than allocated here.
constexpr hssize_t kMaxProbeBytes = hssize_t{1} << 31;

// Reads one attribute or dataset in its native form into a buffer that is then dropped
// (the child exits: variable-length data are not reclaimed).
template <typename Read>
void read_native(hid_t file_type, hid_t space, Read read) {
  if (file_type < 0 || space < 0) return;
  const hid_t memory_type = H5Tget_native_type(file_type, H5T_DIR_DEFAULT);
  const hssize_t points = H5Sget_simple_extent_npoints(space);
  if (memory_type >= 0 && points >= 0) {
    const auto size = static_cast<hssize_t>(H5Tget_size(memory_type));
    if (size > 0 && points <= kMaxProbeBytes / size) {
      std::vector<unsigned char> buffer(static_cast<std::size_t>(points * size) + 1);
      read(memory_type, buffer.data());
    }
  }
  if (memory_type >= 0) H5Tclose(memory_type);
}

herr_t read_attribute(hid_t object, const char* name, const H5A_info_t*, void*) {
  const hid_t attribute = H5Aopen(object, name, H5P_DEFAULT);
  if (attribute < 0) return 0;
  const hid_t type = H5Aget_type(attribute);
  const hid_t space = H5Aget_space(attribute);
  read_native(type, space,
              [&](hid_t memory_type, void* buffer) { H5Aread(attribute, memory_type, buffer); });
  if (space >= 0) H5Sclose(space);
  if (type >= 0) H5Tclose(type);
  H5Aclose(attribute);
  return 0;
}

herr_t read_object(hid_t root, const char* name, const H5O_info_t* info, void*) {
  const hid_t object = H5Oopen(root, name, H5P_DEFAULT);
  if (object < 0) return 0;
  hsize_t index = 0;
  H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &index, read_attribute, nullptr);
  if (info->type == H5O_TYPE_DATASET) {
    const hid_t type = H5Dget_type(object);
    const hid_t space = H5Dget_space(object);
    read_native(type, space, [&](hid_t memory_type, void* buffer) {
      H5Dread(object, memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    });
    if (space >= 0) H5Sclose(space);
    if (type >= 0) H5Tclose(type);
  }
  H5Oclose(object);
  return 0;
}

[[noreturn]] void read_everything(const std::filesystem::path& path) {
  ::alarm(kProbeSeconds);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file >= 0) {
    H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_NATIVE, read_object, nullptr, H5O_INFO_BASIC);
    H5Fclose(file);
  }
  ::_exit(0);  // no exit handlers, no flushing of the parent's buffers
}

}  // namespace

std::string probe_whole_file(const std::filesystem::path& path) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) return {};
  if (child == 0) {
    // Default actions, so that a crash or the alarm ends the child, whatever the parent set.
    for (const int s : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM}) ::signal(s, SIG_DFL);
    // Its own messages (a sanitizer's report of the crash) are not the command's.
    const int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (quiet >= 0) ::dup2(quiet, STDERR_FILENO);
    read_everything(path);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return {};
  }
  if (!WIFSIGNALED(status)) return {};
  const int signal = WTERMSIG(status);
  if (signal == SIGALRM) {
    return "HDF5 did not finish reading it within " + std::to_string(kProbeSeconds) + " s";
  }
  return "HDF5 crashed reading it (signal " + std::to_string(signal) + ", " +
         std::string(::strsignal(signal)) + ")";
}

}  // namespace pcsim::output::h5

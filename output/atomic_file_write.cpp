#include "output/atomic_file_write.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <streambuf>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "output/hdf5_write_guard.hpp"

namespace pcsim::output {

namespace fs = std::filesystem;

namespace {

// A stream buffer over a file descriptor that keeps the first write's errno, so that a
// failure is reported with the system's reason ("No space left on device"), which
// std::ofstream does not give.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd) : fd_(fd), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  ~DescriptorBuffer() override { close(); }
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;

  // Writes what is buffered and closes; the first failure's errno (0: none).
  int close() {
    if (fd_ >= 0) {
      flush();
      if (::close(fd_) != 0 && error_ == 0) error_ = errno;
      fd_ = -1;
    }
    return error_;
  }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return flush() ? 0 : -1; }

 private:
  bool flush() {
    const char* data = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    while (left > 0 && error_ == 0) {
      const ssize_t written = ::write(fd_, data, left);
      if (written < 0) {
        if (errno == EINTR) continue;
        error_ = errno;
        break;
      }
      data += written;
      left -= static_cast<std::size_t>(written);
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return error_ == 0;
  }

  int fd_;
  int error_ = 0;
  std::vector<char> buffer_;
};

// fsync of `path`'s bytes; the errno of a failure (0: none).
int sync_file(const fs::path& path) {
  if (const int error = h5::injected_error(h5::WriteStage::sync)) return error;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  int error = 0;
  if (::fsync(fd) != 0) error = errno;
  ::close(fd);
  return error;
}

}  // namespace

StagedOutputs::StagedOutputs(bool force) : force_(force) {}

StagedOutputs::~StagedOutputs() { discard(); }

void StagedOutputs::check(const fs::path& out, const OutputNoun& noun) const {
  check_output_path(out, force_, noun);
}

fs::path StagedOutputs::add(const fs::path& out) {
  // The folders that do not exist yet: created here, removed on failure.
  created_folders_.create(out.parent_path());
  Entry entry;
  entry.out = out;
  entry.existed = exists_in_any_form(out);
  entry.temporary = unique_temporary_path(out);
  entries_.push_back(entry);
  return entries_.back().temporary;
}

const StagedOutputs::Entry& StagedOutputs::entry(const fs::path& out) const {
  for (const Entry& e : entries_) {
    if (e.out == out) return e;
  }
  throw OutputError("internal: '" + out.string() + "' was not staged");
}

OutputError StagedOutputs::write_failure(const fs::path& out, const std::string& reason) const {
  const Entry& e = entry(out);
  const std::string left = e.existed ? fmt::format("'{}' is unchanged", out.filename().string())
                                     : std::string("nothing was written");
  return OutputError(fmt::format("cannot write '{}': {} (the incomplete '{}' is removed; {})",
                                 out.string(), reason, e.temporary.filename().string(), left));
}

void StagedOutputs::write_stream(const fs::path& out,
                                 const std::function<void(std::ostream&)>& write) {
  const Entry& e = entry(out);
  const int fd = ::open(e.temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) throw write_failure(out, std::strerror(errno));
  DescriptorBuffer buffer(fd);
  std::ostream stream(&buffer);
  write(stream);
  stream.flush();
  if (const int error = buffer.close()) throw write_failure(out, std::strerror(error));
  if (!stream) throw write_failure(out, "the stream failed");
}

void StagedOutputs::write_text(const fs::path& out, std::string_view text) {
  write_stream(out, [&](std::ostream& stream) {
    stream.write(text.data(), static_cast<std::streamsize>(text.size()));
  });
}

void StagedOutputs::commit() {
  if (committed_) throw OutputError("internal: the outputs are already committed");
  // Every byte durable before any name becomes final.
  for (const Entry& e : entries_) {
    if (const int error = sync_file(e.temporary)) {
      throw write_failure(e.out, std::string("cannot sync it to disk: ") + std::strerror(error));
    }
  }
  for (Entry& e : entries_) {
    run_interruption_check();
    if (e.existed) {
      // A second name of the file about to be replaced (a hard link, no copy): put back if
      // a later file fails. Without one (no hard links here) that file cannot be restored.
      const fs::path replaced = unique_temporary_path(e.out);
      if (::link(e.out.c_str(), replaced.c_str()) == 0) e.replaced = replaced;
    }
    rename_into_place(e.temporary, e.out, force_);
    e.renamed = true;
  }
  committed_ = true;
  std::error_code ignored;
  for (const Entry& e : entries_)
    if (!e.replaced.empty()) fs::remove(e.replaced, ignored);
  created_folders_.keep();
}

std::vector<fs::path> StagedOutputs::files() const {
  std::vector<fs::path> out;
  for (const Entry& e : entries_) out.push_back(e.out);
  return out;
}

void StagedOutputs::discard() noexcept {
  if (committed_) return;
  std::error_code error;
  for (const Entry& e : entries_) {
    if (!e.renamed) {
      fs::remove(e.temporary, error);
      if (!e.replaced.empty()) fs::remove(e.replaced, error);  // OUT is still that file
      continue;
    }
    // The file this command replaced goes back under its name, over this command's; should
    // that fail, this command's file is removed and the old one keeps its second name.
    if (!e.replaced.empty() && std::rename(e.replaced.c_str(), e.out.c_str()) == 0) continue;
    fs::remove(e.out, error);
  }
  // The folders add() created go when created_folders_ is destroyed, after these files.
}

void write_file_atomically(const fs::path& out, bool force,
                           const std::function<void(const fs::path& temporary)>& write,
                           const OutputNoun& noun) {
  StagedOutputs outputs(force);
  outputs.check(out, noun);
  const fs::path temporary = outputs.add(out);
  write(temporary);
  outputs.commit();
}

void write_text_atomically(const fs::path& out, bool force, std::string_view text,
                           const OutputNoun& noun) {
  StagedOutputs outputs(force);
  outputs.check(out, noun);
  outputs.add(out);
  outputs.write_text(out, text);
  outputs.commit();
}

}  // namespace pcsim::output

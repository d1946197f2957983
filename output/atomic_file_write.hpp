#pragma once
// Writing plain files (a report, a workbook, CSV tables) so that only complete files ever
// carry their final names, and a command that writes several writes all or none of them:
// every target is checked before anything is written, each file goes to a temporary of its
// own (OUT.<pid>.<8 random hex digits>.tmp, beside OUT), and only once every one is
// complete are they synced and renamed into place. A failure names the final file and the
// system's reason; whatever this command wrote is removed, and an existing file is left as
// it was.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "output/created_folders.hpp"
#include "output/file_system.hpp"

namespace pcsim::output {

class StagedOutputs {
 public:
  // `force`: existing regular files may be replaced (never anything else).
  explicit StagedOutputs(bool force);
  // Without a complete commit(): removes every temporary, every file commit() had already
  // renamed into place (putting back the file it had replaced, with --force), and the
  // folders add() created (when empty).
  ~StagedOutputs();
  StagedOutputs(const StagedOutputs&) = delete;
  StagedOutputs& operator=(const StagedOutputs&) = delete;

  // Refuses (OutputError) what check_output_path refuses for `out`; call it for every
  // target before anything is written.
  void check(const std::filesystem::path& out, const OutputNoun& noun) const;

  // Creates OUT's folder when missing (remembered, so that a failure removes it again)
  // and returns the temporary that holds OUT until commit(). Throws OutputError.
  std::filesystem::path add(const std::filesystem::path& out);

  // Writes OUT's temporary through `write`, a stream whose write failures keep the system's
  // reason: a failure is OutputError "cannot write 'OUT': REASON (...)". `out` must have
  // been add()ed.
  void write_stream(const std::filesystem::path& out,
                    const std::function<void(std::ostream&)>& write);
  void write_text(const std::filesystem::path& out, std::string_view text);

  // "cannot write 'OUT': REASON (the incomplete 'TMP' is removed; 'OUT' is unchanged)",
  // for a writer of its own (the workbook's) that failed on OUT's temporary.
  OutputError write_failure(const std::filesystem::path& out, const std::string& reason) const;

  // Syncs every temporary to disk, then renames each into place (over an existing file only
  // with `force`; without it a file another process created meanwhile is an error). On
  // failure what was already renamed is removed (this command wrote it), the files it had
  // replaced put back, and OutputError names the file and the reason. Call at most once.
  void commit();

  // The final names, in the order they were added.
  std::vector<std::filesystem::path> files() const;

 private:
  struct Entry {
    std::filesystem::path out;
    std::filesystem::path temporary;
    // A second name (a hard link) of the file OUT replaced (with --force), taken just
    // before the rename, so that a commit failing at a later file can put it back; empty
    // when OUT did not exist or the file system takes no hard link.
    std::filesystem::path replaced;
    bool existed = false;  // OUT existed when added
    bool renamed = false;  // in place (commit)
  };
  const Entry& entry(const std::filesystem::path& out) const;
  void discard() noexcept;

  bool force_;
  bool committed_ = false;
  std::vector<Entry> entries_;
  // Removed on failure when this member is destroyed, after ~StagedOutputs' discard() has
  // removed the files in them.
  CreatedFolders created_folders_;
};

// One file on its own: checks `out` (check_output_path with `noun`), creates its folder
// when missing, calls write(temporary), then syncs and renames it into place. On any
// failure the temporary (and a folder it created) is removed and the error propagates.
void write_file_atomically(const std::filesystem::path& out, bool force,
                           const std::function<void(const std::filesystem::path& temporary)>& write,
                           const OutputNoun& noun = kResultsNoun);

// The same for text already in memory; a write failure names OUT and the system's reason.
void write_text_atomically(const std::filesystem::path& out, bool force, std::string_view text,
                           const OutputNoun& noun = kResultsNoun);

}  // namespace pcsim::output

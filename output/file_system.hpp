#pragma once
// Small file-system steps shared by the writers that write a temporary file and rename it
// (output/atomic_h5_write.hpp).
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace pcsim::output {

// True when anything (a file, a directory, even a dangling link) occupies `path`.
bool exists_in_any_form(const std::filesystem::path& path);

// The target of `path` when it is a symbolic link to nothing (a missing file), else nullopt.
std::optional<std::filesystem::path> dangling_link_target(const std::filesystem::path& path);

// What an output is, for check_output_path's messages: "results file", "results" (what
// pcsim writes), "results.h5" (the example of a file name).
struct OutputNoun {
  const char* file = "results file";
  const char* contents = "results";
  const char* example = "results.h5";
};
inline constexpr OutputNoun kResultsNoun{};
inline constexpr OutputNoun kReportNoun{"report file", "a report", "report.html"};
inline constexpr OutputNoun kPdfNoun{"PDF file", "a PDF", "report.pdf"};
inline constexpr OutputNoun kWorkbookNoun{"workbook file", "a workbook", "book.xlsx"};
inline constexpr OutputNoun kTableNoun{"CSV file", "a CSV table", "summary.csv"};

// Refuses, before any work, an output path that cannot take a file: a name ending in '/'
// (a folder), a file name too long for its temporary (OUT.<pid>.<hex>.tmp, up to 21 bytes
// more, must fit the file system's NAME_MAX), an existing directory, device, FIFO or socket (with
// --force or not: only a regular file is ever replaced), and, without `force`, anything existing
// (a symbolic link, even to a missing file, is named as one: with `force` the link itself is
// replaced, its target never written).
// The same refusals for every command that writes (run, sensitivity, report, export), worded for
// `noun`. Throws OutputError naming the path and what is wrong.
void check_output_path(const std::filesystem::path& out, bool force,
                       const OutputNoun& noun = kResultsNoun);

// Refuses, before any work, a folder to write files into (export --csv DIR) that exists
// but is not a folder (a regular file, a device, a FIFO, a dangling link). A missing
// folder is fine (it is created). Throws OutputError naming the path.
void check_output_folder(const std::filesystem::path& dir);

// A file a command reads, and what it is in the message ("the scenario file",
// "practices.payments_csv").
struct CommandInput {
  std::filesystem::path path;
  std::string what;
};

// Refuses an output that is the same file as one of `inputs` (same device and inode, so
// also through a link or another spelling of its path): with --force the command would
// replace a file it reads. Inputs that do not exist, and an output that does not, are no
// conflict. Throws OutputError naming the output, the input and what it is.
void check_output_is_not_an_input(const std::filesystem::path& out,
                                  const std::vector<CommandInput>& inputs);

// HDF5 does not sync: makes the file's bytes durable before a rename makes its name final.
// Throws OutputError naming the file and the reason.
void sync_to_disk(const std::filesystem::path& path);

// OUT.<pid>.<8 random hex digits>.tmp, beside OUT: unique to this run, so two runs writing
// the same OUT never share a temporary file.
std::filesystem::path unique_temporary_path(const std::filesystem::path& out);

// A temporary file of OUT left by a run that is no longer running (killed, or a power
// cut): OUT.tmp (older pcsim) or OUT.<pid>.<hex>.tmp whose process has gone.
struct StaleTemporary {
  std::filesystem::path path;
  pid_t pid = 0;  // 0 for OUT.tmp
};
std::vector<StaleTemporary> find_stale_temporaries(const std::filesystem::path& out);

// Renames `from` to `to` atomically. With `replace` false it never replaces an existing
// `to` (renameat2 RENAME_NOREPLACE, or link + unlink where the file system lacks it), and
// throws OutputError when one appeared meanwhile (another run wrote it). Throws
// OutputError naming both paths and the system's reason on failure.
void rename_into_place(const std::filesystem::path& from, const std::filesystem::path& to,
                       bool replace);

// A check the writers run at safe points - before each dataset (output/hdf5_datasets.cpp)
// and just before the rename that makes a file final; whatever it throws abandons the
// file (its temporary is removed). The runner's interrupt check (runner/interrupts.hpp),
// so that an interrupted run stops while it writes, too, and never leaves a file.
// Process-wide; nullptr clears it.
void set_interruption_check(void (*check)());
void run_interruption_check();

// Bytes an unprivileged user may still write in `folder`'s file system (statvfs
// f_bavail; f_bfree for root), or UINT64_MAX when it cannot be told.
// A file system without blocks (/proc, /sys) reports UINT64_MAX: its free space is no
// reason to refuse; writing there fails with the system's own reason.
std::uint64_t free_disk_bytes(const std::filesystem::path& folder);

}  // namespace pcsim::output

#pragma once
// Writing a plain file (a report, a CSV table, a workbook) so that only a complete file
// ever carries its final name: OUT.tmp is written, synced and renamed to OUT.
#include <filesystem>
#include <functional>
#include <string_view>

namespace pcsim::output {

// Refuses (OutputError "'OUT' exists; use --force to replace it") when `out` exists in any
// form and `force` is false. Otherwise calls write(temporary) to produce OUT.tmp (truncating
// a stale one), syncs it and renames it to `out`; creates OUT's folder when missing. On any
// failure the .tmp is removed and the error propagates (OutputError for file failures).
void write_file_atomically(
    const std::filesystem::path& out, bool force,
    const std::function<void(const std::filesystem::path& temporary)>& write);

// The same for text already in memory.
void write_text_atomically(const std::filesystem::path& out, bool force, std::string_view text);

}  // namespace pcsim::output

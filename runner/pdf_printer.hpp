#pragma once
// `pcsim report --pdf`: prints the HTML report to PDF through headless Chromium, where
// installed (Debian's chromium). The only program pcsim starts.
#include <filesystem>
#include <optional>

namespace pcsim::runner {

// The Chromium to use: $PCSIM_CHROMIUM when set, else the first of chromium,
// chromium-browser, google-chrome found on PATH; nothing when none is.
std::optional<std::filesystem::path> find_chromium();

// Prints `html` (a file) to `pdf` with `chromium` headless: no sandbox (it runs as root in
// containers), no GPU, no network beyond the file, a fresh profile in a temporary folder,
// no header or footer, after the page's scripts have run. The PDF is written as PDF.tmp
// and renamed when complete; an existing PDF is refused unless `force`. Throws OutputError
// with Chromium's own messages when it fails, exits with an error or runs past 120 s.
void print_pdf(const std::filesystem::path& chromium, const std::filesystem::path& html,
               const std::filesystem::path& pdf, bool force);

}  // namespace pcsim::runner

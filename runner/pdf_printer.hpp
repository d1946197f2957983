#pragma once
// `pcsim report --pdf`: prints the HTML report to PDF through headless Chromium, where
// installed (Debian's chromium). The only program pcsim starts.
#include <filesystem>
#include <optional>
#include <string>

namespace pcsim::runner {

// The Chromium to use: $PCSIM_CHROMIUM when set, else the first of chromium,
// chromium-browser, google-chrome found on PATH; nothing when none is.
std::optional<std::filesystem::path> find_chromium();

// Prints the page `html` (the report's text) to the file `target` with `chromium`
// headless: the page written beside `target` as TARGET.html (removed afterwards), a fresh
// profile in a temporary folder, no sandbox (it runs as root in containers), no GPU, no network
// beyond the file, no header or footer, after the page's scripts have run. `target` is the caller's
// temporary (the report stages it with the HTML, so a failure leaves neither). Throws
// OutputError naming `pdf` (the name the user gave) with Chromium's own messages, or saying
// it gave none, when it fails, exits with an error, writes no PDF or runs past 120 s.
void print_pdf(const std::filesystem::path& chromium, const std::string& html,
               const std::filesystem::path& target, const std::filesystem::path& pdf);

}  // namespace pcsim::runner

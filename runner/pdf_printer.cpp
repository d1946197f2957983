#include "runner/pdf_printer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/errors.hpp"

extern char** environ;

namespace pcsim::runner {

namespace fs = std::filesystem;

namespace {

constexpr auto kTimeout = std::chrono::seconds(120);

// A temporary folder removed with its contents when this goes out of scope.
class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::string pattern = (fs::temp_directory_path() / "pcsim-chromium-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw OutputError("cannot create a temporary folder for Chromium's profile");
    }
    path_ = pattern;
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string read_all(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `arguments` with stdout and stderr to `log`; the exit status, or throws on timeout.
int run(const std::vector<std::string>& arguments, const fs::path& log) {
  std::vector<char*> argv;
  for (const auto& a : arguments) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int started = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (started != 0) {
    throw OutputError("cannot start '" + arguments[0] + "': " + std::strerror(started));
  }
  const auto deadline = std::chrono::steady_clock::now() + kTimeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      throw OutputError("Chromium did not finish printing the PDF within 120 s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::optional<fs::path> find_chromium() {
  if (const char* chosen = std::getenv("PCSIM_CHROMIUM"); chosen != nullptr && *chosen != '\0') {
    return fs::path(chosen);
  }
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::istringstream folders(path);
  std::vector<fs::path> dirs;
  for (std::string folder; std::getline(folders, folder, ':');) {
    if (!folder.empty()) dirs.emplace_back(folder);
  }
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    for (const auto& dir : dirs) {
      const fs::path candidate = dir / name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return std::nullopt;
}

// The window the page is laid out in before printing: A4 less the report's 14 mm margins
// (its @page rule, output/report_html.cpp), 182 mm = 688 CSS pixels wide, so its charts
// are drawn at the width they print at (the print style puts one to a row and scales down
// any wider; it also lets the tables wrap). Anything wider than the page would make
// Chromium shrink the whole PDF to fit it (tests/cli/check_report.py checks for any).
constexpr const char* kPrintWindow = "--window-size=688,1000";

void print_pdf(const fs::path& chromium, const std::string& html, const fs::path& target,
               const fs::path& pdf) {
  // The page beside the PDF's temporary, in the output's folder (not the system's temporary
  // folder, which a sandboxed Chromium, such as Ubuntu's snap, does not share, and which may
  // be full when the output's disk is not); named .html, or Chromium shows it as text.
  // Removed when printed, or not.
  const fs::path page = fs::absolute(fs::path(target.string() + ".html"));
  struct RemovePage {
    fs::path path;
    ~RemovePage() {
      std::error_code ignored;
      fs::remove(path, ignored);
    }
  } remove_page{page};
  {
    std::ofstream file(page, std::ios::binary);
    file << html;
    file.close();
    if (!file) {
      throw OutputError("cannot print " + pdf.string() + ": cannot write the page for Chromium, " +
                        page.string() + " (is its folder writable and its disk full?)");
    }
  }
  TemporaryFolder folder;  // Chromium's profile and its log
  const fs::path log = folder.path() / "chromium.log";
  const fs::path printed = fs::absolute(target);
  const int status =
      run({chromium.string(), "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update",
           "--disable-default-apps", "--disable-extensions", "--disable-sync", "--no-first-run",
           "--mute-audio", "--user-data-dir=" + (folder.path() / "profile").string(),
           "--no-pdf-header-footer", "--virtual-time-budget=10000", kPrintWindow,
           "--print-to-pdf=" + printed.string(), "file://" + page.string()},
          log);
  std::error_code error;
  const bool written = fs::exists(printed, error) && fs::file_size(printed, error) > 0 && !error;
  if (status != 0 || !written) {
    std::string said = read_all(log).substr(0, 2000);
    while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
    const std::string outcome = status != 0 ? "exit status " + std::to_string(status)
                                            : "exit status 0, but it wrote no PDF";
    throw OutputError("Chromium (" + chromium.string() + ") could not print the report to " +
                      pdf.string() + " (" + outcome + "): " +
                      (said.empty() ? "it printed no message" : said) + "; nothing was written");
  }
}

}  // namespace pcsim::runner

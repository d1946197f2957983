#include "runner/interrupts.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

#include <fmt/format.h>

#include "output/file_system.hpp"
#include "runner/exit_codes.hpp"

namespace pcsim::runner {

namespace {

// Lock-free, so reading and writing them from a signal handler is safe.
std::atomic<int> g_signal{0};
std::atomic<bool> g_announce{false};
std::atomic<bool> g_announced{false};
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<bool>::is_always_lock_free);

constexpr int kSignals[] = {SIGINT, SIGTERM};
struct sigaction g_previous[2];
bool g_installed[2] = {false, false};

constexpr char kStopped[] = "the run stopped before its results were complete; ";
constexpr char kNothingLeft[] = "no file was written or replaced";

// The registered temporary: its texts are written before `used` is set, and `used` is
// cleared before they are written again, so the handler reads whole texts only.
struct Registration {
  std::atomic<bool> used{false};
  std::array<char, 4096> path{};
  std::array<char, 8192> left{};
};
Registration g_registration;

// The registered text of what is left, or the default. Safe in the handler.
const char* left_text() {
  return g_registration.used.load(std::memory_order_acquire) ? g_registration.left.data()
                                                             : kNothingLeft;
}

// write(2) of a whole C string; safe in the handler (no strlen: not async-signal-safe by
// the letter of POSIX).
bool write_text(const char* text) {
  std::size_t size = 0;
  while (text[size] != '\0') ++size;
  return ::write(STDERR_FILENO, text, size) == static_cast<ssize_t>(size);
}

// Rank 0 of an MPI run: the message at once (the process may never get to unwind), with
// what an MPI run adds to it. The caller has claimed the report.
void announce(int signal) {
  const bool written =
      write_text("pcsim: interrupted by ") && write_text(signal == SIGINT ? "SIGINT" : "SIGTERM") &&
      write_text(": ") && write_text(kStopped) && write_text(left_text()) &&
      write_text("; every process of the run stops") &&
      (signal != SIGTERM ||
       write_text(" (under mpirun, SIGTERM also means that another process of the run "
                  "failed: see mpirun's message)")) &&
      write_text("\n");
  static_cast<void>(written);  // stderr is gone: there is nobody to tell
}

// The first signal removes the temporary, announces (when asked) and asks the run to stop;
// a second one (the user insisting) ends the process at once, as if pcsim had no handler.
void on_signal(int signal) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, signal, std::memory_order_relaxed)) {
    if (g_registration.used.load(std::memory_order_acquire)) ::unlink(g_registration.path.data());
    if (g_announce.load(std::memory_order_relaxed) &&
        !g_announced.exchange(true, std::memory_order_relaxed)) {
      announce(signal);
    }
    return;
  }
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

// Copies `text` with its terminating NUL into `buffer`; false when it does not fit.
template <std::size_t N>
bool copy_into(std::array<char, N>& buffer, const std::string& text) {
  if (text.size() + 1 > N) return false;
  std::memcpy(buffer.data(), text.c_str(), text.size() + 1);
  return true;
}

}  // namespace

InterruptHandlers::InterruptHandlers(bool announce_at_once) {
  g_signal.store(0, std::memory_order_relaxed);
  g_announced.store(false, std::memory_order_relaxed);
  g_announce.store(announce_at_once, std::memory_order_relaxed);
  for (int k = 0; k < 2; ++k) {
    struct sigaction current {};
    if (::sigaction(kSignals[k], nullptr, &current) != 0) continue;
    if (current.sa_handler == SIG_IGN) continue;  // ignored by whoever started us: keep it so
    struct sigaction action {};
    action.sa_handler = on_signal;
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // writes in progress carry on; the run stops at a check
    g_installed[k] = ::sigaction(kSignals[k], &action, &g_previous[k]) == 0;
  }
  output::set_interruption_check(throw_if_interrupted);
}

InterruptHandlers::~InterruptHandlers() {
  output::set_interruption_check(nullptr);
  for (int k = 0; k < 2; ++k) {
    if (g_installed[k]) ::sigaction(kSignals[k], &g_previous[k], nullptr);
    g_installed[k] = false;
  }
  g_announce.store(false, std::memory_order_relaxed);
}

int interrupt_signal() { return g_signal.load(std::memory_order_relaxed); }

void throw_if_interrupted() {
  if (const int signal = interrupt_signal())
    throw Interrupted(signal, interruption_message(signal));
}

std::string interruption_message(int signal, const std::string& who) {
  return fmt::format("interrupted by {}{}: {}{}", signal_name(signal), who, kStopped, left_text());
}

int signal_of_exit_code(int exit_code) {
  for (const int signal : kSignals) {
    if (exit_code == exit_code_for_signal(signal)) return signal;
  }
  return 0;
}

std::string signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return fmt::format("signal {}", signal);
}

bool interruption_announced() { return g_announced.load(std::memory_order_relaxed); }

bool claim_interruption_report() { return !g_announced.exchange(true, std::memory_order_relaxed); }

TemporaryOnInterrupt::TemporaryOnInterrupt(const std::filesystem::path& temporary,
                                           const std::string& left) {
  if (g_registration.used.load(std::memory_order_acquire)) return;
  if (!copy_into(g_registration.path, temporary.string()) ||
      !copy_into(g_registration.left, left)) {
    return;
  }
  g_registration.used.store(true, std::memory_order_release);
  registered_ = true;
}

TemporaryOnInterrupt::~TemporaryOnInterrupt() {
  if (registered_) g_registration.used.store(false, std::memory_order_release);
}

void simulate_interrupt(int signal) { g_signal.store(signal, std::memory_order_relaxed); }

}  // namespace pcsim::runner

#include "runner/stop_signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>

#include <fmt/format.h>

namespace pcsim::runner {

namespace {

// Lock-free, so reading and writing them from a signal handler is safe.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<bool>::is_always_lock_free);

constexpr int kSignals[] = {SIGINT, SIGTERM};
struct sigaction g_previous[2];
bool g_installed[2] = {false, false};

// The registered temporaries: a slot's path is written before `used` is set, and `used`
// is cleared before the slot is written again, so the handler reads whole paths only.
constexpr std::size_t kPathBytes = 4096;
struct Slot {
  std::atomic<bool> used{false};
  std::array<char, kPathBytes> path{};
};
std::array<Slot, RemoveOnStop::kMaxRegistered> g_slots;

std::atomic<bool> g_announce{false};
std::atomic<bool> g_announced{false};

// Written from the handler: fixed texts, no formatting.
constexpr char kAnnounceInt[] =
    "pcsim: interrupted by SIGINT: stopping every process; no results file is written (the "
    "temporary file was removed)\n";
constexpr char kAnnounceTerm[] =
    "pcsim: interrupted by SIGTERM: stopping every process; no results file is written (the "
    "temporary file was removed). Under mpirun this also means that another process of the "
    "run failed: see mpirun's message\n";

void on_signal(int signal) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, signal, std::memory_order_relaxed)) {
    remove_registered_temporaries();
    if (g_announce.load(std::memory_order_relaxed)) {
      const char* text = signal == SIGINT ? kAnnounceInt : kAnnounceTerm;
      const std::size_t size = signal == SIGINT ? sizeof kAnnounceInt - 1 : sizeof kAnnounceTerm - 1;
      if (::write(STDERR_FILENO, text, size) > 0) g_announced.store(true, std::memory_order_relaxed);
    }
    return;
  }
  // A second signal: the user (or the launcher) insists.
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

StopSignals::StopSignals() {
  g_signal.store(0, std::memory_order_relaxed);
  g_announced.store(false, std::memory_order_relaxed);
  for (int k = 0; k < 2; ++k) {
    struct sigaction current {};
    if (::sigaction(kSignals[k], nullptr, &current) != 0) continue;
    if (current.sa_handler == SIG_IGN) continue;  // nohup: leave it ignored
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    g_installed[k] = ::sigaction(kSignals[k], &action, &g_previous[k]) == 0;
  }
}

StopSignals::~StopSignals() {
  for (int k = 0; k < 2; ++k) {
    if (g_installed[k]) ::sigaction(kSignals[k], &g_previous[k], nullptr);
    g_installed[k] = false;
  }
}

int stop_signal() { return g_signal.load(std::memory_order_relaxed); }

void throw_if_stopped() {
  if (const int signal = stop_signal()) {
    throw Stopped(signal, fmt::format("interrupted by {}: the run stopped before its results "
                                      "were complete; no results file was written (the "
                                      "temporary file was removed)",
                                      stop_signal_name(signal)));
  }
}

std::string stop_signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return fmt::format("signal {}", signal);
}

RemoveOnStop::RemoveOnStop(const std::filesystem::path& path) {
  const std::string text = path.string();
  if (text.size() + 1 > kPathBytes) return;
  for (int k = 0; k < kMaxRegistered; ++k) {
    Slot& slot = g_slots[static_cast<std::size_t>(k)];
    if (slot.used.load(std::memory_order_acquire)) continue;
    std::memcpy(slot.path.data(), text.c_str(), text.size() + 1);
    slot.used.store(true, std::memory_order_release);
    slot_ = k;
    return;
  }
}

RemoveOnStop::~RemoveOnStop() {
  if (slot_ >= 0) g_slots[static_cast<std::size_t>(slot_)].used.store(false, std::memory_order_release);
}

void remove_registered_temporaries() noexcept {
  for (Slot& slot : g_slots) {
    if (slot.used.load(std::memory_order_acquire)) ::unlink(slot.path.data());
  }
}

void announce_stop_signals(bool announce) { g_announce.store(announce, std::memory_order_relaxed); }

bool stop_announced() { return g_announced.load(std::memory_order_relaxed); }

void simulate_stop_signal(int signal) { g_signal.store(signal, std::memory_order_relaxed); }

}  // namespace pcsim::runner

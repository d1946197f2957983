#include "runner/interrupts.hpp"

#include <signal.h>

#include <atomic>
#include <csignal>

#include <fmt/format.h>

#include "output/file_system.hpp"

namespace pcsim::runner {

namespace {

// Lock-free, so reading and writing it from a signal handler is safe.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

constexpr int kSignals[] = {SIGINT, SIGTERM};
struct sigaction g_previous[2];
bool g_installed[2] = {false, false};

// The first signal asks the run to stop; a second one (the user insisting) ends the
// process at once, as if pcsim had no handler.
void on_signal(int signal) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, signal, std::memory_order_relaxed)) return;
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

InterruptHandlers::InterruptHandlers() {
  g_signal.store(0, std::memory_order_relaxed);
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
}

int interrupt_signal() { return g_signal.load(std::memory_order_relaxed); }

void throw_if_interrupted() {
  if (const int signal = interrupt_signal()) {
    throw Interrupted(signal, fmt::format("interrupted by {}: stopped before the results were "
                                          "complete; no file was written or replaced",
                                          signal_name(signal)));
  }
}

std::string signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return fmt::format("signal {}", signal);
}

void simulate_interrupt(int signal) { g_signal.store(signal, std::memory_order_relaxed); }

}  // namespace pcsim::runner

#pragma once
// SIGINT (Ctrl-C) and SIGTERM (a scheduler's stop) during a command that writes a file
// (run, sensitivity): the first signal asks the run to stop. The workers look between
// ranges of iterations (runner/iteration_pool.cpp), the command unwinds, removing its
// temporary file, and pcsim prints that it was interrupted and exits with 128 + the
// signal's number (130, 143). Once the results file has its final name the run is
// complete and a signal changes nothing. A second signal ends the process at once (its
// temporary file is then reported and removed by the next run to the same output).
#include <stdexcept>
#include <string>

namespace pcsim::runner {

// Installs the handlers for the object's lifetime and arranges (output/file_system.hpp)
// that no file is renamed into place once a signal has arrived. A signal that was ignored
// when pcsim started (nohup, a background job of a non-interactive shell) stays ignored.
class InterruptHandlers {
 public:
  InterruptHandlers();
  ~InterruptHandlers();
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;
};

// The run was stopped by a signal. exit_code_of (runner/commands.hpp) exits with
// 128 + signal().
class Interrupted : public std::runtime_error {
 public:
  Interrupted(int signal, const std::string& message)
      : std::runtime_error(message), signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

// The signal received since the handlers were installed (SIGINT or SIGTERM), or 0. One
// relaxed atomic load: cheap enough to ask between iterations.
int interrupt_signal();

// Throws Interrupted ("interrupted by SIGINT: ...") when a signal has arrived.
void throw_if_interrupted();

// "SIGINT", "SIGTERM", or "signal N".
std::string signal_name(int signal);

// As if `signal` had arrived (0 clears it). Tests only.
void simulate_interrupt(int signal);

}  // namespace pcsim::runner

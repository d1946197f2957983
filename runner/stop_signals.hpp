#pragma once
// SIGINT (Ctrl-C) and SIGTERM (a scheduler's stop, or mpirun passing on either signal, or
// ending the other processes when one of them died) during `pcsim run` and `pcsim
// sensitivity`. The first signal:
//   - removes at once every temporary results file registered with RemoveOnStop (unlink
//     is safe in a signal handler): a process of an MPI run may be waiting in a
//     collective for a process that is gone, and mpirun sends SIGKILL soon after SIGTERM,
//     so the file cannot wait for the process to unwind;
//   - asks the run to stop: the work checks stop_signal() between ranges of iterations
//     and between steps (runner/distributed_rows.hpp), and throws Stopped, which unwinds
//     (every process of an MPI run agreeing on it) to exit code 128 + the signal (130,
//     143).
// A second signal ends the process at once. Once the results file has its final name the
// run is complete; a later signal changes nothing in it.
//
// A minimal mechanism on this branch; the hardening work (issue 15) has its own interrupt
// flag: when both are merged, stop_signal() and Stopped map onto it, and its handler calls
// remove_registered_temporaries().
#include <filesystem>
#include <stdexcept>
#include <string>

namespace pcsim::runner {

// Installs the handlers for the object's lifetime (the previous ones are restored
// afterwards). A signal ignored when pcsim started (nohup) stays ignored.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
};

// The signal received (SIGINT or SIGTERM) since the handlers were installed, or 0. One
// relaxed atomic load.
int stop_signal();

// The run was stopped by a signal: exit code 128 + signal().
class Stopped : public std::runtime_error {
 public:
  Stopped(int signal, const std::string& message) : std::runtime_error(message), signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Throws Stopped ("interrupted by SIGTERM: ...") when a signal has arrived.
void throw_if_stopped();

// "SIGINT", "SIGTERM" or "signal N".
std::string stop_signal_name(int signal);

// Registers `path` (a temporary results file) for removal by the first signal, for the
// object's lifetime. At most kMaxRegistered at once (one results file is open at a time);
// paths longer than the handler's buffer are not registered (the normal unwinding still
// removes them).
class RemoveOnStop {
 public:
  static constexpr int kMaxRegistered = 4;
  explicit RemoveOnStop(const std::filesystem::path& path);
  ~RemoveOnStop();
  RemoveOnStop(const RemoveOnStop&) = delete;
  RemoveOnStop& operator=(const RemoveOnStop&) = delete;

 private:
  int slot_ = -1;
};

// Removes every registered path (async-signal-safe: unlink only).
void remove_registered_temporaries() noexcept;

// Rank 0 of an MPI run: the first signal is also announced on stderr at once, from the
// handler (write is safe there). mpirun passes SIGTERM on to every process, and to the
// survivors when one process died, then sends SIGKILL about a second later: a process
// waiting in a collective for a dead one never gets to print otherwise. The announcement
// is then the run's message (failure_of prints nothing more for Stopped).
void announce_stop_signals(bool announce);
bool stop_announced();

// As if `signal` had arrived (0 clears it), without removing anything. Tests only.
void simulate_stop_signal(int signal);

}  // namespace pcsim::runner

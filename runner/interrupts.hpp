#pragma once
// SIGINT (Ctrl-C) and SIGTERM (a scheduler's stop; under mpirun also its way of ending the
// processes of a run when one of them died) during a command that writes a file (run,
// sensitivity), on one process or several (docs/cli.md, "Interrupted runs"). The first
// signal:
//   - removes at once the temporary results file registered with TemporaryOnInterrupt
//     (unlink is safe in a signal handler): under mpirun SIGKILL follows SIGTERM about a
//     second later, and a process may be waiting in a collective for one that has gone, so
//     the file cannot wait for the process to unwind;
//   - on rank 0 of an MPI run, prints the interruption at once (write is safe in a
//     handler), for the same reason, unless rank 0 has already reported another process's
//     interruption (claim_interruption_report): the interruption is reported once;
//   - asks the run to stop: the workers look between ranges of iterations
//     (runner/iteration_pool.cpp), the writers between datasets and before the rename
//     (output/file_system.hpp), the processes of an MPI run between steps
//     (runner/distributed_rows.hpp). throw_if_interrupted throws Interrupted, the command
//     unwinds (every process agreeing on it, runner/collective_step.hpp) and pcsim exits
//     with 128 + the signal's number (130, 143).
// Once the results file has its final name the run is complete and a signal changes
// nothing in it. A second signal ends the process at once; a temporary file it leaves is
// reported and removed by the next run to the same output.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace pcsim::runner {

// Installs the handlers for the object's lifetime (the previous ones are restored
// afterwards) and arranges (output/file_system.hpp) that no file is renamed into place
// once a signal has arrived. A signal that was ignored when pcsim started (nohup, a
// background job of a non-interactive shell) stays ignored. `announce`: the first signal
// also prints the interruption message on stderr from the handler (rank 0 of an MPI run).
class InterruptHandlers {
 public:
  explicit InterruptHandlers(bool announce = false);
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

// Throws Interrupted with interruption_message() when a signal has arrived.
void throw_if_interrupted();

// "interrupted by SIGINT: the run stopped before its results were complete; " and what the
// run leaves: that of the registered TemporaryOnInterrupt, else "no file was written or
// replaced". `who`, when given, follows the signal's name (" (seen first by process 1 of 2)").
std::string interruption_message(int signal, const std::string& who = {});

// The signal whose stop exits with `exit_code` (130: SIGINT, 143: SIGTERM), else 0.
int signal_of_exit_code(int exit_code);

// "SIGINT", "SIGTERM", or "signal N".
std::string signal_name(int signal);

// True once the interruption has been reported: printed by the handler
// (InterruptHandlers(true)) or claimed by claim_interruption_report.
bool interruption_announced();

// Rank 0 of an MPI run, about to print an interruption another process saw first (mpirun
// passes a signal to every process; rank 0's may still be on its way): true for the first
// claim, which prints it; false when the handler has printed it already. A claim made first
// keeps the handler from printing it again. Safe against the handler running at any moment.
bool claim_interruption_report();

// For the object's lifetime, the first signal removes `temporary` (a results file being
// written) at once, and the interruption's message says `left`, what the run leaves
// ("'OUT' is unchanged (the incomplete temporary file was removed)"). One at a time (one
// results file is written at a time); a second one, or a path or text longer than the
// handler's buffers, is not registered (unwinding still removes the file).
class TemporaryOnInterrupt {
 public:
  TemporaryOnInterrupt(const std::filesystem::path& temporary, const std::string& left);
  ~TemporaryOnInterrupt();
  TemporaryOnInterrupt(const TemporaryOnInterrupt&) = delete;
  TemporaryOnInterrupt& operator=(const TemporaryOnInterrupt&) = delete;

 private:
  bool registered_ = false;
};

// As if `signal` had arrived (0 clears it), without removing or printing anything. Tests.
void simulate_interrupt(int signal);

}  // namespace pcsim::runner

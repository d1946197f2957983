#pragma once
// Failing together (docs/cli.md, "Running on several processes"). Work that can fail on
// one process (a scenario that does not load, a model error, a signal, a write of rank 0)
// runs as a step: every process runs its part, then all agree on whether any failed. If
// one did, every process throws ProcessesFailed with the exit code and message of the
// lowest-ranked process that failed, unwinds (rank 0's temporary results file is removed
// on the way), rank 0 prints the message once, and all exit with the same code. So no
// process waits in a collective for a process that has given up, and a bad scenario is
// reported once, not once per process.
#include <exception>
#include <functional>
#include <ostream>
#include <stdexcept>

#include "runner/communicator.hpp"

namespace pcsim::runner {

// Thrown on every process when a step failed somewhere (the failing process included).
class ProcessesFailed : public std::runtime_error {
 public:
  explicit ProcessesFailed(ProcessFailure failure)
      : std::runtime_error(failure.text), failure_(std::move(failure)) {}
  const ProcessFailure& failure() const { return failure_; }

 private:
  ProcessFailure failure_;
};

// Runs `step` here, then agrees with the other processes (collective). With one process,
// what step throws propagates unchanged; with several, any failure anywhere throws
// ProcessesFailed on every process. `step` must not call collectives itself.
void all_or_none(const Communicator& processes, const std::function<void()>& step);

// The exit code and message pcsim gives the exception `error`: exit_code_of's (runner/
// commands.hpp), 128 + the signal for Interrupted (no message when the signal handler
// announced it), the agreed failure for ProcessesFailed.
ProcessFailure failure_of(std::exception_ptr error);

// main()'s wrapper of `pcsim run` and `pcsim sensitivity`: installs the interrupt handlers
// (runner/interrupts.hpp; rank 0 of several processes announces a signal at once), runs `command`
// and returns the exit code. The message of a failure goes to `err` from rank 0 only (naming the
// process when another one failed). A failure the processes did not agree on (an MPI call failed: a
// process died) is printed by the process that saw it and ends the whole run with
// Communicator::abort.
int exit_code_together(const Communicator& processes, const std::function<void()>& command,
                       std::ostream& err);

}  // namespace pcsim::runner

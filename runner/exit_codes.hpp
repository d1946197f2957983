#pragma once

namespace pcsim::runner {

// Process exit codes of the pcsim command (docs/cli.md). Scripts depend on these numbers:
// never renumber one.
enum ExitCode : int {
  kExitSuccess = 0,        // the command did what was asked
  kExitUsage = 2,          // bad command line: unknown flag, missing argument, bad value
  kExitInvalidInput = 3,   // the scenario or a practice file is wrong (pcsim::InputError)
  kExitOutputFailure = 4,  // a results file could not be written or read (pcsim::OutputError)
  kExitInternalError = 5,  // the model failed (pcsim::ModelError) or any other exception
  kExitResources = 6,      // the machine cannot hold the run: memory or disk (nothing done)
};

// A run stopped by SIGINT or SIGTERM (runner/interrupts.hpp) exits with 128 + the signal's
// number, as a shell reports a process killed by it: 130 for SIGINT, 143 for SIGTERM.
constexpr int exit_code_for_signal(int signal) { return 128 + signal; }

}  // namespace pcsim::runner

#include "runner/collective_step.hpp"

#include <sstream>

#include <fmt/format.h>

#include "runner/commands.hpp"
#include "runner/exit_codes.hpp"
#include "runner/interrupts.hpp"
#include "runner/provenance.hpp"

namespace pcsim::runner {

ProcessFailure failure_of(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ProcessesFailed& failed) {
    return failed.failure();
  } catch (const Interrupted& interrupted) {
    // Announced already by the signal handler (rank 0 of an MPI run): nothing more to say.
    return {
        exit_code_for_signal(interrupted.signal()), -1,
        interruption_announced() ? std::string() : fmt::format("pcsim: {}\n", interrupted.what())};
  } catch (...) {
    std::ostringstream text;
    const int code = exit_code_of([&] { std::rethrow_exception(error); }, text);
    return {code, -1, text.str()};
  }
}

namespace {

// Rank 0 and an interruption that another process saw first. mpirun passes a signal to
// every process, and rank 0 may have finished its part of the step before its own arrived:
// then its handler would announce it too, and the run would report it twice. Rank 0
// reports it once, in its own words (what is left is rank 0's file, not the other
// process's), or not at all when its handler has already.
void report_interruption_once(ProcessFailure& agreed, int processes) {
  const int signal = signal_of_exit_code(agreed.code);
  if (signal == 0) return;
  agreed.text = claim_interruption_report()
                    ? fmt::format("pcsim: {}; every process of the run stops\n",
                                  interruption_message(
                                      signal, fmt::format(" (seen first by process {} of {})",
                                                          agreed.rank, processes)))
                    : std::string();
}

}  // namespace

void all_or_none(const Communicator& processes, const std::function<void()>& step) {
  std::exception_ptr error;
  try {
    step();
  } catch (...) {
    error = std::current_exception();
  }
  if (processes.size() == 1) {
    if (error) std::rethrow_exception(error);
    return;
  }
  ProcessFailure mine;
  if (error) {
    mine = failure_of(error);
    if (processes.rank() != 0 && mine.rank < 0) {
      // Rank 0 prints it: say which process, on which machine, failed.
      mine.text = fmt::format("pcsim: process {} of {} (host {}) failed:\n{}", processes.rank(),
                              processes.size(), host_name(), mine.text);
    }
  }
  ProcessFailure agreed = processes.agree(mine);
  if (agreed.code == 0) return;
  if (processes.root() && agreed.rank > 0) report_interruption_once(agreed, processes.size());
  throw ProcessesFailed(std::move(agreed));
}

int exit_code_together(const Communicator& processes, const std::function<void()>& command,
                       std::ostream& err) {
  const InterruptHandlers handlers(processes.size() > 1 && processes.root());
  try {
    command();
    return 0;
  } catch (const ProcessesFailed& failed) {
    if (processes.root()) err << failed.failure().text << std::flush;
    // Nobody leaves before rank 0 has printed: mpirun stops the others when one process
    // ends with a non-zero code, which could cut the message short.
    try {
      processes.barrier();
    } catch (const CommunicationError&) {
    }
    return failed.failure().code;
  } catch (...) {
    const ProcessFailure failure = failure_of(std::current_exception());
    if (processes.size() == 1) {
      err << failure.text << std::flush;
      return failure.code;
    }
    // Only this process knows: it cannot wait for the others to agree.
    err << fmt::format("pcsim: process {} of {} (host {}) failed and ends the run:\n{}",
                       processes.rank(), processes.size(), host_name(), failure.text)
        << std::flush;
    processes.abort(failure.code);
    return failure
        .code;  // not reached: abort is [[noreturn]], which g++ cannot see through the virtual call
  }
}

}  // namespace pcsim::runner

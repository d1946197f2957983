#pragma once
// The processes of a run (ARCHITECTURE.md: "MPI behind a small communicator interface with
// a one-process implementation, so no #ifdef spreads through the runner; rank 0 writes").
// Everything the runner asks of the processes is here: who am I, how many are we, did
// anyone fail, what did rank 0 decide, and rank 0 collects everyone's rows in order. The
// one-process implementation does each of these trivially; the Open MPI one
// (runner/communicator_mpi.cpp, the only file that includes <mpi.h>) with MPI calls.
//
// Every call except rank(), size(), local_size(), name() and abort() is collective: every
// process calls it, in the same order. A process that fails must still reach the next
// collective (runner/collective_step.hpp wraps each step so that it does), or the others
// wait for it forever.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

namespace pcsim::runner {

// A process's failure as its exit code and the message pcsim would print for it.
struct ProcessFailure {
  int code = 0;      // 0: no failure
  int rank = -1;     // which process failed (the lowest-ranked one, when several did)
  std::string text;  // the message, as printed (may hold several lines)
};

class Communicator {
 public:
  virtual ~Communicator() = default;

  virtual int rank() const = 0;
  virtual int size() const = 0;
  bool root() const { return rank() == 0; }
  // Processes of this run on this machine (1 for one process).
  virtual int local_size() const = 0;
  // "one process", or "Open MPI 4.1.4, 3 processes on 1 host".
  virtual std::string name() const = 0;

  // Every process passes its own outcome (code 0 when it did not fail); all receive the
  // failure of the lowest-ranked process that failed (code 0 when none did), message
  // included.
  virtual ProcessFailure agree(const ProcessFailure& mine) const = 0;

  // Every process receives rank 0's `value`.
  virtual void broadcast(std::int64_t& value) const = 0;

  // Rank 0 receives every process's `block` in rank order: receive(rank, block) is called
  // on rank 0 for its own block first (no copy), then for each other process's; the other
  // processes send theirs and return. Blocks may differ in size (and be empty). When
  // receive throws, the remaining blocks are still received (so no process waits for
  // ever) and the first exception is rethrown on rank 0 afterwards.
  using BlockReceiver = std::function<void(int rank, std::span<const double> block)>;
  virtual void gather(std::span<const double> block, const BlockReceiver& receive) const = 0;

  // Returns when every process has called it.
  virtual void barrier() const = 0;

  // Ends every process of the run at once with `code` (MPI_Abort): for a failure the
  // processes could not agree on. Never returns.
  [[noreturn]] virtual void abort(int code) const = 0;
};

// The one-process communicator: rank 0 of 1. Stateless; shared by every caller that is
// not handed another (the default argument of the distributed functions).
const Communicator& one_process();

// How pcsim was started, read from the environment before MPI is touched:
//   launched by mpirun / mpiexec (Open MPI: OMPI_COMM_WORLD_SIZE), srun or another PMI or
//   PMIx launcher (PMIX_RANK, PMI_RANK, PMI_SIZE)      -> MPI;
//   otherwise                                          -> one process, MPI never
//   initialised (an MPI singleton would cost about 0.4 s and a helper daemon on every
//   `pcsim` command).
// PCSIM_MPI=1 forces MPI (a singleton without a launcher), PCSIM_MPI=0 forbids it.
bool launched_by_mpi();

// The processes of this run, for main() to hold: initialises MPI when launched_by_mpi()
// (threads: MPI_THREAD_FUNNELED, only the calling thread talks to MPI) and finalises it
// when destroyed. Without MPI, communicator() is one_process().
class ProcessGroup {
 public:
  // Throws std::runtime_error when MPI cannot be initialised.
  ProcessGroup(int& argc, char**& argv);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  const Communicator& communicator() const;

 private:
  std::unique_ptr<Communicator> mpi_;  // null: one process
};

// The Open MPI communicator over a duplicate of MPI_COMM_WORLD (errors returned, not
// fatal: a failed call throws CommunicationError). Requires MPI to be initialised.
std::unique_ptr<Communicator> make_mpi_communicator();
void initialise_mpi(int& argc, char**& argv);  // MPI_Init_thread, FUNNELED
void finalise_mpi() noexcept;                  // MPI_Finalize when initialised

// An MPI call failed (a process died, the network went away): the processes can no
// longer agree on anything, so main() ends the run with Communicator::abort.
class CommunicationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The CPUs this process may run on (its affinity mask), at least 1.
int available_cpus();

// A warning when `threads` is more than available_cpus(): TBB's extra workers spin waiting
// for one another (a run of Bolton's 20 iterations took 15 s at 4,096 threads on 2 CPUs,
// 0.2 s at 2).
std::optional<std::string> threads_warning(int threads);

// The default of --threads for this process: the CPUs it may run on (its affinity mask,
// so a process that mpirun or Slurm bound to one core gets one thread), shared between
// the processes of the run on this machine when they were not bound apart. At least 1.
int default_threads(const Communicator& processes);

}  // namespace pcsim::runner

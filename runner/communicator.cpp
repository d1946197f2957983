#include "runner/communicator.hpp"

#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include <fmt/format.h>

namespace pcsim::runner {

namespace {

// Rank 0 of 1: every collective is immediate.
class OneProcess final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  int local_size() const override { return 1; }
  std::string name() const override { return "one process"; }
  ProcessFailure agree(const ProcessFailure& mine) const override {
    ProcessFailure agreed = mine;
    if (agreed.code != 0) agreed.rank = 0;
    return agreed;
  }
  void broadcast(std::int64_t&) const override {}
  void gather(std::span<const double> block, const BlockReceiver& receive) const override {
    receive(0, block);
  }
  void barrier() const override {}
  [[noreturn]] void abort(int code) const override { std::_Exit(code); }
};

bool set(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0';
}

}  // namespace

const Communicator& one_process() {
  static const OneProcess instance;
  return instance;
}

bool launched_by_mpi() {
  if (const char* forced = std::getenv("PCSIM_MPI"); forced != nullptr && *forced != '\0') {
    return std::string_view(forced) != "0";
  }
  return set("OMPI_COMM_WORLD_SIZE") || set("PMIX_RANK") || set("PMI_RANK") || set("PMI_SIZE");
}

ProcessGroup::ProcessGroup(int& argc, char**& argv) {
  if (!launched_by_mpi()) return;
  initialise_mpi(argc, argv);
  mpi_ = make_mpi_communicator();
}

ProcessGroup::~ProcessGroup() {
  if (!mpi_) return;
  mpi_.reset();
  finalise_mpi();
}

const Communicator& ProcessGroup::communicator() const { return mpi_ ? *mpi_ : one_process(); }

int available_cpus() {
  int cpus = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof mask, &mask) == 0) cpus = std::max(1, CPU_COUNT(&mask));
  return cpus;
}

std::optional<std::string> threads_warning(int threads) {
  const int cpus = available_cpus();
  if (threads <= cpus) return std::nullopt;
  return fmt::format(
      "--threads {}: more threads than the {} CPU{} this process may run on; the extra threads "
      "only wait for one another, so the run is slower (at 4,096 threads on 2 CPUs, seconds "
      "for what takes a fifth of a second), never different: the results are the same for "
      "any thread count",
      threads, cpus, cpus == 1 ? "" : "s");
}

int default_threads(const Communicator& processes) {
  const int hardware = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  int cpus = available_cpus();
  // Bound to fewer CPUs than the machine has: the launcher has shared them out already.
  // Otherwise the processes on this machine share its CPUs.
  const int local = std::max(1, processes.local_size());
  if (local > 1 && cpus >= hardware) cpus = std::max(1, cpus / local);
  return cpus;
}

}  // namespace pcsim::runner

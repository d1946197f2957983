#pragma once
// Test support: K "processes" as K threads of the test, with collectives through shared
// memory, so the distributed code paths (runner/communicator.hpp) run inside GoogleTest
// without mpirun. Collectives follow the contract of Communicator (same order on every
// rank; gather delivers rank 0's block first, then the others', and keeps delivering
// after a receive threw).
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "runner/communicator.hpp"

namespace pcsim::runner::testing {

class ThreadGroup {
 public:
  explicit ThreadGroup(int size)
      : blocks_(static_cast<std::size_t>(size)),
        failures_(static_cast<std::size_t>(size)),
        size_(size) {}

  int size() const { return size_; }

  void barrier() {
    std::unique_lock lock(mutex_);
    const long generation = generation_;
    if (++arrived_ == size_) {
      arrived_ = 0;
      ++generation_;
      changed_.notify_all();
    } else {
      changed_.wait(lock, [&] { return generation_ != generation; });
    }
  }

  std::vector<std::vector<double>> blocks_;
  std::vector<ProcessFailure> failures_;
  std::int64_t value_ = 0;

 private:
  int size_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int arrived_ = 0;
  long generation_ = 0;
};

class ThreadCommunicator final : public Communicator {
 public:
  ThreadCommunicator(ThreadGroup& group, int rank) : group_(group), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return group_.size(); }
  int local_size() const override { return group_.size(); }
  std::string name() const override { return "threads"; }

  ProcessFailure agree(const ProcessFailure& mine) const override {
    group_.failures_[static_cast<std::size_t>(rank_)] = mine;
    group_.barrier();
    ProcessFailure agreed;
    for (int r = 0; r < size(); ++r) {
      if (group_.failures_[static_cast<std::size_t>(r)].code != 0) {
        agreed = group_.failures_[static_cast<std::size_t>(r)];
        agreed.rank = r;
        break;
      }
    }
    group_.barrier();
    return agreed;
  }
  void broadcast(std::int64_t& value) const override {
    if (rank_ == 0) group_.value_ = value;
    group_.barrier();
    value = group_.value_;
    group_.barrier();
  }
  void gather(std::span<const double> block, const BlockReceiver& receive) const override {
    group_.blocks_[static_cast<std::size_t>(rank_)].assign(block.begin(), block.end());
    group_.barrier();
    std::exception_ptr failure;
    if (rank_ == 0) {
      for (int r = 0; r < size(); ++r) {
        if (failure) continue;
        try {
          receive(r, group_.blocks_[static_cast<std::size_t>(r)]);
        } catch (...) {
          failure = std::current_exception();
        }
      }
    }
    group_.barrier();
    if (failure) std::rethrow_exception(failure);
  }
  void barrier() const override { group_.barrier(); }
  [[noreturn]] void abort(int) const override { std::abort(); }

 private:
  ThreadGroup& group_;
  int rank_;
};

// Runs body(communicator) on `size` threads, one per rank; returns what each rank threw
// (null when it returned normally).
inline std::vector<std::exception_ptr> run_ranks(
    int size, const std::function<void(const Communicator&)>& body) {
  ThreadGroup group(size);
  std::vector<std::exception_ptr> thrown(static_cast<std::size_t>(size));
  std::vector<std::thread> threads;
  for (int r = 0; r < size; ++r) {
    threads.emplace_back([&, r] {
      const ThreadCommunicator communicator(group, r);
      try {
        body(communicator);
      } catch (...) {
        thrown[static_cast<std::size_t>(r)] = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  return thrown;
}

}  // namespace pcsim::runner::testing

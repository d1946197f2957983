// The pieces of a distributed run (runner/distributed_rows.hpp, runner/collective_step.hpp,
// runner/communicator.hpp): how a chunk is shared out, that rank 0 receives every row in
// order whatever the number of processes, and that a failure on one process fails all of
// them with its message. Several processes are threads of the test
// (tests/runner/thread_communicator.hpp).
#include <gtest/gtest.h>

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

#include "core/errors.hpp"
#include "runner/collective_step.hpp"
#include "runner/distributed_rows.hpp"
#include "runner/interrupts.hpp"
#include "runner/usage_error.hpp"
#include "tests/runner/thread_communicator.hpp"

namespace pcsim::runner {
namespace {

using testing::run_ranks;

// The shares of a chunk cover it exactly, in rank order, without gaps or overlaps, and
// differ in size by at most one (checked against the arithmetic of the split by hand).
TEST(DistributedRows, SharesCoverTheChunkInRankOrder) {
  for (int size : {1, 2, 3, 7, 64}) {
    for (std::int64_t count : {0, 1, 2, 5, 103, 256, 1000}) {
      const RowRange chunk{40, count};
      std::int64_t next = chunk.first, smallest = count, largest = 0;
      for (int rank = 0; rank < size; ++rank) {
        const RowRange share = share_of(chunk, rank, size);
        EXPECT_EQ(share.first, next) << count << " rows over " << size;
        next = share.end();
        smallest = std::min(smallest, share.count);
        largest = std::max(largest, share.count);
      }
      EXPECT_EQ(next, chunk.end());
      EXPECT_LE(largest - smallest, 1);
      // 103 rows over 3 processes: 35, 34, 34.
      if (count == 103 && size == 3) {
        EXPECT_EQ(share_of(chunk, 0, 3).count, 35);
      }
    }
  }
}

// f(i): a row of three values that depend on the row only.
void row_of(std::int64_t i, std::span<double> out) {
  out[0] = static_cast<double>(i);
  out[1] = 0.5 * static_cast<double>(i * i);
  out[2] = 1.0 / (1.0 + static_cast<double>(i));
}

// Rank 0 receives rows 0..count-1 in order, each exactly f(i), for 1 to 4 processes and
// 1 or 2 threads each, with chunks of 7 rows per process (so several chunks and shares
// of unequal size); the other ranks receive nothing.
TEST(DistributedRows, RankZeroReceivesEveryRowInOrder) {
  constexpr std::int64_t kCount = 101;
  for (int size = 1; size <= 4; ++size) {
    for (int threads : {1, 2}) {
      std::vector<double> received;
      std::vector<std::int64_t> received_by_others(static_cast<std::size_t>(size), 0);
      const auto thrown = run_ranks(size, [&](const Communicator& processes) {
        std::ostringstream quiet;
        Progress progress(ProgressStyle::Silent, quiet);
        DistributedRows work(processes, threads, 3, progress);
        work.run(
            kCount, 7, 3,
            [](std::int64_t begin, std::int64_t end, std::span<double> out) {
              for (std::int64_t i = begin; i < end; ++i) {
                row_of(i, out.subspan(static_cast<std::size_t>(i - begin) * 3, 3));
              }
            },
            [&](RowRange share, std::span<const double> values) {
              if (!processes.root()) {
                received_by_others[static_cast<std::size_t>(processes.rank())] += share.count;
                return;
              }
              EXPECT_EQ(static_cast<std::int64_t>(received.size() / 3), share.first);
              received.insert(received.end(), values.begin(), values.end());
            });
      });
      for (const auto& e : thrown) EXPECT_FALSE(e);
      ASSERT_EQ(received.size(), static_cast<std::size_t>(kCount) * 3);
      std::vector<double> expected(3);
      for (std::int64_t i = 0; i < kCount; ++i) {
        row_of(i, expected);
        for (std::size_t c = 0; c < 3; ++c) {
          EXPECT_EQ(received[static_cast<std::size_t>(i) * 3 + c], expected[c]) << i;
        }
      }
      for (auto n : received_by_others) EXPECT_EQ(n, 0);
    }
  }
}

// One process: what a step throws comes through unchanged.
TEST(CollectiveStep, OneProcessRethrowsTheOriginal) {
  EXPECT_THROW(all_or_none(one_process(), [] { throw InputError("bad"); }), InputError);
  EXPECT_THROW(all_or_none(one_process(), [] { throw UsageError("bad"); }), UsageError);
  EXPECT_NO_THROW(all_or_none(one_process(), [] {}));
}

// Several processes: an InputError on rank 2 alone fails all three with its exit code (3)
// and its message, prefixed with the process that failed; a step where nobody fails
// throws nowhere.
TEST(CollectiveStep, AFailureOnOneProcessFailsEveryProcess) {
  const auto thrown = run_ranks(3, [](const Communicator& processes) {
    all_or_none(processes, [] {});
    all_or_none(processes, [&] {
      if (processes.rank() == 2) throw InputError("s.toml:3: key 'x': found 1; expected 2");
    });
  });
  for (int r = 0; r < 3; ++r) {
    ASSERT_TRUE(thrown[static_cast<std::size_t>(r)]) << "rank " << r;
    try {
      std::rethrow_exception(thrown[static_cast<std::size_t>(r)]);
    } catch (const ProcessesFailed& failed) {
      EXPECT_EQ(failed.failure().code, 3);
      EXPECT_EQ(failed.failure().rank, 2);
      EXPECT_NE(failed.failure().text.find("pcsim: process 2 of 3 (host "), std::string::npos);
      EXPECT_NE(failed.failure().text.find("\nerror: s.toml:3: key 'x': found 1; expected 2\n"),
                std::string::npos);
    }
  }
}

// When several processes fail, the lowest rank's failure is the one reported, everywhere.
TEST(CollectiveStep, TheLowestFailingRankIsReported) {
  const auto thrown = run_ranks(4, [](const Communicator& processes) {
    all_or_none(processes, [&] {
      if (processes.rank() == 3) throw OutputError("three");
      if (processes.rank() == 1) throw UsageError("one");
    });
  });
  for (const auto& e : thrown) {
    try {
      std::rethrow_exception(e);
    } catch (const ProcessesFailed& failed) {
      EXPECT_EQ(failed.failure().rank, 1);
      EXPECT_EQ(failed.failure().code, 2);  // a usage error
    }
  }
}

// A model error inside one process's share of the work fails every process (not only
// the one computing it), so no process waits for rows that will never come.
TEST(DistributedRows, AnErrorInOneShareFailsEveryProcess) {
  const auto thrown = run_ranks(3, [](const Communicator& processes) {
    std::ostringstream quiet;
    Progress progress(ProgressStyle::Silent, quiet);
    DistributedRows work(processes, 1, 1, progress);
    work.run(
        30, 10, 1,
        [](std::int64_t begin, std::int64_t end, std::span<double> out) {
          for (std::int64_t i = begin; i < end; ++i) {
            if (i == 17) throw ModelError("row 17");
            out[static_cast<std::size_t>(i - begin)] = 1;
          }
        },
        [](RowRange, std::span<const double>) {});
  });
  for (const auto& e : thrown) {
    ASSERT_TRUE(e);
    try {
      std::rethrow_exception(e);
    } catch (const ProcessesFailed& failed) {
      EXPECT_EQ(failed.failure().code, 5);
      EXPECT_EQ(failed.failure().rank, 1);  // rows 10..19 are process 1's
      EXPECT_NE(failed.failure().text.find("row 17"), std::string::npos);
    }
  }
}

// The exit code and message of each kind of failure: as exit_code_of, plus 128 + the
// signal for a stop.
TEST(CollectiveStep, FailureOfMapsExceptionsToExitCodes) {
  const auto of = [](auto&& thrower) {
    try {
      thrower();
    } catch (...) {
      return failure_of(std::current_exception());
    }
    return ProcessFailure{};
  };
  EXPECT_EQ(of([] { throw InputError("x"); }).code, 3);
  EXPECT_EQ(of([] { throw InputError("x"); }).text, "error: x\n");
  EXPECT_EQ(of([] { throw OutputError("x"); }).code, 4);
  EXPECT_EQ(of([] { throw UsageError("x"); }).code, 2);
  EXPECT_EQ(of([] { throw ModelError("x"); }).code, 5);
  EXPECT_EQ(of([] { throw Interrupted(SIGTERM, "interrupted"); }).code, 128 + SIGTERM);
  // Not yet announced (new handlers clear what an earlier test's signal left announced in
  // this process): the failure says it; once announced, nothing more.
  {
    const InterruptHandlers handlers(false);
    EXPECT_EQ(of([] { throw Interrupted(SIGINT, "interrupted"); }).text, "pcsim: interrupted\n");
    ASSERT_TRUE(claim_interruption_report());
    EXPECT_EQ(of([] { throw Interrupted(SIGINT, "interrupted"); }).text, "");
  }
}

// SIGTERM with the handlers installed: the registered temporary file is gone at once, the
// run is asked to stop, and the check throws Interrupted saying what is left; the handlers
// are removed after.
TEST(Interrupts, TheFirstSignalRemovesTheTemporaryAndStopsTheRun) {
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("pcsim-stop-test-" + std::to_string(::getpid()) + ".tmp");
  std::ofstream(file) << "partial";
  {
    const InterruptHandlers handlers;
    const TemporaryOnInterrupt remove(file, "'x.h5' is unchanged");
    EXPECT_EQ(interrupt_signal(), 0);
    EXPECT_NO_THROW(throw_if_interrupted());
    std::raise(SIGTERM);
    EXPECT_EQ(interrupt_signal(), SIGTERM);
    EXPECT_FALSE(std::filesystem::exists(file));
    EXPECT_FALSE(interruption_announced());
    try {
      throw_if_interrupted();
      ADD_FAILURE() << "not interrupted";
    } catch (const Interrupted& e) {
      EXPECT_STREQ(e.what(),
                   "interrupted by SIGTERM: the run stopped before its results were "
                   "complete; 'x.h5' is unchanged");
    }
    // The agreed step turns it into exit code 143 on every process, with the message.
    try {
      all_or_none(one_process(), [] { throw_if_interrupted(); });
    } catch (...) {
      const ProcessFailure failure = failure_of(std::current_exception());
      EXPECT_EQ(failure.code, 143);
      EXPECT_EQ(failure.text,
                "pcsim: interrupted by SIGTERM: the run stopped before its "
                "results were complete; 'x.h5' is unchanged\n");
    }
  }
  simulate_interrupt(0);
  // Nothing registered: the message says nothing was written.
  EXPECT_EQ(interruption_message(SIGINT),
            "interrupted by SIGINT: the run stopped before its "
            "results were complete; no file was written or replaced");
  std::filesystem::remove(file);
}

// Rank 0 of several processes: the first signal prints the message at once from the
// handler (with what an MPI run adds), and failure_of then has nothing more to print.
TEST(Interrupts, RankZeroAnnouncesTheSignalAtOnce) {
  const std::filesystem::path err =
      std::filesystem::temp_directory_path() / ("pcsim-announce-" + std::to_string(::getpid()));
  const int saved = ::dup(STDERR_FILENO);
  ASSERT_GE(saved, 0);
  {
    std::FILE* capture = std::fopen(err.c_str(), "w");
    ASSERT_NE(capture, nullptr);
    ::dup2(::fileno(capture), STDERR_FILENO);
    std::fclose(capture);
    const InterruptHandlers handlers(true);
    const TemporaryOnInterrupt remove(err.string() + ".none", "'x.h5' is unchanged");
    std::raise(SIGINT);
    ::dup2(saved, STDERR_FILENO);
    ::close(saved);
    EXPECT_TRUE(interruption_announced());
    try {
      throw_if_interrupted();
    } catch (...) {
      const ProcessFailure failure = failure_of(std::current_exception());
      EXPECT_EQ(failure.code, 130);
      EXPECT_EQ(failure.text, "");
    }
  }
  simulate_interrupt(0);
  std::ifstream in(err);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text,
            "pcsim: interrupted by SIGINT: the run stopped before its results were "
            "complete; 'x.h5' is unchanged; every process of the run stops\n");
  std::filesystem::remove(err);
}

// What rank 0 of two "processes" reports when process 1 alone stops on SIGTERM in a step
// (rank 0 finished its part before its own signal came).
std::string rank_zero_report_of_process_one_interrupted() {
  const auto thrown = run_ranks(2, [](const Communicator& processes) {
    all_or_none(processes, [&] {
      if (processes.rank() == 1) throw Interrupted(SIGTERM, interruption_message(SIGTERM));
    });
  });
  try {
    std::rethrow_exception(thrown[0]);
  } catch (const ProcessesFailed& failed) {
    EXPECT_EQ(failed.failure().code, 143);
    EXPECT_EQ(failed.failure().rank, 1);
    return failed.failure().text;
  } catch (...) {
    ADD_FAILURE() << "rank 0 did not fail with the step";
  }
  return "not thrown";
}

// What `body` writes to stderr, the file descriptor (the signal handler's write(2)).
template <typename Body>
std::string stderr_of(Body&& body) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("pcsim-stderr-" + std::to_string(::getpid()));
  const int saved = ::dup(STDERR_FILENO);
  std::FILE* capture = std::fopen(path.c_str(), "w");
  if (saved < 0 || capture == nullptr) {
    ADD_FAILURE() << "cannot capture stderr";
    return {};
  }
  ::dup2(::fileno(capture), STDERR_FILENO);
  std::fclose(capture);
  body();
  ::dup2(saved, STDERR_FILENO);
  ::close(saved);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  return text;
}

// mpirun passes SIGTERM to every process, so process 1 may stop on it in a step that rank 0
// has already finished. The run still reports the interruption once, whichever comes
// first: rank 0 reports process 1's stop in its own words (rank 0's file is what is left)
// and its own signal then prints nothing; or its handler printed it, and process 1's stop
// adds nothing. (cli.mpi_failure once saw both messages when the machine was loaded.)
TEST(Interrupts, AnInterruptionIsReportedOnceWhicheverProcessSeesItFirst) {
  {
    const InterruptHandlers handlers(true);
    const TemporaryOnInterrupt remove("/nonexistent/pcsim-once.tmp", "'x.h5' is unchanged");
    EXPECT_EQ(rank_zero_report_of_process_one_interrupted(),
              "pcsim: interrupted by SIGTERM (seen first by process 1 of 2): the run stopped "
              "before its results were complete; 'x.h5' is unchanged; every process of the "
              "run stops\n");
    EXPECT_TRUE(interruption_announced());
    EXPECT_EQ(rank_zero_report_of_process_one_interrupted(), "");  // reported already
    EXPECT_EQ(stderr_of([] { std::raise(SIGTERM); }), "");         // rank 0's own signal, later
    EXPECT_EQ(interrupt_signal(), SIGTERM);                        // which still stops the run
  }
  simulate_interrupt(0);
  {
    const InterruptHandlers handlers(true);
    EXPECT_EQ(stderr_of([] { std::raise(SIGTERM); }),
              "pcsim: interrupted by SIGTERM: the run stopped before its results were "
              "complete; no file was written or replaced; every process of the run stops "
              "(under mpirun, SIGTERM also means that another process of the run failed: see "
              "mpirun's message)\n");
    EXPECT_EQ(rank_zero_report_of_process_one_interrupted(), "");
  }
  simulate_interrupt(0);
  // Other failures of another process are rank 0's to print as they are.
  EXPECT_EQ(signal_of_exit_code(130), SIGINT);
  EXPECT_EQ(signal_of_exit_code(143), SIGTERM);
  EXPECT_EQ(signal_of_exit_code(3), 0);
  EXPECT_EQ(signal_of_exit_code(137), 0);  // a process killed by SIGKILL: not a stop
}

// Without mpirun (no launcher in the environment) the processes are this one alone and
// MPI is never initialised.
TEST(Communicator, WithoutALauncherThereIsOneProcess) {
  for (const char* name :
       {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "PCSIM_MPI"}) {
    if (std::getenv(name) != nullptr)
      GTEST_SKIP() << name << " is set: the test runs under a launcher";
  }
  EXPECT_FALSE(launched_by_mpi());
  int argc = 1;
  char program[] = "pcsim";
  char* args[] = {program, nullptr};
  char** argv = args;
  const ProcessGroup group(argc, argv);
  EXPECT_EQ(group.communicator().size(), 1);
  EXPECT_EQ(group.communicator().rank(), 0);
  EXPECT_GE(default_threads(group.communicator()), 1);
}

}  // namespace
}  // namespace pcsim::runner

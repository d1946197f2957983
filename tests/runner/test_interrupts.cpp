// Interrupts (runner/interrupts.hpp): once SIGINT or SIGTERM has arrived the workers stop
// at their next range, the run unwinds removing its temporary file, the message says the
// output is unchanged, and the exit code is 128 + the signal. The signals themselves, sent
// to real processes, are tests/cli/interrupts.sh; here the flag is set directly.
#include "runner/interrupts.hpp"

#include <signal.h>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "output/file_system.hpp"
#include "runner/commands.hpp"
#include "runner/exit_codes.hpp"
#include "runner/progress.hpp"
#include "runner/run_engine.hpp"
#include "shipped_scenarios.hpp"

namespace pcsim::runner {
namespace {

namespace fs = std::filesystem;

struct Flag {
  explicit Flag(int signal) { simulate_interrupt(signal); }
  ~Flag() { simulate_interrupt(0); }
};

// Fact: with the flag set, the parallel loop runs no range and throws Interrupted; with it
// set part-way, the ranges already started finish and no later one starts.
TEST(Interrupts, WorkersStopAtTheNextRange) {
  Progress progress(ProgressStyle::Silent, std::cerr);
  {
    const Flag flag(SIGINT);
    std::atomic<int> ranges{0};
    EXPECT_THROW(parallel_iterations(1000, 2, progress, [&](auto, auto) { ++ranges; }),
                 Interrupted);
    EXPECT_EQ(ranges.load(), 0);
  }
  std::atomic<int> ranges{0};
  try {
    parallel_iterations(100000, 1, progress, [&](auto, auto) {
      if (++ranges == 10) simulate_interrupt(SIGTERM);
    });
    ADD_FAILURE() << "not interrupted";
  } catch (const Interrupted& e) {
    EXPECT_EQ(e.signal(), SIGTERM);
  }
  simulate_interrupt(0);
  EXPECT_EQ(ranges.load(), 10);  // one thread: the range after the signal never started
}

// Fact: Interrupted maps to 128 + the signal (130, 143), with its message after "pcsim: ".
TEST(Interrupts, ExitCodesAreThoseOfTheSignal) {
  std::ostringstream err;
  EXPECT_EQ(exit_code_of([] { throw Interrupted(SIGINT, "interrupted by SIGINT"); }, err), 130);
  EXPECT_EQ(exit_code_of([] { throw Interrupted(SIGTERM, "interrupted by SIGTERM"); }, err), 143);
  EXPECT_EQ(err.str(), "pcsim: interrupted by SIGINT\npcsim: interrupted by SIGTERM\n");
  EXPECT_EQ(signal_name(SIGINT), "SIGINT");
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
}

// Fact: run_command interrupted leaves the existing OUT as it was and no temporary file,
// and its message names OUT as unchanged.
TEST(Interrupts, RunLeavesTheOutputUnchanged) {
  const fs::path folder =
      fs::temp_directory_path() / ("pcsim-interrupt-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "out.h5") << "earlier results\n";
  RunCommand command;
  command.scenario = fixtures::shipped_scenario_path("synthetic.toml");
  command.output = folder / "out.h5";
  command.iterations = 50;
  command.force = true;
  command.quiet = true;
  {
    const Flag flag(SIGTERM);
    std::ostringstream out;
    try {
      run_command(command, out);
      ADD_FAILURE() << "not interrupted";
    } catch (const Interrupted& e) {
      EXPECT_EQ(e.signal(), SIGTERM);
      EXPECT_NE(std::string(e.what()).find("'" + (folder / "out.h5").string() + "' is unchanged"),
                std::string::npos)
          << e.what();
    }
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(folder), fs::directory_iterator()), 1);
  std::ifstream in(folder / "out.h5");
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "earlier results");
  fs::remove_all(folder);
}

// Fact: the writers stop at the check between datasets (output/file_system.hpp): a signal
// that arrives once the iterations are done still leaves no file.
TEST(Interrupts, WritingStopsBetweenDatasets) {
  const fs::path folder =
      fs::temp_directory_path() / ("pcsim-interrupt-w-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  static int checks = 0;
  checks = 0;
  output::set_interruption_check([] {
    if (++checks == 5) throw Interrupted(SIGINT, "interrupted by SIGINT");
  });
  RunCommand command;
  command.scenario = fixtures::shipped_scenario_path("synthetic.toml");
  command.output = folder / "out.h5";
  command.iterations = 20;
  command.quiet = true;
  std::ostringstream out;
  EXPECT_THROW(run_command(command, out), Interrupted);
  output::set_interruption_check(nullptr);
  EXPECT_EQ(checks, 5);
  EXPECT_TRUE(fs::is_empty(folder));
  fs::remove_all(folder);
}

}  // namespace
}  // namespace pcsim::runner

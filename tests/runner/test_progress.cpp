// Progress reporting (runner/progress.hpp): how often each style writes, and that counting
// from many threads loses nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "runner/progress.hpp"

namespace pcsim::runner {
namespace {

// Lines style: a line at every 10 % step short of the end (10, 20, ..., 90 of 100 gives 9)
// and one final line from finish(): 10 lines when the run is far quicker than 30 s.
TEST(Progress, PlainLinesAboutEveryTenPercent) {
  std::ostringstream out;
  Progress progress(ProgressStyle::Lines, out);
  progress.start(100);
  for (int i = 0; i < 100; ++i) progress.advance();
  progress.finish();
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 10) << text;
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_NE(text.find("10% (10/100 iterations)"), std::string::npos) << text;
  EXPECT_NE(text.find("100/100 iterations done"), std::string::npos) << text;
}

// Silent style (--quiet) writes nothing at all, yet still counts.
TEST(Progress, SilentWritesNothing) {
  std::ostringstream out;
  Progress progress(ProgressStyle::Silent, out);
  progress.start(10);
  progress.advance(10);
  progress.finish();
  EXPECT_TRUE(out.str().empty());
  EXPECT_EQ(progress.done(), 10);
}

// A run that --until-se stopped early ends on what it kept, not on the cap (the audit:
// "1024/100000 iterations done" for a run that was done at 1,024): a last chunk run past
// the stop (1,100 counted) is not shown either.
TEST(Progress, StoppedRunEndsOnWhatItKept) {
  std::ostringstream out;
  Progress progress(ProgressStyle::Lines, out);
  progress.start(100000);
  progress.advance(1100);
  progress.finish_at(1024);
  const std::string text = out.str();
  const std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_NE(last.find("1024/1024 iterations done"), std::string::npos) << text;
  EXPECT_EQ(text.find("/100000 iterations done"), std::string::npos) << text;
}

// Bar style redraws one line with '\r' and ends it with a newline showing the total.
TEST(Progress, BarEndsWithCompleteLine) {
  std::ostringstream out;
  Progress progress(ProgressStyle::Bar, out);
  progress.start(40);
  progress.advance(40);
  progress.finish();
  const std::string text = out.str();
  EXPECT_EQ(text.front(), '\r');
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("100%  40/40 iterations"), std::string::npos) << text;
}

// Four threads adding 10,000 each: the atomic count is exactly 40,000 (no lost update),
// and drawing with try_lock never deadlocks.
TEST(Progress, CountsFromManyThreads) {
  std::ostringstream out;
  Progress progress(ProgressStyle::Bar, out);
  progress.start(40000);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) progress.advance();
    });
  }
  for (auto& w : workers) w.join();
  progress.finish();
  EXPECT_EQ(progress.done(), 40000);
}

// 16 s is 0:16; 725 s is 12 min 5 s; 3723 s is 1 h 2 min 3 s.
TEST(Progress, DurationFormat) {
  EXPECT_EQ(format_duration(16), "0:16");
  EXPECT_EQ(format_duration(725), "12:05");
  EXPECT_EQ(format_duration(3723), "1:02:03");
}

}  // namespace
}  // namespace pcsim::runner

#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>

namespace pcsim::runner {

enum class ProgressStyle {
  Silent,  // --quiet: nothing at all
  Bar,     // a terminal: one line redrawn in place with '\r'
  Lines,   // a log file or pipe: a plain line about every 10 % or 30 s
};

// Progress of a run, shown on one stream (stderr in pcsim). advance() may be called from
// any worker thread: it counts with an atomic and draws only when no other thread is
// drawing (try_lock), so a worker never waits for the terminal.
class Progress {
 public:
  Progress(ProgressStyle style, std::ostream& out);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Bar when stderr is a terminal, Lines when it is not, Silent when quiet.
  static ProgressStyle style_for_stderr(bool quiet);

  // Resets the count; `total` iterations are expected. Call before the workers start.
  void start(std::int64_t total);
  // Counts `n` more iterations done. Thread-safe and non-blocking.
  void advance(std::int64_t n = 1);
  // Draws the final state (and ends the bar's line). Call after the workers have stopped.
  void finish();
  // A run that stopped where it meant to before `total` (--until-se reached its precision):
  // the final state is drawn as `kept` of `kept` (not 1024/100000), the iterations of a
  // last chunk run past the stop left out. Call after the workers have stopped.
  void finish_at(std::int64_t kept);

  std::int64_t done() const { return done_.load(std::memory_order_relaxed); }

 private:
  using Clock = std::chrono::steady_clock;
  // Draws if it is time to (or always when `final`). The caller holds draw_mutex_.
  void maybe_draw(std::int64_t done, bool final);
  std::string bar_line(std::int64_t done, double elapsed_seconds) const;
  std::string plain_line(std::int64_t done, double elapsed_seconds, bool final) const;

  ProgressStyle style_;
  std::ostream& out_;
  std::int64_t total_ = 0;
  std::atomic<std::int64_t> done_{0};
  Clock::time_point start_time_{};
  // Guarded by draw_mutex_:
  std::mutex draw_mutex_;
  Clock::time_point last_draw_{};
  std::int64_t next_line_at_ = 0;  // Lines: the count at which the next line is due
};

// "0:16", "12:05", "1:02:03" (hours only when needed).
std::string format_duration(double seconds);

}  // namespace pcsim::runner

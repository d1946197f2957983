#include "runner/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include <fmt/format.h>

namespace pcsim::runner {

namespace {
constexpr auto kBarRedrawInterval = std::chrono::milliseconds(100);
constexpr auto kLineInterval = std::chrono::seconds(30);
constexpr int kBarWidth = 30;
}  // namespace

Progress::Progress(ProgressStyle style, std::ostream& out) : style_(style), out_(out) {}

ProgressStyle Progress::style_for_stderr(bool quiet) {
  if (quiet) return ProgressStyle::Silent;
  return isatty(STDERR_FILENO) ? ProgressStyle::Bar : ProgressStyle::Lines;
}

void Progress::start(std::int64_t total) {
  std::lock_guard lock(draw_mutex_);
  total_ = std::max<std::int64_t>(total, 0);
  done_.store(0, std::memory_order_relaxed);
  start_time_ = Clock::now();
  last_draw_ = start_time_;
  next_line_at_ = std::max<std::int64_t>(1, (total_ + 9) / 10);
}

void Progress::advance(std::int64_t n) {
  done_.fetch_add(n, std::memory_order_relaxed);
  if (style_ == ProgressStyle::Silent) return;
  std::unique_lock lock(draw_mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return;  // someone else is drawing: never make a worker wait
  maybe_draw(done(), false);
}

void Progress::finish() {
  if (style_ == ProgressStyle::Silent) return;
  std::lock_guard lock(draw_mutex_);
  maybe_draw(done(), true);
}

void Progress::finish_at(std::int64_t kept) {
  if (style_ == ProgressStyle::Silent) return;
  std::lock_guard lock(draw_mutex_);
  total_ = kept;
  maybe_draw(kept, true);
}

void Progress::maybe_draw(std::int64_t done, bool final) {
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_time_).count();
  if (style_ == ProgressStyle::Bar) {
    if (!final && now - last_draw_ < kBarRedrawInterval) return;
    out_ << '\r' << bar_line(done, elapsed);
    if (final) out_ << '\n';
    out_.flush();
  } else if (style_ == ProgressStyle::Lines) {
    const bool step_reached = done >= next_line_at_ && done < total_;
    if (!final && !step_reached && now - last_draw_ < kLineInterval) return;
    out_ << plain_line(done, elapsed, final) << '\n';
    out_.flush();
    const std::int64_t step = std::max<std::int64_t>(1, (total_ + 9) / 10);
    next_line_at_ = (done / step + 1) * step;
  }
  last_draw_ = now;
}

namespace {
struct Rates {
  double percent;
  double per_second;
  double eta_seconds;  // NaN until a rate is known
};

Rates rates(std::int64_t done, std::int64_t total, double elapsed) {
  Rates r{};
  r.percent = total > 0 ? 100.0 * static_cast<double>(done) / static_cast<double>(total) : 100.0;
  r.per_second = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  r.eta_seconds =
      r.per_second > 0 ? static_cast<double>(total - done) / r.per_second : std::nan("");
  return r;
}
}  // namespace

std::string Progress::bar_line(std::int64_t done, double elapsed) const {
  const Rates r = rates(done, total_, elapsed);
  const int filled = std::clamp(static_cast<int>(r.percent / 100.0 * kBarWidth), 0, kBarWidth);
  const std::string eta = std::isnan(r.eta_seconds) ? "--:--" : format_duration(r.eta_seconds);
  // Trailing spaces overwrite a longer previous line.
  return fmt::format("[{}{}] {:3.0f}%  {}/{} iterations  {:.1f} it/s  ETA {}   ",
                     std::string(static_cast<std::size_t>(filled), '#'),
                     std::string(static_cast<std::size_t>(kBarWidth - filled), '.'), r.percent,
                     done, total_, r.per_second, eta);
}

std::string Progress::plain_line(std::int64_t done, double elapsed, bool final) const {
  const Rates r = rates(done, total_, elapsed);
  if (final) {
    return fmt::format("pcsim: {}/{} iterations done in {} ({:.1f} it/s)", done, total_,
                       format_duration(elapsed), r.per_second);
  }
  const std::string eta = std::isnan(r.eta_seconds) ? "unknown" : format_duration(r.eta_seconds);
  return fmt::format("pcsim: {:.0f}% ({}/{} iterations), {:.1f} it/s, ETA {}", r.percent, done,
                     total_, r.per_second, eta);
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
  const auto total = static_cast<std::int64_t>(std::llround(seconds));
  const std::int64_t hours = total / 3600;
  const std::int64_t minutes = (total % 3600) / 60;
  const std::int64_t secs = total % 60;
  if (hours > 0) return fmt::format("{}:{:02}:{:02}", hours, minutes, secs);
  return fmt::format("{}:{:02}", minutes, secs);
}

}  // namespace pcsim::runner

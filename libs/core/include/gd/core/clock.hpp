#pragma once
// An injected clock: everything that asks "what time is it" takes a gd::clock&, so schedules,
// sessions and decisions run the same under a simulated clock in tests as under the wall clock.
#include <atomic>
#include <chrono>

namespace gd {

using sys_time = std::chrono::time_point<std::chrono::system_clock, std::chrono::microseconds>;

class clock {
 public:
  virtual ~clock() = default;
  virtual sys_time now() const = 0;
};

class system_clock_source final : public clock {
 public:
  sys_time now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  }
};

// The wall clock shifted so that it read `start` when constructed, then runs at real speed: a
// demo or a process-level test can live through a Monday morning on a Saturday.
class shifted_clock final : public clock {
 public:
  explicit shifted_clock(sys_time start)
      : offset_(start - std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now())) {}
  sys_time now() const override {
    return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now()) + offset_;
  }

 private:
  std::chrono::microseconds offset_;
};

// A clock that only moves when told to (tests, backtests, replays).
class manual_clock final : public clock {
 public:
  explicit manual_clock(sys_time start) : now_(start.time_since_epoch().count()) {}
  sys_time now() const override { return sys_time{std::chrono::microseconds{now_.load()}}; }
  void set(sys_time t) { now_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::microseconds d) { now_.fetch_add(d.count()); }

 private:
  std::atomic<long long> now_;
};

}  // namespace gd

#pragma once
// Runs trading_engine::tick on its own thread every ORDER_POLL_SECONDS (and at once when a new
// full chain lands, so a slot's decision follows its snapshot within a second).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gd/core/clock.hpp>

#include "trading/trading_engine.hpp"

namespace gd::trading {

class trading_scheduler {
 public:
  trading_scheduler(trading_engine& engine, const gd::clock& clock, std::chrono::seconds interval);
  ~trading_scheduler();

  void start();
  void stop();   // prompt: wakes the thread; an in-flight tick finishes first
  void wake();   // tick now

 private:
  void loop();

  trading_engine& engine_;
  const gd::clock& clock_;
  std::chrono::seconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace gd::trading

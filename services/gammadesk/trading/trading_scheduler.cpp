#include "trading/trading_scheduler.hpp"

#include <spdlog/spdlog.h>

namespace gd::trading {

trading_scheduler::trading_scheduler(trading_engine& engine, const gd::clock& clock, std::chrono::seconds interval)
    : engine_(engine), clock_(clock), interval_(interval) {}

trading_scheduler::~trading_scheduler() { stop(); }

void trading_scheduler::start() {
  thread_ = std::thread([this] { loop(); });
}

void trading_scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void trading_scheduler::wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void trading_scheduler::loop() {
  spdlog::info("trading: jobs every {} s on the {} broker", interval_.count(), engine_.broker_name());
  std::unique_lock lock(mu_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    try {
      engine_.tick(clock_.now());
    } catch (const std::exception& e) {
      spdlog::error("trading: tick failed: {}", e.what());
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stopping_ || woken_; });
  }
}

}  // namespace gd::trading

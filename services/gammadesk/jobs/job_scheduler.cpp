#include "jobs/job_scheduler.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <gd/core/ny_time.hpp>

#include "jobs/schedule.hpp"

namespace gd::jobs {

job_scheduler::job_scheduler(const app::settings& config, snapshot_taker& taker, snapshot_spool& spool,
                             store::snapshot_repository& repository, const gd::clock& clock,
                             const gd::nyse_calendar& calendar, app::metrics_registry& metrics)
    : config_(config),
      taker_(taker),
      spool_(spool),
      repository_(repository),
      clock_(clock),
      calendar_(calendar),
      metrics_(metrics) {}

job_scheduler::~job_scheduler() { stop(); }

void job_scheduler::start() {
  thread_ = std::thread([this] { loop(); });
}

void job_scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void job_scheduler::drain_spool() {
  if (spool_.pending() == 0) return;
  try {
    const auto n = spool_.drain(repository_);
    if (n > 0) spdlog::info("spool: {} snapshot(s) stored after the database came back", n);
  } catch (const store::db_unavailable&) {
    // still down; the next tick tries again
  } catch (const std::exception& e) {
    spdlog::error("spool: drain failed: {}", e.what());
  }
}

void job_scheduler::run_slot(gd::sys_time slot) {
  const auto started = std::chrono::steady_clock::now();
  drain_spool();
  bool claimed = true;
  bool slot_recorded = false;
  try {
    claimed = repository_.claim_job_slot("snapshot", slot);
    slot_recorded = claimed;
  } catch (const store::db_unavailable&) {
    spdlog::warn("snapshot slot {}: database unavailable; taking it anyway (output is spooled)", gd::format_ny_iso(slot));
  }
  if (!claimed) {
    spdlog::info("snapshot slot {} already taken by another replica", gd::format_ny_iso(slot));
    metrics_.count_job_run("snapshot", "taken_elsewhere", 0.0);
    return;
  }
  std::string outcome = "ok";
  nlohmann::json detail;
  try {
    const auto result = taker_.run(false, slot);
    outcome = result.skipped ? "skipped" : (result.errors.empty() ? "ok" : "partial");
    detail = {{"inserted", result.inserted.size()}, {"errors", result.errors}, {"reason", result.reason}};
  } catch (const std::exception& e) {
    outcome = "failed";
    detail = {{"error", e.what()}};
    spdlog::error("snapshot slot {} failed: {}", gd::format_ny_iso(slot), e.what());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.count_job_run("snapshot", outcome, seconds);
  if (slot_recorded) {
    try {
      repository_.finish_job_slot("snapshot", slot, outcome, detail.dump());
    } catch (const std::exception& e) {
      spdlog::warn("snapshot slot {}: could not record the outcome: {}", gd::format_ny_iso(slot), e.what());
    }
  }
}

void job_scheduler::loop() {
  if (config_.scheduler_enabled) {
    spdlog::info("scheduler: snapshots every {} min{}", config_.snapshot_interval_minutes,
                 config_.allow_snapshot_outside_rth ? " (also outside trading hours)" : " in regular trading hours");
  } else {
    spdlog::info("scheduler disabled (SCHEDULER_ENABLED=false): snapshots only on request; the spool still drains");
  }
  std::unique_lock lock(mu_);
  while (!stopping_) {
    std::optional<gd::sys_time> slot;
    if (config_.scheduler_enabled) {
      slot = next_snapshot_slot(clock_.now(), config_.snapshot_interval_minutes, calendar_,
                                config_.allow_snapshot_outside_rth);
      spdlog::debug("scheduler: next snapshot at {}", gd::format_ny_iso(*slot));
    }
    // Wake every second: the clock may be simulated, and spooled snapshots want storing as soon
    // as the database is back.
    while (!stopping_ && (!slot || clock_.now() < *slot)) {
      const auto left = slot ? std::chrono::duration_cast<std::chrono::milliseconds>(*slot - clock_.now())
                             : std::chrono::milliseconds(1000);
      cv_.wait_for(lock, std::clamp<std::chrono::milliseconds>(left, std::chrono::milliseconds(1),
                                                               std::chrono::milliseconds(1000)));
      if (stopping_) break;
      lock.unlock();
      drain_spool();
      lock.lock();
    }
    if (stopping_ || !slot) break;
    lock.unlock();
    run_slot(*slot);
    lock.lock();
  }
}

}  // namespace gd::jobs

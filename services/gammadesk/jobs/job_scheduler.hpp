#pragma once
// Runs the snapshot job at every slot of jobs/schedule.hpp on its own thread, driven by the
// injected clock. Each slot is claimed in Postgres first (job_runs), so with several replicas
// exactly one takes it; while Postgres is down the job runs anyway and its output is spooled.
// Every second it also drains the spool once the database is back (even with scheduled snapshots
// turned off, so nothing spooled is ever stranded).
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>

#include "app/metrics.hpp"
#include "app/settings.hpp"
#include "jobs/snapshot_spool.hpp"
#include "jobs/snapshot_taker.hpp"

namespace gd::jobs {

class job_scheduler {
 public:
  job_scheduler(const app::settings& config, snapshot_taker& taker, snapshot_spool& spool,
                store::snapshot_repository& repository, const gd::clock& clock, const gd::nyse_calendar& calendar,
                app::metrics_registry& metrics);
  ~job_scheduler();

  void start();
  void stop();   // prompt: wakes the thread; an in-flight snapshot finishes first
  // One slot's work (also what tests call under a simulated clock).
  void run_slot(gd::sys_time slot);
  void drain_spool();

 private:
  void loop();

  const app::settings& config_;
  snapshot_taker& taker_;
  snapshot_spool& spool_;
  store::snapshot_repository& repository_;
  const gd::clock& clock_;
  const gd::nyse_calendar& calendar_;
  app::metrics_registry& metrics_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gd::jobs

#pragma once
// Paper trading, wired: decisions at the entry slots from the latest full-chain snapshot, the
// entry and exit orders through the broker (order_driver), marks to market, take-profit and
// stop-loss, cash settlement at expiration, reconciliation with the broker at start-up, the
// kill switch and manual closes. Pure rules come from libs/strategy and libs/execution; this
// class only gathers their inputs, stores their outputs and talks to the broker.
//
// tick(now) is the whole job, driven by the injected clock (trading_scheduler calls it every
// ORDER_POLL_SECONDS; tests call it under a simulated clock). One replica at a time runs it: a
// tick first takes a Postgres advisory lock and skips when another replica holds it.
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/execution/broker.hpp>
#include <gd/execution/reconciliation.hpp>
#include <gd/store/connection_pool.hpp>
#include <gd/store/snapshot_repository.hpp>
#include <gd/store/trading_repository.hpp>

#include "app/exposure_service.hpp"
#include "app/metrics.hpp"
#include "trading/order_driver.hpp"
#include "trading/spread_quotes.hpp"
#include "trading/trading_setup.hpp"

namespace gd::trading {

// The latest full chain of the underlying (memory, else the database); nullptr when none.
using chain_source = std::function<std::shared_ptr<const app::stored_chain>()>;

struct engine_status {
  std::string broker;
  bool reconciled = false;          // start-up reconciliation done (entries wait for it)
  bool kill_switch = false;
  int open_alarms = 0;
  std::optional<gd::sys_time> last_tick;
  std::string last_error;
};

// Errors the API maps to statuses.
class trading_conflict : public std::runtime_error {  // 409
 public:
  using std::runtime_error::runtime_error;
};
class trading_unavailable : public std::runtime_error {  // 503
 public:
  using std::runtime_error::runtime_error;
};

class trading_engine {
 public:
  trading_engine(const trading_setup& setup, store::connection_pool& pool, store::trading_repository& repo,
                 store::snapshot_repository& snapshots, execution::broker& broker, spread_quotes& quotes,
                 chain_source chains, const gd::clock& clock, const gd::nyse_calendar& calendar,
                 app::metrics_registry& metrics);

  // Every job that is due at `now`, in order: reconcile (until it has succeeded once), the
  // orders, the entry slots, marks with take-profit/stop-loss, settlement. False when another
  // replica holds the trading lock (nothing done).
  bool tick(gd::sys_time now);

  // Start-up reconciliation: interrupted sends resolved, broker orders and positions compared
  // with ours; alarms stored and logged. True when it could run (the broker answered).
  bool reconcile(gd::sys_time now);

  // Decides `slot` now. Scheduled: once per (day, slot), any number of calls. Manual
  // (decide-now): the slot whose window contains now (or `slot` when given), stored as manual.
  // Throws trading_unavailable when there is no full chain yet.
  store::decide_outcome decide(const std::optional<std::string>& slot, store::decision_source source,
                               gd::sys_time now);

  // Marks every open trade and starts an exit when take-profit or stop-loss triggers.
  void manage(gd::sys_time now);
  // Settles open trades whose expiration has passed its settlement time.
  void settle(gd::sys_time now);
  // A manual exit order for an open trade (409 when closed or an exit is already working).
  std::string close_trade(const std::string& trade_id, gd::sys_time now);

  void set_kill_switch(bool on, const std::string& reason, gd::sys_time now);
  engine_status status();
  const trading_setup& setup() const noexcept { return setup_; }
  std::string_view broker_name() const { return broker_.name(); }

  // Wakes the decision check early (a new full chain landed).
  void notify_new_chain() { new_chain_ = true; }

 private:
  bool tick_locked(gd::sys_time now);
  execution::reconciliation_report compare_with_broker(const std::vector<execution::broker_order>& broker_orders,
                                                       const std::vector<execution::position>& broker_positions,
                                                       gd::sys_time now);
  void apply_reconciliation(const execution::reconciliation_report& report, gd::sys_time now);
  void decide_due_slots(gd::sys_time now);
  std::optional<std::string> slot_window_at(gd::sys_time now) const;
  std::string start_exit(const store::trade_row& trade, execution::exit_reason reason, gd::sys_time now);

  const trading_setup& setup_;
  store::connection_pool& pool_;
  store::trading_repository& repo_;
  store::snapshot_repository& snapshots_;
  execution::broker& broker_;
  spread_quotes& quotes_;
  chain_source chains_;
  const gd::clock& clock_;
  const gd::nyse_calendar& calendar_;
  app::metrics_registry& metrics_;
  order_driver driver_;

  void note_error(std::string what);

  std::recursive_mutex mu_;          // one tick / admin action at a time in this process
  std::atomic<bool> reconciled_{false};
  std::optional<gd::sys_time> last_mark_;
  mutable std::mutex status_mu_;     // guards the two below (read by status() without mu_)
  std::optional<gd::sys_time> last_tick_;
  std::string last_error_;
  std::set<std::pair<std::string, std::string>> decided_;  // (date, slot) known decided
  std::atomic<bool> new_chain_{false};
};

}  // namespace gd::trading

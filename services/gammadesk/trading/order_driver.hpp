#pragma once
// Drives stored orders through the state machine against the broker: the outbox loop.
//
// The rule that keeps duplicate orders out: every transition is stored BEFORE its commands are
// carried out (a crash in between repeats a lookup, never a send), a send happens only for an
// order the machine moved from `created` to `submitting`, and a send whose answer was lost is
// resolved by looking the order up by its tag (execution/order_machine.hpp). Fills update the
// trade in the same transaction as the order (trading_repository::record_transition).
//
// Not thread-safe: the trading engine calls it under its own lock, on one replica at a time.
#include <optional>
#include <string>

#include <gd/core/clock.hpp>
#include <gd/execution/broker.hpp>
#include <gd/execution/order_machine.hpp>
#include <gd/store/trading_repository.hpp>

#include "app/metrics.hpp"
#include "trading/spread_quotes.hpp"
#include "trading/trading_setup.hpp"

namespace gd::trading {

class order_driver {
 public:
  order_driver(store::trading_repository& repo, execution::broker& broker, spread_quotes& quotes,
               const trading_setup& setup, app::metrics_registry& metrics);

  // One pass over every live order at `now`: sends what is new, resolves lost answers, polls
  // working orders, re-prices stale unfilled entries. Vendor and database errors are logged and
  // left for the next pass.
  void drive_all(gd::sys_time now);

  // Moves one order as far as it can go now (a new order is sent, a lost send looked up...).
  void drive(const std::string& tag, gd::sys_time now);

  // Start-up: orders left `submitting` by a process that died mid-send are marked unknown (their
  // answer is lost), then looked up by tag. Called before any new order.
  void resolve_interrupted_sends(gd::sys_time now);

  // Applies one event to the stored order and carries out the resulting commands. False when the
  // event was illegal or the stored order moved on meanwhile (nothing written).
  bool apply(const store::order_row& row, const execution::order_event& event, gd::sys_time now);

 private:
  void run_command(const store::order_row& row, const execution::order& after, const execution::command& c,
                   gd::sys_time now);
  void send(const store::order_row& row, const execution::order& after, gd::sys_time now);
  void lookup_by_tag(const std::string& tag, gd::sys_time now);
  void poll(const store::order_row& row, gd::sys_time now);
  void maybe_reprice(const store::order_row& row, gd::sys_time now);
  // The trade a transition with fills creates or changes (entries open it, a filled exit closes it).
  std::optional<execution::trade> trade_after(const store::order_row& row, const execution::transition& t,
                                              gd::sys_time now);

  store::trading_repository& repo_;
  execution::broker& broker_;
  spread_quotes& quotes_;
  const trading_setup& setup_;
  app::metrics_registry& metrics_;
  int depth_ = 0;  // guards the recursion drive -> apply -> command -> drive
};

// The vertical an order trades, from its legs' OCC symbols (short = sold to open / bought to close).
gd::result<execution::vertical> vertical_of(const execution::order& o);

}  // namespace gd::trading

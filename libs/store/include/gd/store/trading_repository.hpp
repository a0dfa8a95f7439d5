#pragma once
// Paper trading in Postgres (db/migrations/0005_trading.sql): decisions, the order outbox with
// every state transition, fills, trades with their legs and marks, settlement prints, operator
// controls (the kill switch), reconciliation alarms and the simulated broker's book.
//
// Every write that must not be torn is one transaction: a decision with its entry order; an
// order transition with its event, its fill and the trade it changes. Order rows are guarded by
// their state (compare-and-set on `from`), so two workers can never both move one order.
// Blocking: call from worker threads. Throws db_unavailable when Postgres is unreachable.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <gd/core/clock.hpp>
#include <gd/execution/mark.hpp>
#include <gd/execution/order.hpp>
#include <gd/execution/order_machine.hpp>
#include <gd/execution/settlement.hpp>
#include <gd/execution/trade.hpp>
#include <gd/store/connection_pool.hpp>
#include <gd/strategy/decision.hpp>
#include <gd/strategy/risk.hpp>

namespace gd::store {

// ---- decisions ---------------------------------------------------------------------------

enum class decision_source { scheduled, manual };  // manual: POST /api/admin/decide-now

// What the engine's decide callback returns: the decision and, for a TRADE, the entry order
// (state created: the outbox row) and the spread it opens.
struct decision_record {
  strategy::decision decision;
  nlohmann::json config;                         // strategy::to_json(config) (its hash is in decision)
  std::optional<long long> snapshot_id;          // the chain snapshot it used
  std::optional<execution::order> entry_order;
  std::optional<execution::vertical> spread;
};

struct decision_row {
  long long decision_id = 0;
  date::year_month_day trade_date{};
  std::string slot;
  std::string underlying;
  decision_source source = decision_source::scheduled;
  std::string action;                            // "TRADE" | "SKIP"
  std::string reason;                            // strategy::reason_code name
  std::string message;
  gd::sys_time evaluated_at{};
  std::optional<long long> snapshot_id;
  std::string snapshot_checksum;
  std::string config_hash;
  std::optional<std::string> order_tag;          // the entry order, for a TRADE
  nlohmann::json decision;                       // strategy::to_json(decision)
};

struct decide_outcome {
  decision_row row;
  bool already_decided = false;                  // the slot had a decision: `decide` was not called
};

// ---- orders and trades -------------------------------------------------------------------

struct order_row {
  execution::order order;
  std::optional<long long> decision_id;          // entries
  std::optional<std::string> trade_id;           // exits (and entries once they filled)
  std::string broker;                            // "tradier" | "simulated"
  gd::sys_time created_at{};
  gd::sys_time updated_at{};
  std::optional<execution::vertical> spread;     // the spread it opens (entry) or closes (exit)
  std::optional<std::string> previous_tag;       // a re-priced replacement: the attempt it follows
  int version = 0;                               // 1 when created, +1 per stored transition
};

struct order_event_row {
  long long event_id = 0;
  std::string tag;
  int seq = 0;                                   // 1, 2, ... per order
  gd::sys_time at{};
  std::string from_state;
  std::string to_state;
  nlohmann::json event;                          // execution::event_to_json
  nlohmann::json commands;
  std::string note;
};

struct fill_row {
  long long fill_id = 0;
  std::string tag;
  gd::sys_time at{};
  int quantity = 0;                              // spreads filled by this fill
  double price = 0.0;                            // net per spread of this fill
  int cumulative_quantity = 0;
};

struct trade_row {
  execution::trade trade;
  std::optional<long long> decision_id;
  std::optional<execution::mark> latest_mark;
};

struct order_filter {
  int limit = 50;                                // 1..500, newest first
  std::optional<date::year_month_day> trade_date;  // New York date of created_at
  std::optional<std::string> state;
  std::optional<std::string> before_tag;         // cursor: created before this order
};

struct trade_filter {
  int limit = 50;
  std::optional<execution::trade_status> status;
  std::optional<date::year_month_day> from;      // opened on or after (New York date)
  std::optional<date::year_month_day> to;        // opened on or before
};

struct alarm_row {
  long long alarm_id = 0;
  gd::sys_time at{};
  std::string kind;                              // execution::alarm_kind name
  std::string key;
  std::string message;
  std::optional<gd::sys_time> cleared_at;
};

class trading_repository {
 public:
  explicit trading_repository(connection_pool& pool) : pool_(pool) {}

  // Decides a slot at most once. Under a transaction-scoped advisory lock on (trade_date, slot,
  // underlying): when a scheduled decision exists for it, returns that row (already_decided) and
  // does not call `decide`. Otherwise reads the book (risk_state, below) inside the same
  // transaction, calls decide(book), and stores the decision and, for a TRADE, the entry order
  // (with its first order_events row, "created") atomically. Manual decisions take the same
  // lock and book but are never unique: every call stores a new row.
  decide_outcome decide_once(date::year_month_day trade_date, const std::string& slot, const std::string& underlying,
                             decision_source source, const std::string& broker,
                             const std::function<decision_record(const strategy::risk_state&)>& decide);

  // The risk book as of now: open trades plus live entry orders that have not filled anything
  // (more exactly: no trade is linked to them yet), entry decisions of `trade_date` (New York
  // date of the order) with an attempt that is live or filled anything (re-priced attempts count
  // once), a trade closed by a stop-loss on `trade_date`, the kill switch, and whether any
  // reconciliation alarm is open (broker_mismatch).
  strategy::risk_state risk_book(date::year_month_day trade_date);

  std::vector<decision_row> decisions(int limit, std::optional<date::year_month_day> trade_date,
                                      std::optional<long long> before_id);
  std::optional<decision_row> decision(long long decision_id);

  // A new exit order (state created) for an open trade, with its "created" event. False when the
  // tag exists already or the trade has another exit order that may still be live (one at a time).
  bool insert_exit_order(const execution::order& exit, const std::string& trade_id, const std::string& broker,
                         gd::sys_time at);
  // A re-priced replacement (execution::replacement_order) of `previous_tag`: same decision and trade.
  bool insert_replacement_order(const execution::order& replacement, const std::string& previous_tag,
                                gd::sys_time at);

  // Stores one transition of the state machine atomically: the order row (only if its stored
  // state is still t.from and its stored version matches: false otherwise, nothing written), the
  // order_events row, a fills row for a record_fill command (idempotent on (tag,
  // cumulative_quantity)), and `trade`, when given, inserted or updated (with its two legs), and
  // linked from the order. With `expected_version` (order_row::version as read) the row must also
  // still be that version. Without it, a transition computed from an older copy of the order is
  // still refused when the stored order has more fills or sends than t.next (both only grow).
  bool record_transition(const execution::transition& t, gd::sys_time at,
                         const std::optional<execution::trade>& trade = std::nullopt,
                         std::optional<int> expected_version = std::nullopt);

  std::optional<order_row> order(const std::string& tag);
  std::vector<order_row> live_orders();          // state not terminal (created included)
  std::vector<order_row> orders(const order_filter& filter);
  std::vector<order_event_row> order_events(const std::string& tag);
  std::vector<fill_row> fills(const std::string& tag);
  // Orders of a trade (its entry attempts and exits), oldest first.
  std::vector<order_row> trade_orders(const std::string& trade_id);

  std::vector<trade_row> open_trades();
  std::vector<trade_row> trades(const trade_filter& filter);
  std::optional<trade_row> trade(const std::string& trade_id);
  // Closes or otherwise rewrites a trade (settlement, a manual fix): the row and its legs.
  void update_trade(const execution::trade& t);
  // Every trade closed on a day in [from, to] or opened on or before `to` and still open then:
  // the input of daily PnL.
  std::vector<trade_row> trades_for_pnl(date::year_month_day from, date::year_month_day to);

  void insert_mark(const std::string& trade_id, const execution::mark& m);  // idempotent on (trade, at)
  std::vector<execution::mark> marks(const std::string& trade_id, int limit);  // newest first

  // Settlement prints (one per date and source); insert keeps the first print and returns it.
  execution::settlement_print upsert_settlement(const execution::settlement_print& print, const std::string& provider);
  std::optional<execution::settlement_print> settlement(date::year_month_day day, execution::settlement_source source);

  // Operator controls.
  bool kill_switch();
  void set_kill_switch(bool on, const std::string& reason, gd::sys_time at);

  // Reconciliation alarms: raise is idempotent on (kind, key) while uncleared.
  void raise_alarm(const std::string& kind, const std::string& key, const std::string& message, gd::sys_time at);
  void clear_alarms(gd::sys_time at);
  std::vector<alarm_row> open_alarms();

  // A small JSON document per key (the simulated broker's book lives here).
  std::optional<nlohmann::json> load_state(const std::string& key);
  void save_state(const std::string& key, const nlohmann::json& value);

 private:
  connection_pool& pool_;
};

}  // namespace gd::store

// gd::store::trading_repository against a real throwaway Postgres with the real migrations:
// decide-once under races, atomic decision + entry order, the risk book, compare-and-set order
// transitions with their events, fills and trades, one live exit per trade, settlement prints,
// alarms, state documents and the list queries.
#include <gd/store/trading_repository.hpp>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <gd/core/ny_time.hpp>
#include <gd/execution/client_tag.hpp>
#include <gd/execution/order_machine.hpp>
#include <gd/store/migrations.hpp>

#include "test_postgres.hpp"

using namespace date::literals;
using namespace gd;
namespace ex = gd::execution;

namespace {

test::test_postgres& cluster() {
  static test::test_postgres pg;
  return pg;
}

std::string migrated_database(const std::string& name) { return cluster().create_migrated_database(name); }

long long scalar(const std::string& url, const std::string& sql) { return test::query_scalar(url, sql); }

struct db {
  std::string url;
  store::connection_pool pool;
  store::trading_repository repo;
  explicit db(const std::string& name) : url(migrated_database(name)), pool(store::pool_options{url, 4}), repo(pool) {}
  long long count(const std::string& sql) const { return scalar(url, sql); }
};

constexpr auto day1 = 2025_y / 1 / 7;   // a Tuesday
constexpr auto day2 = 2025_y / 1 / 8;

sys_time ny(date::year_month_day d, int hh, int mm = 0) { return ny_to_utc(d, std::chrono::minutes{hh * 60 + mm}); }

ex::vertical put_spread() {
  return {option_right::put, 5800, 5775, "SPXW250110P05800000", "SPXW250110P05775000", 2025_y / 1 / 10,
          settlement_style::pm};
}

ex::order entry_order(date::year_month_day d, int slot, sys_time created, int attempt = 1, int quantity = 2,
                      double limit = 1.20) {
  ex::order o;
  o.tag = ex::make_client_tag({d, slot, ex::order_intent::open, attempt});
  o.intent = ex::order_intent::open;
  o.legs = {{"SPXW250110P05800000", ex::leg_side::sell_to_open}, {"SPXW250110P05775000", ex::leg_side::buy_to_open}};
  o.quantity = quantity;
  o.limit_price = limit;
  o.created_at = created;
  return o;
}

ex::order exit_order(const std::string& trade_id, int attempt, sys_time created, int quantity = 2) {
  const auto parts = ex::parse_client_tag(trade_id).value();
  ex::order o;
  o.tag = ex::make_client_tag({parts.trade_date, parts.slot_hhmm, ex::order_intent::close, attempt});
  o.intent = ex::order_intent::close;
  o.legs = {{"SPXW250110P05800000", ex::leg_side::buy_to_close}, {"SPXW250110P05775000", ex::leg_side::sell_to_close}};
  o.quantity = quantity;
  o.limit_price = 0.60;
  o.created_at = created;
  return o;
}

strategy::decision make_decision(bool trade, date::year_month_day d, const std::string& slot, sys_time at) {
  strategy::decision dec;
  dec.act = trade ? strategy::action::trade : strategy::action::skip;
  dec.reason = trade ? strategy::reason_code::trade : strategy::reason_code::max_open_trades;
  dec.message = trade ? "put credit 5800/5775" : "two trades open";
  dec.slot = slot;
  dec.evaluated_at = at;
  dec.trade_date = d;
  dec.snapshot_id = "41";
  dec.snapshot_checksum = "c0ffee";
  dec.config_hash = "cfg-hash";
  dec.quantity = trade ? 2 : 0;
  return dec;
}

// A decide callback: TRADE with an entry order (when `entry` is given) or SKIP.
store::decision_record record(date::year_month_day d, const std::string& slot, sys_time at,
                              std::optional<ex::order> entry) {
  store::decision_record r;
  r.decision = make_decision(entry.has_value(), d, slot, at);
  r.config = {{"quantity", 2}};
  r.snapshot_id = 41;
  if (entry) {
    r.entry_order = std::move(entry);
    r.spread = put_spread();
  }
  return r;
}

// Stores a TRADE decision for (d, slot) whose entry order is created at `at`; returns the order tag.
std::string decide_entry(store::trading_repository& repo, date::year_month_day d, int slot_hhmm, sys_time at,
                         store::decision_source source = store::decision_source::scheduled, int attempt = 1) {
  const std::string slot = std::to_string(slot_hhmm / 100) + ":" + (slot_hhmm % 100 < 10 ? "0" : "") + std::to_string(slot_hhmm % 100);
  const auto out = repo.decide_once(d, slot, "SPX", source, "simulated", [&](const strategy::risk_state&) {
    return record(d, slot, at, entry_order(d, slot_hhmm, at, attempt));
  });
  REQUIRE(out.row.order_tag);
  return *out.row.order_tag;
}

ex::transition must(const ex::order& o, const ex::order_event& e) {
  auto t = gd::execution::apply(o, e);
  INFO((t ? std::string("ok") : t.err().message));
  REQUIRE(t.ok());
  return std::move(t).value();
}

// Applies an event to the stored order and records it; returns the transition.
ex::transition step(store::trading_repository& repo, const std::string& tag, const ex::order_event& e, sys_time at,
                    const std::optional<ex::trade>& trade = std::nullopt) {
  const auto row = repo.order(tag);
  REQUIRE(row);
  auto t = must(row->order, e);
  REQUIRE(repo.record_transition(t, at, trade));
  return t;
}

// Sends, accepts and fully fills a stored entry order; stores and returns its trade.
ex::trade fill_entry(store::trading_repository& repo, const std::string& tag, sys_time at, double price = 1.15) {
  step(repo, tag, ex::events::send_attempted{at}, at);
  step(repo, tag, ex::events::accepted{"B-" + tag}, at);
  const auto row = repo.order(tag);
  const auto t = must(row->order, ex::events::fill{row->order.quantity, price});
  auto trade = ex::trade_from_entry(t.next, put_spread(), at);
  REQUIRE(trade.ok());
  REQUIRE(repo.record_transition(t, at, trade.value()));
  return trade.value();
}

}  // namespace

TEST_CASE("a scheduled slot is decided exactly once, with its entry order", "[integration][trading]") {
  db d("trading_decide_once");
  int calls = 0;
  const sys_time at = ny(day1, 10);
  const auto decide = [&](const strategy::risk_state& book) {
    ++calls;
    CHECK(book.open_trades == 0);
    return record(day1, "10:00", at, entry_order(day1, 1000, at));
  };
  const auto first = d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::scheduled, "simulated", decide);
  CHECK_FALSE(first.already_decided);
  CHECK(calls == 1);
  CHECK(first.row.action == "TRADE");
  CHECK(first.row.reason == "trade");
  CHECK(first.row.trade_date == day1);
  CHECK(first.row.evaluated_at == at);
  CHECK(first.row.snapshot_id == std::optional<long long>(41));
  CHECK(first.row.config_hash == "cfg-hash");
  CHECK(first.row.decision["action"] == "TRADE");
  REQUIRE(first.row.order_tag == std::optional<std::string>("gd-20250107-1000-open-a1"));

  // The entry order landed with the decision: state new, version 1, its spread, one "created" event.
  const auto o = d.repo.order(*first.row.order_tag);
  REQUIRE(o);
  CHECK(o->order.state == ex::order_state::created);
  CHECK(o->decision_id == std::optional<long long>(first.row.decision_id));
  CHECK(o->broker == "simulated");
  CHECK(o->version == 1);
  CHECK(o->created_at == at);
  REQUIRE(o->spread);
  CHECK(o->spread->short_symbol == "SPXW250110P05800000");
  CHECK(o->spread->expiration == 2025_y / 1 / 10);
  const auto events = d.repo.order_events(o->order.tag);
  REQUIRE(events.size() == 1);
  CHECK(events[0].seq == 1);
  CHECK(events[0].from_state == "new");
  CHECK(events[0].to_state == "new");
  CHECK(events[0].event == nlohmann::json{{"type", "created"}});

  // Again: the stored row, no callback.
  const auto second = d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::scheduled, "simulated", decide);
  CHECK(second.already_decided);
  CHECK(calls == 1);
  CHECK(second.row.decision_id == first.row.decision_id);
  CHECK(second.row.order_tag == first.row.order_tag);
  // Another slot, another underlying or another day is a new decision.
  int skips = 0;
  const auto skip = [&](const strategy::risk_state&) {
    ++skips;
    return record(day1, "x", at, std::nullopt);
  };
  CHECK_FALSE(d.repo.decide_once(day1, "11:00", "SPX", store::decision_source::scheduled, "simulated", skip).already_decided);
  CHECK_FALSE(d.repo.decide_once(day1, "10:00", "NDX", store::decision_source::scheduled, "simulated", skip).already_decided);
  CHECK_FALSE(d.repo.decide_once(day2, "10:00", "SPX", store::decision_source::scheduled, "simulated", skip).already_decided);
  CHECK(skips == 3);
  CHECK(d.count("SELECT count(*) FROM trade_decisions") == 4);
  CHECK(d.count("SELECT count(*) FROM trade_decisions WHERE action = 'SKIP' AND order_tag IS NULL") == 3);
  CHECK(d.count("SELECT count(*) FROM orders") == 1);
}

TEST_CASE("two threads racing on one slot store one decision and run the callback once", "[integration][trading]") {
  db d("trading_decide_race");
  store::connection_pool other_pool(store::pool_options{d.url, 2});
  store::trading_repository other(other_pool);
  std::atomic<int> calls{0};
  std::atomic<int> already{0};
  const sys_time at = ny(day1, 10);
  const auto decide = [&](const strategy::risk_state&) {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // hold the slot while the other thread arrives
    return record(day1, "10:00", at, entry_order(day1, 1000, at));
  };
  std::atomic<int> errors{0};
  const auto run = [&](store::trading_repository& repo) {
    try {  // no Catch2 assertions off the main thread
      const auto out = repo.decide_once(day1, "10:00", "SPX", store::decision_source::scheduled, "simulated", decide);
      if (out.already_decided) ++already;
    } catch (const std::exception&) {
      ++errors;   // e.g. the unique index refusing the loser, were the slot not serialized
    }
  };
  std::thread a([&] { run(d.repo); });
  std::thread b([&] { run(other); });
  a.join();
  b.join();
  CHECK(errors == 0);
  CHECK(calls == 1);
  CHECK(already == 1);
  CHECK(d.count("SELECT count(*) FROM trade_decisions") == 1);
  CHECK(d.count("SELECT count(*) FROM orders") == 1);
}

TEST_CASE("manual decisions are never unique", "[integration][trading]") {
  db d("trading_decide_manual");
  int calls = 0;
  const auto skip = [&](const strategy::risk_state&) {
    ++calls;
    return record(day1, "10:00", ny(day1, 10, 5), std::nullopt);
  };
  d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::scheduled, "simulated", skip);
  const auto m1 = d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::manual, "simulated", skip);
  const auto m2 = d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::manual, "simulated", skip);
  CHECK_FALSE(m1.already_decided);
  CHECK_FALSE(m2.already_decided);
  CHECK(m1.row.source == store::decision_source::manual);
  CHECK(m2.row.decision_id > m1.row.decision_id);
  CHECK(calls == 3);
  CHECK(d.count("SELECT count(*) FROM trade_decisions WHERE source = 'manual'") == 2);
  // A manual decision does not take the scheduled slot's place either.
  CHECK(d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::scheduled, "simulated", skip).already_decided);
  CHECK(calls == 3);
}

TEST_CASE("a decision and its entry order are stored together or not at all", "[integration][trading]") {
  db d("trading_decide_atomic");
  const sys_time at = ny(day1, 10);
  CHECK_THROWS_WITH(d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::scheduled, "simulated",
                                       [](const strategy::risk_state&) -> store::decision_record {
                                         throw std::runtime_error("chain unavailable");
                                       }),
                    "chain unavailable");
  CHECK(d.count("SELECT count(*) FROM trade_decisions") == 0);
  CHECK(d.count("SELECT count(*) FROM orders") == 0);

  // The slot is still open (and the lock released): the next call decides it.
  const std::string tag = decide_entry(d.repo, day1, 1000, at);
  CHECK(d.count("SELECT count(*) FROM trade_decisions") == 1);

  // A decision whose entry order cannot be stored (its tag is taken) is not stored either.
  CHECK_THROWS(d.repo.decide_once(day1, "10:00", "SPX", store::decision_source::manual, "simulated",
                                  [&](const strategy::risk_state&) { return record(day1, "10:00", at, entry_order(day1, 1000, at)); }));
  CHECK(d.count("SELECT count(*) FROM trade_decisions") == 1);
  CHECK(d.count("SELECT count(*) FROM order_events") == 1);

  // A SKIP cannot carry an order.
  auto bad = record(day1, "10:00", at, entry_order(day1, 1100, at));
  bad.decision.act = strategy::action::skip;
  CHECK_THROWS_AS(d.repo.decide_once(day1, "11:00", "SPX", store::decision_source::scheduled, "simulated",
                                     [&](const strategy::risk_state&) { return bad; }),
                  std::invalid_argument);
  CHECK(d.count("SELECT count(*) FROM trade_decisions") == 1);
  CHECK(tag == "gd-20250107-1000-open-a1");
}

TEST_CASE("the risk book counts open trades, today's entries, a stop-loss, the kill switch and open alarms", "[integration][trading]") {
  db d("trading_risk_book");
  auto book = d.repo.risk_book(day1);
  CHECK(book.open_trades == 0);
  CHECK(book.trades_opened_today == 0);
  CHECK_FALSE(book.stop_loss_today);
  CHECK_FALSE(book.kill_switch);

  // A live (unsent) entry order counts as open and as opened today.
  const std::string a = decide_entry(d.repo, day1, 1000, ny(day1, 10));
  book = d.repo.risk_book(day1);
  CHECK(book.open_trades == 1);
  CHECK(book.trades_opened_today == 1);

  // The next slot's decide callback sees that book inside its own transaction.
  strategy::risk_state seen;
  d.repo.decide_once(day1, "11:00", "SPX", store::decision_source::scheduled, "simulated", [&](const strategy::risk_state& b) {
    seen = b;
    return record(day1, "11:00", ny(day1, 11), std::nullopt);
  });
  CHECK(seen.open_trades == 1);
  CHECK(seen.trades_opened_today == 1);

  // Filled: the trade is counted once (the order is now linked to it).
  const ex::trade ta = fill_entry(d.repo, a, ny(day1, 10, 1));
  book = d.repo.risk_book(day1);
  CHECK(book.open_trades == 1);
  CHECK(book.trades_opened_today == 1);

  // A second entry cancelled before it was sent counts for nothing; one placed at 22:00 New York
  // (03:00 UTC the next day) counts for its New York day only.
  const std::string b = decide_entry(d.repo, day1, 1100, ny(day1, 11), store::decision_source::manual);
  step(d.repo, b, ex::events::cancel_requested{}, ny(day1, 11, 1));
  const std::string late = decide_entry(d.repo, day1, 2200, ny(day1, 22), store::decision_source::manual);
  book = d.repo.risk_book(day1);
  CHECK(book.open_trades == 2);           // trade a + the live late entry
  CHECK(book.trades_opened_today == 2);   // a (filled) + late (live)
  CHECK(d.repo.risk_book(day2).trades_opened_today == 0);
  CHECK(d.repo.risk_book(day2).open_trades == 2);   // open is "now", whatever the date

  // A stop-loss close on day 1: flagged for day 1 only; the trade no longer counts as open.
  const auto closed = ex::close_trade(ta, 2.40, ex::exit_reason::stop_loss, ny(day1, 14), day1, "");
  REQUIRE(closed.ok());
  d.repo.update_trade(closed.value());
  book = d.repo.risk_book(day1);
  CHECK(book.stop_loss_today);
  CHECK(book.open_trades == 1);
  CHECK_FALSE(d.repo.risk_book(day2).stop_loss_today);

  d.repo.set_kill_switch(true, "operator", ny(day1, 15));
  CHECK(d.repo.risk_book(day1).kill_switch);
  CHECK(d.repo.kill_switch());
  d.repo.set_kill_switch(false, "", ny(day1, 16));
  CHECK_FALSE(d.repo.risk_book(day1).kill_switch);

  CHECK_FALSE(d.repo.risk_book(day1).broker_mismatch);
  d.repo.raise_alarm("orphan_leg", "SPXW250110P05800000", "broker holds -2", ny(day1, 16));
  CHECK(d.repo.risk_book(day1).broker_mismatch);
  d.repo.clear_alarms(ny(day1, 17));
  CHECK_FALSE(d.repo.risk_book(day1).broker_mismatch);
  CHECK(late == "gd-20250107-2200-open-a1");
}

TEST_CASE("order transitions are compare-and-set, numbered, with idempotent fills and the trade", "[integration][trading]") {
  db d("trading_transitions");
  const sys_time t0 = ny(day1, 10);
  const std::string tag = decide_entry(d.repo, day1, 1000, t0);
  const auto stored = d.repo.order(tag).value();

  const auto sent = must(stored.order, ex::events::send_attempted{t0});
  REQUIRE(d.repo.record_transition(sent, t0));
  // The same transition again: the stored state is no longer `new`; nothing is written.
  CHECK_FALSE(d.repo.record_transition(sent, t0));
  CHECK(d.repo.order_events(tag).size() == 2);
  CHECK(d.repo.order(tag)->order.state == ex::order_state::submitting);

  const auto accepted = must(sent.next, ex::events::accepted{"B1"});
  REQUIRE(d.repo.record_transition(accepted, t0 + std::chrono::seconds(1)));
  auto row = d.repo.order(tag).value();
  CHECK(row.version == 3);
  CHECK(row.order.broker_id == std::optional<std::string>("B1"));
  CHECK(row.updated_at == t0 + std::chrono::seconds(1));
  CHECK(d.count("SELECT count(*) FROM orders WHERE broker_id = 'B1' AND state = 'open'") == 1);

  // A stale version loses even when the state matches.
  const auto part = must(row.order, ex::events::fill{1, 1.15});
  CHECK_FALSE(d.repo.record_transition(part, t0, std::nullopt, row.version - 1));
  CHECK(d.repo.fills(tag).empty());
  REQUIRE(d.repo.record_transition(part, t0 + std::chrono::seconds(2), std::nullopt, row.version));
  auto fills = d.repo.fills(tag);
  REQUIRE(fills.size() == 1);
  CHECK(fills[0].quantity == 1);
  CHECK(fills[0].price == 1.15);
  CHECK(fills[0].cumulative_quantity == 1);
  CHECK(d.count("SELECT count(*) FROM orders WHERE tag = 'gd-20250107-1000-open-a1' AND filled_quantity = 1 "
                "AND state = 'partially_filled' AND avg_fill_price = 1.15") == 1);

  // A transition computed from an older copy (open, nothing filled) is refused: the stored state
  // is partially_filled now. Nothing is written.
  const auto stale = must(accepted.next, ex::events::lookup_found{"B1", ex::broker_status::open, 0, 0.0, {}});
  CHECK(stale.from == ex::order_state::open);
  CHECK_FALSE(d.repo.record_transition(stale, t0));
  CHECK(d.repo.order_events(tag).size() == 4);
  CHECK(d.repo.order(tag)->version == 4);

  // The rest fills: a second fill row at cumulative 2, and the trade with its legs.
  row = d.repo.order(tag).value();
  const auto done = must(row.order, ex::events::fill{2, 1.125});
  const ex::trade trade = ex::trade_from_entry(done.next, put_spread(), t0 + std::chrono::seconds(3)).value();
  REQUIRE(d.repo.record_transition(done, t0 + std::chrono::seconds(3), trade));
  fills = d.repo.fills(tag);
  REQUIRE(fills.size() == 2);
  CHECK(fills[1].quantity == 1);
  CHECK(fills[1].price == Approx(1.10));   // 2 x 1.125 - 1 x 1.15
  CHECK(fills[1].cumulative_quantity == 2);

  const auto events = d.repo.order_events(tag);
  REQUIRE(events.size() == 5);
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].seq == static_cast<int>(i) + 1);
  CHECK(events[1].event["type"] == "send_attempted");
  CHECK(events[1].commands[0]["kind"] == "send");
  CHECK(events[2].from_state == "submitting");
  CHECK(events[2].to_state == "open");
  CHECK(events[4].to_state == "filled");
  CHECK(events[4].event["cumulative_quantity"] == 2);

  const auto stored_trade = d.repo.trade(tag);
  REQUIRE(stored_trade);
  CHECK(stored_trade->trade.quantity == 2);
  CHECK(stored_trade->trade.entry_credit == 1.125);
  CHECK(stored_trade->trade.status == ex::trade_status::open);
  CHECK(stored_trade->trade.spread.short_strike == 5800);
  CHECK(stored_trade->trade.spread.expiration == 2025_y / 1 / 10);
  CHECK(stored_trade->trade.opened_at == t0 + std::chrono::seconds(3));
  CHECK(stored_trade->decision_id == d.repo.order(tag)->decision_id);
  CHECK(d.repo.order(tag)->trade_id == std::optional<std::string>(tag));
  CHECK(d.count("SELECT count(*) FROM trade_legs WHERE side = 'short' AND quantity = -2 AND occ_symbol = 'SPXW250110P05800000'") == 1);
  CHECK(d.count("SELECT count(*) FROM trade_legs WHERE side = 'long' AND quantity = 2 AND strike = 5775") == 1);

  // A repeated poll of the filled order: recorded as an event, no new fill.
  step(d.repo, tag, ex::events::lookup_found{"B1", ex::broker_status::filled, 2, 1.125, {}}, t0 + std::chrono::seconds(4));
  CHECK(d.repo.fills(tag).size() == 2);
  CHECK(d.repo.order_events(tag).size() == 6);
  CHECK(d.repo.live_orders().empty());
}

TEST_CASE("a late fill recorded twice stores one fill row", "[integration][trading]") {
  db d("trading_fill_idempotent");
  const sys_time t0 = ny(day1, 10);
  const std::string tag = decide_entry(d.repo, day1, 1000, t0);
  step(d.repo, tag, ex::events::send_attempted{t0}, t0);
  step(d.repo, tag, ex::events::accepted{"B7"}, t0);
  step(d.repo, tag, ex::events::fill{1, 1.20}, t0);
  step(d.repo, tag, ex::events::cancel_requested{}, t0);
  step(d.repo, tag, ex::events::cancelled{}, t0);
  const auto row = d.repo.order(tag).value();
  // The broker reports one more spread filled after the cancel: cancelled -> cancelled.
  const auto late = must(row.order, ex::events::fill{2, 1.20});
  REQUIRE(late.from == ex::order_state::cancelled);
  REQUIRE(late.to == ex::order_state::cancelled);
  REQUIRE(d.repo.record_transition(late, t0));
  // Recorded again by a worker that does not pass the version: the state still matches, so it
  // is written as an event, but the fill is keyed by its cumulative quantity.
  CHECK(d.repo.record_transition(late, t0));
  const auto fills = d.repo.fills(tag);
  REQUIRE(fills.size() == 2);
  CHECK(fills[1].cumulative_quantity == 2);
  // With the version read before the first write it is refused.
  CHECK_FALSE(d.repo.record_transition(late, t0, std::nullopt, row.version));
  // Without a version, a same-state transition computed from the copy with one spread filled
  // loses to the stored order with two: fills only grow.
  const auto older = must(row.order, ex::events::lookup_found{"B7", ex::broker_status::canceled, 1, 1.20, {}});
  REQUIRE(older.from == ex::order_state::cancelled);
  REQUIRE(older.next.filled_quantity == 1);
  const auto events_before = d.repo.order_events(tag).size();
  CHECK_FALSE(d.repo.record_transition(older, t0));
  CHECK(d.repo.order_events(tag).size() == events_before);
  CHECK(d.repo.order(tag)->order.filled_quantity == 2);
}

TEST_CASE("a trade has at most one live exit order; replacements follow their predecessor", "[integration][trading]") {
  db d("trading_exits");
  const sys_time t0 = ny(day1, 10);
  const std::string entry = decide_entry(d.repo, day1, 1000, t0);
  const ex::trade trade = fill_entry(d.repo, entry, t0);

  const ex::order x1 = exit_order(entry, 1, ny(day1, 12));
  CHECK(d.repo.insert_exit_order(x1, entry, "simulated", ny(day1, 12)));
  CHECK_FALSE(d.repo.insert_exit_order(x1, entry, "simulated", ny(day1, 12)));                    // tag taken
  CHECK_FALSE(d.repo.insert_exit_order(exit_order(entry, 2, ny(day1, 12)), entry, "simulated", ny(day1, 12)));  // x1 live
  CHECK_FALSE(d.repo.insert_exit_order(exit_order(entry, 3, ny(day1, 12)), "gd-20250107-1100-open-a1", "simulated",
                                       ny(day1, 12)));                                             // no such trade
  const auto x1_row = d.repo.order(x1.tag).value();
  CHECK(x1_row.trade_id == std::optional<std::string>(entry));
  CHECK_FALSE(x1_row.decision_id.has_value());
  REQUIRE(x1_row.spread);
  CHECK(x1_row.spread->long_symbol == "SPXW250110P05775000");
  CHECK(d.repo.order_events(x1.tag).size() == 1);

  // Re-price x1: the replacement cannot go in while x1 is live, and can once x1 is cancelled.
  step(d.repo, x1.tag, ex::events::send_attempted{ny(day1, 12)}, ny(day1, 12));
  step(d.repo, x1.tag, ex::events::accepted{"X1"}, ny(day1, 12));
  step(d.repo, x1.tag, ex::events::reprice{0.65}, ny(day1, 12, 5));
  auto x1_now = d.repo.order(x1.tag).value().order;
  const auto cancelled = must(x1_now, ex::events::cancelled{});
  const ex::command* replace = nullptr;
  for (const auto& c : cancelled.commands)
    if (c.kind == ex::command_kind::send_replacement) replace = &c;
  REQUIRE(replace != nullptr);
  const auto x2 = ex::replacement_order(cancelled.next, *replace, ny(day1, 12, 6)).value();
  CHECK_FALSE(d.repo.insert_replacement_order(x2, x1.tag, ny(day1, 12, 6)));   // x1 still cancel_requested
  REQUIRE(d.repo.record_transition(cancelled, ny(day1, 12, 6)));
  CHECK(d.repo.insert_replacement_order(x2, x1.tag, ny(day1, 12, 6)));
  CHECK_FALSE(d.repo.insert_replacement_order(x2, x1.tag, ny(day1, 12, 6)));   // tag taken
  const auto x2_row = d.repo.order(x2.tag).value();
  CHECK(x2_row.order.tag == "gd-20250107-1000-close-a2");
  CHECK(x2_row.order.limit_price == 0.65);
  CHECK(x2_row.trade_id == std::optional<std::string>(entry));
  CHECK(x2_row.previous_tag == std::optional<std::string>(x1.tag));
  CHECK(x2_row.broker == "simulated");

  // The trade's orders, oldest first; the exit closes the trade; a closed trade takes no exit.
  const auto orders = d.repo.trade_orders(entry);
  REQUIRE(orders.size() == 3);
  CHECK(orders[0].order.tag == entry);
  CHECK(orders[1].order.tag == x1.tag);
  CHECK(orders[2].order.tag == x2.tag);
  step(d.repo, x2.tag, ex::events::send_attempted{ny(day1, 12, 7)}, ny(day1, 12, 7));
  step(d.repo, x2.tag, ex::events::accepted{"X2"}, ny(day1, 12, 7));
  const auto x2_filled = must(d.repo.order(x2.tag)->order, ex::events::fill{2, 0.65});
  const auto closed = ex::close_trade(trade, 0.65, ex::exit_reason::take_profit, ny(day1, 12, 8), day1, x2.tag).value();
  REQUIRE(d.repo.record_transition(x2_filled, ny(day1, 12, 8), closed));
  const auto t = d.repo.trade(entry).value();
  CHECK(t.trade.status == ex::trade_status::closed);
  CHECK(t.trade.exit_debit == 0.65);
  CHECK(t.trade.reason == ex::exit_reason::take_profit);
  CHECK(t.trade.closed_on == std::optional<date::year_month_day>(day1));
  CHECK(t.trade.exit_order_tag == x2.tag);
  CHECK(d.repo.open_trades().empty());
  CHECK_FALSE(d.repo.insert_exit_order(exit_order(entry, 3, ny(day1, 13)), entry, "simulated", ny(day1, 13)));
}

TEST_CASE("settlement prints: the first print for a date and source stands", "[integration][trading]") {
  db d("trading_settlement");
  const ex::settlement_print first{2025_y / 1 / 10, ex::settlement_source::official_close, 5912.37};
  CHECK_FALSE(d.repo.settlement(first.date, first.source).has_value());
  CHECK(d.repo.upsert_settlement(first, "cboe").value == 5912.37);
  auto second = first;
  second.value = 5950.0;
  CHECK(d.repo.upsert_settlement(second, "tradier").value == 5912.37);
  CHECK(d.repo.settlement(first.date, first.source)->value == 5912.37);
  CHECK(d.count("SELECT count(*) FROM settlement_values WHERE provider = 'cboe'") == 1);
  // The other source of the same date is its own print.
  CHECK_FALSE(d.repo.settlement(first.date, ex::settlement_source::opening_settlement_value).has_value());
  auto set = first;
  set.source = ex::settlement_source::opening_settlement_value;
  set.value = 5899.5;
  CHECK(d.repo.upsert_settlement(set, "cboe").value == 5899.5);
  CHECK(d.repo.settlement(first.date, ex::settlement_source::official_close)->value == 5912.37);
}

TEST_CASE("alarms are idempotent while uncleared; state documents round-trip", "[integration][trading]") {
  db d("trading_alarms_state");
  d.repo.raise_alarm("orphan_leg", "SPXW250110P05800000", "broker holds -2", ny(day1, 10));
  d.repo.raise_alarm("orphan_leg", "SPXW250110P05800000", "broker holds -3", ny(day1, 10, 1));
  d.repo.raise_alarm("orphan_leg", "SPXW250110P05775000", "broker holds 2", ny(day1, 10, 1));
  d.repo.raise_alarm("unknown_broker_order", "SPXW250110P05800000", "order 9", ny(day1, 10, 1));
  auto open = d.repo.open_alarms();
  REQUIRE(open.size() == 3);
  CHECK(open[0].message == "broker holds -2");
  CHECK(open[0].at == ny(day1, 10));
  CHECK_FALSE(open[0].cleared_at.has_value());
  d.repo.clear_alarms(ny(day1, 11));
  CHECK(d.repo.open_alarms().empty());
  d.repo.raise_alarm("orphan_leg", "SPXW250110P05800000", "again", ny(day1, 12));
  open = d.repo.open_alarms();
  REQUIRE(open.size() == 1);
  CHECK(open[0].message == "again");
  CHECK(d.count("SELECT count(*) FROM trading_alarms") == 4);

  CHECK_FALSE(d.repo.load_state("sim_broker").has_value());
  const nlohmann::json book = {{"orders", nlohmann::json::array({{{"id", 1}, {"price", 1.2}}})}, {"next_id", 2}};
  d.repo.save_state("sim_broker", book);
  CHECK(d.repo.load_state("sim_broker") == std::optional<nlohmann::json>(book));
  d.repo.save_state("sim_broker", {{"next_id", 3}});
  CHECK(d.repo.load_state("sim_broker")->at("next_id") == 3);
  CHECK_FALSE(d.repo.load_state("sim_broker")->contains("orders"));

  CHECK_FALSE(d.repo.kill_switch());
  d.repo.set_kill_switch(true, "manual halt", ny(day1, 13));
  CHECK(d.repo.kill_switch());
  const auto ks = d.repo.load_state("kill_switch").value();
  CHECK(ks["on"] == true);
  CHECK(ks["reason"] == "manual halt");
  CHECK(ks["at"] == format_utc_iso(ny(day1, 13)));
}

TEST_CASE("order, trade and decision lists: filters, newest first, cursors", "[integration][trading]") {
  db d("trading_lists");
  // Entries on two New York days; the 22:00 one is on day 1 in New York but day 2 in UTC.
  const std::string a = decide_entry(d.repo, day1, 1000, ny(day1, 10));
  const std::string b = decide_entry(d.repo, day1, 1100, ny(day1, 11));
  const std::string c = decide_entry(d.repo, day1, 2200, ny(day1, 22), store::decision_source::manual);
  const std::string e = decide_entry(d.repo, day2, 1000, ny(day2, 10));
  step(d.repo, b, ex::events::cancel_requested{}, ny(day1, 11, 1));

  store::order_filter f;
  f.limit = 2;
  auto page = d.repo.orders(f);
  REQUIRE(page.size() == 2);
  CHECK(page[0].order.tag == e);
  CHECK(page[1].order.tag == c);
  f.before_tag = page[1].order.tag;
  page = d.repo.orders(f);
  REQUIRE(page.size() == 2);
  CHECK(page[0].order.tag == b);
  CHECK(page[1].order.tag == a);
  f.before_tag = a;
  CHECK(d.repo.orders(f).empty());

  store::order_filter by_day;
  by_day.trade_date = day1;
  page = d.repo.orders(by_day);
  REQUIRE(page.size() == 3);
  CHECK(page[0].order.tag == c);
  by_day.trade_date = day2;
  REQUIRE(d.repo.orders(by_day).size() == 1);
  store::order_filter by_state;
  by_state.state = "cancelled";
  page = d.repo.orders(by_state);
  REQUIRE(page.size() == 1);
  CHECK(page[0].order.tag == b);

  const auto live = d.repo.live_orders();
  REQUIRE(live.size() == 3);
  CHECK(live[0].order.tag == a);   // oldest first
  CHECK(live[2].order.tag == e);

  // Decisions: newest first, by trade date, with an id cursor.
  auto decisions = d.repo.decisions(10, std::nullopt, std::nullopt);
  REQUIRE(decisions.size() == 4);
  CHECK(decisions[0].order_tag == std::optional<std::string>(e));
  CHECK(d.repo.decisions(10, day1, std::nullopt).size() == 3);
  const auto older = d.repo.decisions(10, std::nullopt, decisions[1].decision_id);
  REQUIRE(older.size() == 2);
  CHECK(older[0].decision_id == decisions[2].decision_id);
  CHECK(d.repo.decision(decisions[3].decision_id)->order_tag == std::optional<std::string>(a));
  CHECK_FALSE(d.repo.decision(999999).has_value());

  // Trades: a (day 1, closed on day 2 by take profit), c (day 1 at 22:00 NY, open), e (day 2, open).
  const ex::trade ta = fill_entry(d.repo, a, ny(day1, 10, 1));
  fill_entry(d.repo, c, ny(day1, 22, 1));
  fill_entry(d.repo, e, ny(day2, 10, 1));
  d.repo.update_trade(ex::close_trade(ta, 0.5, ex::exit_reason::take_profit, ny(day2, 15), day2).value());

  store::trade_filter tf;
  auto trades = d.repo.trades(tf);
  REQUIRE(trades.size() == 3);
  CHECK(trades[0].trade.id == e);
  tf.status = ex::trade_status::open;
  CHECK(d.repo.trades(tf).size() == 2);
  tf.status.reset();
  tf.from = day1;
  tf.to = day1;
  trades = d.repo.trades(tf);
  REQUIRE(trades.size() == 2);
  CHECK(trades[0].trade.id == c);
  CHECK(trades[1].trade.id == a);
  tf.from = day2;
  tf.to.reset();
  REQUIRE(d.repo.trades(tf).size() == 1);
  tf = {};
  tf.limit = 1;
  CHECK(d.repo.trades(tf).size() == 1);

  // Marks: idempotent on (trade, at), newest first, the latest one on open trades.
  d.repo.insert_mark(c, {ny(day2, 10), 0.9, 1.05});
  d.repo.insert_mark(c, {ny(day2, 11), 0.725, 0.85});
  d.repo.insert_mark(c, {ny(day2, 11), 5.0, 5.0});   // same instant: ignored
  const auto marks = d.repo.marks(c, 10);
  REQUIRE(marks.size() == 2);
  CHECK(marks[0].at == ny(day2, 11));
  CHECK(marks[0].mid_debit == 0.725);
  CHECK(marks[0].close_debit == 0.85);
  CHECK(d.repo.marks(c, 1).size() == 1);
  const auto open = d.repo.open_trades();
  REQUIRE(open.size() == 2);
  CHECK(open[0].trade.id == c);
  REQUIRE(open[0].latest_mark);
  CHECK(open[0].latest_mark->at == ny(day2, 11));
  CHECK(open[0].latest_mark->mid_debit == 0.725);
  CHECK_FALSE(open[1].latest_mark.has_value());

  // Daily PnL input: day 1 sees a and c (both open at its end); day 2 sees all three (a closed
  // that day); a later day sees only the two still open.
  CHECK(d.repo.trades_for_pnl(day1, day1).size() == 2);
  CHECK(d.repo.trades_for_pnl(day2, day2).size() == 3);
  const auto later = d.repo.trades_for_pnl(2025_y / 1 / 9, 2025_y / 1 / 9);
  REQUIRE(later.size() == 2);
  CHECK(later[0].trade.id == c);
  CHECK(later[1].trade.id == e);
}

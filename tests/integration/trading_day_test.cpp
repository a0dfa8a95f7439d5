// Whole trading days on the simulated clock and market, in seconds: the service's real parts
// (snapshot taker, exposure cache, trading engine, simulated broker, repositories) against a real
// Postgres, ticked minute by minute. Decisions at 10/11/12 exactly once, at most one trade, an
// exit (take profit, stop loss or settlement) with the daily PnL right, and the same days run
// twice giving the same rows.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include <gd/core/ny_time.hpp>
#include <gd/execution/pnl.hpp>
#include <gd/providers/simulated_market.hpp>
#include <gd/store/migrations.hpp>
#include <gd/store/trading_repository.hpp>

#include "app/exposure_service.hpp"
#include "jobs/snapshot_spool.hpp"
#include "jobs/snapshot_taker.hpp"
#include "test_postgres.hpp"
#include "trading/broker_factory.hpp"
#include "trading/trading_engine.hpp"
#include "trading/trading_setup.hpp"

using namespace date::literals;
using namespace std::chrono_literals;
using namespace gd;

namespace {

test::test_postgres& cluster() {
  static test::test_postgres pg;
  return pg;
}

std::string migrated_database(const std::string& name) { return cluster().create_migrated_database(name); }

std::string temp_dir() {
  char tmpl[] = "/tmp/gd-trading.XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

// Rows as text, for comparing two runs (ids and times included: the clock is simulated).
std::vector<std::string> rows(const std::string& url, const std::string& sql) {
  pqxx::connection c(url);
  pqxx::read_transaction tx(c);
  std::vector<std::string> out;
  for (const auto& r : tx.exec(sql)) {
    std::string line;
    for (const auto& f : r) line += (f.is_null() ? std::string("NULL") : f.c_str()) + std::string("|");
    out.push_back(line);
  }
  return out;
}

long long scalar(const std::string& url, const std::string& sql) { return test::query_scalar(url, sql); }

// One service's worth of trading parts on a manual clock.
struct desk {
  app::settings config;
  manual_clock clock;
  nyse_calendar calendar;
  store::connection_pool pool;
  store::snapshot_repository snapshots;
  store::trading_repository trading;
  jobs::snapshot_spool spool;
  providers::simulated_market market;
  app::metrics_registry metrics;
  jobs::snapshot_taker taker;
  app::exposure_service exposure;
  trading::trading_setup setup;
  trading::spread_quotes quotes;
  std::unique_ptr<execution::broker> broker;
  trading::trading_engine engine;

  desk(const std::string& url, sys_time start, const std::function<void(app::settings&)>& tweak = {})
      : config(make_config(url, tweak)),
        clock(start),
        pool(store::pool_options{url, 4}),
        snapshots(pool),
        trading(pool),
        spool(temp_dir()),
        market(clock, providers::simulated_settings{}),
        taker(config, market, snapshots, spool, clock, calendar, metrics),
        exposure(config, pool, snapshots, calendar),
        setup(trading::make_trading_setup(config)),
        quotes(market, clock, "SPX"),
        broker(trading::make_broker(config, setup, clock, quotes, trading)),
        engine(setup, pool, trading, snapshots, *broker, quotes,
               [this] { return exposure.chain_for("SPX", std::nullopt); }, clock, calendar, metrics) {
    taker.on_full_chain([this](long long id, const option_chain& chain) { exposure.on_full_chain(id, chain); });
  }

  static app::settings make_config(const std::string& url, const std::function<void(app::settings&)>& tweak) {
    app::settings s;
    s.database_url = url;
    s.full_chain_max_dte = 9;  // enough for the 7-DTE slot, small enough to be quick
    s.broker = "simulated";
    if (tweak) tweak(s);
    return s;
  }

  // Minute by minute from `from` to `to` (New York times of `day`): an hourly snapshot at :00 in
  // RTH (plus :30 at 10:30, 11:30 so marks see fresh chains), a trading tick every minute.
  void run(date::year_month_day day, int from_minute, int to_minute) {
    for (int m = from_minute; m <= to_minute; ++m) {
      const auto t = ny_to_utc(day, std::chrono::minutes(m));
      clock.set(t);
      if (calendar.is_open(t) && m % 60 == 0) (void)taker.run(false, t);
      engine.tick(t);
    }
  }
  void run_days(date::year_month_day first, int days) {
    auto d = date::sys_days(first);
    for (int i = 0; i < days; ++i, d += date::days(1)) {
      if (calendar.is_trading_day(date::year_month_day{d})) run(date::year_month_day{d}, 9 * 60 + 30, 16 * 60 + 30);
    }
  }
};

constexpr auto monday = 2026_y / 11 / 16;

}  // namespace

TEST_CASE("a simulated trading week: decisions once per slot, one trade, an exit, the PnL", "[integration][trading]") {
  const auto url = migrated_database("trading_week");
  desk d(url, ny_to_utc(monday, 9h + 30min));
  d.run_days(monday, 5);  // Monday to Friday: the 3-DTE trade of Monday expires Thursday

  // Scheduled decisions: each slot of each trading day exactly once.
  CHECK(scalar(url, "SELECT count(*) FROM trade_decisions WHERE source = 'scheduled'") == 5 * 3);
  CHECK(scalar(url, "SELECT count(*) FROM (SELECT trade_date, slot FROM trade_decisions GROUP BY 1, 2 "
                    "HAVING count(*) > 1) dup") == 0);
  // Monday 10:00 trades (3 DTE, |delta| 0.10); 11:00 and 12:00 are blocked by the one-trade limits.
  const auto monday_rows = rows(url, "SELECT slot, action, reason FROM trade_decisions WHERE trade_date = '2026-11-16' ORDER BY slot");
  REQUIRE(monday_rows.size() == 3);
  CHECK(monday_rows[0] == "10:00|TRADE|trade|");
  CHECK(monday_rows[1].rfind("11:00|SKIP|max_", 0) == 0);
  CHECK(monday_rows[2].rfind("12:00|SKIP|max_", 0) == 0);

  // Never more than one open trade, never more than one a day.
  CHECK(scalar(url, "SELECT count(*) FROM (SELECT (opened_at AT TIME ZONE 'America/New_York')::date FROM trades "
                    "GROUP BY 1 HAVING count(*) > 1) x") == 0);
  const auto trades = d.trading.trades(store::trade_filter{});
  REQUIRE_FALSE(trades.empty());
  // The first trade: the Monday entry, closed by a rule before Friday's close.
  const auto& first = trades.back();  // newest first
  CHECK(first.trade.id == "gd-20261116-1000-open-a1");
  CHECK(first.trade.spread.expiration == 2026_y / 11 / 19);
  CHECK(first.trade.spread.width() == Approx(25.0));
  CHECK(first.trade.entry_credit >= d.setup.strategy.filters.min_credit);
  REQUIRE(first.trade.status == execution::trade_status::closed);
  const auto reason = first.trade.reason;
  CHECK((reason == execution::exit_reason::take_profit || reason == execution::exit_reason::stop_loss ||
         reason == execution::exit_reason::settlement));
  // PnL: (credit - exit) x 100 x quantity, the same in the daily roll-up.
  const auto pnl = execution::compute_pnl(first.trade, std::nullopt);
  CHECK(pnl.realized == Approx((first.trade.entry_credit - first.trade.exit_debit) * 100.0 * first.trade.quantity));
  if (reason == execution::exit_reason::take_profit) {
    CHECK(first.trade.exit_debit <= 0.5 * first.trade.entry_credit + 0.05 + 1e-9);  // the TP level, one tick of slack
  }
  if (reason == execution::exit_reason::settlement) {
    CHECK(scalar(url, "SELECT count(*) FROM settlement_values WHERE date = '2026-11-19'") == 1);
  }
  // Marks were taken every minute of RTH while the trade was open.
  CHECK(scalar(url, "SELECT count(*) FROM trade_marks WHERE trade_id = 'gd-20261116-1000-open-a1'") > 30);
  // Every order ended in a terminal state, and the book at the broker is flat but for open trades.
  CHECK(scalar(url, "SELECT count(*) FROM orders WHERE state NOT IN ('filled','cancelled','rejected','expired')") == 0);
  CHECK(scalar(url, "SELECT count(*) FROM trading_alarms WHERE cleared_at IS NULL") == 0);
}

TEST_CASE("the same simulated days twice give the same rows", "[integration][trading]") {
  const auto a = migrated_database("trading_twice_a");
  const auto b = migrated_database("trading_twice_b");
  {
    desk d(a, ny_to_utc(monday, 9h + 30min));
    d.run_days(monday, 2);
  }
  {
    desk d(b, ny_to_utc(monday, 9h + 30min));
    d.run_days(monday, 2);
  }
  const char* decisions = "SELECT trade_date, slot, action, reason, message, evaluated_at, config_hash, order_tag, "
                          "decision::text FROM trade_decisions ORDER BY trade_date, slot";
  const char* orders = "SELECT tag, intent, state, limit_price, filled_quantity, avg_fill_price, created_at, doc::text "
                       "FROM orders ORDER BY tag";
  const char* trades = "SELECT trade_id, entry_credit, exit_debit, exit_reason, opened_at, closed_at FROM trades ORDER BY trade_id";
  const char* marks = "SELECT trade_id, at, mid_debit, close_debit FROM trade_marks ORDER BY trade_id, at";
  CHECK(rows(a, decisions) == rows(b, decisions));
  CHECK(rows(a, orders) == rows(b, orders));
  CHECK(rows(a, trades) == rows(b, trades));
  CHECK(rows(a, marks) == rows(b, marks));
  CHECK_FALSE(rows(a, decisions).empty());
  CHECK_FALSE(rows(a, orders).empty());
}

TEST_CASE("the kill switch blocks entries and never exits; a restart decides nothing twice", "[integration][trading]") {
  const auto url = migrated_database("trading_kill");
  {
    desk d(url, ny_to_utc(monday, 9h + 30min));
    d.run(monday, 9 * 60 + 30, 10 * 60 + 5);  // the 10:00 trade is on
    REQUIRE(d.trading.open_trades().size() == 1);
    d.engine.set_kill_switch(true, "test", d.clock.now());
    // A manual close still goes through with the switch on.
    const auto tag = d.engine.close_trade("gd-20261116-1000-open-a1", d.clock.now());
    d.run(monday, 10 * 60 + 6, 10 * 60 + 20);
    const auto exit = d.trading.order(tag);
    REQUIRE(exit);
    CHECK(exit->order.state == execution::order_state::filled);
    const auto closed = d.trading.trade("gd-20261116-1000-open-a1");
    REQUIRE(closed);
    CHECK(closed->trade.reason == execution::exit_reason::manual);
  }
  {
    // A new process (new engine, new simulated broker loaded from its stored book) at 11:00.
    desk d(url, ny_to_utc(monday, 10h + 55min));
    d.run(monday, 10 * 60 + 55, 12 * 60 + 10);
    const auto monday_rows =
        rows(url, "SELECT slot, action, reason FROM trade_decisions WHERE trade_date = '2026-11-16' ORDER BY slot");
    REQUIRE(monday_rows.size() == 3);
    CHECK(monday_rows[0] == "10:00|TRADE|trade|");
    CHECK(monday_rows[1] == "11:00|SKIP|kill_switch|");
    CHECK(monday_rows[2] == "12:00|SKIP|kill_switch|");
    // Decide again explicitly: the slot's stored decision comes back, nothing new is written.
    const auto again = d.engine.decide(std::string("12:00"), store::decision_source::scheduled, d.clock.now());
    CHECK(again.already_decided);
    CHECK(scalar(url, "SELECT count(*) FROM trade_decisions") == 3);
    CHECK(scalar(url, "SELECT count(*) FROM orders WHERE intent = 'open'") == 1);
  }
}

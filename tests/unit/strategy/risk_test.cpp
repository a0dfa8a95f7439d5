#include <gd/strategy/risk.hpp>

#include <catch2/catch.hpp>
#include <optional>

#include <gd/strategy/decide.hpp>

#include "fixtures.hpp"

using namespace gd::strategy;

TEST_CASE("entry_block: risk table (defaults 1 open, 1 per day, stop-loss ends the day, kill switch)", "[strategy][risk]") {
  struct row {
    const char* name;
    risk_state state;
    std::optional<reason_code> expected;
  };
  const risk_limits d;  // the original specification's defaults
  const row table[] = {
      {"flat book", {}, std::nullopt},
      {"one open", {.open_trades = 1}, reason_code::max_open_trades},
      {"two open", {.open_trades = 2}, reason_code::max_open_trades},
      {"one opened today, closed", {.trades_opened_today = 1}, reason_code::max_trades_per_day},
      {"stop-loss today", {.stop_loss_today = true}, reason_code::daily_stop_loss},
      {"kill switch", {.kill_switch = true}, reason_code::kill_switch},
      {"kill switch wins over limits", {.open_trades = 1, .trades_opened_today = 1, .stop_loss_today = true, .kill_switch = true},
       reason_code::kill_switch},
      {"broker mismatch", {.broker_mismatch = true}, reason_code::broker_mismatch},
      {"kill switch before broker mismatch", {.kill_switch = true, .broker_mismatch = true}, reason_code::kill_switch},
      {"broker mismatch before limits", {.open_trades = 1, .broker_mismatch = true}, reason_code::broker_mismatch},
      {"open beats per-day", {.open_trades = 1, .trades_opened_today = 1}, reason_code::max_open_trades},
      {"per-day beats stop", {.trades_opened_today = 1, .stop_loss_today = true}, reason_code::max_trades_per_day},
  };
  for (const auto& r : table) {
    INFO(r.name);
    CHECK(entry_block(r.state, d) == r.expected);
  }

  // Wider limits.
  const risk_limits wide{.max_open_trades = 2, .max_trades_per_day = 3, .stop_loss_ends_day = false};
  CHECK(entry_block({.open_trades = 1, .trades_opened_today = 2, .stop_loss_today = true}, wide) == std::nullopt);
  CHECK(entry_block({.open_trades = 2}, wide) == reason_code::max_open_trades);
  CHECK(entry_block({.trades_opened_today = 3}, wide) == reason_code::max_trades_per_day);
  CHECK(entry_block({.kill_switch = true}, wide) == reason_code::kill_switch);
}

TEST_CASE("the kill switch never blocks exits", "[strategy][risk]") {
  CHECK(exit_allowed({.kill_switch = true}));
  CHECK(exit_allowed({.open_trades = 5, .trades_opened_today = 5, .stop_loss_today = true, .kill_switch = true}));
}

TEST_CASE("decide: each risk rule turns an otherwise tradable slot into a SKIP with its reason", "[strategy][risk]") {
  const auto t = test::ny(2025, 3, 4, 10, 0);
  const auto chain = test::simulated_chain(t);
  const auto cfg = default_config();
  REQUIRE(decide(test::inputs(t, "10:00", chain, cfg)).is_trade());  // the control

  struct row {
    const char* name;
    risk_state state;
    reason_code expected;
  };
  const row table[] = {
      {"max open", {.open_trades = 1}, reason_code::max_open_trades},
      {"max per day", {.trades_opened_today = 1}, reason_code::max_trades_per_day},
      {"daily stop", {.stop_loss_today = true}, reason_code::daily_stop_loss},
      {"kill switch", {.kill_switch = true}, reason_code::kill_switch},
  };
  for (const auto& r : table) {
    INFO(r.name);
    const auto d = decide(test::inputs(t, "10:00", chain, cfg, r.state));
    CHECK_FALSE(d.is_trade());
    CHECK(d.reason == r.expected);
    CHECK(d.candidates.empty());  // risk gates come before any market work
    CHECK_FALSE(d.message.empty());
  }

  // With the daily-stop rule off, a stop-loss earlier today does not block.
  auto lenient = cfg;
  lenient.risk.stop_loss_ends_day = false;
  CHECK(decide(test::inputs(t, "10:00", chain, lenient, {.stop_loss_today = true})).is_trade());
}

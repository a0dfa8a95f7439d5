#include <gd/execution/pnl.hpp>

#include "fixtures.hpp"

using namespace gd::execution;
using namespace gd::execution::test;
using gd::option_right;
using gd::settlement_style;

namespace {
trade open_trade(std::string id = "t1") {
  trade t;
  t.id = std::move(id);
  t.spread = {option_right::put, 5800, 5775, "S", "L", date::year{2025} / 1 / 10, settlement_style::pm};
  t.quantity = 2;
  t.entry_credit = 1.20;  // max profit $240, max risk (25 - 1.20) x 100 x 2 = $4,760
  return t;
}
const date::year_month_day day1 = date::year{2025} / 1 / 8;
}  // namespace

TEST_CASE("realized PnL in dollars and % of max risk", "[execution][pnl]") {
  const trade t = open_trade();
  SECTION("take profit at 0.60") {
    const auto p = compute_pnl(*close_trade(t, 0.60, exit_reason::take_profit, at(16, 0), day1), std::nullopt);
    CHECK_FALSE(p.open);
    CHECK(p.max_risk == Approx(4760.0));
    CHECK(p.realized == Approx(120.0));
    CHECK(p.realized_pct == Approx(100.0 * 120.0 / 4760.0));
  }
  SECTION("stop loss at 2x credit is -100% of max profit") {
    const auto p = compute_pnl(*close_trade(t, 2.40, exit_reason::stop_loss, at(16, 0), day1), std::nullopt);
    CHECK(p.realized == Approx(-240.0));
  }
  SECTION("settlement between the strikes: a partial max loss") {
    const auto p = compute_pnl(*close_trade(t, 10.0, exit_reason::settlement, at(21, 0), day1), std::nullopt);
    CHECK(p.realized == Approx(-1760.0));
    CHECK(p.realized_pct == Approx(-100.0 * 1760.0 / 4760.0));
  }
  SECTION("settlement through the long strike is the whole max risk") {
    const auto p = compute_pnl(*close_trade(t, 25.0, exit_reason::settlement, at(21, 0), day1), std::nullopt);
    CHECK(p.realized == Approx(-4760.0));
    CHECK(p.realized_pct == Approx(-100.0));
  }
}

TEST_CASE("fees per contract leg: entry and order exit pay, settlement does not", "[execution][pnl]") {
  const fee_config fees{0.65};  // 2 legs x 2 contracts x 0.65 = 2.60 per execution
  const trade t = open_trade();
  CHECK(compute_pnl(*close_trade(t, 0.60, exit_reason::take_profit, at(16, 0), day1), std::nullopt, fees).realized ==
        Approx(120.0 - 5.20));
  CHECK(compute_pnl(*close_trade(t, 10.0, exit_reason::settlement, at(21, 0), day1), std::nullopt, fees).realized ==
        Approx(-1760.0 - 2.60));
  CHECK(compute_pnl(t, mark{at(16, 0), 0.80, 1.00}, fees).unrealized_close == Approx(40.0 - 2.60));
  CHECK(compute_pnl(t, std::nullopt, fees).unrealized_mid == Approx(-2.60));
}

TEST_CASE("unrealized PnL at mid and at the closing side", "[execution][pnl]") {
  const auto p = compute_pnl(open_trade(), mark{at(16, 0), 0.80, 1.00});
  CHECK(p.open);
  CHECK(p.unrealized_mid == Approx(80.0));
  CHECK(p.unrealized_close == Approx(40.0));
  CHECK(p.unrealized_close_pct == Approx(100.0 * 40.0 / 4760.0));
  CHECK(p.realized == 0.0);
}

TEST_CASE("daily PnL: realized of trades closed that day, unrealized of trades open at its end", "[execution][pnl]") {
  const auto closed_today = compute_pnl(*close_trade(open_trade("a"), 0.60, exit_reason::take_profit, at(16, 0), day1),
                                        std::nullopt);
  const auto still_open = compute_pnl(open_trade("b"), mark{at(21, 0), 0.80, 1.00});
  const auto closed_before =
      compute_pnl(*close_trade(open_trade("c"), 2.40, exit_reason::stop_loss, at(16, 0), date::year{2025} / 1 / 7),
                  std::nullopt);
  const auto d = daily_pnl(day1, {closed_today, still_open, closed_before});
  CHECK(d.trades_closed == 1);
  CHECK(d.trades_open == 1);
  CHECK(d.realized == Approx(120.0));
  CHECK(d.unrealized_mid == Approx(80.0));
  CHECK(d.unrealized_close == Approx(40.0));
  CHECK(d.max_risk == Approx(9520.0));
  CHECK(d.realized_pct == Approx(100.0 * 120.0 / 4760.0));
  CHECK(d.total_close_pct == Approx(100.0 * 160.0 / 9520.0));
  const auto empty = daily_pnl(day1, {});
  CHECK(empty.realized == 0.0);
  CHECK(empty.total_close_pct == 0.0);
}

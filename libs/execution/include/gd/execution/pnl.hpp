#pragma once
// Profit and loss in dollars (points × 100 × spreads) and as a percentage of max risk
// ((width − credit) × 100 × spreads). Fees are per contract per leg per execution, default 0:
// an entry pays 2 legs × quantity, an order exit another 2 × quantity; cash settlement has no
// order and pays none here. Unrealized PnL counts the entry fees paid, not the exit ones to come.
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/execution/mark.hpp>
#include <gd/execution/trade.hpp>

namespace gd::execution {

struct fee_config {
  double per_contract_leg = 0.0;  // dollars
};

struct trade_pnl {
  std::string trade_id;
  bool open = true;
  std::optional<date::year_month_day> closed_on;
  double fees = 0.0;               // dollars paid so far
  double max_risk = 0.0;           // dollars
  double realized = 0.0;           // dollars, closed trades
  double unrealized_mid = 0.0;     // dollars, open trades marked at mid
  double unrealized_close = 0.0;   // dollars, open trades marked at the closing side
  double realized_pct = 0.0;       // % of max risk
  double unrealized_mid_pct = 0.0;
  double unrealized_close_pct = 0.0;
};

// An open trade without a mark has unrealized 0 apart from its fees (the caller knows it is stale).
trade_pnl compute_pnl(const trade& t, const std::optional<mark>& latest, const fee_config& fees = {});

struct day_pnl {
  date::year_month_day day{};
  int trades_closed = 0;
  int trades_open = 0;
  double realized = 0.0;           // trades closed that day
  double unrealized_mid = 0.0;     // trades still open at the end of the day
  double unrealized_close = 0.0;
  double fees = 0.0;               // of the trades counted
  double max_risk = 0.0;           // of the trades counted
  double realized_pct = 0.0;       // realized / max risk of the trades closed that day
  double total_close_pct = 0.0;    // (realized + unrealized_close) / max_risk
};

// `trades` are the PnL of every trade closed on `day` or open at its end (others are skipped).
day_pnl daily_pnl(date::year_month_day day, const std::vector<trade_pnl>& trades);

}  // namespace gd::execution

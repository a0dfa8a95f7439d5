#pragma once
// A trade: one credit vertical position in spread units, built from the entry order's package
// fills, closed by an exit order (take profit, stop loss, manual) or by cash settlement.
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/result.hpp>
#include <gd/execution/order.hpp>

namespace gd::execution {

inline constexpr double contract_multiplier = 100.0;  // SPX/SPXW: $100 per point

// A credit vertical: puts have the short strike above the long, calls below.
struct vertical {
  option_right right = option_right::put;
  double short_strike = 0.0;
  double long_strike = 0.0;
  std::string short_symbol;
  std::string long_symbol;
  date::year_month_day expiration{};
  settlement_style settlement = settlement_style::pm;  // SPXW: PM, SPX monthly: AM

  double width() const { return short_strike > long_strike ? short_strike - long_strike : long_strike - short_strike; }
};

result<ok_t> validate(const vertical& v);

enum class trade_status { open, closed };
enum class exit_reason { none, take_profit, stop_loss, settlement, manual };
std::string_view to_string(trade_status s);
std::string_view to_string(exit_reason r);

struct trade {
  std::string id;                 // the entry order's tag
  vertical spread;
  int quantity = 0;               // spreads
  double entry_credit = 0.0;      // net per spread, as filled
  sys_time opened_at{};
  trade_status status = trade_status::open;
  double exit_debit = 0.0;        // net per spread paid to close, or the settlement value
  exit_reason reason = exit_reason::none;
  sys_time closed_at{};
  std::optional<date::year_month_day> closed_on;  // New York trade date of the close (for daily PnL)
  std::string exit_order_tag;     // empty for settlement

  double max_profit_dollars() const { return entry_credit * contract_multiplier * quantity; }
  double max_risk_dollars() const { return (spread.width() - entry_credit) * contract_multiplier * quantity; }
};

// From an entry order with fills (filled, or partially filled and then cancelled/expired): the
// filled spreads at the order's average net credit. Errors: not an entry, nothing filled.
result<trade> trade_from_entry(const order& entry, const vertical& spread, sys_time at);

// Closes an open trade at `debit` per spread. Errors: already closed, negative debit.
result<trade> close_trade(const trade& t, double debit, exit_reason reason, sys_time at,
                          date::year_month_day trade_date, std::string exit_order_tag = {});

}  // namespace gd::execution

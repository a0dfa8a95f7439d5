#pragma once
// Why a decision is what it is: one machine-readable code per outcome (stored in trade_decisions
// and asserted by tests), plus a human message beside it in the decision. Codes are stable
// snake_case strings; never rename one, add a new one.
#include <optional>
#include <string_view>

namespace gd::strategy {

enum class reason_code {
  trade,                  // every rule passed: open this spread
  // slot and calendar
  slot_not_configured,    // the slot is not in the configured entry windows
  not_trading_day,        // the evaluation date is not an NYSE trading day
  outside_entry_window,   // the instant is not inside the slot's window
  // risk (entries only; nothing here ever blocks an exit)
  kill_switch,
  broker_mismatch,        // reconciliation found the broker disagreeing with our books (an alarm is open)
  max_open_trades,
  max_trades_per_day,
  daily_stop_loss,        // a stop-loss already happened today
  // the chain as a whole
  stale_chain,            // the chain is older than max_chain_age (or of unknown age)
  chain_in_future,        // the chain is stamped after the evaluation instant (look-ahead)
  // one candidate (dte, delta, side)
  no_expiration,          // no listed expiration within tolerance of today + dte (or it has settled)
  root_not_listed,        // the chosen expiration has no rows of the configured root (SPXW)
  degraded_chain,         // fewer liquid strikes than required (gd::quant::grade_slice)
  no_forward,             // put-call parity gave no usable forward
  no_short_candidate,     // no out-of-the-money quote with a mid and an implied vol
  delta_out_of_range,     // the nearest |delta| is farther than max_delta_deviation from the target
  long_leg_missing,       // no contract at the long strike (width mode) / no farther strike (delta mode)
  one_sided_quote,        // a leg has no bid (or no ask)
  crossed_quote,          // a leg's bid is above its ask
  stale_quote,            // a leg's quote is older than max_quote_age
  wide_leg,               // a leg's bid-ask width exceeds max_leg_spread
  credit_below_minimum,   // the limit credit (on the tick) is below min_credit
  credit_not_below_width, // credit >= width: bad data, the spread cannot lose
};

std::string_view to_string(reason_code r) noexcept;
std::optional<reason_code> reason_from_string(std::string_view s) noexcept;

}  // namespace gd::strategy

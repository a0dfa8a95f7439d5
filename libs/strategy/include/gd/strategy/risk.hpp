#pragma once
// Pre-trade risk rules. They gate ENTRIES only: closing a position (take-profit, stop-loss,
// manual close, settlement) is never blocked here — not by the kill switch, not by any limit.
#include <optional>

#include <gd/strategy/config.hpp>
#include <gd/strategy/reason.hpp>

namespace gd::strategy {

// The book as the caller sees it at the evaluation instant (passed in: no database reads here).
struct risk_state {
  int open_trades = 0;              // spreads open now (entries pending at the broker included)
  int trades_opened_today = 0;      // New York trading day
  bool stop_loss_today = false;     // a stop-loss closed a trade earlier today
  bool kill_switch = false;         // operator switch: no new entries
  bool broker_mismatch = false;     // an open reconciliation alarm: no new entries until a human looks
};

// The first rule that blocks a new entry (kill switch, max open, max per day, daily stop), or nullopt.
std::optional<reason_code> entry_block(const risk_state& s, const risk_limits& limits) noexcept;

// Exits are always allowed; this exists so callers state the rule instead of assuming it.
constexpr bool exit_allowed(const risk_state&) noexcept { return true; }

}  // namespace gd::strategy

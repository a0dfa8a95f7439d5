#include <gd/strategy/risk.hpp>

namespace gd::strategy {

std::optional<reason_code> entry_block(const risk_state& s, const risk_limits& limits) noexcept {
  // The kill switch first: when an operator pulled it, that is the reason to report.
  if (s.kill_switch) return reason_code::kill_switch;
  if (s.broker_mismatch) return reason_code::broker_mismatch;
  if (s.open_trades >= limits.max_open_trades) return reason_code::max_open_trades;
  if (s.trades_opened_today >= limits.max_trades_per_day) return reason_code::max_trades_per_day;
  if (limits.stop_loss_ends_day && s.stop_loss_today) return reason_code::daily_stop_loss;
  return std::nullopt;
}

}  // namespace gd::strategy

#include <gd/strategy/reason.hpp>

#include <utility>

namespace gd::strategy {
namespace {

constexpr std::pair<reason_code, std::string_view> names[] = {
    {reason_code::trade, "trade"},
    {reason_code::slot_not_configured, "slot_not_configured"},
    {reason_code::not_trading_day, "not_trading_day"},
    {reason_code::outside_entry_window, "outside_entry_window"},
    {reason_code::kill_switch, "kill_switch"},
    {reason_code::broker_mismatch, "broker_mismatch"},
    {reason_code::max_open_trades, "max_open_trades"},
    {reason_code::max_trades_per_day, "max_trades_per_day"},
    {reason_code::daily_stop_loss, "daily_stop_loss"},
    {reason_code::stale_chain, "stale_chain"},
    {reason_code::chain_in_future, "chain_in_future"},
    {reason_code::no_expiration, "no_expiration"},
    {reason_code::root_not_listed, "root_not_listed"},
    {reason_code::degraded_chain, "degraded_chain"},
    {reason_code::no_forward, "no_forward"},
    {reason_code::no_short_candidate, "no_short_candidate"},
    {reason_code::delta_out_of_range, "delta_out_of_range"},
    {reason_code::long_leg_missing, "long_leg_missing"},
    {reason_code::one_sided_quote, "one_sided_quote"},
    {reason_code::crossed_quote, "crossed_quote"},
    {reason_code::stale_quote, "stale_quote"},
    {reason_code::wide_leg, "wide_leg"},
    {reason_code::credit_below_minimum, "credit_below_minimum"},
    {reason_code::credit_not_below_width, "credit_not_below_width"},
};

}  // namespace

std::string_view to_string(reason_code r) noexcept {
  for (const auto& [code, name] : names) {
    if (code == r) return name;
  }
  return "unknown";
}

std::optional<reason_code> reason_from_string(std::string_view s) noexcept {
  for (const auto& [code, name] : names) {
    if (name == s) return code;
  }
  return std::nullopt;
}

}  // namespace gd::strategy

#include <gd/strategy/decision.hpp>

#include <cmath>

#include <gd/core/ny_time.hpp>

namespace gd::strategy {
namespace {

using nlohmann::json;

// NaN / infinity are "unknown": null in JSON (JSONB has no NaN).
json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
const char* right_code(gd::option_right r) { return r == gd::option_right::put ? "P" : "C"; }

json to_json(const spread_prices& p) {
  return {{"credit_mid", num(p.credit_mid)},
          {"combo_spread", num(p.combo_spread)},
          {"credit_fill", num(p.credit_fill)},
          {"credit_limit", num(p.credit_limit)},
          {"width", num(p.width)},
          {"max_loss", num(p.max_loss)},
          {"multiplier", p.multiplier},
          {"credit_mid_dollars", num(p.credit_mid_dollars())},
          {"credit_limit_dollars", num(p.credit_limit_dollars())},
          {"max_loss_dollars", num(p.max_loss_dollars())}};
}

}  // namespace

std::string_view to_string(action a) noexcept { return a == action::trade ? "TRADE" : "SKIP"; }

json to_json(const risk_state& r) {
  return {{"open_trades", r.open_trades},
          {"trades_opened_today", r.trades_opened_today},
          {"stop_loss_today", r.stop_loss_today},
          {"kill_switch", r.kill_switch},
          {"broker_mismatch", r.broker_mismatch}};
}

json to_json(const leg& l) {
  return {{"occ_symbol", l.occ_symbol},
          {"strike", num(l.strike)},
          {"right", right_code(l.right)},
          {"side", l.quantity < 0 ? "sell_to_open" : "buy_to_open"},
          {"quantity", l.quantity},
          {"bid", num(l.bid)},
          {"ask", num(l.ask)},
          {"mid", num(l.mid)},
          {"iv", num(l.iv)},
          {"delta", num(l.delta)}};
}

json to_json(const candidate& c) {
  return {{"target_dte", c.target_dte},
          {"target_delta", c.target_delta},
          {"spread", c.right == gd::option_right::put ? "put_credit" : "call_credit"},
          {"reason", std::string(to_string(c.reason))},
          {"message", c.message},
          {"expiration", c.expiration ? json(gd::format_date(*c.expiration)) : json(nullptr)},
          {"actual_dte", c.expiration ? json(c.actual_dte) : json(nullptr)},
          {"years_to_settlement", num(c.years)},
          {"forward", num(c.forward)},
          {"df", num(c.df)},
          {"short_leg", c.short_leg ? to_json(*c.short_leg) : json(nullptr)},
          {"long_leg", c.long_leg ? to_json(*c.long_leg) : json(nullptr)},
          {"prices", c.prices ? to_json(*c.prices) : json(nullptr)}};
}

json to_json(const decision& d) {
  json candidates = json::array();
  for (const auto& c : d.candidates) candidates.push_back(to_json(c));
  return {{"action", std::string(to_string(d.act))},
          {"reason", std::string(to_string(d.reason))},
          {"message", d.message},
          {"slot", d.slot},
          {"evaluated_at", gd::format_utc_iso(d.evaluated_at)},
          {"evaluated_at_ny", gd::format_ny_iso(d.evaluated_at)},
          {"trade_date", gd::format_date(d.trade_date)},
          {"snapshot_id", d.snapshot_id},
          {"snapshot_checksum", d.snapshot_checksum},
          {"chain_as_of", d.chain_as_of == gd::sys_time{} ? json(nullptr) : json(gd::format_utc_iso(d.chain_as_of))},
          {"config_hash", d.config_hash},
          {"risk", to_json(d.risk)},
          {"quantity", d.quantity},
          {"chosen", d.chosen ? json(*d.chosen) : json(nullptr)},
          {"candidates", std::move(candidates)}};
}

}  // namespace gd::strategy

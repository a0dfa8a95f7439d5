#include <gd/execution/json.hpp>

#include <type_traits>

#include <date/date.h>

namespace gd::execution {

namespace {

std::string iso(sys_time t) { return date::format("%FT%TZ", t); }
std::string iso(date::year_month_day d) { return date::format("%F", d); }

template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void to_json(nlohmann::json& j, const order_leg& leg) {
  j = {{"option_symbol", leg.occ_symbol}, {"side", to_string(leg.side)}};
}

void to_json(nlohmann::json& j, const order& o) {
  j = {{"tag", o.tag},
       {"intent", to_string(o.intent)},
       {"type", o.intent == order_intent::open ? "credit" : "debit"},
       {"underlying", o.underlying},
       {"legs", o.legs},
       {"quantity", o.quantity},
       {"limit_price", o.limit_price},
       {"state", to_string(o.state)},
       {"broker_id", optional_json(o.broker_id)},
       {"filled_quantity", o.filled_quantity},
       {"avg_fill_price", o.avg_fill_price},
       {"sends", o.sends},
       {"not_found_lookups", o.not_found_lookups},
       {"reject_reason", o.reject_reason},
       {"replace_price", optional_json(o.replace_price)},
       {"created_at", iso(o.created_at)},
       {"last_sent_at", o.sends > 0 ? nlohmann::json(iso(o.last_sent_at)) : nlohmann::json(nullptr)}};
}

nlohmann::json event_to_json(const order_event& event) {
  nlohmann::json j = std::visit(
      [](const auto& e) -> nlohmann::json {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, events::send_attempted>) return {{"at", iso(e.at)}};
        else if constexpr (std::is_same_v<E, events::accepted>) return {{"broker_id", e.broker_id}};
        else if constexpr (std::is_same_v<E, events::rejected>) return {{"reason", e.reason}};
        else if constexpr (std::is_same_v<E, events::send_outcome_unknown>) return {{"detail", e.detail}};
        else if constexpr (std::is_same_v<E, events::lookup_found>)
          return {{"broker_id", e.broker_id}, {"status", to_string(e.status)}, {"exec_quantity", e.exec_quantity},
                  {"avg_fill_price", e.avg_fill_price}, {"reason", e.reason}};
        else if constexpr (std::is_same_v<E, events::fill>)
          return {{"cumulative_quantity", e.cumulative_quantity}, {"avg_price", e.avg_price}};
        else if constexpr (std::is_same_v<E, events::reprice>) return {{"new_limit", e.new_limit}};
        else return nlohmann::json::object();
      },
      event);
  j["type"] = event_name(event);
  return j;
}

void to_json(nlohmann::json& j, const command& c) {
  j = {{"kind", to_string(c.kind)}, {"tag", c.tag},           {"broker_id", optional_json(c.broker_id)},
       {"price", optional_json(c.price)}, {"quantity", c.quantity}, {"note", c.note}};
}

void to_json(nlohmann::json& j, const transition& t) {
  j = {{"tag", t.next.tag},          {"from", to_string(t.from)}, {"to", to_string(t.to)},
       {"event", event_to_json(t.event)}, {"commands", t.commands},  {"note", t.note}};
}

void to_json(nlohmann::json& j, const vertical& v) {
  j = {{"right", v.right == option_right::put ? "put" : "call"},
       {"short_strike", v.short_strike},
       {"long_strike", v.long_strike},
       {"short_symbol", v.short_symbol},
       {"long_symbol", v.long_symbol},
       {"width", v.width()},
       {"expiration", iso(v.expiration)},
       {"settlement", v.settlement == settlement_style::pm ? "pm" : "am"}};
}

void to_json(nlohmann::json& j, const trade& t) {
  j = {{"id", t.id},
       {"spread", t.spread},
       {"quantity", t.quantity},
       {"entry_credit", t.entry_credit},
       {"opened_at", iso(t.opened_at)},
       {"status", to_string(t.status)},
       {"exit_debit", t.status == trade_status::closed ? nlohmann::json(t.exit_debit) : nlohmann::json(nullptr)},
       {"exit_reason", to_string(t.reason)},
       {"closed_at", t.status == trade_status::closed ? nlohmann::json(iso(t.closed_at)) : nlohmann::json(nullptr)},
       {"closed_on", t.closed_on ? nlohmann::json(iso(*t.closed_on)) : nlohmann::json(nullptr)},
       {"exit_order_tag", t.exit_order_tag},
       {"max_profit_dollars", t.max_profit_dollars()},
       {"max_risk_dollars", t.max_risk_dollars()}};
}

void to_json(nlohmann::json& j, const mark& m) {
  j = {{"at", iso(m.at)}, {"mid_debit", m.mid_debit}, {"close_debit", m.close_debit}};
}

void to_json(nlohmann::json& j, const trade_pnl& p) {
  j = {{"trade_id", p.trade_id},
       {"open", p.open},
       {"closed_on", p.closed_on ? nlohmann::json(iso(*p.closed_on)) : nlohmann::json(nullptr)},
       {"fees", p.fees},
       {"max_risk", p.max_risk},
       {"realized", p.realized},
       {"unrealized_mid", p.unrealized_mid},
       {"unrealized_close", p.unrealized_close},
       {"realized_pct", p.realized_pct},
       {"unrealized_mid_pct", p.unrealized_mid_pct},
       {"unrealized_close_pct", p.unrealized_close_pct}};
}

void to_json(nlohmann::json& j, const day_pnl& p) {
  j = {{"day", iso(p.day)},
       {"trades_closed", p.trades_closed},
       {"trades_open", p.trades_open},
       {"realized", p.realized},
       {"unrealized_mid", p.unrealized_mid},
       {"unrealized_close", p.unrealized_close},
       {"fees", p.fees},
       {"max_risk", p.max_risk},
       {"realized_pct", p.realized_pct},
       {"total_close_pct", p.total_close_pct}};
}

void to_json(nlohmann::json& j, const recon_action& a) {
  const char* kind = a.kind == recon_action_kind::apply_lookup    ? "apply_lookup"
                     : a.kind == recon_action_kind::lookup_by_tag ? "lookup_by_tag"
                                                                  : "mark_unknown";
  j = {{"kind", kind},
       {"tag", a.tag},
       {"found", a.found ? event_to_json(order_event{*a.found}) : nlohmann::json(nullptr)}};
}

void to_json(nlohmann::json& j, const recon_alarm& a) {
  j = {{"kind", to_string(a.kind)}, {"key", a.key}, {"ours", a.ours}, {"broker", a.broker}, {"message", a.message}};
}

void to_json(nlohmann::json& j, const reconciliation_report& r) {
  j = {{"actions", r.actions}, {"alarms", r.alarms}, {"entries_allowed", r.entries_allowed()}};
}

}  // namespace gd::execution

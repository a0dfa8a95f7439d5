#include <gd/execution/json.hpp>

#include <cmath>

#include <array>
#include <limits>
#include <type_traits>

#include <date/date.h>

#include <gd/core/ny_time.hpp>

namespace gd::execution {

namespace {

std::string iso(sys_time t) { return date::format("%FT%TZ", t); }
std::string iso(date::year_month_day d) { return date::format("%F", d); }

template <class T>
nlohmann::json optional_json(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// ---- reading back (the *_from_json functions at the end) -----------------------------------
//
// A reader walks one object and remembers the first problem, named by its path ("order.legs[1].side").
// Fields are read in order and later reads are skipped once one failed, so the caller checks once.
class reader {
 public:
  reader(const nlohmann::json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) fail(path_, "expected an object");
  }

  bool ok() const { return !err_; }
  const gd::error& err() const { return *err_; }
  void fail(const std::string& field, const std::string& what) {
    if (!err_) err_ = gd::error{"bad_json", field + ": " + what};
  }
  void adopt(const gd::error& e) {
    if (!err_) err_ = e;
  }
  std::string field(const char* name) const { return path_ + "." + name; }

  // The member, or nullptr (and an error) when it is missing.
  const nlohmann::json* member(const char* name) {
    if (!ok()) return nullptr;
    const auto it = j_.find(name);
    if (it == j_.end()) {
      fail(field(name), "missing");
      return nullptr;
    }
    return &*it;
  }

  std::string text(const char* name) {
    const auto* v = member(name);
    if (v == nullptr) return {};
    if (!v->is_string()) {
      fail(field(name), "expected a string");
      return {};
    }
    return v->get<std::string>();
  }
  std::optional<std::string> optional_text(const char* name) {
    const auto* v = member(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
      fail(field(name), "expected a string or null");
      return std::nullopt;
    }
    return v->get<std::string>();
  }
  double number(const char* name) {
    const auto* v = member(name);
    if (v == nullptr) return 0.0;
    if (!v->is_number()) {
      fail(field(name), "expected a number");
      return 0.0;
    }
    return v->get<double>();
  }
  std::optional<double> optional_number(const char* name) {
    const auto* v = member(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_number()) {
      fail(field(name), "expected a number or null");
      return std::nullopt;
    }
    return v->get<double>();
  }
  int integer(const char* name) {
    const auto* v = member(name);
    if (v == nullptr) return 0;
    if (!v->is_number_integer() || v->get<long long>() < std::numeric_limits<int>::min() ||
        v->get<long long>() > std::numeric_limits<int>::max()) {
      fail(field(name), "expected an integer");
      return 0;
    }
    return v->get<int>();
  }
  sys_time instant(const char* name) {
    const std::string s = text(name);
    sys_time t{};
    if (ok() && !gd::parse_iso_instant(s, t)) fail(field(name), "expected an ISO-8601 instant, got \"" + s + "\"");
    return t;
  }
  std::optional<sys_time> optional_instant(const char* name) {
    const auto s = optional_text(name);
    if (!s) return std::nullopt;
    sys_time t{};
    if (!gd::parse_iso_instant(*s, t)) {
      fail(field(name), "expected an ISO-8601 instant or null, got \"" + *s + "\"");
      return std::nullopt;
    }
    return t;
  }
  std::optional<date::year_month_day> optional_day(const char* name) {
    const auto s = optional_text(name);
    if (!s) return std::nullopt;
    date::year_month_day d{};
    if (!gd::parse_date(*s, d)) {
      fail(field(name), "expected a date YYYY-MM-DD or null, got \"" + *s + "\"");
      return std::nullopt;
    }
    return d;
  }
  date::year_month_day day(const char* name) {
    const std::string s = text(name);
    date::year_month_day d{};
    if (ok() && !gd::parse_date(s, d)) fail(field(name), "expected a date YYYY-MM-DD, got \"" + s + "\"");
    return d;
  }
  // An enum from its to_string name: tries every value in `all`.
  template <class E, std::size_t N>
  E one_of(const char* name, const std::array<E, N>& all) {
    const std::string s = text(name);
    if (!ok()) return all[0];
    for (const E e : all)
      if (to_string(e) == s) return e;
    fail(field(name), "unknown value \"" + s + "\"");
    return all[0];
  }
  // Two-valued spellings that have no to_string of their own (put/call, pm/am).
  template <class E>
  E either(const char* name, const char* a_text, E a, const char* b_text, E b) {
    const std::string s = text(name);
    if (!ok()) return a;
    if (s == a_text) return a;
    if (s == b_text) return b;
    fail(field(name), std::string("expected \"") + a_text + "\" or \"" + b_text + "\", got \"" + s + "\"");
    return a;
  }

 private:
  const nlohmann::json& j_;
  std::string path_;
  std::optional<gd::error> err_;
};

constexpr std::array all_intents{order_intent::open, order_intent::close};
constexpr std::array all_order_states{order_state::created,   order_state::submitting,       order_state::open,
                                      order_state::partially_filled, order_state::cancel_requested,
                                      order_state::unknown,   order_state::filled,           order_state::cancelled,
                                      order_state::rejected,  order_state::expired};
constexpr std::array all_leg_sides{leg_side::sell_to_open, leg_side::buy_to_open, leg_side::buy_to_close,
                                   leg_side::sell_to_close};
constexpr std::array all_trade_statuses{trade_status::open, trade_status::closed};
constexpr std::array all_exit_reasons{exit_reason::none, exit_reason::take_profit, exit_reason::stop_loss,
                                      exit_reason::settlement, exit_reason::manual};

gd::result<vertical> read_vertical(const nlohmann::json& j, const std::string& path) {
  vertical v;
  reader in(j, path);
  v.right = in.either("right", "put", option_right::put, "call", option_right::call);
  v.short_strike = in.number("short_strike");
  v.long_strike = in.number("long_strike");
  v.short_symbol = in.text("short_symbol");
  v.long_symbol = in.text("long_symbol");
  v.expiration = in.day("expiration");
  v.settlement = in.either("settlement", "pm", settlement_style::pm, "am", settlement_style::am);
  if (!in.ok()) return in.err();
  return v;
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

// Money for display: to the millionth of a dollar, which removes binary noise (-45.000000000000014).
static double money(double x) { return std::round(x * 1e6) / 1e6; }

void to_json(nlohmann::json& j, const trade_pnl& p) {
  j = {{"trade_id", p.trade_id},
       {"open", p.open},
       {"closed_on", p.closed_on ? nlohmann::json(iso(*p.closed_on)) : nlohmann::json(nullptr)},
       {"fees", money(p.fees)},
       {"max_risk", money(p.max_risk)},
       {"realized", money(p.realized)},
       {"unrealized_mid", money(p.unrealized_mid)},
       {"unrealized_close", money(p.unrealized_close)},
       {"realized_pct", money(p.realized_pct)},
       {"unrealized_mid_pct", money(p.unrealized_mid_pct)},
       {"unrealized_close_pct", money(p.unrealized_close_pct)}};
}

void to_json(nlohmann::json& j, const day_pnl& p) {
  j = {{"day", iso(p.day)},
       {"trades_closed", p.trades_closed},
       {"trades_open", p.trades_open},
       {"realized", money(p.realized)},
       {"unrealized_mid", money(p.unrealized_mid)},
       {"unrealized_close", money(p.unrealized_close)},
       {"fees", money(p.fees)},
       {"max_risk", money(p.max_risk)},
       {"realized_pct", money(p.realized_pct)},
       {"total_close_pct", money(p.total_close_pct)}};
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

// ---- the inverses -----------------------------------------------------------------------
// Derived members of the written form ("type", "width", "max_*_dollars") are not read back: they
// follow from the fields that are.

gd::result<order> order_from_json(const nlohmann::json& j) {
  order o;
  reader in(j, "order");
  o.tag = in.text("tag");
  o.intent = in.one_of("intent", all_intents);
  o.underlying = in.text("underlying");
  if (const auto* legs = in.member("legs")) {
    if (!legs->is_array()) {
      in.fail("order.legs", "expected an array");
    } else {
      for (std::size_t i = 0; i < legs->size() && in.ok(); ++i) {
        reader leg_in((*legs)[i], "order.legs[" + std::to_string(i) + "]");
        order_leg leg;
        leg.occ_symbol = leg_in.text("option_symbol");
        leg.side = leg_in.one_of("side", all_leg_sides);
        if (!leg_in.ok()) in.adopt(leg_in.err());
        o.legs.push_back(std::move(leg));
      }
    }
  }
  o.quantity = in.integer("quantity");
  o.limit_price = in.number("limit_price");
  o.state = in.one_of("state", all_order_states);
  o.broker_id = in.optional_text("broker_id");
  o.filled_quantity = in.integer("filled_quantity");
  o.avg_fill_price = in.number("avg_fill_price");
  o.sends = in.integer("sends");
  o.not_found_lookups = in.integer("not_found_lookups");
  o.reject_reason = in.text("reject_reason");
  o.replace_price = in.optional_number("replace_price");
  o.created_at = in.instant("created_at");
  o.last_sent_at = in.optional_instant("last_sent_at").value_or(sys_time{});
  if (!in.ok()) return in.err();
  return o;
}

gd::result<vertical> vertical_from_json(const nlohmann::json& j) { return read_vertical(j, "vertical"); }

gd::result<trade> trade_from_json(const nlohmann::json& j) {
  trade t;
  reader in(j, "trade");
  t.id = in.text("id");
  if (const auto* spread = in.member("spread")) {
    auto v = read_vertical(*spread, "trade.spread");
    if (v) t.spread = std::move(v).value();
    else in.adopt(v.err());
  }
  t.quantity = in.integer("quantity");
  t.entry_credit = in.number("entry_credit");
  t.opened_at = in.instant("opened_at");
  t.status = in.one_of("status", all_trade_statuses);
  t.exit_debit = in.optional_number("exit_debit").value_or(0.0);
  t.reason = in.one_of("exit_reason", all_exit_reasons);
  t.closed_at = in.optional_instant("closed_at").value_or(sys_time{});
  t.closed_on = in.optional_day("closed_on");
  t.exit_order_tag = in.text("exit_order_tag");
  if (!in.ok()) return in.err();
  return t;
}

}  // namespace gd::execution

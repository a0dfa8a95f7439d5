// Paper trading over HTTP: what was decided, ordered, filled and earned, and the operator's
// actions. Reads come from Postgres; actions go through the trading engine.
#include "api/trading_routes.hpp"

#include <limits>

#include <nlohmann/json.hpp>

#include <gd/core/ny_time.hpp>
#include <gd/execution/json.hpp>
#include <gd/execution/pnl.hpp>
#include <gd/strategy/config.hpp>

#include "api/api_error.hpp"
#include "api/json_values.hpp"

namespace gd::api {

using json = nlohmann::json;
namespace ex = gd::execution;

namespace {

json time_json(gd::sys_time t) { return gd::format_utc_iso(t); }

json decision_json(const store::decision_row& d) {
  return {{"decision_id", d.decision_id},
          {"trade_date", gd::format_date(d.trade_date)},
          {"slot", d.slot},
          {"underlying", d.underlying},
          {"source", d.source == store::decision_source::manual ? "manual" : "scheduled"},
          {"action", d.action},
          {"reason", d.reason},
          {"message", d.message},
          {"evaluated_at", time_json(d.evaluated_at)},
          {"snapshot_id", optional_json(d.snapshot_id)},
          {"snapshot_checksum", d.snapshot_checksum},
          {"config_hash", d.config_hash},
          {"order_tag", optional_json(d.order_tag)},
          {"decision", d.decision}};
}

json order_json(const store::order_row& r) {
  json j = r.order;  // execution::to_json: tag, intent, legs, quantity, limit, state, fills...
  j["broker"] = r.broker;
  j["decision_id"] = optional_json(r.decision_id);
  j["trade_id"] = optional_json(r.trade_id);
  j["previous_tag"] = optional_json(r.previous_tag);
  j["created_at"] = time_json(r.created_at);
  j["updated_at"] = time_json(r.updated_at);
  return j;
}

ex::trade_pnl pnl_of(const store::trade_row& t) { return ex::compute_pnl(t.trade, t.latest_mark); }

json trade_json(const store::trade_row& t) {
  json j = t.trade;
  j["decision_id"] = optional_json(t.decision_id);
  j["latest_mark"] = t.latest_mark ? json(*t.latest_mark) : json(nullptr);
  j["pnl"] = pnl_of(t);
  return j;
}

std::optional<date::year_month_day> date_param(const request_context& c, const std::string& name) {
  const auto v = c.query(name);
  if (!v) return std::nullopt;
  date::year_month_day d{};
  if (!gd::parse_date(*v, d)) throw bad_request(name + " must be a date YYYY-MM-DD");
  return d;
}

json parse_body(const request_context& c) {
  const auto& body = c.http().body;
  if (body.empty()) return json::object();
  auto j = json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw bad_request("the body must be a JSON object");
  return j;
}

trading::trading_engine& require_engine(const trading_route_deps& d) {
  if (!d.engine) throw api_error(409, "trading_disabled", "trading is disabled (TRADING_ENABLED=false)");
  return *d.engine;
}

// Engine errors -> HTTP.
template <class Fn>
auto engine_call(Fn&& fn) {
  try {
    return fn();
  } catch (const trading::trading_conflict& e) {
    throw api_error(409, "conflict", e.what());
  } catch (const trading::trading_unavailable& e) {
    throw api_error(503, "unavailable", e.what());
  } catch (const std::out_of_range& e) {
    throw not_found(e.what());
  }
}

}  // namespace

void add_trading_routes(router& r, const trading_route_deps& d) {
  r.add({"GET", "/api/decisions",
         [d](const request_context& c) {
           const int limit = static_cast<int>(c.query_int("limit", 50, 1, 500));
           std::optional<long long> cursor;
           if (c.query("cursor")) cursor = c.query_int("cursor", 0, 1, std::numeric_limits<long long>::max());
           const auto rows = d.repo->decisions(limit, date_param(c, "date"), cursor);
           json items = json::array();
           for (const auto& row : rows) items.push_back(decision_json(row));
           const bool more = static_cast<int>(rows.size()) == limit && !rows.empty();
           return json_response(200, {{"items", std::move(items)},
                                      {"next_cursor", more ? json(std::to_string(rows.back().decision_id)) : json(nullptr)}});
         },
         {"limit", "date", "cursor"}});

  r.add({"GET", "/api/decisions/{id}",
         [d](const request_context& c) {
           const auto row = d.repo->decision(c.path_int("id"));
           if (!row) throw not_found("no decision " + c.path_param("id"));
           return json_response(200, decision_json(*row));
         },
         {}});

  r.add({"GET", "/api/orders",
         [d](const request_context& c) {
           store::order_filter f;
           f.limit = static_cast<int>(c.query_int("limit", 50, 1, 500));
           f.trade_date = date_param(c, "date");
           if (c.query("state")) {
             f.state = c.query_choice("state", "", {"new", "submitting", "open", "partially_filled", "cancel_requested",
                                                    "unknown", "filled", "cancelled", "rejected", "expired"});
           }
           f.before_tag = c.query("cursor");
           const auto rows = d.repo->orders(f);
           json items = json::array();
           for (const auto& row : rows) items.push_back(order_json(row));
           const bool more = static_cast<int>(rows.size()) == f.limit && !rows.empty();
           return json_response(200, {{"items", std::move(items)},
                                      {"next_cursor", more ? json(rows.back().order.tag) : json(nullptr)}});
         },
         {"limit", "date", "state", "cursor"}});

  r.add({"GET", "/api/orders/{tag}",
         [d](const request_context& c) {
           const auto& tag = c.path_param("tag");
           const auto row = d.repo->order(tag);
           if (!row) throw not_found("no order " + tag);
           json body = order_json(*row);
           json events = json::array();
           for (const auto& e : d.repo->order_events(tag)) {
             events.push_back({{"seq", e.seq},
                               {"at", time_json(e.at)},
                               {"from", e.from_state},
                               {"to", e.to_state},
                               {"event", e.event},
                               {"commands", e.commands},
                               {"note", e.note}});
           }
           json fills = json::array();
           for (const auto& f : d.repo->fills(tag)) {
             fills.push_back({{"at", time_json(f.at)},
                              {"quantity", f.quantity},
                              {"price", f.price},
                              {"cumulative_quantity", f.cumulative_quantity}});
           }
           body["events"] = std::move(events);
           body["fills"] = std::move(fills);
           return json_response(200, body);
         },
         {}});

  r.add({"GET", "/api/trades",
         [d](const request_context& c) {
           store::trade_filter f;
           f.limit = static_cast<int>(c.query_int("limit", 50, 1, 500));
           if (c.query("status")) {
             f.status = c.query_choice("status", "open", {"open", "closed"}) == "open" ? ex::trade_status::open
                                                                                       : ex::trade_status::closed;
           }
           f.from = date_param(c, "from");
           f.to = date_param(c, "to");
           json items = json::array();
           for (const auto& t : d.repo->trades(f)) items.push_back(trade_json(t));
           return json_response(200, {{"items", std::move(items)}});
         },
         {"limit", "status", "from", "to"}});

  r.add({"GET", "/api/trades/{id}",
         [d](const request_context& c) {
           const auto& id = c.path_param("id");
           const auto t = d.repo->trade(id);
           if (!t) throw not_found("no trade " + id);
           json body = trade_json(*t);
           json orders = json::array();
           for (const auto& o : d.repo->trade_orders(id)) orders.push_back(order_json(o));
           json marks = json::array();
           for (const auto& m : d.repo->marks(id, static_cast<int>(c.query_int("marks", 500, 0, 5000)))) marks.push_back(m);
           body["legs"] = json::array({{{"occ_symbol", t->trade.spread.short_symbol},
                                        {"strike", t->trade.spread.short_strike},
                                        {"side", "short"},
                                        {"quantity", -t->trade.quantity}},
                                       {{"occ_symbol", t->trade.spread.long_symbol},
                                        {"strike", t->trade.spread.long_strike},
                                        {"side", "long"},
                                        {"quantity", t->trade.quantity}}});
           body["orders"] = std::move(orders);
           body["marks"] = std::move(marks);
           return json_response(200, body);
         },
         {"marks"}});

  r.add({"GET", "/api/positions",
         [d](const request_context&) {
           json items = json::array();
           double unrealized = 0.0;
           for (const auto& t : d.repo->open_trades()) {
             const auto pnl = pnl_of(t);
             unrealized += pnl.unrealized_close;
             items.push_back({{"trade_id", t.trade.id},
                              {"expiration", gd::format_date(t.trade.spread.expiration)},
                              {"right", std::string(1, static_cast<char>(t.trade.spread.right))},
                              {"legs", json::array({{{"occ_symbol", t.trade.spread.short_symbol}, {"quantity", -t.trade.quantity}},
                                                    {{"occ_symbol", t.trade.spread.long_symbol}, {"quantity", t.trade.quantity}}})},
                              {"entry_credit", t.trade.entry_credit},
                              {"latest_mark", t.latest_mark ? json(*t.latest_mark) : json(nullptr)},
                              {"pnl", pnl}});
           }
           return json_response(200, {{"items", std::move(items)},
                                      {"unrealized_close", unrealized},
                                      {"as_of", time_json(d.clock->now())}});
         },
         {}});

  r.add({"GET", "/api/pnl/daily",
         [d](const request_context& c) {
           const auto today = gd::ny_date(d.clock->now());
           const auto to = date_param(c, "to").value_or(today);
           const auto from = date_param(c, "from").value_or(date::sys_days(to) - date::days(30));
           if (date::sys_days(from) > date::sys_days(to)) throw bad_request("from must not be after to");
           if (date::sys_days(to) - date::sys_days(from) > date::days(366)) throw bad_request("at most 366 days at once");
           const auto rows = d.repo->trades_for_pnl(from, to);
           json items = json::array();
           double realized = 0.0;
           for (auto day = date::sys_days(from); day <= date::sys_days(to); day += date::days(1)) {
             const date::year_month_day ymd{day};
             std::vector<ex::trade_pnl> that_day;
             for (const auto& t : rows) {
               const bool closed_that_day = t.trade.closed_on && *t.trade.closed_on == ymd;
               // Open trades count on the last day only: past days' marks are not kept per day.
               const bool open_now = t.trade.status == ex::trade_status::open && ymd == to;
               if (closed_that_day || open_now) that_day.push_back(pnl_of(t));
             }
             if (that_day.empty()) continue;
             const auto p = ex::daily_pnl(ymd, that_day);
             realized += p.realized;
             items.push_back(p);
           }
           return json_response(200, {{"from", gd::format_date(from)},
                                      {"to", gd::format_date(to)},
                                      {"items", std::move(items)},
                                      {"realized_total", realized},
                                      {"currency", "USD"}});
         },
         {"from", "to"}});

  r.add({"GET", "/api/strategy/config",
         [d](const request_context&) {
           json body{{"trading_enabled", d.engine != nullptr}, {"broker", d.config->effective_broker()}};
           if (d.engine) {
             const auto& s = d.engine->setup();
             body["strategy"] = strategy::to_json(s.strategy);
             body["config_hash"] = strategy::config_hash(s.strategy);
             body["management"] = {{"take_profit_fraction", s.management.take_profit_fraction},
                                   {"stop_loss_multiple", s.management.stop_loss_multiple},
                                   {"trigger", s.management.trigger == ex::trigger_price::mid ? "mid" : "closing_side"}};
             body["fill_model"] = {{"spread_factor", s.fill.spread_factor}, {"tick", s.fill.tick}};
             body["orders"] = {{"poll_seconds", s.poll_interval.count()},
                               {"reprice_after_seconds", s.reprice_after.count()},
                               {"reprice_max_ticks", s.reprice_max_ticks},
                               {"mark_interval_seconds", s.mark_interval.count()}};
           }
           return json_response(200, body);
         },
         {}});

  r.add({"GET", "/api/trading/status",
         [d](const request_context&) {
           json alarms = json::array();
           for (const auto& a : d.repo->open_alarms()) {
             alarms.push_back({{"alarm_id", a.alarm_id}, {"at", time_json(a.at)}, {"kind", a.kind}, {"key", a.key},
                               {"message", a.message}});
           }
           // The switch as the operator left it: {"on", "reason", "at"} (absent: never used, off).
           const auto kill = d.repo->load_state("kill_switch").value_or(json{{"on", false}});
           json body{{"trading_enabled", d.engine != nullptr},
                     {"kill_switch", kill.value("on", false)},
                     {"kill_switch_reason", kill.contains("reason") ? kill["reason"] : json(nullptr)},
                     {"kill_switch_at", kill.contains("at") ? kill["at"] : json(nullptr)},
                     {"alarms", alarms},
                     {"entries_blocked", kill.value("on", false) || !alarms.empty()}};
           if (d.engine) {
             const auto s = d.engine->status();
             body["broker"] = s.broker;
             body["reconciled"] = s.reconciled;
             body["last_tick"] = s.last_tick ? time_json(*s.last_tick) : json(nullptr);
             body["last_error"] = s.last_error.empty() ? json(nullptr) : json(s.last_error);
           }
           return json_response(200, body);
         },
         {}});

  r.add({"POST", "/api/admin/decide-now",
         [d](const request_context& c) {
           auto& engine = require_engine(d);
           const auto body = parse_body(c);
           std::optional<std::string> slot;
           if (body.contains("slot")) {
             if (!body["slot"].is_string() || !strategy::parse_slot_minute(body["slot"].get<std::string>())) {
               throw bad_request("slot must be \"HH:MM\"");
             }
             slot = body["slot"].get<std::string>();
           }
           const auto outcome = engine_call(
               [&] { return engine.decide(slot, store::decision_source::manual, d.clock->now()); });
           if (d.wake) d.wake();
           json out = decision_json(outcome.row);
           out["already_decided"] = outcome.already_decided;
           return json_response(200, out);
         },
         {}, true});

  r.add({"POST", "/api/admin/kill-switch",
         [d](const request_context& c) {
           const auto body = parse_body(c);
           if (!body.contains("on") || !body["on"].is_boolean()) throw bad_request("body must be {\"on\": true|false}");
           const bool on = body["on"].get<bool>();
           std::string reason;
           if (body.contains("reason")) {
             if (!body["reason"].is_string() || body["reason"].get<std::string>().size() > 500) {
               throw bad_request("reason must be a string of at most 500 characters");
             }
             reason = body["reason"].get<std::string>();
           }
           if (d.engine) {
             d.engine->set_kill_switch(on, reason, d.clock->now());
           } else {
             d.repo->set_kill_switch(on, reason, d.clock->now());
           }
           return json_response(200, {{"kill_switch", on}, {"reason", reason}, {"exits", "unaffected"}});
         },
         {}, true});

  r.add({"POST", "/api/admin/trades/{id}/close",
         [d](const request_context& c) {
           auto& engine = require_engine(d);
           const auto& id = c.path_param("id");
           const auto tag = engine_call([&] { return engine.close_trade(id, d.clock->now()); });
           if (d.wake) d.wake();
           const auto order = d.repo->order(tag);
           return json_response(202, {{"trade_id", id},
                                      {"exit_order_tag", tag},
                                      {"state", order ? json(ex::to_string(order->order.state)) : json(nullptr)}});
         },
         {}, true});
}

}  // namespace gd::api

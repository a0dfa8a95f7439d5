#include <gd/execution/json.hpp>

#include "fixtures.hpp"

using namespace gd::execution;
using namespace gd::execution::test;
using nlohmann::json;

TEST_CASE("orders and their events serialize for JSONB", "[execution][json]") {
  const auto t = must(entry_order(), events::send_attempted{at(15, 0)});
  const json o = t.next;
  CHECK(o["tag"] == "gd-20250107-1000-open-a1");
  CHECK(o["state"] == "submitting");
  CHECK(o["type"] == "credit");
  CHECK(o["legs"][0]["side"] == "sell_to_open");
  CHECK(o["legs"][1]["option_symbol"] == "SPXW250110P05775000");
  CHECK(o["broker_id"].is_null());
  CHECK(json(entry_order())["last_sent_at"].is_null());
  CHECK(o["last_sent_at"] == "2025-01-07T15:00:00.000000Z");

  const json e = t;
  CHECK(e["from"] == "new");
  CHECK(e["to"] == "submitting");
  CHECK(e["event"]["type"] == "send_attempted");
  CHECK(e["commands"][0]["kind"] == "send");
  CHECK(e["commands"][0]["price"] == Approx(1.20));

  const json f = event_to_json(events::lookup_found{"9", broker_status::partially_filled, 1, 1.15, {}});
  CHECK(f["type"] == "lookup_found");
  CHECK(f["status"] == "partially_filled");
  CHECK(event_to_json(events::cancelled{})["type"] == "cancelled");
}

TEST_CASE("trades, PnL and reconciliation serialize for the API", "[execution][json]") {
  trade t;
  t.id = "x";
  t.spread = {gd::option_right::put, 5800, 5775, "S", "L", date::year{2025} / 1 / 10, gd::settlement_style::pm};
  t.quantity = 1;
  t.entry_credit = 1.2;
  json j = t;
  CHECK(j["spread"]["right"] == "put");
  CHECK(j["spread"]["expiration"] == "2025-01-10");
  CHECK(j["spread"]["width"] == Approx(25.0));
  CHECK(j["exit_debit"].is_null());
  CHECK(j["max_risk_dollars"] == Approx(2380.0));

  const auto closed = *close_trade(t, 0.6, exit_reason::take_profit, at(16, 0), date::year{2025} / 1 / 7);
  j = closed;
  CHECK(j["exit_reason"] == "take_profit");
  CHECK(j["closed_on"] == "2025-01-07");

  const json p = compute_pnl(closed, std::nullopt);
  CHECK(p["realized"] == Approx(60.0));
  const json d = daily_pnl(date::year{2025} / 1 / 7, {compute_pnl(closed, std::nullopt)});
  CHECK(d["day"] == "2025-01-07");
  CHECK(d["trades_closed"] == 1);

  const json m = mark{at(16, 0), 0.5, 0.6};
  CHECK(m["close_debit"] == Approx(0.6));

  const json r = reconcile({}, {}, {{"1", "", broker_status::open, 1, 0, 0, {}}}, {{"S", -1}});
  CHECK(r["entries_allowed"] == false);
  CHECK(r["alarms"].size() == 2);
  CHECK(r["alarms"][0]["kind"] == "unknown_broker_order");
}

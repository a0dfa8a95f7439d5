// order_from_json / vertical_from_json / trade_from_json invert to_json: every field survives a
// trip through JSON text (as it does through JSONB), for orders the state machine really produced.
#include <gd/execution/json.hpp>

#include "fixtures.hpp"

using namespace gd::execution;
using namespace gd::execution::test;
using nlohmann::json;

namespace {

void check_same(const order& a, const order& b) {
  CHECK(a.tag == b.tag);
  CHECK(a.intent == b.intent);
  CHECK(a.underlying == b.underlying);
  REQUIRE(a.legs.size() == b.legs.size());
  for (std::size_t i = 0; i < a.legs.size(); ++i) {
    CHECK(a.legs[i].occ_symbol == b.legs[i].occ_symbol);
    CHECK(a.legs[i].side == b.legs[i].side);
  }
  CHECK(a.quantity == b.quantity);
  CHECK(a.limit_price == b.limit_price);  // exact: JSON numbers round-trip doubles
  CHECK(a.state == b.state);
  CHECK(a.broker_id == b.broker_id);
  CHECK(a.filled_quantity == b.filled_quantity);
  CHECK(a.avg_fill_price == b.avg_fill_price);
  CHECK(a.sends == b.sends);
  CHECK(a.not_found_lookups == b.not_found_lookups);
  CHECK(a.reject_reason == b.reject_reason);
  CHECK(a.replace_price == b.replace_price);
  CHECK(a.created_at == b.created_at);
  CHECK(a.last_sent_at == b.last_sent_at);
}

void check_same(const vertical& a, const vertical& b) {
  CHECK(a.right == b.right);
  CHECK(a.short_strike == b.short_strike);
  CHECK(a.long_strike == b.long_strike);
  CHECK(a.short_symbol == b.short_symbol);
  CHECK(a.long_symbol == b.long_symbol);
  CHECK(a.expiration == b.expiration);
  CHECK(a.settlement == b.settlement);
}

void check_same(const trade& a, const trade& b) {
  CHECK(a.id == b.id);
  check_same(a.spread, b.spread);
  CHECK(a.quantity == b.quantity);
  CHECK(a.entry_credit == b.entry_credit);
  CHECK(a.opened_at == b.opened_at);
  CHECK(a.status == b.status);
  CHECK(a.exit_debit == b.exit_debit);
  CHECK(a.reason == b.reason);
  CHECK(a.closed_at == b.closed_at);
  CHECK(a.closed_on == b.closed_on);
  CHECK(a.exit_order_tag == b.exit_order_tag);
}

// Through text, as Postgres hands JSONB back.
json via_text(const json& j) { return json::parse(j.dump()); }

order round_trip(const order& o) {
  auto back = order_from_json(via_text(json(o)));
  INFO((back ? std::string("ok") : back.err().message));
  REQUIRE(back.ok());
  return back.value();
}

vertical put_spread() {
  return {gd::option_right::put, 5800, 5775, "SPXW250110P05800000", "SPXW250110P05775000", date::year{2025} / 1 / 10,
          gd::settlement_style::pm};
}

}  // namespace

TEST_CASE("orders the state machine produced read back field for field", "[execution][json]") {
  SECTION("new, never sent: last_sent_at null, broker_id null") {
    const order o = entry_order();
    check_same(round_trip(o), o);
  }
  SECTION("submitting, then open with a broker id") {
    const auto sent = must(entry_order(), events::send_attempted{at(15, 0, 7) + std::chrono::microseconds{123456}});
    check_same(round_trip(sent.next), sent.next);
    const auto open = must(sent.next, events::accepted{"1001"});
    const order back = round_trip(open.next);
    check_same(back, open.next);
    CHECK(back.last_sent_at == at(15, 0, 7) + std::chrono::microseconds{123456});
    CHECK(back.broker_id == std::optional<std::string>("1001"));
  }
  SECTION("partially filled at an awkward average, then re-priced (replace_price set)") {
    const auto part = must(accepted_order(3), events::fill{1, 1.15});
    check_same(round_trip(part.next), part.next);
    const auto filled_more = must(part.next, events::fill{2, 1.1333333333333333});
    const order back = round_trip(filled_more.next);
    check_same(back, filled_more.next);
    CHECK(back.avg_fill_price == 1.1333333333333333);
    const auto repriced = must(accepted_order(), events::reprice{1.10});
    REQUIRE(repriced.next.replace_price);
    check_same(round_trip(repriced.next), repriced.next);
  }
  SECTION("rejected with a reason; unknown with not-found lookups") {
    const auto sent = must(entry_order(), events::send_attempted{at(15, 0)});
    const auto rej = must(sent.next, events::rejected{"margin: \"insufficient\" buying power"});
    check_same(round_trip(rej.next), rej.next);
    const auto unknown = must(sent.next, events::send_outcome_unknown{"timeout"});
    const auto looked = must(unknown.next, events::lookup_not_found{}, machine_policy{3});
    REQUIRE(looked.next.not_found_lookups == 1);
    check_same(round_trip(looked.next), looked.next);
  }
  SECTION("an exit order: debit, close legs") {
    order exit = entry_order(1, 0.55);
    exit.tag = make_client_tag({date::year{2025} / 1 / 7, 1000, order_intent::close, 2});
    exit.intent = order_intent::close;
    exit.legs = {{"SPXW250110P05800000", leg_side::buy_to_close}, {"SPXW250110P05775000", leg_side::sell_to_close}};
    const json j = exit;
    CHECK(j["type"] == "debit");
    check_same(round_trip(exit), exit);
  }
}

TEST_CASE("verticals and trades read back field for field", "[execution][json]") {
  SECTION("a call vertical with AM settlement") {
    const vertical v{gd::option_right::call, 6100, 6125, "SPX250117C06100000", "SPX250117C06125000",
                     date::year{2025} / 1 / 17, gd::settlement_style::am};
    auto back = vertical_from_json(via_text(json(v)));
    REQUIRE(back.ok());
    check_same(back.value(), v);
  }
  SECTION("an open trade and the same trade closed") {
    const auto filled = must(accepted_order(2), events::fill{2, 1.25}).next;
    const trade open = trade_from_entry(filled, put_spread(), at(15, 1)).value();
    auto back = trade_from_json(via_text(json(open)));
    REQUIRE(back.ok());
    check_same(back.value(), open);
    CHECK(back->status == trade_status::open);
    CHECK_FALSE(back->closed_on.has_value());

    const trade closed =
        close_trade(open, 2.5, exit_reason::stop_loss, at(18, 30), date::year{2025} / 1 / 7, "gd-20250107-1000-close-a1")
            .value();
    back = trade_from_json(via_text(json(closed)));
    REQUIRE(back.ok());
    check_same(back.value(), closed);
    CHECK(back->reason == exit_reason::stop_loss);
    CHECK(back->closed_on == std::optional<date::year_month_day>(date::year{2025} / 1 / 7));
  }
  SECTION("a settled trade keeps an empty exit order tag and a zero debit") {
    const trade open = trade_from_entry(must(accepted_order(1), events::fill{1, 0.95}).next, put_spread(), at(15, 2)).value();
    const trade settled = close_trade(open, 0.0, exit_reason::settlement, at(21, 0), date::year{2025} / 1 / 10).value();
    auto back = trade_from_json(via_text(json(settled)));
    REQUIRE(back.ok());
    check_same(back.value(), settled);
  }
}

TEST_CASE("reading back rejects bad documents and names the field", "[execution][json]") {
  const json good = json(accepted_order());
  const auto message = [](const auto& r) { return r.ok() ? std::string("ok") : r.err().message; };

  json j = good;
  j.erase("quantity");
  auto o = order_from_json(j);
  REQUIRE_FALSE(o.ok());
  CHECK(o.err().code == "bad_json");
  CHECK(message(o) == "order.quantity: missing");

  j = good;
  j["state"] = "working";
  CHECK(message(order_from_json(j)) == "order.state: unknown value \"working\"");

  j = good;
  j["legs"][1]["side"] = "sell";
  CHECK(message(order_from_json(j)) == "order.legs[1].side: unknown value \"sell\"");

  j = good;
  j["limit_price"] = "1.20";
  CHECK(message(order_from_json(j)) == "order.limit_price: expected a number");

  j = good;
  j["quantity"] = 1.5;
  CHECK(message(order_from_json(j)) == "order.quantity: expected an integer");

  j = good;
  j["created_at"] = "yesterday";
  CHECK(message(order_from_json(j)).rfind("order.created_at: expected an ISO-8601 instant", 0) == 0);

  CHECK(message(order_from_json(json::array())) == "order: expected an object");

  trade t = trade_from_entry(must(accepted_order(1), events::fill{1, 0.95}).next, put_spread(), at(15, 2)).value();
  json tj = t;
  tj["spread"]["expiration"] = "2025-02-30";
  CHECK(message(trade_from_json(tj)).rfind("trade.spread.expiration: expected a date", 0) == 0);
  tj = t;
  tj["spread"]["right"] = "P";
  CHECK(message(trade_from_json(tj)) == "trade.spread.right: expected \"put\" or \"call\", got \"P\"");
  tj = t;
  tj["exit_reason"] = "tp";
  CHECK(message(trade_from_json(tj)) == "trade.exit_reason: unknown value \"tp\"");
  tj = t;
  tj["closed_on"] = 20250107;
  CHECK(message(trade_from_json(tj)) == "trade.closed_on: expected a string or null");
  CHECK(message(vertical_from_json(json{{"right", "put"}})) == "vertical.short_strike: missing");
}

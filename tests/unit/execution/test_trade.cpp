#include <gd/execution/trade.hpp>

#include "fixtures.hpp"

#include <gd/execution/mark.hpp>

using namespace gd::execution;
using namespace gd::execution::test;
using gd::option_right;
using gd::settlement_style;

namespace {
const vertical put_spread{option_right::put, 5800, 5775, "SPXW250110P05800000", "SPXW250110P05775000",
                          date::year{2025} / 1 / 10, settlement_style::pm};
}

TEST_CASE("a trade is built from the entry order's package fills", "[execution][trade]") {
  const order filled = must(accepted_order(2), events::fill{2, 1.20}).next;
  const auto t = trade_from_entry(filled, put_spread, at(15, 1));
  REQUIRE(t.ok());
  CHECK(t->id == filled.tag);
  CHECK(t->quantity == 2);
  CHECK(t->entry_credit == Approx(1.20));
  CHECK(t->status == trade_status::open);
  CHECK(t->spread.width() == Approx(25.0));
  CHECK(t->max_profit_dollars() == Approx(240.0));
  CHECK(t->max_risk_dollars() == Approx(4760.0));

  SECTION("a partial fill that was then cancelled is a smaller position") {
    const order part = must(must(accepted_order(2), events::fill{1, 1.25}).next, events::expired_at_close{}).next;
    CHECK(trade_from_entry(part, put_spread, at(21, 0))->quantity == 1);
  }
  SECTION("nothing filled, an exit order, or a debit vertical is not a trade") {
    CHECK(trade_from_entry(accepted_order(2), put_spread, at(15, 1)).err().code == "not_filled");
    order exit = filled;
    exit.intent = order_intent::close;
    CHECK(trade_from_entry(exit, put_spread, at(15, 1)).err().code == "not_entry");
    vertical debit = put_spread;
    std::swap(debit.short_strike, debit.long_strike);
    CHECK(trade_from_entry(filled, debit, at(15, 1)).err().code == "bad_vertical");
  }
  SECTION("closing twice is refused") {
    const auto closed = close_trade(*t, 0.60, exit_reason::take_profit, at(16, 0), date::year{2025} / 1 / 7, "x");
    REQUIRE(closed.ok());
    CHECK(closed->status == trade_status::closed);
    CHECK(close_trade(*closed, 0.50, exit_reason::manual, at(16, 1), date::year{2025} / 1 / 7).err().code ==
          "trade_closed");
    CHECK(close_trade(*t, -0.05, exit_reason::manual, at(16, 1), date::year{2025} / 1 / 7).err().code == "bad_price");
  }
}

TEST_CASE("call credit verticals have the short strike below the long", "[execution][trade]") {
  CHECK(validate(vertical{option_right::call, 6000, 6025}).ok());
  CHECK_FALSE(validate(vertical{option_right::call, 6025, 6000}).ok());
  CHECK_FALSE(validate(vertical{option_right::put, 5800, 5800}).ok());
}

TEST_CASE("a mark records the debit to close at mid and at the closing side", "[execution][trade]") {
  const auto m = mark_spread({{2.00, 2.20}, {0.80, 0.95}}, at(16, 0));
  REQUIRE(m.ok());
  CHECK(m->mid_debit == Approx(1.225));
  CHECK(m->close_debit == Approx(1.40));  // buy the short at 2.20, sell the long at 0.80
  CHECK(m->at == at(16, 0));
  CHECK(mark_spread({{2.00, 0.0}, {0.80, 0.95}}, at(16, 0)).err().code == "unusable_quote");
}

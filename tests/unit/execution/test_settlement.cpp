#include <gd/execution/settlement.hpp>

#include <catch2/catch.hpp>

using namespace gd::execution;
using namespace date;
using gd::option_right;
using gd::settlement_style;

TEST_CASE("settlement value of a put credit spread: OTM, at the short, between, at the long, ITM",
          "[execution][settlement]") {
  // short 5800 / long 5775 puts, width 25
  struct row { double s, value; };
  for (const auto& r : {row{5900, 0}, row{5800, 0}, row{5790, 10}, row{5787.35, 12.65}, row{5775, 25}, row{5700, 25}}) {
    INFO("S = " << r.s);
    CHECK(spread_settlement_value(option_right::put, 5800, 5775, r.s) == Approx(r.value));
  }
}

TEST_CASE("settlement value of a call credit spread: OTM, between, ITM", "[execution][settlement]") {
  // short 6000 / long 6025 calls
  struct row { double s, value; };
  for (const auto& r : {row{5950, 0}, row{6000, 0}, row{6010, 10}, row{6025, 25}, row{6100, 25}}) {
    INFO("S = " << r.s);
    CHECK(spread_settlement_value(option_right::call, 6000, 6025, r.s) == Approx(r.value));
  }
}

namespace {
trade make_trade(option_right right, double short_k, double long_k, year_month_day expiry, settlement_style style) {
  trade t;
  t.id = "gd-20250107-1000-open-a1";
  t.spread = {right, short_k, long_k, "S", "L", expiry, style};
  t.quantity = 1;
  t.entry_credit = 1.20;
  return t;
}
}  // namespace

TEST_CASE("PM (SPXW) settles at the official close, AM (SPX monthly) at the opening settlement value",
          "[execution][settlement]") {
  CHECK(source_for(settlement_style::pm) == settlement_source::official_close);
  CHECK(source_for(settlement_style::am) == settlement_source::opening_settlement_value);

  const auto spxw = make_trade(option_right::put, 5800, 5775, year{2025} / 1 / 10, settlement_style::pm);
  CHECK(*settlement_value(spxw, {year{2025} / 1 / 10, settlement_source::official_close, 5790.0}) == Approx(10.0));
  CHECK(*settlement_value(spxw, {year{2025} / 1 / 10, settlement_source::official_close, 5850.0}) == Approx(0.0));
  CHECK(settlement_value(spxw, {year{2025} / 1 / 10, settlement_source::opening_settlement_value, 5790.0}).err().code ==
        "wrong_settlement_source");
  CHECK(settlement_value(spxw, {year{2025} / 1 / 9, settlement_source::official_close, 5790.0}).err().code ==
        "wrong_settlement_date");
  CHECK(settlement_value(spxw, {year{2025} / 1 / 10, settlement_source::official_close, 0.0}).err().code ==
        "bad_settlement_value");

  const auto spx = make_trade(option_right::call, 6000, 6025, year{2025} / 1 / 17, settlement_style::am);
  CHECK(*settlement_value(spx, {year{2025} / 1 / 17, settlement_source::opening_settlement_value, 6030.0}) ==
        Approx(25.0));
  CHECK(*settlement_value(spx, {year{2025} / 1 / 17, settlement_source::opening_settlement_value, 6005.5}) ==
        Approx(5.5));
  CHECK(settlement_value(spx, {year{2025} / 1 / 17, settlement_source::official_close, 6030.0}).err().code ==
        "wrong_settlement_source");
}

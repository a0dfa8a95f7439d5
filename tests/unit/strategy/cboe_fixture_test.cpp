// Golden decisions on a real chain: the CBOE SPX quote table downloaded 2022-12-12 at 20:30 ET.
// Taken after the close, every near-dated SPXW bid is zero: no slot may trade, and each SKIP must
// say why (stale, look-ahead, degraded chain, SPXW not listed, holiday).
#include <gd/strategy/priced_slice.hpp>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include <gd/strategy/decide.hpp>

#include "fixtures.hpp"

using namespace gd::strategy;

namespace {

// The fixture as if it had been taken at the slot (its real stamp is 20:30 ET, after the close).
gd::option_chain stamped(gd::sys_time t) {
  auto c = test::cboe_2022_12_12();
  c.as_of = t;
  for (auto& r : c.rows) r.quote.quote_time = t;
  return c;
}

}  // namespace

TEST_CASE("CBOE 2022-12-12: the fixture is what the tests assume", "[strategy][golden][cboe]") {
  const auto& chain = test::cboe_2022_12_12();
  CHECK(chain.as_of == test::ny(2022, 12, 12, 20, 30));
  CHECK(chain.rows.size() > 19000);
}

TEST_CASE("CBOE 2022-12-12: used as it is, the after-close chain is stale or from the future", "[strategy][golden][cboe]") {
  const auto& chain = test::cboe_2022_12_12();
  const auto cfg = default_config();
  // Next morning at 10:00: 13.5 hours old.
  const auto next = decide(test::inputs(test::ny(2022, 12, 13, 10, 0), "10:00", chain, cfg));
  CHECK(next.reason == reason_code::stale_chain);
  CHECK(next.message.find("48600s old") != std::string::npos);
  // Same day at 12:00: the data is from 20:30, a look-ahead.
  const auto noon = decide(test::inputs(test::ny(2022, 12, 12, 12, 0), "12:00", chain, cfg));
  CHECK(noon.reason == reason_code::chain_in_future);
}

TEST_CASE("CBOE 2022-12-12: every slot SKIPs on a degraded SPXW chain (zero bids after the close)", "[strategy][golden][cboe]") {
  const auto cfg = default_config();
  struct row {
    int hour;
    const char* slot;
    date::year_month_day expiration;  // the snapshot rule: today + dte within 1 day, earlier on a tie
    int dte;
  };
  // Monday 2022-12-12: +3 = Thu 15th; +5 = Sat 17th -> Fri 16th (1 day) beats Mon 19th (2);
  // +7 = Mon 19th.
  const row table[] = {{10, "10:00", date::year{2022} / 12 / 15, 3},
                       {11, "11:00", date::year{2022} / 12 / 16, 4},
                       {12, "12:00", date::year{2022} / 12 / 19, 7}};
  for (const auto& r : table) {
    INFO(r.slot);
    const auto t = test::ny(2022, 12, 12, r.hour, 0);
    const auto chain = stamped(t);
    const auto d = decide(test::inputs(t, r.slot, chain, cfg));
    INFO(d.message);
    CHECK_FALSE(d.is_trade());
    CHECK(d.reason == reason_code::degraded_chain);
    REQUIRE(d.candidates.size() == 2);  // 0.10 then 0.20, both tried
    for (const auto& c : d.candidates) {
      CHECK(c.reason == reason_code::degraded_chain);
      CHECK(c.expiration == r.expiration);
      CHECK(c.actual_dte == r.dte);
      CHECK(c.message.find("SPXW") != std::string::npos);
      CHECK(c.message.find("0 liquid strikes") != std::string::npos);
      CHECK_FALSE(c.short_leg.has_value());
      CHECK_FALSE(c.prices.has_value());
    }
  }
}

TEST_CASE("CBOE 2022-12-12: the SPXW slice of a third Friday excludes the AM-settled SPX rows", "[strategy][cboe]") {
  const auto t = test::ny(2022, 12, 12, 11, 0);
  const auto chain = stamped(t);
  const auto s = price_slice(chain, "SPXW", date::year{2022} / 12 / 16, t, test::calendar(), default_config());
  std::size_t spx = 0, spxw = 0;
  for (const auto& r : chain.rows) {
    if (r.contract.expiration != date::year{2022} / 12 / 16) continue;
    (r.contract.root == "SPXW" ? spxw : spx) += 1;
  }
  CHECK(spx > 0);  // both roots list 2022-12-16
  CHECK(s.quotes.size() == spxw);
  for (const auto& q : s.quotes) {
    CHECK(q.row->contract.root == "SPXW");
    CHECK(q.row->contract.settlement == gd::settlement_style::pm);
  }
  // PM settlement: 16:00 ET on Friday, 4 days 5 hours after 11:00 ET Monday.
  CHECK(s.time.settlement == test::ny(2022, 12, 16, 16, 0));
  CHECK(s.time.years == Approx((4.0 + 5.0 / 24.0) / 365.0).epsilon(1e-12));
  CHECK(s.grade.degraded);
  CHECK_FALSE(s.has_forward());
}

TEST_CASE("CBOE 2022-12-12: an expiration listed only as AM-settled SPX is never traded", "[strategy][cboe]") {
  const auto t = test::ny(2022, 12, 12, 10, 0);
  const auto chain = stamped(t);
  auto cfg = default_config();
  // 2024-06-21 (557 days out) is listed only under the SPX root (AM settlement).
  cfg.slots[0].candidates = {{.dte = 557, .short_delta = 0.10}};
  const auto d = decide(test::inputs(t, "10:00", chain, cfg));
  CHECK(d.reason == reason_code::root_not_listed);
  REQUIRE(d.candidates.size() == 1);
  CHECK(d.candidates[0].expiration == date::year{2024} / 6 / 21);
}

TEST_CASE("CBOE 2022-12-12: on a holiday and on a weekend nothing is evaluated", "[strategy][cboe]") {
  const auto cfg = default_config();
  for (const auto t : {test::ny(2022, 12, 26, 10, 0), test::ny(2022, 12, 10, 10, 0)}) {
    const auto chain = stamped(t);
    const auto d = decide(test::inputs(t, "10:00", chain, cfg));
    INFO(d.message);
    CHECK(d.reason == reason_code::not_trading_day);
    CHECK(d.candidates.empty());
  }
}

TEST_CASE("CBOE 2022-12-12: with the grade relaxed, zero bids still give no forward (no parity pairs)", "[strategy][cboe]") {
  const auto t = test::ny(2022, 12, 12, 10, 0);
  const auto chain = stamped(t);
  auto cfg = default_config();
  cfg.filters.min_liquid_strikes = 0;
  const auto d = decide(test::inputs(t, "10:00", chain, cfg));
  INFO(d.message);
  CHECK(d.reason == reason_code::no_forward);
  REQUIRE_FALSE(d.candidates.empty());
  CHECK(d.candidates[0].expiration == date::year{2022} / 12 / 15);
  CHECK_FALSE(d.candidates[0].short_leg.has_value());
}

// Filter and gate table: start from a slot that trades on the simulated market, break one thing,
// and check the SKIP names exactly that thing.
#include <gd/strategy/decide.hpp>

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>

#include "fixtures.hpp"

using namespace gd::strategy;

namespace {

const std::string short_sym = "SPXW250307P05110000";  // the control trade's legs (see simulated_trade_test)
const std::string long_sym = "SPXW250307P05085000";

gd::option_quote& quote_of(gd::option_chain& chain, const std::string& occ) {
  for (auto& r : chain.rows) {
    if (r.contract.occ_symbol == occ) return r.quote;
  }
  FAIL("no row " << occ);
  throw;
}

// One candidate only (3 DTE, 0.10 put), so the reason is that candidate's.
strategy_config single_candidate() {
  auto cfg = default_config();
  cfg.slots[0].candidates = {{.dte = 3, .short_delta = 0.10}};
  return cfg;
}

}  // namespace

TEST_CASE("filters: each broken input gives its own reason", "[strategy][filters]") {
  const auto t = test::ny(2025, 3, 4, 10, 0);
  const gd::option_chain base = test::simulated_chain(t);
  const auto base_cfg = single_candidate();
  {
    const auto d = decide(test::inputs(t, "10:00", base, base_cfg));
    REQUIRE(d.is_trade());
    REQUIRE(d.chosen_candidate()->short_leg->occ_symbol == short_sym);
    REQUIRE(d.chosen_candidate()->long_leg->occ_symbol == long_sym);
  }

  struct row {
    const char* name;
    std::function<void(gd::option_chain&, strategy_config&)> breaks;
    reason_code expected;
  };
  const row table[] = {
      {"min credit above the 1.50 limit", [](auto&, auto& c) { c.filters.min_credit = 1.55; }, reason_code::credit_below_minimum},
      {"min credit equal to the limit passes",
       [](auto&, auto& c) { c.filters.min_credit = 1.50; }, reason_code::trade},
      {"max leg spread below the short's 0.30", [](auto&, auto& c) { c.filters.max_leg_spread = 0.25; }, reason_code::wide_leg},
      {"long leg one-sided (zero bid)", [](auto& ch, auto&) { quote_of(ch, long_sym).bid = 0.0; }, reason_code::one_sided_quote},
      {"long leg without an ask", [](auto& ch, auto&) { quote_of(ch, long_sym).ask = gd::nan_v; }, reason_code::one_sided_quote},
      {"long leg crossed", [](auto& ch, auto&) { quote_of(ch, long_sym).bid = 2.80; }, reason_code::crossed_quote},
      {"long leg stale",
       [t](auto& ch, auto&) { quote_of(ch, long_sym).quote_time = t - std::chrono::hours(1); }, reason_code::stale_quote},
      {"short leg stale",
       [t](auto& ch, auto&) { quote_of(ch, short_sym).quote_time = t - std::chrono::minutes(21); }, reason_code::stale_quote},
      {"long leg wide", [](auto& ch, auto&) { quote_of(ch, long_sym).ask = 4.50; }, reason_code::wide_leg},
      {"long strike delisted",
       [](auto& ch, auto&) { std::erase_if(ch.rows, [](const gd::chain_row& r) { return r.contract.occ_symbol == long_sym; }); },
       reason_code::long_leg_missing},
      {"width not on the grid", [](auto&, auto& c) { c.long_leg.width = 22.5; }, reason_code::long_leg_missing},
      {"degraded chain (open interest gone)",
       [](auto& ch, auto&) {
         for (auto& r : ch.rows) r.quote.open_interest = 10;
       },
       reason_code::degraded_chain},
      {"degraded chain (stricter grade)", [](auto&, auto& c) { c.filters.min_liquid_strikes = 1000; }, reason_code::degraded_chain},
      {"delta tolerance tighter than the grid", [](auto&, auto& c) { c.filters.max_delta_deviation = 0.001; },
       reason_code::delta_out_of_range},
      {"no expiration within tolerance", [](auto&, auto& c) { c.slots[0].candidates = {{.dte = 40, .short_delta = 0.10}}; },
       reason_code::no_expiration},
      {"0 DTE at 10:00 trades today's SPXW",
       [](auto&, auto& c) { c.slots[0].candidates = {{.dte = 0, .short_delta = 0.10}}; }, reason_code::trade},
      {"root not listed", [](auto&, auto& c) { c.root = "SPXQ"; }, reason_code::root_not_listed},
      {"credit not below the width (5 wide, 0.20 short, wing quoted at nothing)",
       [t](auto& ch, auto& c) {
         c.slots[0].candidates = {{.dte = 3, .short_delta = 0.20}};
         c.long_leg.width = 5.0;
         const auto control = decide(test::inputs(t, "10:00", ch, c));
         REQUIRE(control.candidates.at(0).long_leg);
         REQUIRE(control.candidates[0].short_leg->mid > 5.0);
         auto& wing = quote_of(ch, control.candidates[0].long_leg->occ_symbol);
         wing.bid = 0.05;  // the credit becomes ~ the short's mid, more than the 5-point width
         wing.ask = 0.10;
       },
       reason_code::credit_not_below_width},
  };
  for (const auto& r : table) {
    INFO(r.name);
    auto chain = base;
    auto cfg = base_cfg;
    r.breaks(chain, cfg);
    REQUIRE_FALSE(validate(cfg).has_value());
    const auto d = decide(test::inputs(t, "10:00", chain, cfg));
    INFO(d.message);
    CHECK(d.reason == r.expected);
    CHECK(d.is_trade() == (r.expected == reason_code::trade));
    REQUIRE(d.candidates.size() == 1);
    CHECK(d.candidates[0].reason == r.expected);
    CHECK_FALSE(d.message.empty());
  }
}

TEST_CASE("gates: slot, trading day, window, chain age", "[strategy][filters]") {
  const auto cfg = default_config();
  const auto t = test::ny(2025, 3, 4, 10, 0);
  const auto chain = test::simulated_chain(t);

  struct row {
    const char* name;
    gd::sys_time now;
    std::string slot;
    reason_code expected;
  };
  const row table[] = {
      {"slot not configured", t, "13:00", reason_code::slot_not_configured},
      {"slot spelled differently", t, "10:00:00", reason_code::slot_not_configured},
      {"before the window", t - std::chrono::minutes(1), "10:00", reason_code::outside_entry_window},
      {"at the window's end", t + std::chrono::minutes(30), "10:00", reason_code::outside_entry_window},
      {"the 10:00 instant under the 11:00 slot", t, "11:00", reason_code::outside_entry_window},
      {"inside the window (chain 29 min old: stale)", t + std::chrono::minutes(29), "10:00", reason_code::stale_chain},
      {"last second before the chain goes stale", t + std::chrono::minutes(20), "10:00", reason_code::trade},
      {"09:58:59: the window is checked before the chain", t - std::chrono::seconds(61), "10:00", reason_code::outside_entry_window},
  };
  for (const auto& r : table) {
    INFO(r.name);
    const auto d = decide(test::inputs(r.now, r.slot, chain, cfg));
    INFO(d.message);
    CHECK(d.reason == r.expected);
  }

  // Look-ahead: a chain from later than the evaluation instant (beyond the 60 s skew allowance).
  {
    auto future = chain;
    future.as_of = t + std::chrono::seconds(61);
    CHECK(decide(test::inputs(t, "10:00", future, cfg)).reason == reason_code::chain_in_future);
    future.as_of = t + std::chrono::seconds(60);
    CHECK(decide(test::inputs(t, "10:00", future, cfg)).is_trade());
    future.as_of = gd::sys_time{};
    CHECK(decide(test::inputs(t, "10:00", future, cfg)).reason == reason_code::stale_chain);
  }

  // An expiration that has already settled (0 DTE evaluated after the 16:00 close) is not chosen.
  {
    auto late = default_config();
    late.slots = {{.time = "16:05", .window_minutes = 10, .candidates = {{.dte = 0, .short_delta = 0.10}}}};
    const auto at = test::ny(2025, 3, 4, 16, 5);
    auto c = chain;
    c.as_of = at;
    for (auto& r : c.rows) r.quote.quote_time = at;
    const auto d = decide(test::inputs(at, "16:05", c, late));
    INFO(d.message);
    CHECK(d.reason == reason_code::no_expiration);
    REQUIRE(d.candidates.size() == 1);
    CHECK(d.candidates[0].expiration == date::year{2025} / 3 / 4);
    CHECK(d.candidates[0].message.find("settled") != std::string::npos);
  }

  // Not a trading day, even with a fresh chain: a Saturday and a holiday.
  for (const auto day : {test::ny(2025, 3, 8, 10, 0), test::ny(2025, 4, 18, 10, 0)}) {
    auto c = chain;
    c.as_of = day;
    const auto d = decide(test::inputs(day, "10:00", c, cfg));
    INFO(d.message);
    CHECK(d.reason == reason_code::not_trading_day);
    CHECK(d.candidates.empty());
  }
  auto good_friday = chain;
  good_friday.as_of = test::ny(2025, 4, 18, 10, 0);
  CHECK(decide(test::inputs(good_friday.as_of, "10:00", good_friday, cfg)).message.find("Good Friday") != std::string::npos);
}

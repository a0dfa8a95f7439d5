#include <gd/strategy/decision.hpp>

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <set>
#include <string>

#include <gd/core/canonical_json.hpp>
#include <gd/strategy/decide.hpp>

#include "fixtures.hpp"

using namespace gd::strategy;

TEST_CASE("determinism: same inputs give the identical decision JSON and config hash", "[strategy][determinism]") {
  const auto t = test::ny(2025, 3, 4, 11, 0);
  const auto cfg = default_config();
  const auto chain_a = test::simulated_chain(t);
  const auto chain_b = test::simulated_chain(t);  // regenerated: same seed, same clock
  const auto a = to_json(decide(test::inputs(t, "11:00", chain_a, cfg)));
  const auto b = to_json(decide(test::inputs(t, "11:00", chain_b, cfg)));
  const auto c = to_json(decide(test::inputs(t, "11:00", chain_a, default_config())));
  CHECK(a.dump() == b.dump());
  CHECK(a.dump() == c.dump());
  CHECK(gd::canonical_json(a) == gd::canonical_json(b));
  CHECK(a.at("action") == "TRADE");

  // The provider's row order does not matter.
  auto reversed = chain_a;
  std::reverse(reversed.rows.begin(), reversed.rows.end());
  CHECK(to_json(decide(test::inputs(t, "11:00", reversed, cfg))).dump() == a.dump());

  // A SKIP is as deterministic, and names what it used.
  const auto s1 = to_json(decide(test::inputs(t, "11:00", chain_a, cfg, {.kill_switch = true})));
  const auto s2 = to_json(decide(test::inputs(t, "11:00", chain_b, cfg, {.kill_switch = true})));
  CHECK(s1.dump() == s2.dump());
  CHECK(s1.at("reason") == "kill_switch");
  CHECK(s1.at("snapshot_id") == "snap-test-1");
  CHECK(s1.at("snapshot_checksum") == "c0ffee");
  CHECK(s1.at("config_hash") == config_hash(cfg));
  CHECK(s1.at("risk").at("kill_switch") == true);
  CHECK(s1.at("risk").at("open_trades") == 0);
}

TEST_CASE("decision JSON: the fields a trade_decisions row stores", "[strategy][determinism]") {
  const auto t = test::ny(2025, 3, 4, 10, 0);
  const auto chain = test::simulated_chain(t);
  const auto j = to_json(decide(test::inputs(t, "10:00", chain, default_config())));
  CHECK(j.at("action") == "TRADE");
  CHECK(j.at("reason") == "trade");
  CHECK(j.at("slot") == "10:00");
  CHECK(j.at("evaluated_at") == "2025-03-04T15:00:00Z");
  CHECK(j.at("trade_date") == "2025-03-04");
  CHECK(j.at("chain_as_of") == "2025-03-04T15:00:00Z");
  CHECK(j.at("evaluated_at_ny") == "2025-03-04T10:00:00-05:00");
  CHECK(j.at("risk").at("trades_opened_today") == 0);
  CHECK(j.at("chosen") == 0);
  const auto& c = j.at("candidates").at(0);
  CHECK(c.at("spread") == "put_credit");
  CHECK(c.at("expiration") == "2025-03-07");
  CHECK(c.at("short_leg").at("occ_symbol") == "SPXW250307P05110000");
  CHECK(c.at("short_leg").at("side") == "sell_to_open");
  CHECK(c.at("long_leg").at("side") == "buy_to_open");
  CHECK(c.at("long_leg").at("right") == "P");
  CHECK(c.at("prices").at("credit_limit") == 1.5);
  CHECK(c.at("prices").at("max_loss_dollars") == 2350.0);
  for (const char* k : {"bid", "ask", "mid", "iv", "delta", "strike"}) CHECK(c.at("short_leg").at(k).is_number());
  // JSONB-safe: no NaN anywhere (unknowns are null), so canonical_json works on it.
  CHECK_NOTHROW(gd::canonical_json(j));
}

TEST_CASE("config hash: stable, and any change gives a different hash", "[strategy][determinism][config]") {
  const auto base = default_config();
  const std::string h = config_hash(base);
  CHECK(h.size() == 64);
  CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(config_hash(default_config()) == h);
  CHECK(h == gd::sha256_hex(gd::canonical_json(to_json(base))));

  const std::vector<std::pair<const char*, std::function<void(strategy_config&)>>> changes = {
      {"sides", [](auto& c) { c.sides = spread_sides::both; }},
      {"root", [](auto& c) { c.root = "SPX"; }},
      {"tolerance", [](auto& c) { c.dte_tolerance_days = 2; }},
      {"slot time", [](auto& c) { c.slots[0].time = "10:30"; }},
      {"slot window", [](auto& c) { c.slots[1].window_minutes = 15; }},
      {"candidate dte", [](auto& c) { c.slots[2].candidates[0].dte = 6; }},
      {"candidate delta", [](auto& c) { c.slots[0].candidates[1].short_delta = 0.25; }},
      {"candidate order", [](auto& c) { std::swap(c.slots[0].candidates[0], c.slots[0].candidates[1]); }},
      {"slot dropped", [](auto& c) { c.slots.pop_back(); }},
      {"width", [](auto& c) { c.long_leg.width = 30; }},
      {"long mode", [](auto& c) { c.long_leg.mode = long_leg_mode::delta; }},
      {"long delta", [](auto& c) { c.long_leg.delta = 0.04; }},
      {"min credit", [](auto& c) { c.filters.min_credit = 0.55; }},
      {"max leg spread", [](auto& c) { c.filters.max_leg_spread = 1.0; }},
      {"delta deviation", [](auto& c) { c.filters.max_delta_deviation = 0.04; }},
      {"chain age", [](auto& c) { c.filters.max_chain_age_seconds = 600; }},
      {"quote age", [](auto& c) { c.filters.max_quote_age_seconds = 600; }},
      {"chain lead", [](auto& c) { c.filters.max_chain_lead_seconds = 0; }},
      {"min oi", [](auto& c) { c.filters.min_open_interest = 100; }},
      {"relative spread", [](auto& c) { c.filters.max_relative_spread = 0.25; }},
      {"liquid strikes", [](auto& c) { c.filters.min_liquid_strikes = 10; }},
      {"fill factor", [](auto& c) { c.pricing.fill_spread_factor = 0.25; }},
      {"tick", [](auto& c) { c.pricing.tick = 0.10; }},
      {"multiplier", [](auto& c) { c.pricing.multiplier = 10; }},
      {"max open", [](auto& c) { c.risk.max_open_trades = 2; }},
      {"max per day", [](auto& c) { c.risk.max_trades_per_day = 2; }},
      {"stop ends day", [](auto& c) { c.risk.stop_loss_ends_day = false; }},
      {"quantity", [](auto& c) { c.quantity = 2; }},
      {"fallback rate", [](auto& c) { c.fallback_rate = 0.04; }},
      {"time measure", [](auto& c) { c.measure = gd::quant::time_measure::trading_rth; }},
      {"underlying", [](auto& c) { c.underlying = "XSP"; }},
  };
  std::set<std::string> hashes{h};
  for (const auto& [name, change] : changes) {
    INFO(name);
    auto c = base;
    change(c);
    const auto hc = config_hash(c);
    CHECK(hc != h);
    CHECK(hashes.insert(hc).second);  // and different from every other change
  }
}

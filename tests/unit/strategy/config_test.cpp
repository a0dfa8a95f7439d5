#include <gd/strategy/config.hpp>

#include <catch2/catch.hpp>

using namespace gd::strategy;

TEST_CASE("default config: the original specification's rules", "[strategy][config]") {
  const auto c = default_config();
  CHECK(c.root == "SPXW");
  CHECK(c.sides == spread_sides::put);
  CHECK(c.dte_tolerance_days == 1);
  REQUIRE(c.slots.size() == 3);
  const char* times[] = {"10:00", "11:00", "12:00"};
  const int dtes[] = {3, 5, 7};
  for (int i = 0; i < 3; ++i) {
    CHECK(c.slots[i].time == times[i]);
    REQUIRE(c.slots[i].candidates.size() == 2);
    CHECK(c.slots[i].candidates[0].dte == dtes[i]);
    CHECK(c.slots[i].candidates[0].short_delta == 0.10);
    CHECK(c.slots[i].candidates[1].dte == dtes[i]);
    CHECK(c.slots[i].candidates[1].short_delta == 0.20);
  }
  CHECK(c.long_leg.mode == long_leg_mode::width);
  CHECK(c.long_leg.width == 25.0);
  CHECK(c.pricing.fill_spread_factor == 0.30);
  CHECK(c.pricing.tick == 0.05);
  CHECK(c.risk.max_open_trades == 1);
  CHECK(c.risk.max_trades_per_day == 1);
  CHECK(c.risk.stop_loss_ends_day);
  CHECK(c.filters.min_liquid_strikes == 8);
}

TEST_CASE("config JSON: round trip, defaults for missing keys, errors for bad values", "[strategy][config]") {
  const auto base = default_config();
  CHECK_FALSE(validate(base).has_value());
  auto custom = base;
  custom.sides = spread_sides::call;
  custom.long_leg.mode = long_leg_mode::delta;
  custom.measure = gd::quant::time_measure::trading_rth;
  custom.slots = {{.time = "09:45", .window_minutes = 10, .candidates = {{.dte = 5, .short_delta = 0.15}}}};
  for (const auto& c : {base, custom}) {
    const auto parsed = config_from_json(to_json(c));
    REQUIRE(parsed.ok());
    CHECK(config_hash(*parsed) == config_hash(c));
    CHECK(to_json(*parsed) == to_json(c));
  }
  const auto partial = config_from_json(nlohmann::json{{"filters", {{"min_credit", 0.75}}}});
  REQUIRE(partial.ok());
  CHECK(partial->filters.min_credit == 0.75);
  CHECK(partial->slots.size() == 3);

  const nlohmann::json bad[] = {
      nlohmann::json::array(),
      {{"sides", "straddle"}},
      {{"filters", {{"min_credit", "a lot"}}}},
      {{"filters", {{"min_credit", 0}}}},
      {{"slots", nlohmann::json::array()}},
      {{"slots", {{{"time", "25:00"}, {"candidates", {{{"dte", 3}, {"short_delta", 0.1}}}}}}}},
      {{"slots", {{{"time", "10:00"}, {"candidates", {{{"dte", 3}, {"short_delta", 0.6}}}}}}}},
      {{"pricing", {{"fill_spread_factor", 1.5}}}},
      {{"long_leg", {{"mode", "ratio"}}}},
  };
  for (const auto& j : bad) {
    INFO(j.dump());
    const auto r = config_from_json(j);
    CHECK_FALSE(r.ok());
    if (!r.ok()) CHECK(r.err().code == "bad_config");
  }
  CHECK(parse_slot_minute("10:00") == 600);
  CHECK(parse_slot_minute("12:30") == 750);
  CHECK_FALSE(parse_slot_minute("1000"));
  CHECK_FALSE(parse_slot_minute("10:60"));
}

#include <gd/execution/fill_model.hpp>

#include <random>

#include <catch2/catch.hpp>

#include <gd/execution/price_tick.hpp>

using namespace gd::execution;

namespace {
// short 2.00/2.20 (mid 2.10), long 0.80/0.95 (mid 0.875): package mid 1.225, width 0.35
const spread_quote q{{2.00, 2.20}, {0.80, 0.95}};
}  // namespace

TEST_CASE("fill model: entry at mid - 0.30 x width rounded down, exit at mid + 0.30 x width rounded up",
          "[execution][fill]") {
  CHECK(q.mid() == Approx(1.225));
  CHECK(q.width() == Approx(0.35));
  CHECK(*model_entry_credit(q) == Approx(1.10));  // 1.12 -> 1.10
  CHECK(*model_exit_debit(q) == Approx(1.35));    // 1.33 -> 1.35
  SECTION("the factor is configurable") {
    CHECK(*model_entry_credit(q, {0.0, 0.05}) == Approx(1.20));  // 1.225 -> 1.20
    CHECK(*model_exit_debit(q, {0.0, 0.05}) == Approx(1.25));
    CHECK(*model_entry_credit(q, {0.5, 0.05}) == Approx(1.05));  // 1.05 exactly
    CHECK(*model_exit_debit(q, {1.0, 0.05}) == Approx(1.60));    // 1.575 -> 1.60
  }
}

TEST_CASE("fill model: no fill on a bad quote or without a credit", "[execution][fill]") {
  CHECK(model_entry_credit({{0.0, 2.20}, {0.80, 0.95}}).err().code == "unusable_quote");
  CHECK(model_entry_credit({{2.30, 2.20}, {0.80, 0.95}}).err().code == "unusable_quote");  // crossed
  CHECK(model_exit_debit({{2.00, 2.20}, {0.0, 0.0}}).err().code == "unusable_quote");
  CHECK(model_entry_credit({{0.10, 0.15}, {0.05, 0.10}}).err().code == "no_credit");
  // A long wing bid at zero is still a quote: we can sell it for nothing.
  CHECK(*model_exit_debit({{0.10, 0.20}, {0.0, 0.05}}) == Approx(0.20));  // mid .125 + .045 -> .20
}

TEST_CASE("fill model: limit orders fill at the limit when the model reaches it", "[execution][fill]") {
  CHECK(entry_limit_fills(1.10, q));
  CHECK(entry_limit_fills(1.05, q));
  CHECK_FALSE(entry_limit_fills(1.15, q));
  CHECK(exit_limit_fills(1.35, q));
  CHECK(exit_limit_fills(1.40, q));
  CHECK_FALSE(exit_limit_fills(1.30, q));
}

TEST_CASE("fill model: prices always on the tick and never better for us than the raw model", "[execution][fill]") {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> px(0.05, 20.0), w(0.0, 1.5);
  for (int i = 0; i < 5000; ++i) {
    const double sb = px(rng), lb = px(rng) * 0.5;
    const spread_quote s{{sb, sb + w(rng)}, {lb, lb + w(rng)}};
    const double raw_entry = s.mid() - 0.30 * s.width();
    const double raw_exit = s.mid() + 0.30 * s.width();
    if (auto c = model_entry_credit(s)) {
      CHECK(on_tick(*c));
      CHECK(*c <= raw_entry + 1e-9);
      CHECK(*c > raw_entry - 0.05);
    }
    if (auto d = model_exit_debit(s); d && raw_exit > 0) {
      CHECK(on_tick(*d));
      CHECK(*d >= raw_exit - 1e-9);
      CHECK(*d < raw_exit + 0.05);
    }
  }
}

TEST_CASE("leg quotes from the chain model: a missing price is zero", "[execution][fill]") {
  gd::option_quote wing;
  wing.ask = 0.05;  // bid missing (NaN)
  gd::option_quote short_leg;
  short_leg.bid = 1.00;
  short_leg.ask = 1.10;
  const spread_quote s{to_leg_quote(short_leg), to_leg_quote(wing)};
  CHECK(s.usable());
  CHECK(s.long_leg.bid == 0.0);
  CHECK_FALSE(spread_quote{to_leg_quote(gd::option_quote{}), to_leg_quote(wing)}.usable());
}

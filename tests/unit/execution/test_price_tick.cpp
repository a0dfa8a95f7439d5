#include <gd/execution/price_tick.hpp>

#include <catch2/catch.hpp>

using namespace gd::execution;

TEST_CASE("tick rounding: a credit rounds down, a debit rounds up", "[execution][tick]") {
  CHECK(round_credit(1.17) == Approx(1.15));
  CHECK(round_debit(1.17) == Approx(1.20));
  CHECK(round_credit(1.15) == Approx(1.15));  // 1.15 is 1.1499999... as a double and still on the tick
  CHECK(round_debit(1.15) == Approx(1.15));
  CHECK(round_credit(0.049) == Approx(0.0));
  CHECK(round_debit(0.01) == Approx(0.05));
  CHECK(round_credit(2.3 - 1.1) == Approx(1.20));
  CHECK(round_credit(1.234, 0.01) == Approx(1.23));
  CHECK(on_tick(1.15));
  CHECK(on_tick(0.3 * 3));  // 0.8999999...
  CHECK_FALSE(on_tick(1.13));
  CHECK(ticks_down(1.15) == 23);
  CHECK(ticks_up(1.16) == 24);
}

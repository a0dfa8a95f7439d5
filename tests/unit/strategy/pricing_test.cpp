#include <gd/strategy/pricing.hpp>

#include <catch2/catch.hpp>
#include <cmath>

using gd::strategy::price_spread;
using gd::strategy::round_credit_down;

TEST_CASE("round_credit_down: down to the 0.05 tick, exact multiples kept despite binary noise", "[strategy][pricing]") {
  struct row {
    double in, out;
  };
  const row table[] = {
      {1.5000000000000004, 1.50}, {1.5499999, 1.50}, {1.55, 1.55},  {23 * 0.05, 1.15}, {1.1499999999999999, 1.15},
      {0.049, 0.00},              {0.05, 0.05},      {3.37, 3.35},  {3.4, 3.40},       {10.0, 10.0},
  };
  for (const auto& r : table) {
    INFO("credit " << r.in);
    CHECK(round_credit_down(r.in, 0.05) == r.out);
  }
  // Never rounds up: we never ask for more credit than the model says we would accept.
  for (int i = 0; i < 1000; ++i) {
    const double c = 0.0137 * i;
    const double r = round_credit_down(c, 0.05);
    CHECK(r <= c + 1e-9);
    CHECK(c - r < 0.05 + 1e-9);
    CHECK(std::abs(r * 20.0 - std::round(r * 20.0)) < 1e-9);
  }
  CHECK(std::isnan(round_credit_down(std::nan(""), 0.05)));
}

TEST_CASE("price_spread: mid, combo spread, fill model, tick, max loss, dollars by hand", "[strategy][pricing]") {
  // short 4.00/4.30 (mid 4.15), long 2.40/2.60 (mid 2.50), 25 wide, factor 0.30:
  // mid 1.65, combo spread 0.30 + 0.20 = 0.50, fill 1.65 - 0.15 = 1.50, limit 1.50, max loss 23.50.
  const auto p = price_spread(4.00, 4.30, 2.40, 2.60, 25.0, 0.30, 0.05, 100);
  CHECK(p.credit_mid == Approx(1.65).margin(1e-12));
  CHECK(p.combo_spread == Approx(0.50).margin(1e-12));
  CHECK(p.credit_fill == Approx(1.50).margin(1e-12));
  CHECK(p.credit_limit == 1.50);
  CHECK(p.max_loss == 23.50);
  CHECK(p.credit_mid_dollars() == 165.0);
  CHECK(p.credit_limit_dollars() == 150.0);
  CHECK(p.max_loss_dollars() == 2350.0);

  // A fill between ticks goes down: short mid 3.20, long mid 1.20, credit mid 2.00, spread
  // 0.40 + 0.20 = 0.60 -> fill 2.00 - 0.18 = 1.82 -> 1.80; max loss 10 - 1.80 = 8.20.
  const auto q = price_spread(3.00, 3.40, 1.10, 1.30, 10.0, 0.30, 0.05, 100);
  CHECK(q.credit_fill == Approx(1.82).margin(1e-12));
  CHECK(q.credit_limit == 1.80);
  CHECK(q.max_loss == 8.20);
  CHECK(q.max_loss_dollars() == 820.0);

  // The factor is configurable: 0 fills at mid (on the tick).
  CHECK(price_spread(3.00, 3.40, 1.10, 1.30, 10.0, 0.0, 0.05, 100).credit_limit == 2.00);
}

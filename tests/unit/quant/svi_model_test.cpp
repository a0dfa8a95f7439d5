#include <gd/quant/svi.hpp>

#include <cmath>

#include <catch2/catch.hpp>

using namespace gd::quant;

TEST_CASE("svi derivatives match finite differences", "[svi]") {
  const svi_params p{0.04, 0.4, -0.4, 0.05, 0.2};
  for (double k : {-0.8, -0.2, 0.0, 0.05, 0.3, 1.0}) {
    const double h = 1e-4;
    const svi_value v = svi_evaluate(p, k);
    CHECK(v.w == Approx(svi_total_variance(p, k)).epsilon(1e-15));
    CHECK(v.w1 == Approx((svi_total_variance(p, k + h) - svi_total_variance(p, k - h)) / (2 * h)).epsilon(1e-7));
    CHECK(v.w2 == Approx((svi_total_variance(p, k + h) - 2 * v.w + svi_total_variance(p, k - h)) / (h * h))
                      .epsilon(1e-5));
  }
  CHECK(svi_min_total_variance(p) == Approx(0.04 + 0.4 * 0.2 * std::sqrt(1 - 0.16)).epsilon(1e-15));
}

TEST_CASE("svi g(k) is 1 for a flat smile and the implied vol is sqrt(w / T)", "[svi]") {
  const svi_params flat{0.04, 0.0, 0.0, 0.0, 0.1};
  for (double k : {-1.0, 0.0, 0.7}) CHECK(svi_g(flat, k) == Approx(1.0).epsilon(1e-15));
  CHECK(svi_implied_vol(flat, 0.3, 0.25) == Approx(0.4).epsilon(1e-15));
  CHECK(svi_implied_vol(svi_params{-0.1, 0, 0, 0, 0.1}, 0.0, 1.0) == 0.0);  // no NaN for w <= 0
}

#include <gd/exposure/profile.hpp>

#include <catch2/catch.hpp>

#include <gd/exposure/report.hpp>

#include "tiny_chain.hpp"

using namespace gd::exposure;
using gd::option_right;
using namespace gd::test;

TEST_CASE("profile: zero crossings, exact zeros and the nearest one", "[exposure][profile]") {
  const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7};
  CHECK(zero_crossings(x, std::vector<double>{-1, 1, 1, 1, 1, 1, 1}) == std::vector<double>{1.5});
  CHECK(zero_crossings(x, std::vector<double>{-3, 1, 1, 1, 1, 1, 1}) == std::vector<double>{1.75});
  // A run of zeros between opposite signs: its midpoint.
  CHECK(zero_crossings(x, std::vector<double>{-1, 0, 0, 0, 1, 1, 1}) == std::vector<double>{3.0});
  // Touching zero without changing sign, zeros at the ends: none.
  CHECK(zero_crossings(x, std::vector<double>{0, 0, 1, 0, 1, 0, 0}).empty());
  const auto many = zero_crossings(x, std::vector<double>{1, -1, -1, 1, 1, -1, -1});
  CHECK(many == std::vector<double>{1.5, 3.5, 5.5});
  CHECK(nearest_crossing(many, 4.4).value() == 3.5);
  CHECK(nearest_crossing(many, 4.5).value() == 3.5);   // tie: the lower
  CHECK(nearest_crossing(many, 4.6).value() == 5.5);
  CHECK_FALSE(nearest_crossing(std::vector<double>{}, 4.0));
}

TEST_CASE("profile: grid", "[exposure][profile]") {
  const auto x = profile_prices(4000, 300, 0.5, 1.5);
  REQUIRE(x.size() == 300);
  CHECK(x.front() == 2000);
  CHECK(x.back() == 6000);
  CHECK(x[1] / x[0] == Approx(std::pow(3.0, 1.0 / 299)));   // log-spaced: a constant ratio
  CHECK(x[299] / x[298] == Approx(std::pow(3.0, 1.0 / 299)));
}

TEST_CASE("profile: a chain with no crossing has no flip", "[exposure][profile]") {
  const auto calls = tiny_chain({tiny_row(option_right::call, 100, 0.2, 1000), tiny_row(option_right::call, 105, 0.2, 10)});
  const auto r = compute_exposure(calls, 100.0, tiny_as_of);
  CHECK_FALSE(r.profile.gamma_flip);
  CHECK(r.profile.gamma_flips.empty());
  CHECK_FALSE(r.levels.gamma_flip);
  CHECK(r.levels.regime == gamma_regime::positive);
  for (const auto& p : r.profile.levels) CHECK(p.gex >= 0.0);
  const auto puts = tiny_chain({tiny_row(option_right::put, 100, 0.2, 1000)});
  const auto rp = compute_exposure(puts, 100.0, tiny_as_of);
  CHECK_FALSE(rp.levels.gamma_flip);
  CHECK(rp.levels.regime == gamma_regime::negative);
}

TEST_CASE("profile: flip of a put/call pair against a hand profile solved by bisection", "[exposure][profile]") {
  // Puts at 95 (OI 3000) and calls at 105 (OI 1000): GEX is negative low, positive high.
  const auto chain = tiny_chain({tiny_row(option_right::put, 95, 0.25, 3000), tiny_row(option_right::call, 105, 0.20, 1000)});
  exposure_params p;
  p.profile_levels = 2001;
  p.profile_low = 0.8;
  p.profile_high = 1.2;
  const auto r = compute_exposure(chain, 100.0, tiny_as_of, p);
  // Hand profile: the same contracts re-priced at S' (F' = S', r = 0), vols fixed.
  const auto hand = [](double s) {
    return 3000 * 100 * -1.0 * ref_bs(false, s, 95, tiny_T, 0.25).gamma * s * s * 0.01 +
           1000 * 100 * ref_bs(true, s, 105, tiny_T, 0.20).gamma * s * s * 0.01;
  };
  double lo = 95, hi = 105;
  REQUIRE(hand(lo) < 0);
  REQUIRE(hand(hi) > 0);
  for (int i = 0; i < 200; ++i) {
    const double m = 0.5 * (lo + hi);
    (hand(m) < 0 ? lo : hi) = m;
  }
  REQUIRE(r.profile.gamma_flip.has_value());
  CHECK(*r.profile.gamma_flip == Approx(lo).margin(1e-3));   // grid step 0.02: interpolation error
  CHECK(r.levels.gamma_flip == r.profile.gamma_flip);
  CHECK(r.levels.regime == (100.0 >= lo ? gamma_regime::positive : gamma_regime::negative));
  // Every level against the hand profile.
  for (std::size_t j = 0; j < r.profile.levels.size(); j += 50) {
    const auto& pt = r.profile.levels[j];
    CHECK(pt.gex == Approx(hand(pt.price)).epsilon(1e-9).margin(1e-6));
    const double dex = 3000 * 100 * -1.0 * ref_bs(false, pt.price, 95, tiny_T, 0.25).delta * pt.price +
                       1000 * 100 * ref_bs(true, pt.price, 105, tiny_T, 0.20).delta * pt.price;
    CHECK(pt.dex == Approx(dex).epsilon(1e-9).margin(1e-6));
  }
}

TEST_CASE("profile: kernel builds agree and match the quant greeks across the wings", "[exposure][profile]") {
  // Many contracts with a wide spread of vols and times so levels hit both N(d1) branches, the
  // tail (|d1| > 7.07) and the window cut (|d1| > 37.6).
  profile_inputs in;
  std::vector<double> K, T, vol, q;
  std::vector<bool> call;
  for (int i = 0; i < 400; ++i) {
    const double k = 50 + 0.25 * i, t = 0.0005 + 0.003 * (i % 37), v = 0.08 + 0.01 * (i % 23);
    const double s = v * std::sqrt(t);
    const double pos = (i % 3 ? 1.0 : -1.0) * (100 + i);
    const bool c = i % 2 == 0;
    K.push_back(k), T.push_back(t), vol.push_back(v), q.push_back(pos), call.push_back(c);
    in.inv_s.push_back(1 / s);
    in.shift.push_back(std::log(1.0 / k) / s + 0.5 * s);
    in.gex_coef.push_back(pos * 0.01 / (s * std::sqrt(2 * M_PI)));
    in.dex_coef.push_back(pos);
    in.is_call.push_back(c);
    if (!c) in.put_dex_coef_sum += pos;
  }
  const auto x = profile_prices(100, 301, 0.5, 1.5);
  std::vector<double> g1(301), d1(301), g2(301), d2(301);
  evaluate_profile(in, x, g1, d1, false);
  evaluate_profile(in, x, g2, d2, true);
  for (std::size_t j = 0; j < x.size(); ++j) {
    double gref = 0, dref = 0, gscale = 0, dscale = 0;
    for (std::size_t i = 0; i < K.size(); ++i) {
      const auto g = ref_bs(call[i], x[j], K[i], T[i], vol[i]);
      gref += q[i] * g.gamma * x[j] * x[j] * 0.01;
      dref += q[i] * g.delta * x[j];
      gscale += std::abs(q[i] * g.gamma * x[j] * x[j] * 0.01);
      dscale += std::abs(q[i] * x[j]);
    }
    INFO("level " << x[j]);
    CHECK(std::abs(g1[j] - gref) <= 1e-12 * gscale + 1e-300);
    CHECK(std::abs(d1[j] - dref) <= 1e-13 * dscale);
    CHECK(std::abs(g1[j] - g2[j]) <= 1e-13 * gscale + 1e-300);
    CHECK(std::abs(d1[j] - d2[j]) <= 1e-14 * dscale);
  }
  INFO("avx2 kernel in use: " << profile_uses_avx2());
  SUCCEED();
}

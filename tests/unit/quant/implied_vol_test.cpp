// Implied vol: round trips price -> vol -> price over a dense grid including the extremes
// (T = 1 minute .. 5 years, vol 1% .. 500%, |ln(K/F)| up to 12 standard deviations), statuses
// at and beyond the no-arbitrage bounds, and invalid inputs.
#include <gd/quant/implied_vol.hpp>

#include <gd/quant/black.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {
using gd::option_right;
using gd::quant::iv_status;
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

// The vol must come back to 1e-13 relative, plus what the rounding of the price itself implies
// (4 ulps of the price over sigma * vega): a price that does not determine the vol to 1e-13
// cannot be asked to. Out-of-the-money prices keep full relative accuracy, so there the
// allowance is 4 eps * price / (sigma vega), which is < 1 ulp-equivalent in the wings.
TEST_CASE("implied vol round trip over a dense grid with the extremes", "[implied_vol]") {
  const double minute = 1.0 / (365.0 * 24 * 60);
  const std::vector<double> Ts = {minute, 10 * minute, 1.0 / (365 * 24), 1.0 / 365, 7.0 / 365, 0.25, 1.0, 5.0};
  int checked = 0, failures = 0;
  double worst = 0.0;
  for (double T : Ts) {
    for (double vol = 0.01; vol <= 5.0001; vol *= 1.1) {
      const double sd = vol * std::sqrt(T);
      for (double z = -12.0; z <= 12.0; z += 0.125) {
        const double F = 6000.0;
        const double K = F * std::exp(z * sd);
        for (int c = 0; c < 2; ++c) {
          const option_right r = c ? option_right::call : option_right::put;
          const gd::quant::greeks g = gd::quant::black76_greeks(r, F, K, T, vol, 0.99);
          const double p = g.price;
          if (!(p / F >= 1e-300)) continue;
          const double allowance = 1e-13 + 4 * eps * p / (vol * g.vega);
          if (!(allowance < 1e-8)) continue;
          const auto iv = gd::quant::implied_vol_black76(p, r, F, K, T, 0.99);
          ++checked;
          const double e = std::fabs(iv.vol - vol) / vol;
          if (iv.status == iv_status::ok && std::isfinite(e)) worst = std::fmax(worst, e / allowance);
          if ((iv.status != iv_status::ok || !(e <= allowance)) && ++failures <= 5) {
            INFO("T=" << T << " vol=" << vol << " K=" << K << " call=" << c << " price=" << p << " got "
                      << iv.vol << " (" << to_string(iv.status) << "), rel err " << e << " > " << allowance);
            CHECK(false);
          }
          // and back to the price
          if (iv.status == iv_status::ok) {
            const double p2 = gd::quant::black76_price(r, F, K, T, iv.vol, 0.99);
            CHECK(std::fabs(p2 - p) <= 1e-12 * p + 4 * eps * p);
          }
        }
      }
    }
  }
  INFO("worst error / allowance " << worst);
  CHECK(failures == 0);
  CHECK(checked > 100000);
}

TEST_CASE("implied vol for BSM inverts bsm_price", "[implied_vol]") {
  for (double T : {1.0 / (365 * 24 * 60), 0.1, 2.0})
    for (double vol : {0.01, 0.2, 1.0, 4.0})
      for (double K : {4000.0, 5900.0, 6000.0, 6100.0, 8000.0})
        for (option_right r : {option_right::call, option_right::put}) {
          const double p = gd::quant::bsm_price(r, 6000.0, K, T, 0.05, 0.015, vol);
          if (!(p > 1e-200)) continue;
          const auto iv = gd::quant::implied_vol_bsm(p, r, 6000.0, K, T, 0.05, 0.015);
          const gd::quant::greeks g = gd::quant::bsm_greeks(r, 6000.0, K, T, 0.05, 0.015, vol);
          if (!(4 * eps * p / (vol * g.vega) < 1e-8)) continue;
          REQUIRE(iv.status == iv_status::ok);
          CHECK(std::fabs(iv.vol - vol) <= vol * (1e-13 + 4 * eps * p / (vol * g.vega)));
        }
}

TEST_CASE("implied vol statuses at the no-arbitrage bounds", "[implied_vol]") {
  const double F = 100, K = 90, T = 0.5, df = 0.98;
  SECTION("below intrinsic") {
    const auto r = gd::quant::implied_vol_black76(df * (F - K) - 1e-6, option_right::call, F, K, T, df);
    CHECK(r.status == iv_status::below_intrinsic);
    CHECK(std::isnan(r.vol));
  }
  SECTION("exactly intrinsic gives vol 0") {
    const auto r = gd::quant::implied_vol_black76(df * (F - K), option_right::call, F, K, T, df);
    CHECK(r.status == iv_status::ok);
    CHECK(r.vol == 0.0);
    const auto otm = gd::quant::implied_vol_black76(0.0, option_right::put, F, K, T, df);
    CHECK(otm.status == iv_status::ok);
    CHECK(otm.vol == 0.0);
  }
  SECTION("at or above the upper bound") {
    CHECK(gd::quant::implied_vol_black76(df * F, option_right::call, F, K, T, df).status == iv_status::above_upper_bound);
    CHECK(gd::quant::implied_vol_black76(df * F * 1.01, option_right::call, F, K, T, df).status == iv_status::above_upper_bound);
    CHECK(gd::quant::implied_vol_black76(df * K, option_right::put, F, K, T, df).status == iv_status::above_upper_bound);
    CHECK(std::isnan(gd::quant::implied_vol_black76(df * K, option_right::put, F, K, T, df).vol));
  }
  SECTION("invalid inputs") {
    const auto bad = [](double p, double f, double k, double t, double d) {
      return gd::quant::implied_vol_black76(p, option_right::call, f, k, t, d).status;
    };
    CHECK(bad(qnan, F, K, T, df) == iv_status::invalid_input);
    CHECK(bad(1.0, qnan, K, T, df) == iv_status::invalid_input);
    CHECK(bad(1.0, F, -K, T, df) == iv_status::invalid_input);
    CHECK(bad(1.0, F, K, 0.0, df) == iv_status::invalid_input);
    CHECK(bad(1.0, F, K, -1.0, df) == iv_status::invalid_input);
    CHECK(bad(1.0, F, K, T, 0.0) == iv_status::invalid_input);
    CHECK(bad(-1.0, F, K, T, df) == iv_status::invalid_input);
    CHECK(bad(INFINITY, F, K, T, df) == iv_status::invalid_input);
    CHECK(std::string(gd::quant::to_string(iv_status::below_intrinsic)) == "below_intrinsic");
  }
  SECTION("batch reports per element") {
    const double price[3] = {5.0, -1.0, 200.0};
    const double f[3] = {F, F, F}, k[3] = {K, K, K}, t[3] = {T, T, T}, d[3] = {df, df, df};
    const std::uint8_t call[3] = {0, 0, 1};
    double vol[3];
    iv_status st[3];
    gd::quant::implied_vol_black76_batch(3, price, f, k, t, d, call, vol, st);
    CHECK(st[0] == iv_status::ok);
    CHECK(vol[0] == gd::quant::implied_vol_black76(5.0, option_right::put, F, K, T, df).vol);
    CHECK(st[1] == iv_status::invalid_input);
    CHECK(st[2] == iv_status::above_upper_bound);
  }
}

// The batch runs through SIMD kernels built for AVX2+FMA and for the SSE2 baseline, picked at
// run time; both must give the same bits (so a result does not depend on the machine), the
// scalar function must equal the batch, and the fast path must hold its accuracy on the fixed
// SPX benchmark grid (issue 3) and on random sets over the whole domain.
#include "../../../libs/quant/src/simd_dispatch.hpp"

#include <cstring>
#include <random>

namespace {
struct iv_case_set {
  std::vector<double> price, F, K, T, df, sigma;
  std::vector<std::uint8_t> call;
  void add(double f, double k, double t, double vol, double d, bool c) {
    const double p = gd::quant::black76_price(c ? option_right::call : option_right::put, f, k, t, vol, d);
    price.push_back(p); F.push_back(f); K.push_back(k); T.push_back(t); df.push_back(d);
    sigma.push_back(vol); call.push_back(c ? 1 : 0);
  }
  std::size_t size() const { return price.size(); }
};

iv_case_set spx_grid() {
  iv_case_set g;
  for (int d = 3; d <= 120; d += 3)
    for (int k = 3000; k <= 8000; k += 5) {
      const double x = std::log(k / 6000.0);
      const double vol = 0.15 + 0.3 * x * x - 0.2 * x;
      const bool call = k >= 6000;
      if (gd::quant::black76_price(call ? option_right::call : option_right::put, 6000.0, k, d / 365.0, vol, 1.0) >= 1e-8)
        g.add(6000.0, k, d / 365.0, vol, 1.0, call);
    }
  return g;
}

iv_case_set random_domain(int n) {
  std::mt19937_64 rng(314159);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  iv_case_set s;
  for (int i = 0; i < n; ++i) {
    const double T = std::exp(std::log(1.0 / (365.0 * 24 * 60)) + u(rng) * std::log(5.0 * 365 * 24 * 60));
    const double vol = std::exp(std::log(0.01) + u(rng) * std::log(500.0));
    const double F = std::exp(u(rng) * std::log(1e4));
    const double K = F * std::exp((-9.0 + 18.0 * u(rng)) * vol * std::sqrt(T));
    s.add(F, K, T, vol, std::exp(-0.05 * T), u(rng) < 0.5);
  }
  return s;
}

std::vector<double> batch_vols(const iv_case_set& s, std::vector<iv_status>& st) {
  std::vector<double> v(s.size());
  st.assign(s.size(), iv_status::invalid_input);
  gd::quant::implied_vol_black76_batch(s.size(), s.price.data(), s.F.data(), s.K.data(), s.T.data(),
                                       s.df.data(), s.call.data(), v.data(), st.data());
  return v;
}
}  // namespace

TEST_CASE("batch implied vol on the SPX grid: accuracy, batch equals scalar", "[implied_vol][simd]") {
  const iv_case_set g = spx_grid();
  REQUIRE(g.size() > 30000);
  std::vector<iv_status> st;
  const std::vector<double> v = batch_vols(g, st);
  double worst = 0.0;
  int mismatches = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    REQUIRE(st[i] == iv_status::ok);
    worst = std::fmax(worst, std::fabs(v[i] - g.sigma[i]) / g.sigma[i]);
    const auto r = gd::quant::implied_vol_black76(g.price[i], g.call[i] ? option_right::call : option_right::put,
                                                  g.F[i], g.K[i], g.T[i], g.df[i]);
    if (std::memcmp(&r.vol, &v[i], sizeof(double)) != 0) ++mismatches;
  }
  INFO("max relative error " << worst << " on the grid (" << gd::quant::detail::simd().isa << ")");
  CHECK(worst <= 1e-13);
  CHECK(mismatches == 0);
}

TEST_CASE("batch implied vol: the SSE2 and AVX2 builds give the same bits", "[implied_vol][simd]") {
  if (!gd::quant::detail::simd_has_avx2()) SUCCEED("no AVX2 here: only the baseline build runs");
  for (const iv_case_set& s : {spx_grid(), random_domain(100000)}) {
    std::vector<iv_status> st_avx2, st_base;
    gd::quant::detail::simd_override(&gd::quant::detail::simd_kernels_avx2());
    const std::vector<double> a = gd::quant::detail::simd_has_avx2() ? batch_vols(s, st_avx2) : std::vector<double>{};
    gd::quant::detail::simd_override(&gd::quant::detail::simd_kernels_base());
    const std::vector<double> b = batch_vols(s, st_base);
    gd::quant::detail::simd_override(nullptr);
    if (a.empty()) continue;
    int mismatches = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (st_avx2[i] != st_base[i] || std::memcmp(&a[i], &b[i], sizeof(double)) != 0) ++mismatches;
    CHECK(mismatches == 0);
  }
}

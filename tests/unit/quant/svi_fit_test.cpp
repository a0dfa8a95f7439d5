#include <gd/quant/svi_fit.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/quant/svi.hpp>

using namespace gd::quant;

namespace {

struct samples {
  std::vector<double> k, w, weight;
};

samples sample(const svi_params& p, double k_lo, double k_hi, int n) {
  samples s;
  for (int i = 0; i < n; ++i) {
    const double k = k_lo + (k_hi - k_lo) * i / (n - 1);
    s.k.push_back(k);
    s.w.push_back(svi_total_variance(p, k));
    s.weight.push_back(1.0);
  }
  return s;
}

void require_params_near(const svi_params& got, const svi_params& want, double tol) {
  CHECK(got.a == Approx(want.a).margin(tol));
  CHECK(got.b == Approx(want.b).margin(tol));
  CHECK(got.rho == Approx(want.rho).margin(tol));
  CHECK(got.m == Approx(want.m).margin(tol));
  CHECK(got.sigma == Approx(want.sigma).margin(tol));
}

}  // namespace

TEST_CASE("svi fit recovers known parameters from exact data", "[svi]") {
  // Tolerance: 1e-6 absolute on every raw parameter (the data is exact; the 2-D search stops at a
  // simplex of 1e-9 in (m, ln sigma)).
  SECTION("one-year equity-like skew") {
    const svi_params truth{0.04, 0.4, -0.4, 0.05, 0.2};
    const samples s = sample(truth, -0.8, 0.4, 41);
    const svi_fit_result fit = fit_svi(s.k, s.w, s.weight, 1.0);
    REQUIRE(fit.ok);
    require_params_near(fit.params, truth, 1e-6);
    CHECK(fit.rmse_vol_points < 1e-5);
  }
  SECTION("one-week smile, 200 strikes, vega-like weights") {
    const double T = 7.0 / 365.0;
    const svi_params truth{0.0004, 0.02, -0.7, 0.002, 0.03};
    samples s = sample(truth, -0.15, 0.06, 200);
    for (std::size_t i = 0; i < s.k.size(); ++i) s.weight[i] = std::exp(-s.k[i] * s.k[i] / 0.002);
    const svi_fit_result fit = fit_svi(s.k, s.w, s.weight, T);
    REQUIRE(fit.ok);
    CHECK(fit.params.a == Approx(truth.a).margin(1e-8));
    CHECK(fit.params.b == Approx(truth.b).margin(1e-6));
    CHECK(fit.params.rho == Approx(truth.rho).margin(1e-5));
    CHECK(fit.params.m == Approx(truth.m).margin(1e-6));
    CHECK(fit.params.sigma == Approx(truth.sigma).margin(1e-6));
    CHECK(fit.rmse_vol_points < 1e-4);
  }
}

TEST_CASE("svi fit with noisy data stays close to the truth", "[svi]") {
  // Deterministic +-0.2 vol point zig-zag noise: the fitted smile must stay within 0.1 vol point of
  // the true one over the data range, and the reported RMSE must be close to the noise's 0.2.
  const double T = 0.5;
  const svi_params truth{0.02, 0.15, -0.6, 0.0, 0.15};
  samples s = sample(truth, -0.6, 0.3, 61);
  for (std::size_t i = 0; i < s.k.size(); ++i) {
    const double vol = std::sqrt(s.w[i] / T) + (i % 2 == 0 ? 0.002 : -0.002);
    s.w[i] = vol * vol * T;
  }
  const svi_fit_result fit = fit_svi(s.k, s.w, s.weight, T);
  REQUIRE(fit.ok);
  for (double k = -0.6; k <= 0.3; k += 0.01) {
    CHECK(std::abs(svi_implied_vol(fit.params, k, T) - svi_implied_vol(truth, k, T)) < 0.001);
  }
  CHECK(fit.rmse_vol_points == Approx(0.2).margin(0.02));
}

TEST_CASE("svi fit respects its bounds", "[svi]") {
  // A smile steeper than Lee's bound in both wings: the fit must clip the wing slopes at 2.
  samples s;
  for (int i = 0; i < 41; ++i) {
    const double k = -1.0 + 0.05 * i;
    s.k.push_back(k);
    s.w.push_back(0.05 + 3.0 * std::abs(k));
    s.weight.push_back(1.0);
  }
  const svi_fit_result fit = fit_svi(s.k, s.w, s.weight, 1.0);
  REQUIRE(fit.ok);
  CHECK(fit.params.b * (1 + std::abs(fit.params.rho)) <= 2.0 + 1e-9);
  CHECK(fit.params.b >= 0.0);
  CHECK(std::abs(fit.params.rho) <= 1.0);
  CHECK(svi_min_total_variance(fit.params) >= -1e-12);
}

TEST_CASE("svi fit reports too few points", "[svi]") {
  const std::vector<double> k{0.0, 0.1}, w{0.04, 0.05}, wt{1, 1};
  const svi_fit_result fit = fit_svi(k, w, wt, 1.0);
  CHECK_FALSE(fit.ok);
  CHECK(fit.reason.find("usable points") != std::string::npos);
}

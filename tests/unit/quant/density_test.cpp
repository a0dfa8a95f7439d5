#include <gd/quant/density.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/quant/expiry_analysis.hpp>
#include <gd/quant/svi.hpp>

#include "surface_synthetic_chain.hpp"

using namespace gd;
using namespace gd::quant;

namespace {

const double pi = 3.14159265358979323846;

double lognormal_pdf(double K, double F, double s) {
  const double z = (std::log(K / F) + 0.5 * s * s) / s;
  return std::exp(-0.5 * z * z) / (K * s * std::sqrt(2.0 * pi));
}

double inverse_normal(double p) {  // bisection on erfc: plenty for a test reference
  double lo = -10, hi = 10;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// Compares a density with the lognormal of total stdev s around F, with the tolerances stated:
// pdf within pdf_tol of the peak value at every grid point; mean within 1e-6 relative;
// variance 1e-4 relative; skewness and excess kurtosis 1e-3 absolute plus 1e-3 relative;
// quantiles within 1e-4 relative.
void check_lognormal(const density_result& d, double F, double s, double pdf_tol) {
  REQUIRE(d.ok);
  CHECK(d.integral == Approx(1.0).margin(1e-4));
  CHECK(d.integral_ok);
  CHECK(d.clipped_points == 0);
  CHECK(d.tail_left < 1e-6);
  CHECK(d.tail_right < 1e-6);
  double peak = 0, worst = 0;
  for (std::size_t i = 0; i < d.strike.size(); ++i) {
    const double ref = lognormal_pdf(d.strike[i], F, s);
    peak = std::max(peak, ref);
    worst = std::max(worst, std::abs(d.pdf[i] - ref));
  }
  CHECK(worst / peak < pdf_tol);
  const double e = std::exp(s * s);
  CHECK(d.mean == Approx(F).epsilon(1e-6));
  CHECK(std::abs(d.mean_vs_forward) < 1e-6);
  CHECK(d.mean_ok);
  CHECK(d.variance == Approx(F * F * (e - 1.0)).epsilon(1e-4));
  const double skew = (e + 2.0) * std::sqrt(e - 1.0);
  const double kurt = e * e * e * e + 2.0 * e * e * e + 3.0 * e * e - 6.0;
  CHECK(d.skewness == Approx(skew).margin(1e-3).epsilon(1e-3));
  CHECK(d.excess_kurtosis == Approx(kurt).margin(1e-3).epsilon(1e-3));
  REQUIRE(d.quantiles.size() == 7);
  for (const auto& q : d.quantiles) {
    const double ref = F * std::exp(-0.5 * s * s + s * inverse_normal(q.level));
    CHECK(q.strike == Approx(ref).epsilon(1e-4));
  }
}

}  // namespace

TEST_CASE("density of a flat SVI slice is the lognormal density", "[density]") {
  for (const auto& [F, vol, T] : std::vector<std::tuple<double, double, double>>{
           {4000.0, 0.20, 0.25}, {3990.0, 0.15, 1.0 / 365.0}, {4200.0, 0.25, 2.0}}) {
    const double s = vol * std::sqrt(T);
    const svi_params flat{s * s, 0.0, 0.0, 0.0, 0.1};
    check_lognormal(risk_neutral_density(flat, F, T), F, s, 1e-4);
  }
}

TEST_CASE("density of a skewed SVI slice matches Gatheral's closed form", "[density]") {
  // q(K) = g(k) / (K sqrt(2 pi w)) exp(-d2^2 / 2), d2 = -k / sqrt(w) - sqrt(w) / 2: an independent
  // formula for the second strike-derivative of the SVI call price. Tolerance: 1e-5 of the peak.
  const double F = 4000.0, T = 0.5;
  const svi_params p{0.01, 0.1, -0.6, 0.02, 0.15};
  const density_result d = risk_neutral_density(p, F, T);
  REQUIRE(d.ok);
  CHECK(d.clipped_points == 0);
  CHECK(d.integral_ok);
  double peak = 0, worst = 0;
  for (std::size_t i = 0; i < d.strike.size(); ++i) {
    const double K = d.strike[i], k = std::log(K / F), w = svi_total_variance(p, k);
    const double d2 = -k / std::sqrt(w) - 0.5 * std::sqrt(w);
    const double ref = svi_g(p, k) / (K * std::sqrt(2.0 * pi * w)) * std::exp(-0.5 * d2 * d2);
    peak = std::max(peak, ref);
    worst = std::max(worst, std::abs(d.pdf[i] * d.integral - ref));  // undo the normalization
  }
  CHECK(worst / peak < 1e-5);
  CHECK(d.skewness < -0.5);  // equity skew: a fat left tail
  CHECK(std::abs(d.mean_vs_forward) < 1e-4);
}

TEST_CASE("an arbitrageable slice gives clipped negative density, counted and reported", "[density]") {
  const svi_params vogt{-0.0410, 0.1331, 0.3060, 0.3586, 0.4153};
  const density_result d = risk_neutral_density(vogt, 100.0, 1.0);
  REQUIRE(d.ok);
  CHECK(d.clipped_points > 0);
  CHECK(d.clipped_mass > 0.0);
  for (double q : d.pdf) CHECK(q >= 0.0);
}

TEST_CASE("bad inputs are reported, not thrown", "[density]") {
  const svi_params flat{0.01, 0, 0, 0, 0.1};
  CHECK_FALSE(risk_neutral_density(flat, -1.0, 1.0).ok);
  CHECK_FALSE(risk_neutral_density(flat, 100.0, 0.0).ok);
  CHECK_FALSE(risk_neutral_density(svi_params{-0.01, 0, 0, 0, 0.1}, 100.0, 1.0).ok);
}

TEST_CASE("synthetic lognormal chain through the whole expiry analysis", "[density][expiry_analysis]") {
  // Flat 20% vol, F = 4000, DF = 0.99, T = 0.25, strikes 2000..6000 every 25, 2% spreads, OI 500.
  test::synthetic_slice_spec spec;
  const expiry_slice slice = test::make_synthetic_slice(spec);
  const expiry_analysis a = analyze_expiry(slice, spec.T);
  REQUIRE(a.status == expiry_status::ok);
  INFO(a.reason);
  CHECK(a.forward.forward == Approx(4000.0).epsilon(1e-9));
  CHECK(a.forward.df == Approx(0.99).epsilon(1e-9));
  CHECK(a.atm_iv == Approx(0.2).margin(1e-9));
  CHECK(a.svi.rmse_vol_points < 1e-4);
  CHECK(a.svi_atm_iv == Approx(0.2).margin(1e-6));
  CHECK(a.butterfly.arbitrage_free);
  CHECK(a.warnings.empty());
  // The density from the SVI-smoothed prices is the lognormal one (pdf to 1e-4 of the peak).
  check_lognormal(a.density, 4000.0, 0.2 * std::sqrt(spec.T), 1e-4);
}

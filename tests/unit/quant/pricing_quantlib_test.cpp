// Prices and greeks against QuantLib 1.29 (BlackCalculator, blackFormula) on 100,000 random
// parameter sets spanning T = 1 minute .. 5 years, vol 1% .. 500%, strikes up to 9 standard
// deviations away from the forward, rates -1% .. 10%, carry -5% .. 10% (fixed seed).
//
// Tolerances, and why:
// - Prices: relative 1e-12, plus QuantLib's own error, which dominates in the wings and is
//   bounded per case: 8 (1 + d1^2) ulps of the two terms it subtracts (F N(d1), K N(d2)), plus
//   the measured error of QuantLib's normal CDF at d1 and d2 against erfc (QuantLib's CDF is
//   accurate in absolute terms but not relative in the tail: at d = -6 it is off by ~1e-9
//   relative; ours agrees with 40-digit mpmath to ~1e-16 there), and for puts ~4 ulps of
//   df (F + K), because BlackCalculator forms N(-d) as 1 - N(d). Only price/forward >= 1e-300.
// - Greeks: relative 1e-10 (plus the |d1| eps / sd that the rounding of ln(F/K) causes) of the value plus 1e-13 of the greek's natural scale (e.g. df for
//   delta, df F sqrt(T) for vega). Greeks change sign (vanna at d2 = 0, theta) where a relative
//   test is meaningless, and both libraries evaluate the same closed forms with rounding of the
//   order of d1^2 ulps of those scales.
#include <gd/quant/black.hpp>
#include <gd/quant/implied_vol.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

#include <ql/math/distributions/normaldistribution.hpp>
#include <ql/pricingengines/blackcalculator.hpp>
#include <ql/pricingengines/blackformula.hpp>

namespace {

using gd::option_right;
constexpr double eps = std::numeric_limits<double>::epsilon();

struct case_params {
  double F, K, T, sigma, r, q;
  bool call;
};

case_params draw(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  case_params c{};
  c.F = std::exp(std::log(1.0) + u(rng) * std::log(1e4));
  c.T = std::exp(std::log(1.0 / (365.0 * 24 * 60)) + u(rng) * std::log(5.0 * 365 * 24 * 60));
  c.sigma = std::exp(std::log(0.01) + u(rng) * std::log(500.0));
  const double z = -9.0 + 18.0 * u(rng);  // strike in standard deviations
  c.K = c.F * std::exp(z * c.sigma * std::sqrt(c.T));
  c.r = -0.01 + 0.11 * u(rng);
  c.q = -0.05 + 0.15 * u(rng);
  c.call = u(rng) < 0.5;
  return c;
}

// Records the first failing quantity so a failure message says what and by how much.
struct checker {
  bool ok = true;
  const char* what = "";
  double mine = 0, ref = 0, tol = 0;
  void operator()(const char* name, double m, double r, double t) {
    if (ok && !(std::fabs(m - r) <= t)) { ok = false; what = name; mine = m; ref = r; tol = t; }
  }
};

// The error QuantLib's price inherits from its normal CDF, measured against erfc.
double ql_cdf_error(double F, double K, double df, double d1, double d2, bool call) {
  static const QuantLib::CumulativeNormalDistribution ql_n;
  const double w = call ? 1.0 : -1.0;
  const auto err = [](double d) { return std::fabs(ql_n(d) - 0.5 * std::erfc(-d / std::sqrt(2.0))); };
  // For puts QuantLib forms N(-d) as 1 - N(d) (BlackCalculator), an absolute error of ~eps.
  const double put_cancellation = call ? 0.0 : 4.0 * eps * df * (F + K);
  return 2.0 * df * (F * err(w * d1) + K * err(w * d2)) + put_cancellation;
}

}  // namespace

TEST_CASE("Black-76 prices and greeks match QuantLib on 100,000 random sets", "[pricing][quantlib]") {
  std::mt19937_64 rng(20240611);
  int compared = 0, failures = 0;
  for (int n = 0; n < 100000; ++n) {
    const case_params c = draw(rng);
    const double df = std::exp(-c.r * c.T);
    const double sd = c.sigma * std::sqrt(c.T);
    const auto type = c.call ? QuantLib::Option::Call : QuantLib::Option::Put;
    const QuantLib::BlackCalculator ql(type, c.K, c.F, sd, df);
    const gd::quant::greeks g =
        gd::quant::black76_greeks(c.call ? option_right::call : option_right::put, c.F, c.K, c.T, c.sigma, df);
    const double ql_price = ql.value();
    if (!(ql_price / c.F >= 1e-300)) continue;
    ++compared;
    const double d1 = std::log(c.F / c.K) / sd + 0.5 * sd;
    const double d2 = d1 - sd;
    const double terms = df * (c.F * 0.5 * std::erfc(-d1 / std::sqrt(2.0)) + c.K * 0.5 * std::erfc(-d2 / std::sqrt(2.0)));
    const double w = c.call ? 1.0 : -1.0;
    const double terms_put_call = c.call ? terms : df * (c.F * 0.5 * std::erfc(d1 / std::sqrt(2.0)) + c.K * 0.5 * std::erfc(d2 / std::sqrt(2.0)));
    (void)w;
    const double g_scale = 1.0 + d1 * d1;
    // ln(F/K) carries an absolute rounding of ~eps, so d1 one of eps/sd, which moves the greeks
    // by |d1| eps/sd relative: large for tiny sd near the money.
    const double rel = 1e-10 + 4 * eps * (1.0 + std::fabs(d1)) * (1.0 + std::fabs(d1)) / sd;
    const double price_tol = 1e-12 * ql_price + 8 * eps * g_scale * terms_put_call +
                             ql_cdf_error(c.F, c.K, df, d1, d2, c.call);
    checker ck;
    ck("price", g.price, ql_price, price_tol);
    ck("delta", g.delta, ql.deltaForward(), rel * std::fabs(ql.deltaForward()) + 1e-13 * df * g_scale);
    ck("gamma", g.gamma, ql.gammaForward(), rel * std::fabs(ql.gammaForward()) + 1e-13 * g_scale * df / (c.F * sd));
    ck("vega", g.vega, ql.vega(c.T), rel * std::fabs(ql.vega(c.T)) + 1e-13 * g_scale * df * c.F * std::sqrt(c.T));
    // QuantLib assembles strikeSensitivity through dd/dK = -1/(K sd), which loses its digits for
    // absurd strikes (K/F < 1e-20 occurs at 9 standard deviations of a 500% 5-year vol).
    if (c.K / c.F > 1e-20)
      ck("dual_delta", g.dual_delta, ql.strikeSensitivity(), rel * std::fabs(ql.strikeSensitivity()) + 1e-13 * g_scale * df);
    // Black-76 rho with F held and df = exp(-rT) is -T V; checked through QuantLib's value.
    ck("rho", g.rho, -c.T * ql_price, c.T * price_tol);
    if (!ck.ok && ++failures <= 5) {
      INFO("F=" << c.F << " K=" << c.K << " T=" << c.T << " sigma=" << c.sigma << " call=" << c.call);
      INFO(ck.what << ": " << ck.mine << " vs QuantLib " << ck.ref << ", diff " << ck.mine - ck.ref << " > tol " << ck.tol);
      CHECK(ck.ok);
    }
  }
  CHECK(failures == 0);
  CHECK(compared > 80000);
}

TEST_CASE("BSM prices and greeks match QuantLib on 100,000 random sets", "[pricing][quantlib]") {
  std::mt19937_64 rng(777);
  int compared = 0, failures = 0;
  for (int n = 0; n < 100000; ++n) {
    const case_params c = draw(rng);
    const double S = c.F;  // draw() gives the level; here it is the spot
    const double F = S * std::exp((c.r - c.q) * c.T);
    const double df = std::exp(-c.r * c.T);
    const double sd = c.sigma * std::sqrt(c.T);
    const double K = F * (c.K / c.F);
    const auto type = c.call ? QuantLib::Option::Call : QuantLib::Option::Put;
    const QuantLib::BlackCalculator ql(type, K, F, sd, df);
    const gd::quant::greeks g =
        gd::quant::bsm_greeks(c.call ? option_right::call : option_right::put, S, K, c.T, c.r, c.q, c.sigma);
    const double ql_price = ql.value();
    if (!(ql_price / F >= 1e-300)) continue;
    ++compared;
    const double d1 = std::log(F / K) / sd + 0.5 * sd;
    const double d2 = d1 - sd;
    const double a = c.call ? d1 : -d1, b = c.call ? d2 : -d2;
    const double terms = df * (F * 0.5 * std::erfc(-a / std::sqrt(2.0)) + K * 0.5 * std::erfc(-b / std::sqrt(2.0)));
    const double g_scale = 1.0 + d1 * d1;
    const double ql_theta = ql.theta(S, c.T);
    const double theta_scale = df * F * (c.sigma / std::sqrt(c.T) + std::fabs(c.r) + std::fabs(c.q));
    const double rel = 1e-10 + 4 * eps * (1.0 + std::fabs(d1)) * (1.0 + std::fabs(d1)) / sd;
    const double price_tol = 1e-12 * ql_price + 8 * eps * g_scale * terms + ql_cdf_error(F, K, df, d1, d2, c.call);
    checker ck;
    ck("price", g.price, ql_price, price_tol);
    ck("delta", g.delta, ql.delta(S), rel * std::fabs(ql.delta(S)) + 1e-13 * g_scale * df * F / S);
    ck("gamma", g.gamma, ql.gamma(S), rel * std::fabs(ql.gamma(S)) + 1e-13 * g_scale * df * F / (S * S * sd));
    ck("vega", g.vega, ql.vega(c.T), rel * std::fabs(ql.vega(c.T)) + 1e-13 * g_scale * df * F * std::sqrt(c.T));
    ck("theta", g.theta, ql_theta, rel * std::fabs(ql_theta) + 1e-12 * g_scale * theta_scale + price_tol * (std::fabs(c.r) + 1.0 / c.T));
    ck("rho", g.rho, ql.rho(c.T), rel * std::fabs(ql.rho(c.T)) + 1e-13 * g_scale * df * c.T * F + c.T * price_tol);
    if (K / F > 1e-20)
      ck("dual_delta", g.dual_delta, ql.strikeSensitivity(), rel * std::fabs(ql.strikeSensitivity()) + 1e-13 * g_scale * df);
    if (!ck.ok && ++failures <= 5) {
      INFO("S=" << S << " K=" << K << " T=" << c.T << " r=" << c.r << " q=" << c.q << " sigma=" << c.sigma << " call=" << c.call);
      INFO(ck.what << ": " << ck.mine << " vs QuantLib " << ck.ref << ", diff " << ck.mine - ck.ref << " > tol " << ck.tol);
      CHECK(ck.ok);
    }
  }
  CHECK(failures == 0);
  CHECK(compared > 80000);
}

// Implied vols: QuantLib prices the option (blackFormula), we invert, and the vol must come back
// to relative 1e-12 plus the error the price itself carries, mapped through 1/(sigma vega): 8 ulps
// of the time value, 4 ulps of the price (parity for in-the-money options) and QuantLib's price
// error as bounded above. Cases where that allowance exceeds 1e-6 (the price does not determine
// the vol) are skipped. QuantLib's own
// solver (blackFormulaImpliedStdDev, Newton-safe to 1e-14) is compared near the money only,
// to 1e-9: it is far less precise than a round trip can check.
TEST_CASE("implied vol round trips QuantLib prices on 100,000 random sets", "[implied_vol][quantlib]") {
  std::mt19937_64 rng(4242);
  int compared = 0, failures = 0, ql_compared = 0;
  for (int n = 0; n < 100000; ++n) {
    const case_params c = draw(rng);
    const double df = std::exp(-c.r * c.T);
    const double sd = c.sigma * std::sqrt(c.T);
    const auto type = c.call ? QuantLib::Option::Call : QuantLib::Option::Put;
    const double p = QuantLib::blackFormula(type, c.K, c.F, sd, df);
    if (!(p / c.F >= 1e-300)) continue;
    const double intrinsic = df * std::fmax(c.call ? c.F - c.K : c.K - c.F, 0.0);
    const double time_value = p - intrinsic;
    if (!(time_value > 0.0)) continue;
    const gd::quant::greeks g =
        gd::quant::black76_greeks(c.call ? option_right::call : option_right::put, c.F, c.K, c.T, c.sigma, df);
    const double d1 = std::log(c.F / c.K) / sd + 0.5 * sd;
    const double d2 = d1 - sd;
    const double a = c.call ? d1 : -d1, b = c.call ? d2 : -d2;
    const double terms = df * (c.F * 0.5 * std::erfc(-a / std::sqrt(2.0)) + c.K * 0.5 * std::erfc(-b / std::sqrt(2.0)));
    const double price_error = 8 * eps * (1.0 + d1 * d1) * terms + 4 * eps * p + ql_cdf_error(c.F, c.K, df, d1, d2, c.call);
    // Relative vol error allowed: 1e-12, plus what the price's own uncertainty implies through
    // d sigma / sigma = d price / (sigma vega): 8 ulps of the time value (the normalisation and
    // parity roundings) and QuantLib's price error.
    const double to_vol = 1.0 / (c.sigma * g.vega);
    const double tol = 1e-12 + (8 * eps * time_value + price_error) * to_vol;
    if (!(tol < 1e-6)) continue;  // the price does not pin the vol down there
    ++compared;
    const auto iv = gd::quant::implied_vol_black76(p, c.call ? option_right::call : option_right::put, c.F, c.K, c.T, df);
    const double kappa = tol / 1e-12;
    const bool ok = iv.status == gd::quant::iv_status::ok && std::fabs(iv.vol - c.sigma) <= tol * c.sigma;
    if (!ok && ++failures <= 5) {
      INFO("F=" << c.F << " K=" << c.K << " T=" << c.T << " sigma=" << c.sigma << " call=" << c.call
                << " price=" << p << " vol=" << iv.vol << " status=" << to_string(iv.status) << " kappa=" << kappa);
      CHECK(ok);
    }
    if (std::fabs(d1) < 2.0 && sd > 1e-3 && sd < 3.0 && ql_compared < 2000) {
      ++ql_compared;
      const double ql_sd = QuantLib::blackFormulaImpliedStdDev(type, c.K, c.F, p, df, 0.0, QuantLib::Null<QuantLib::Real>(), 1e-14, 1000);
      CHECK(std::fabs(iv.vol * std::sqrt(c.T) - ql_sd) <= 1e-9 * ql_sd);
    }
  }
  CHECK(failures == 0);
  CHECK(compared > 50000);
  CHECK(ql_compared == 2000);
}

// Greeks against central finite differences of our own prices, put-call parity, homogeneity,
// monotonicity, and the batch path against the scalar one.
#include <gd/quant/black.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace {
using gd::option_right;

struct point { double F, K, T, sigma, r, q; };

std::vector<point> points() {
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<point> v;
  for (int i = 0; i < 2000; ++i) {
    const double T = std::exp(std::log(1.0 / 365) + u(rng) * std::log(3.0 * 365));
    const double sigma = 0.05 + 1.5 * u(rng);
    const double F = 50 + 6000 * u(rng);
    const double K = F * std::exp((-3.0 + 6.0 * u(rng)) * sigma * std::sqrt(T));
    v.push_back({F, K, T, sigma, -0.01 + 0.09 * u(rng), -0.02 + 0.06 * u(rng)});
  }
  return v;
}

// Central difference with a step of 1e-4 of the natural scale (S sigma sqrt(T) for S and K, 1e-4
// sigma for vol, 1e-5 T for time): error O(1e-8) from truncation plus O(eps/h) from rounding, so
// the tolerance is relative 1e-6 of the greek plus 1e-6 of a natural scale of the greek.
template <class Fn>
double central(Fn f, double x, double h) { return (f(x + h) - f(x - h)) / (2 * h); }

bool near(double a, double b, double scale) { return std::fabs(a - b) <= 1e-6 * (std::fabs(b) + scale); }
}  // namespace

TEST_CASE("BSM greeks match central finite differences of bsm_price", "[pricing]") {
  for (const point& p : points()) {
    for (option_right r : {option_right::call, option_right::put}) {
      const double S = p.F;
      const auto price = [&](double s, double k, double t, double rate, double q, double vol) {
        return gd::quant::bsm_price(r, s, k, t, rate, q, vol);
      };
      const gd::quant::greeks g = gd::quant::bsm_greeks(r, S, p.K, p.T, p.r, p.q, p.sigma);
      const double sd = p.sigma * std::sqrt(p.T);
      const double hs = 1e-4 * S * sd, hv = 1e-4 * p.sigma, ht = 1e-5 * p.T;
      const double vega_scale = S * std::sqrt(p.T) * 0.1;
      CHECK(near(g.delta, central([&](double s) { return price(s, p.K, p.T, p.r, p.q, p.sigma); }, S, hs), 0.01));
      CHECK(near(g.gamma, central([&](double s) { return gd::quant::bsm_greeks(r, s, p.K, p.T, p.r, p.q, p.sigma).delta; }, S, hs), 1e-3 / (S * p.sigma * std::sqrt(p.T))));
      CHECK(near(g.vega, central([&](double v) { return price(S, p.K, p.T, p.r, p.q, v); }, p.sigma, hv), vega_scale));
      CHECK(near(g.theta, -central([&](double t) { return price(S, p.K, t, p.r, p.q, p.sigma); }, p.T, ht), vega_scale * p.sigma / p.T));
      CHECK(near(g.rho, central([&](double rr) { return price(S, p.K, p.T, rr, p.q, p.sigma); }, p.r, 1e-5), S * p.T * 0.1));
      CHECK(near(g.vanna, central([&](double v) { return gd::quant::bsm_greeks(r, S, p.K, p.T, p.r, p.q, v).delta; }, p.sigma, hv), 0.01 / p.sigma));
      CHECK(near(g.charm, -central([&](double t) { return gd::quant::bsm_greeks(r, S, p.K, t, p.r, p.q, p.sigma).delta; }, p.T, ht), 0.01 / p.T));
      CHECK(near(g.vomma, central([&](double v) { return gd::quant::bsm_greeks(r, S, p.K, p.T, p.r, p.q, v).vega; }, p.sigma, hv), vega_scale / p.sigma));
      const double fd_speed = central([&](double s) { return gd::quant::bsm_greeks(r, s, p.K, p.T, p.r, p.q, p.sigma).gamma; }, S, hs);
      INFO("speed " << g.speed << " fd " << fd_speed << " S=" << S << " K=" << p.K << " T=" << p.T << " sigma=" << p.sigma);
      CHECK(near(g.speed, fd_speed, 1e-2 / (S * S * sd)));  // third derivative: the FD truncation is larger
      CHECK(near(g.dual_delta, central([&](double k) { return price(S, k, p.T, p.r, p.q, p.sigma); }, p.K, 1e-4 * p.K * sd), 0.01));
    }
  }
}

TEST_CASE("Black-76 greeks match central finite differences of black76_price", "[pricing]") {
  for (const point& p : points()) {
    for (option_right r : {option_right::call, option_right::put}) {
      const auto price = [&](double f, double k, double t, double vol, double rate) {
        return gd::quant::black76_price(r, f, k, t, vol, std::exp(-rate * t));
      };
      const double df = std::exp(-p.r * p.T);
      const gd::quant::greeks g = gd::quant::black76_greeks(r, p.F, p.K, p.T, p.sigma, df);
      const double hf = 1e-4 * p.F * p.sigma * std::sqrt(p.T);
      const double vega_scale = p.F * std::sqrt(p.T) * 0.1;
      CHECK(near(g.delta, central([&](double f) { return price(f, p.K, p.T, p.sigma, p.r); }, p.F, hf), 0.01));
      CHECK(near(g.vega, central([&](double v) { return price(p.F, p.K, p.T, v, p.r); }, p.sigma, 1e-4 * p.sigma), vega_scale));
      // theta: F and the rate fixed, df = exp(-rT) moves with T
      CHECK(near(g.theta, -central([&](double t) { return price(p.F, p.K, t, p.sigma, p.r); }, p.T, 1e-5 * p.T), vega_scale * p.sigma / p.T));
      CHECK(near(g.rho, central([&](double rr) { return price(p.F, p.K, p.T, p.sigma, rr); }, p.r, 1e-5), p.F * p.T * 0.1));
      CHECK(near(g.charm, -central([&](double t) { return gd::quant::black76_greeks(r, p.F, p.K, t, p.sigma, std::exp(-p.r * t)).delta; }, p.T, 1e-5 * p.T), 0.01 / p.T));
      CHECK(near(g.gamma, central([&](double f) { return gd::quant::black76_greeks(r, f, p.K, p.T, p.sigma, df).delta; }, p.F, hf), 1e-3 / (p.F * p.sigma * std::sqrt(p.T))));
    }
  }
}

TEST_CASE("put-call parity, homogeneity and monotonicity", "[pricing]") {
  for (const point& p : points()) {
    const double df = std::exp(-p.r * p.T);
    const double c = gd::quant::black76_price(option_right::call, p.F, p.K, p.T, p.sigma, df);
    const double pu = gd::quant::black76_price(option_right::put, p.F, p.K, p.T, p.sigma, df);
    CHECK(std::fabs((c - pu) - df * (p.F - p.K)) <= 1e-14 * df * (p.F + p.K));
    // Black is homogeneous of degree one in (F, K)
    CHECK(std::fabs(gd::quant::black76_price(option_right::call, 2 * p.F, 2 * p.K, p.T, p.sigma, df) - 2 * c) <= 1e-14 * (2 * c + df * p.F));
    // put-call symmetry: C(F, K) / sqrt(FK) = P(K, F) / sqrt(FK)
    CHECK(std::fabs(gd::quant::black76_price(option_right::put, p.K, p.F, p.T, p.sigma, df) - c) <= 1e-13 * (c + df * std::fabs(p.F - p.K)));
    // increasing in vol, decreasing (call) in strike
    CHECK(gd::quant::black76_price(option_right::call, p.F, p.K, p.T, p.sigma * 1.01, df) > c);
    CHECK(gd::quant::black76_price(option_right::call, p.F, p.K * 1.01, p.T, p.sigma, df) < c);
    const gd::quant::greeks g = gd::quant::black76_greeks(option_right::call, p.F, p.K, p.T, p.sigma, df);
    CHECK(g.gamma > 0.0);
    CHECK(g.vega > 0.0);
  }
}

TEST_CASE("batch greeks equal the scalar greeks; null outputs are skipped", "[pricing]") {
  const auto pts = points();
  const std::size_t n = pts.size();
  std::vector<double> F(n), K(n), T(n), sig(n), df(n), rate(n), q(n);
  std::vector<std::uint8_t> call(n);
  for (std::size_t i = 0; i < n; ++i) {
    F[i] = pts[i].F; K[i] = pts[i].K; T[i] = pts[i].T; sig[i] = pts[i].sigma;
    rate[i] = pts[i].r; q[i] = pts[i].q; df[i] = std::exp(-rate[i] * T[i]); call[i] = i % 2;
  }
  T[7] = 0.0;  // degenerate: intrinsic
  std::vector<double> out[11];
  for (auto& o : out) o.assign(n, -1.0);
  const gd::quant::greeks_out b76{out[0].data(), out[1].data(), out[2].data(), out[3].data(), out[4].data(), out[5].data(),
                                  out[6].data(), out[7].data(), out[8].data(), out[9].data(), out[10].data()};
  gd::quant::black76_greeks_batch(n, F.data(), K.data(), T.data(), sig.data(), df.data(), call.data(), b76);
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = gd::quant::black76_greeks(call[i] ? option_right::call : option_right::put, F[i], K[i], T[i], sig[i], df[i]);
    const double s[11] = {g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.charm, g.vomma, g.speed, g.dual_delta};
    for (int k = 0; k < 11; ++k) CHECK(std::fabs(out[k][i] - s[k]) <= 1e-12 * (std::fabs(s[k]) + 1e-3 * std::fabs(g.price) + 1e-12));
  }
  std::vector<double> delta(n, -7.0);
  gd::quant::greeks_out only_delta{};
  only_delta.delta = delta.data();
  gd::quant::bsm_greeks_batch(n, F.data(), K.data(), T.data(), rate.data(), q.data(), sig.data(), call.data(), only_delta);
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = gd::quant::bsm_greeks(call[i] ? option_right::call : option_right::put, F[i], K[i], T[i], rate[i], q[i], sig[i]);
    CHECK(std::fabs(delta[i] - g.delta) <= 1e-13);
  }
}

// The batch greeks run through SIMD kernels built for AVX2+FMA and for the SSE2 baseline; both
// must give the same bits, and the batch must match the scalar greeks on the SPX benchmark grid
// (issue 3) with the tolerance of the batch-versus-scalar test above.
#include "../../../libs/quant/src/simd_dispatch.hpp"

#include <cstring>

TEST_CASE("batch greeks on the SPX grid: SSE2 and AVX2 agree bitwise and match the scalar greeks", "[pricing][simd]") {
  std::vector<double> F, K, T, sig, df;
  std::vector<std::uint8_t> call;
  for (int d = 3; d <= 120; d += 3)
    for (int k = 3000; k <= 8000; k += 5) {
      const double x = std::log(k / 6000.0);
      F.push_back(6000.0); K.push_back(k); T.push_back(d / 365.0); df.push_back(std::exp(-0.04 * d / 365.0));
      sig.push_back(0.15 + 0.3 * x * x - 0.2 * x); call.push_back(k >= 6000 ? 1 : 0);
    }
  const std::size_t n = F.size();
  const auto run = [&](std::vector<double> (&o)[11]) {
    for (auto& v : o) v.assign(n, -1.0);
    const gd::quant::greeks_out out{o[0].data(), o[1].data(), o[2].data(), o[3].data(), o[4].data(), o[5].data(),
                                    o[6].data(), o[7].data(), o[8].data(), o[9].data(), o[10].data()};
    gd::quant::black76_greeks_batch(n, F.data(), K.data(), T.data(), sig.data(), df.data(), call.data(), out);
  };
  std::vector<double> a[11], b[11];
  run(a);
  if (gd::quant::detail::simd_has_avx2()) {
    gd::quant::detail::simd_override(&gd::quant::detail::simd_kernels_base());
    run(b);
    gd::quant::detail::simd_override(nullptr);
    int mismatches = 0;
    for (int k = 0; k < 11; ++k)
      for (std::size_t i = 0; i < n; ++i)
        if (std::memcmp(&a[k][i], &b[k][i], sizeof(double)) != 0) ++mismatches;
    CHECK(mismatches == 0);
  }
  int failures = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto g = gd::quant::black76_greeks(call[i] ? option_right::call : option_right::put, F[i], K[i], T[i], sig[i], df[i]);
    const double s[11] = {g.price, g.delta, g.gamma, g.vega, g.theta, g.rho, g.vanna, g.charm, g.vomma, g.speed, g.dual_delta};
    for (int k = 0; k < 11; ++k)
      if (!(std::fabs(a[k][i] - s[k]) <= 1e-12 * (std::fabs(s[k]) + 1e-3 * std::fabs(g.price) + 1e-12)) && ++failures <= 5) {
        INFO("greek " << k << " K=" << K[i] << " T=" << T[i] << ": batch " << a[k][i] << " scalar " << s[k]);
        CHECK(false);
      }
  }
  CHECK(failures == 0);
}

#pragma once
// Raw SVI (Gatheral 2004) for one expiry: total implied variance as a function of log-moneyness
// k = ln(K / F),
//     w(k) = a + b (rho (k - m) + sqrt((k - m)^2 + sigma^2)),
// with b >= 0, |rho| < 1, sigma > 0, and a + b sigma sqrt(1 - rho^2) >= 0 (w >= 0 everywhere).
// Implied vol is sqrt(w(k) / T).
#include <algorithm>
#include <cmath>

namespace gd::quant {

struct svi_params {
  double a = 0.0;
  double b = 0.0;
  double rho = 0.0;
  double m = 0.0;
  double sigma = 0.1;
};

struct svi_value {
  double w;    // total variance
  double w1;   // dw/dk
  double w2;   // d2w/dk2
};

inline double svi_total_variance(const svi_params& p, double k) noexcept {
  const double x = k - p.m;
  return p.a + p.b * (p.rho * x + std::sqrt(x * x + p.sigma * p.sigma));
}

inline svi_value svi_evaluate(const svi_params& p, double k) noexcept {
  const double x = k - p.m;
  const double r = std::sqrt(x * x + p.sigma * p.sigma);
  return svi_value{p.a + p.b * (p.rho * x + r), p.b * (p.rho + x / r), p.b * p.sigma * p.sigma / (r * r * r)};
}

inline double svi_implied_vol(const svi_params& p, double k, double T) noexcept {
  const double w = svi_total_variance(p, k);
  return w > 0.0 && T > 0.0 ? std::sqrt(w / T) : 0.0;
}

// The minimum of w over k: a + b sigma sqrt(1 - rho^2).
inline double svi_min_total_variance(const svi_params& p) noexcept {
  return p.a + p.b * p.sigma * std::sqrt(std::max(0.0, 1.0 - p.rho * p.rho));
}

// Gatheral's g(k): the risk-neutral density in k is g(k) / sqrt(2 pi w) exp(-d2^2 / 2), so g >= 0
// everywhere is the absence of butterfly arbitrage.
//     g(k) = (1 - k w' / (2 w))^2 - (w'^2 / 4) (1 / w + 1 / 4) + w'' / 2
inline double svi_g(const svi_params& p, double k) noexcept {
  const svi_value v = svi_evaluate(p, k);
  const double t = 1.0 - k * v.w1 / (2.0 * v.w);
  return t * t - 0.25 * v.w1 * v.w1 * (1.0 / v.w + 0.25) + 0.5 * v.w2;
}

}  // namespace gd::quant

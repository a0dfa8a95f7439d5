#include <gd/quant/density.hpp>

#include <algorithm>
#include <cmath>

#include <gd/quant/black.hpp>

namespace gd::quant {
namespace {

// Undiscounted out-of-the-money price at strike K: put below F, call at or above.
double otm_price(const svi_params& p, double F, double K, double T) {
  const double k = std::log(K / F);
  const double vol = svi_implied_vol(p, k, T);
  return black76_price(K < F ? option_right::put : option_right::call, F, K, T, vol, 1.0);
}

// Mass beyond a strike from the SVI digital: P(S < K) = dP/dK, P(S > K) = -dC/dK.
double mass_below(const svi_params& p, double F, double T, double K) {
  const double h = 1e-4 * K;
  return (otm_price(p, F, K + h, T) - otm_price(p, F, K - h, T)) / (2.0 * h);  // puts while K < F
}
double mass_above(const svi_params& p, double F, double T, double K) {
  const double h = 1e-4 * K;
  return -(otm_price(p, F, K + h, T) - otm_price(p, F, K - h, T)) / (2.0 * h);  // calls while K > F
}

}  // namespace

density_result risk_neutral_density(const svi_params& p, double F, double T, const density_config& cfg) {
  density_result out;
  out.forward = F;
  if (!(F > 0) || !(T > 0) || !std::isfinite(F) || !std::isfinite(T) || cfg.points < 5) {
    out.reason = "forward and time to expiry must be positive and the grid at least 5 points";
    return out;
  }
  const double w0 = svi_total_variance(p, 0.0);
  if (!(w0 > 0) || !std::isfinite(w0)) {
    out.reason = "SVI total variance at the money is not positive";
    return out;
  }
  const double sd = std::sqrt(w0);

  // Push each end out by one ATM standard deviation at a time until the tail beyond is negligible
  // (in absolute value: a negative digital is itself an arbitrage the grid must show).
  double k_lo = -std::min(4.0 * sd, cfg.max_k_left), k_hi = std::min(4.0 * sd, cfg.max_k_right);
  while (k_lo > -cfg.max_k_left && !(std::abs(mass_below(p, F, T, F * std::exp(k_lo))) < cfg.tail_mass)) {
    k_lo = std::max(k_lo - sd, -cfg.max_k_left);
  }
  while (k_hi < cfg.max_k_right && !(std::abs(mass_above(p, F, T, F * std::exp(k_hi))) < cfg.tail_mass)) {
    k_hi = std::min(k_hi + sd, cfg.max_k_right);
  }
  // A grid uniform in k (geometric in K): resolution follows the density from 0DTE to LEAPS,
  // where a grid uniform in K wastes most points on the long right tail. The grid serves the
  // integrals (trapezoid) and quantiles; the derivatives use their own small stencils.
  const double step_cap = 0.25 * p.sigma;
  const auto needed = static_cast<std::size_t>(std::ceil((k_hi - k_lo) / step_cap)) + 1;
  const std::size_t n = std::max(cfg.points, std::min(needed, cfg.max_points));
  const double dk = (k_hi - k_lo) / static_cast<double>(n - 1);

  // Second differences on a stencil of its own at each node, k +- delta with delta far below the
  // grid step: the truncation error is then negligible whatever the grid, and rounding stays far
  // below the density's scale (prices carry ~1e-15 relative error; delta^2 ~ 1e-6 sd^2).
  // Each stencil is differenced on its centre's side (puts below F, calls above; a node across F
  // converted by parity), so no deep in-the-money price (F - K plus a tiny time value) enters it.
  const double delta = 1e-3 * sd;
  out.strike.resize(n);
  out.pdf.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double k = k_lo + dk * static_cast<double>(i), K = F * std::exp(k);
    out.strike[i] = K;
    const bool put = K < F;
    auto value = [&](double kk) {
      const double Kk = F * std::exp(kk);
      const double v = otm_price(p, F, Kk, T);
      if ((Kk < F) == put) return v;
      return put ? v - (F - Kk) : v + (F - Kk);  // C - P = F - K
    };
    const double vm = value(k - delta), v0 = value(k), vp = value(k + delta);
    // q(K) = d2V/dK2 = (V_kk - V_k) / K^2 with k = ln(K / F), V the call or the put.
    const double v_k = (vp - vm) / (2.0 * delta), v_kk = (vp - 2.0 * v0 + vm) / (delta * delta);
    out.pdf[i] = (v_kk - v_k) / (K * K);
  }
  out.tail_left = mass_below(p, F, T, out.strike.front());
  out.tail_right = mass_above(p, F, T, out.strike.back());

  // Trapezoid weights on the non-uniform strike grid.
  std::vector<double> wt(n, 0.0);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const double h = out.strike[i + 1] - out.strike[i];
    wt[i] += 0.5 * h;
    wt[i + 1] += 0.5 * h;
  }
  auto integrate = [&](auto&& f) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += wt[i] * f(i);
    return s;
  };
  out.integral = integrate([&](std::size_t i) { return out.pdf[i]; });
  out.integral_ok = std::abs(out.integral - 1.0) <= cfg.integral_tolerance;

  for (std::size_t i = 0; i < n; ++i) {
    if (out.pdf[i] < 0.0) {
      ++out.clipped_points;
      out.clipped_mass += -out.pdf[i] * wt[i];
      out.pdf[i] = 0.0;
    }
  }
  const double mass = integrate([&](std::size_t i) { return out.pdf[i]; });
  if (!(mass > 0) || !std::isfinite(mass)) {
    out.reason = "density has no positive mass on the grid";
    return out;
  }
  for (double& q : out.pdf) q /= mass;

  out.mean = integrate([&](std::size_t i) { return out.strike[i] * out.pdf[i]; });
  const double mu = out.mean;
  double m2 = 0, m3 = 0, m4 = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double d = out.strike[j] - mu, wq = out.pdf[j] * wt[j];
    const double d2 = d * d;
    m2 += d2 * wq;
    m3 += d2 * d * wq;
    m4 += d2 * d2 * wq;
  }
  out.variance = m2;
  out.skewness = m3 / std::pow(m2, 1.5);
  out.excess_kurtosis = m4 / (m2 * m2) - 3.0;
  out.mean_vs_forward = out.mean / F - 1.0;
  out.mean_ok = std::abs(out.mean_vs_forward) <= cfg.mean_tolerance;

  // Quantiles: the density is linear between nodes, so the CDF is quadratic there; solve exactly.
  std::vector<double> levels = cfg.quantile_levels;
  std::sort(levels.begin(), levels.end());
  double cdf = 0.0;
  std::size_t i = 0;
  for (double level : levels) {
    while (i + 1 < n) {
      const double step = 0.5 * (out.strike[i + 1] - out.strike[i]) * (out.pdf[i] + out.pdf[i + 1]);
      if (cdf + step >= level) break;
      cdf += step;
      ++i;
    }
    if (i + 1 >= n) {
      out.quantiles.push_back({level, out.strike[n - 1]});
      continue;
    }
    const double h = out.strike[i + 1] - out.strike[i];
    const double q0 = out.pdf[i], slope = (out.pdf[i + 1] - q0) / h, need = level - cdf;
    // q0 t + slope t^2 / 2 = need, the root in [0, h] (stable form of the quadratic formula).
    double t;
    if (need <= 0.0) {
      t = 0.0;
    } else if (std::abs(slope) * h < 1e-12 * std::max(q0, 1e-300)) {
      t = q0 > 0 ? need / q0 : 0.0;
    } else {
      const double disc = std::max(0.0, q0 * q0 + 2.0 * slope * need);
      t = 2.0 * need / (q0 + std::sqrt(disc));
    }
    out.quantiles.push_back({level, out.strike[i] + std::clamp(t, 0.0, h)});
  }
  out.ok = true;
  return out;
}

}  // namespace gd::quant

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

// Call price from an out-of-the-money price (undiscounted parity C - P = F - K).
double as_call(double otm, double F, double K) { return K < F ? otm + (F - K) : otm; }

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

  // Push each end out by one ATM standard deviation at a time until the tail beyond is negligible.
  double k_lo = -std::min(4.0 * sd, cfg.max_k_left), k_hi = std::min(4.0 * sd, cfg.max_k_right);
  while (k_lo > -cfg.max_k_left && !(mass_below(p, F, T, F * std::exp(k_lo)) < cfg.tail_mass)) {
    k_lo = std::max(k_lo - sd, -cfg.max_k_left);
  }
  while (k_hi < cfg.max_k_right && !(mass_above(p, F, T, F * std::exp(k_hi)) < cfg.tail_mass)) {
    k_hi = std::min(k_hi + sd, cfg.max_k_right);
  }
  const double K_lo = F * std::exp(k_lo), K_hi = F * std::exp(k_hi);
  const std::size_t n = cfg.points;
  const double h = (K_hi - K_lo) / static_cast<double>(n - 1);

  // Prices on the grid plus one node beyond each end for the second differences.
  std::vector<double> otm(n + 2);
  for (std::size_t j = 0; j < n + 2; ++j) {
    const double K = K_lo + h * (static_cast<double>(j) - 1.0);
    otm[j] = K > 0 ? otm_price(p, F, K, T) : 0.0;
  }
  out.strike.resize(n);
  out.pdf.resize(n);
  const double inv_h2 = 1.0 / (h * h);
  for (std::size_t i = 0; i < n; ++i) {
    const double K = K_lo + h * static_cast<double>(i);
    out.strike[i] = K;
    const double Km = K - h, Kp = K + h;
    double q;
    if ((Km < F) == (Kp < F)) {  // the stencil stays on one side: difference the OTM prices
      q = (otm[i + 2] - 2.0 * otm[i + 1] + otm[i]) * inv_h2;
    } else {
      q = (as_call(otm[i + 2], F, Kp) - 2.0 * as_call(otm[i + 1], F, K) + as_call(otm[i], F, Km)) * inv_h2;
    }
    out.pdf[i] = q;
  }
  out.tail_left = mass_below(p, F, T, K_lo);
  out.tail_right = mass_above(p, F, T, K_hi);

  auto trapezoid = [&](auto&& f) {
    double s = 0.5 * (f(0) + f(n - 1));
    for (std::size_t i = 1; i + 1 < n; ++i) s += f(i);
    return s * h;
  };
  out.integral = trapezoid([&](std::size_t i) { return out.pdf[i]; });
  out.integral_ok = std::abs(out.integral - 1.0) <= cfg.integral_tolerance;

  for (std::size_t i = 0; i < n; ++i) {
    if (out.pdf[i] < 0.0) {
      ++out.clipped_points;
      const double wgt = (i == 0 || i + 1 == n) ? 0.5 * h : h;
      out.clipped_mass += -out.pdf[i] * wgt;
      out.pdf[i] = 0.0;
    }
  }
  const double mass = trapezoid([&](std::size_t i) { return out.pdf[i]; });
  if (!(mass > 0) || !std::isfinite(mass)) {
    out.reason = "density has no positive mass on the grid";
    return out;
  }
  for (double& q : out.pdf) q /= mass;

  out.mean = trapezoid([&](std::size_t i) { return out.strike[i] * out.pdf[i]; });
  const double mu = out.mean;
  double m2 = 0, m3 = 0, m4 = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const double d = out.strike[j] - mu, wq = out.pdf[j] * ((j == 0 || j + 1 == n) ? 0.5 * h : h);
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
      const double step = 0.5 * h * (out.pdf[i] + out.pdf[i + 1]);
      if (cdf + step >= level) break;
      cdf += step;
      ++i;
    }
    if (i + 1 >= n) {
      out.quantiles.push_back({level, out.strike[n - 1]});
      continue;
    }
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

#include <gd/exposure/profile.hpp>

#include <algorithm>
#include <cmath>

#include "profile_kernel.hpp"

namespace gd::exposure {

profile_inputs make_profile_inputs(const contract_set& c) {
  constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;
  profile_inputs in;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c.excluded[i] != exclusion::none) continue;
    const double s = c.sigma[i] * std::sqrt(c.T[i]);
    if (!(s > 0.0)) continue;
    const double ratio = c.forward[i] / c.spot;   // c = F/S, kept fixed across levels
    const double q = c.position(i);
    in.inv_s.push_back(1.0 / s);
    in.shift.push_back(std::log(ratio / c.strike[i]) / s + 0.5 * s);
    in.gex_coef.push_back(q * 0.01 * c.df[i] * ratio * inv_sqrt_2pi / s);
    const double dex = q * c.df[i] * ratio;
    in.dex_coef.push_back(dex);
    in.is_call.push_back(c.is_call[i]);
    if (!c.is_call[i]) in.put_dex_coef_sum += dex;
  }
  return in;
}

std::vector<double> profile_prices(double spot, std::size_t levels, double low, double high) {
  std::vector<double> out(levels);
  if (levels == 0) return out;
  const double lo = spot * low, hi = spot * high;
  out[0] = lo;
  if (levels == 1) return out;
  // Geometric: x_j = lo (hi/lo)^(j/(levels-1)), both ends exact.
  const double h = std::log(hi / lo) / static_cast<double>(levels - 1);
  for (std::size_t j = 1; j + 1 < levels; ++j) out[j] = lo * std::exp(h * static_cast<double>(j));
  out[levels - 1] = hi;
  return out;
}

bool profile_uses_avx2() noexcept {
#if defined(GD_EXPOSURE_AVX2)
  static const bool yes = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return yes;
#else
  return false;
#endif
}

namespace {

// Grid path limits. The per-interval DEX quadrature (5-point Lobatto on phi over a step of b in
// d) is accurate to ~1e-15 of |dex_coef| for b <= 0.15 and ~1e-13 at b = 0.25; contracts with a
// larger step (s below ~h/0.25: hours to expiry on the default grid) go through the exact kernel,
// where their window is short anyway.
constexpr double grid_max_step = 0.25;

// The log prices form an arithmetic progression u_0 + j h to rounding (profile_prices does).
bool is_log_spaced(std::span<const double> u, double& h) {
  const std::size_t m = u.size();
  if (m < 2) return false;
  h = (u[m - 1] - u[0]) / static_cast<double>(m - 1);
  if (!(h > 0.0) || !std::isfinite(h)) return false;
  const double tol = 1e-14 * std::max({1.0, std::abs(u[0]), std::abs(u[m - 1])});
  for (std::size_t j = 1; j + 1 < m; ++j)
    if (!(std::abs(u[j] - (u[0] + h * static_cast<double>(j))) <= tol)) return false;
  return true;
}

double normal_cdf(double d) {
  if (d < -detail::d1_cut) return 0.0;
  if (d > detail::d1_cut) return 1.0;
  const double q = detail::lower_tail(std::abs(d), std::exp(-0.5 * d * d));
  return d > 0.0 ? 1.0 - q : q;
}

}  // namespace

// Two paths. On a log-spaced grid (profile_prices) each contract whose d1 step b = h/s is at most
// grid_max_step goes through the recurrence kernel (profile_kernel.hpp): GEX from the recurrence,
// and DEX from dDEX/du = 100 * GEX/S' (delta is the integral of gamma): per contract
// d/du [dex_coef N(d1)] = dex_coef phi(d1)/s = 100 gex_coef exp(-d1^2/2), so
//   H(u_j) = sum dex_coef N(d1(u_j)) = H(u_0) + 100 sum_{k<j} integral over [u_k, u_k+1] of g(u),
// with H(u_0) from one exact N per contract and each interval by 5-point Gauss-Lobatto (its end
// points are the levels' own GEX sums, its three interior nodes follow the same recurrence).
// Everything else (other grids, short steps) goes through the exact per-level kernel.
void evaluate_profile(const profile_inputs& in, std::span<const double> prices, std::span<double> out_gex,
                      std::span<double> out_dex, bool portable_only) {
  const bool with_dex = !out_dex.empty();
  const std::size_t m = prices.size();
  std::vector<double> u(m), g(m, 0.0), n(m, 0.0), step(m + 1, 0.0);
  for (std::size_t j = 0; j < m; ++j) u[j] = std::log(prices[j]);
#if defined(GD_EXPOSURE_AVX2)
  const bool avx2 = !portable_only && profile_uses_avx2();
#else
  (void)portable_only;
  const bool avx2 = false;
#endif

  // Split the contracts between the two paths.
  constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;
  double h = 0.0;
  const bool grid = is_log_spaced(u, h);
  std::vector<double> ga, gb, gg, gd;                  // grid path: a, b, gex_coef, dex_coef
  std::vector<double> x_inv_s, x_shift, x_gex, x_dex;  // exact path
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double b = h * in.inv_s[i];
    // The DEX integral needs gex_coef = 0.01 dex_coef / (s sqrt(2 pi)) (make_profile_inputs).
    const double implied = 0.01 * in.dex_coef[i] * in.inv_s[i] * inv_sqrt_2pi;
    const bool consistent = std::abs(in.gex_coef[i] - implied) <= 1e-12 * std::abs(implied);
    if (grid && b <= grid_max_step && b > 0.0 && (consistent || !with_dex)) {
      ga.push_back(u[0] * in.inv_s[i] + in.shift[i]);
      gb.push_back(b);
      gg.push_back(in.gex_coef[i]);
      gd.push_back(in.dex_coef[i]);
    } else {
      x_inv_s.push_back(in.inv_s[i]);
      x_shift.push_back(in.shift[i]);
      x_gex.push_back(in.gex_coef[i]);
      x_dex.push_back(in.dex_coef[i]);
    }
  }

  if (!x_inv_s.empty()) {
    const detail::kernel_args a{x_inv_s.size(), x_inv_s.data(), x_shift.data(), x_gex.data(), x_dex.data(),
                                m, u.data(), g.data(), n.data(), step.data(), with_dex};
    avx2 ? detail::profile_kernel_avx2(a) : detail::profile_kernel_generic(a);
  }

  std::vector<double> hsum;   // grid path: sum of dex_coef N(d1) per level
  if (!ga.empty()) {
    std::vector<double> acc(4 * m, 0.0), mid(with_dex ? 4 * m : 0, 0.0);
    const detail::grid_args a{ga.size(), ga.data(), gb.data(), gg.data(), m, acc.data(),
                              with_dex ? mid.data() : nullptr};
    avx2 ? detail::grid_kernel_avx2(a) : detail::grid_kernel_generic(a);
    std::vector<double> gsum(m);
    for (std::size_t j = 0; j < m; ++j) {
      gsum[j] = (acc[4 * j] + acc[4 * j + 1]) + (acc[4 * j + 2] + acc[4 * j + 3]);
      g[j] += gsum[j];
    }
    if (with_dex) {
      double h0 = 0.0;
      for (std::size_t i = 0; i < ga.size(); ++i) h0 += gd[i] * normal_cdf(ga[i]);
      hsum.resize(m);
      hsum[0] = h0;
      const double scale = 100.0 * h;
      for (std::size_t j = 0; j + 1 < m; ++j) {
        const double inner = (mid[4 * j] + mid[4 * j + 1]) + (mid[4 * j + 2] + mid[4 * j + 3]);
        hsum[j + 1] = hsum[j] + scale * (detail::lobatto_end * (gsum[j] + gsum[j + 1]) + inner);
      }
    }
  }

  double ended = 0.0;   // dex_coef of contracts whose window ended below this level (N = 1)
  for (std::size_t j = 0; j < m; ++j) {
    ended += step[j];
    out_gex[j] = prices[j] * g[j];
    if (with_dex) out_dex[j] = prices[j] * (n[j] + ended + (hsum.empty() ? 0.0 : hsum[j]) - in.put_dex_coef_sum);
  }
}

std::vector<double> zero_crossings(std::span<const double> x, std::span<const double> y) {
  std::vector<double> out;
  std::size_t last = x.size();   // the last index with a non-zero value
  for (std::size_t j = 0; j < x.size(); ++j) {
    if (y[j] == 0.0 || !std::isfinite(y[j])) continue;
    if (last != x.size() && ((y[last] < 0.0) != (y[j] < 0.0))) {
      if (j == last + 1) {
        out.push_back(x[last] - y[last] * (x[j] - x[last]) / (y[j] - y[last]));
      } else {
        out.push_back(0.5 * (x[last + 1] + x[j - 1]));   // a run of exact zeros
      }
    }
    last = j;
  }
  return out;
}

std::optional<double> nearest_crossing(std::span<const double> crossings, double spot) {
  std::optional<double> best;
  for (double x : crossings) {
    if (!best || std::abs(x - spot) < std::abs(*best - spot)) best = x;   // ascending: ties keep the lower
  }
  return best;
}

gamma_profile compute_profile(const profile_inputs& in, double spot, std::size_t levels, double low, double high) {
  gamma_profile p;
  p.spot = spot;
  const std::vector<double> x = profile_prices(spot, levels, low, high);
  std::vector<double> g(levels), d(levels);
  evaluate_profile(in, x, g, d);
  p.levels.reserve(levels);
  for (std::size_t j = 0; j < levels; ++j) p.levels.push_back({x[j], g[j], d[j]});
  p.gamma_flips = zero_crossings(x, g);
  p.gamma_flip = nearest_crossing(p.gamma_flips, spot);
  return p;
}

gamma_profile compute_profile(const contract_set& c, const exposure_params& p) {
  return compute_profile(make_profile_inputs(c), c.spot, p.profile_levels, p.profile_low, p.profile_high);
}

}  // namespace gd::exposure

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
  if (levels == 1) {
    out[0] = spot * low;
    return out;
  }
  const double lo = spot * low, hi = spot * high;
  const double step = (hi - lo) / static_cast<double>(levels - 1);
  for (std::size_t j = 0; j < levels; ++j) out[j] = lo + step * static_cast<double>(j);
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

void evaluate_profile(const profile_inputs& in, std::span<const double> prices, std::span<double> out_gex,
                      std::span<double> out_dex, bool portable_only) {
  const bool with_dex = !out_dex.empty();
  const std::size_t m = prices.size();
  std::vector<double> u(m), g(m, 0.0), n(m, 0.0), step(m + 1, 0.0);
  for (std::size_t j = 0; j < m; ++j) u[j] = std::log(prices[j]);
  const detail::kernel_args a{in.size(), in.inv_s.data(), in.shift.data(), in.gex_coef.data(), in.dex_coef.data(),
                              m, u.data(), g.data(), n.data(), step.data(), with_dex};
#if defined(GD_EXPOSURE_AVX2)
  if (!portable_only && profile_uses_avx2()) {
    detail::profile_kernel_avx2(a);
  } else {
    detail::profile_kernel_generic(a);
  }
#else
  (void)portable_only;
  detail::profile_kernel_generic(a);
#endif
  double ended = 0.0;   // dex_coef of contracts whose window ended below this level (N = 1)
  for (std::size_t j = 0; j < m; ++j) {
    ended += step[j];
    out_gex[j] = prices[j] * g[j];
    if (with_dex) out_dex[j] = prices[j] * (n[j] + ended - in.put_dex_coef_sum);
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

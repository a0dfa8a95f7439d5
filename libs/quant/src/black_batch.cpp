// Batch greeks through the SIMD kernel (simd_dispatch.hpp); degenerate inputs are patched from
// the scalar path.
#include <gd/quant/black.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <gd/quant/normal_distribution.hpp>

#include "simd_dispatch.hpp"

namespace gd::quant {
namespace {

constexpr std::size_t block = 64;

// Zero vol or zero time, non-positive or non-finite inputs: rare, so the SIMD kernel computes
// garbage for them and they are patched afterwards from the scalar path.
bool degenerate(double F, double K, double T, double sigma, double df) noexcept {
  return !(sigma * T > 0.0) || !(F > 0.0) || !(K > 0.0) || !(df > 0.0) ||
         !(std::isfinite(F) && std::isfinite(K) && std::isfinite(T) && std::isfinite(sigma) &&
           std::isfinite(df));
}

greeks degenerate_greeks(bool call, double F, double K, double T, double sigma, double df,
                         double rate) noexcept {
  if (!(F > 0.0 && K > 0.0 && df > 0.0 && T >= 0.0 && sigma >= 0.0) ||
      !(std::isfinite(F) && std::isfinite(K) && std::isfinite(T) && std::isfinite(sigma) &&
        std::isfinite(df)))
    return black76_greeks(call ? option_right::call : option_right::put, F, K, T, sigma, df);
  const double w = call ? 1.0 : -1.0;
  const double itm = w * (F - K) > 0.0 ? 1.0 : 0.0;
  greeks g{};
  g.price = df * itm * w * (F - K);
  g.delta = df * itm * w;
  g.dual_delta = -df * itm * w;
  g.theta = rate * g.price;
  g.rho = -T * g.price;
  g.charm = rate * g.delta;
  return g;
}

greeks nan_greeks() noexcept {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  return {nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan};
}

void put(double* const* dst, std::size_t i, const greeks& g) noexcept {
  const double vals[11] = {g.price, g.delta, g.gamma, g.vega,  g.theta,     g.rho,
                           g.vanna, g.charm, g.vomma, g.speed, g.dual_delta};
  for (int k = 0; k < 11; ++k)
    if (dst[k]) dst[k][i] = vals[k];
}

}  // namespace

// The SIMD kernel (simd_kernels.hpp: black_kernel.hpp's formulas with one exp and one erfcx per
// normal tail) writes straight into the outputs that exist.
void black76_greeks_batch(std::size_t n, const double* F, const double* K, const double* T,
                          const double* sigma, const double* df, const std::uint8_t* is_call,
                          const greeks_out& out) noexcept {
  if (n == 0) return;
  double* const dst[11] = {out.price, out.delta, out.gamma, out.vega,  out.theta,     out.rho,
                           out.vanna, out.charm, out.vomma, out.speed, out.dual_delta};
  detail::simd().black76_greeks(n, F, K, T, sigma, df, nullptr, is_call, dst);
  for (std::size_t i = 0; i < n; ++i) {
    if (!degenerate(F[i], K[i], T[i], sigma[i], df[i])) continue;
    const double rate = T[i] > 0.0 ? -std::log(df[i]) / T[i] : 0.0;
    put(dst, i, degenerate_greeks(is_call[i] != 0, F[i], K[i], T[i], sigma[i], df[i], rate));
  }
}

// BSM: Black-76 on F = S exp((r-q)T) per block, then the chain rule in S, r and T (black.cpp).
void bsm_greeks_batch(std::size_t n, const double* S, const double* K, const double* T,
                      const double* rate, const double* q, const double* sigma,
                      const std::uint8_t* is_call, const greeks_out& out) noexcept {
  double f[block], d[block], v[11][block];
  double* const tmp[11] = {v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]};
  double* const dst[11] = {out.price, out.delta, out.gamma, out.vega,  out.theta,     out.rho,
                           out.vanna, out.charm, out.vomma, out.speed, out.dual_delta};
  for (std::size_t start = 0; start < n; start += block) {
    const std::size_t m = std::min(block, n - start);
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t i = start + j;
      f[j] = S[i] * std::exp((rate[i] - q[i]) * T[i]);
      d[j] = std::exp(-rate[i] * T[i]);
    }
    detail::simd().black76_greeks(m, f, K + start, T + start, sigma + start, d, rate + start,
                                  is_call + start, tmp);
    for (std::size_t j = 0; j < m; ++j) {
      const std::size_t i = start + j;
      if (!degenerate(f[j], K[i], T[i], sigma[i], d[j]) && std::isfinite(rate[i]) &&
          std::isfinite(q[i]))
        continue;
      greeks g = degenerate_greeks(is_call[i] != 0, f[j], K[i], T[i], sigma[i], d[j], rate[i]);
      if (!std::isfinite(rate[i]) || !std::isfinite(q[i])) g = nan_greeks();
      const double vals[11] = {g.price, g.delta, g.gamma, g.vega,  g.theta,     g.rho,
                               g.vanna, g.charm, g.vomma, g.speed, g.dual_delta};
      for (int k = 0; k < 11; ++k) v[k][j] = vals[k];
    }
    for (std::size_t j = 0; j < m; ++j) {
      // Chain rule from Black-76 on F = S exp((r-q)T) to BSM in S (see black.cpp).
      const std::size_t i = start + j;
      const double mult = f[j] / S[i];
      const double carry = rate[i] - q[i];
      const double price = v[0][j], delta = v[1][j], gamma = v[2][j];
      v[1][j] = delta * mult;
      v[2][j] = gamma * mult * mult;
      v[6][j] *= mult;
      v[9][j] *= mult * mult * mult;
      v[5][j] = T[i] * (f[j] * delta - price);
      v[4][j] -= delta * carry * f[j];
      v[7][j] = (v[7][j] - gamma * carry * f[j]) * mult - delta * carry * mult;
    }
    for (int k = 0; k < 11; ++k)
      if (dst[k]) std::memcpy(dst[k] + start, v[k], m * sizeof(double));
  }
}

void black76_price_batch(std::size_t n, const double* F, const double* K, const double* T,
                         const double* sigma, const double* df, const std::uint8_t* is_call,
                         double* price_out) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    price_out[i] = black76_price(is_call[i] ? option_right::call : option_right::put, F[i], K[i],
                                 T[i], sigma[i], df[i]);
}

}  // namespace gd::quant

// Batch greeks: blocks of options are evaluated into local arrays by one tight loop (no
// per-element branches on which outputs are wanted), then copied to the outputs that exist.
#include <gd/quant/black.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

#include <gd/quant/normal_distribution.hpp>

#include "black_kernel.hpp"

namespace gd::quant {
namespace {

constexpr std::size_t block = 64;

struct libm_math {
  static double exp(double x) noexcept { return std::exp(x); }
  static double log(double x) noexcept { return std::log(x); }
  static double sqrt(double x) noexcept { return std::sqrt(x); }
  static double norm_cdf(double x) noexcept { return 0.5 * std::erfc(-x * inv_sqrt_2); }
};

struct block_values {
  double v[11][block];
};

// Zero vol or zero time (or invalid inputs) are rare: they are patched after the block.
void patch_degenerate(std::size_t i, std::size_t j, double F, double K, double T, double sigma,
                      double df, double rate, bool call, block_values& out) noexcept {
  greeks g;
  if (!(F > 0.0 && K > 0.0 && df > 0.0 && T >= 0.0 && sigma >= 0.0)) {
    g = black76_greeks(call ? option_right::call : option_right::put, F, K, T, sigma, df);
  } else {
    const double w = call ? 1.0 : -1.0;
    const double itm = w * (F - K) > 0.0 ? 1.0 : 0.0;
    g = {};
    g.price = df * itm * w * (F - K);
    g.delta = df * itm * w;
    g.dual_delta = -df * itm * w;
    g.theta = rate * g.price;
    g.rho = -T * g.price;
    g.charm = rate * g.delta;
  }
  const double vals[11] = {g.price, g.delta, g.gamma, g.vega,  g.theta,     g.rho,
                           g.vanna, g.charm, g.vomma, g.speed, g.dual_delta};
  for (int k = 0; k < 11; ++k) out.v[k][j] = vals[k];
  (void)i;
}

void store(const greeks_out& out, std::size_t start, std::size_t m, const block_values& b) noexcept {
  double* const dst[11] = {out.price, out.delta, out.gamma, out.vega,  out.theta,     out.rho,
                           out.vanna, out.charm, out.vomma, out.speed, out.dual_delta};
  for (int k = 0; k < 11; ++k)
    if (dst[k]) std::memcpy(dst[k] + start, b.v[k], m * sizeof(double));
}

// f(i) -> (F, K, T, sigma, df, rate, call) for element i: shared by both models.
template <class Inputs>
void run_blocks(std::size_t n, const Inputs& in, const greeks_out& out,
                bool bsm, const double* S, const double* rate_in, const double* q_in) noexcept {
  block_values b;
  for (std::size_t start = 0; start < n; start += block) {
    const std::size_t m = std::min(block, n - start);
    bool degenerate = false;
    for (std::size_t j = 0; j < m; ++j) {
      const detail::black_inputs e = in(start + j);
      degenerate |= !(e.sigma * e.T > 0.0) || !(e.F > 0.0) || !(e.K > 0.0) || !(e.df > 0.0);
      const detail::black_values v = detail::black76_kernel<libm_math>(e);
      b.v[0][j] = v.price; b.v[1][j] = v.delta; b.v[2][j] = v.gamma; b.v[3][j] = v.vega;
      b.v[4][j] = v.theta; b.v[5][j] = v.rho; b.v[6][j] = v.vanna; b.v[7][j] = v.charm;
      b.v[8][j] = v.vomma; b.v[9][j] = v.speed; b.v[10][j] = v.dual_delta;
    }
    if (degenerate) {
      for (std::size_t j = 0; j < m; ++j) {
        const detail::black_inputs e = in(start + j);
        if (!(e.sigma * e.T > 0.0) || !(e.F > 0.0) || !(e.K > 0.0) || !(e.df > 0.0))
          patch_degenerate(start + j, j, e.F, e.K, e.T, e.sigma, e.df, e.rate, e.call, b);
      }
    }
    if (bsm) {
      // Chain rule from Black-76 on F = S exp((r-q)T) to BSM in S (see black.cpp).
      for (std::size_t j = 0; j < m; ++j) {
        const std::size_t i = start + j;
        const detail::black_inputs e = in(i);
        const double mult = e.F / S[i];
        const double carry = rate_in[i] - q_in[i];
        const double price = b.v[0][j], delta = b.v[1][j], gamma = b.v[2][j];
        b.v[1][j] = delta * mult;
        b.v[2][j] = gamma * mult * mult;
        b.v[6][j] *= mult;
        b.v[9][j] *= mult * mult * mult;
        b.v[5][j] = e.T * (e.F * delta - price);
        b.v[4][j] -= delta * carry * e.F;
        b.v[7][j] = (b.v[7][j] - gamma * carry * e.F) * mult - delta * carry * mult;
      }
    }
    store(out, start, m, b);
  }
}

}  // namespace

void black76_greeks_batch(std::size_t n, const double* F, const double* K, const double* T,
                          const double* sigma, const double* df, const std::uint8_t* is_call,
                          const greeks_out& out) noexcept {
  const auto in = [=](std::size_t i) {
    const double rate = T[i] > 0.0 ? -std::log(df[i]) / T[i] : 0.0;
    return detail::black_inputs{F[i], K[i], T[i], sigma[i], df[i], rate, is_call[i] != 0};
  };
  run_blocks(n, in, out, false, nullptr, nullptr, nullptr);
}

void bsm_greeks_batch(std::size_t n, const double* S, const double* K, const double* T,
                      const double* rate, const double* q, const double* sigma,
                      const std::uint8_t* is_call, const greeks_out& out) noexcept {
  const auto in = [=](std::size_t i) {
    const double f = S[i] * std::exp((rate[i] - q[i]) * T[i]);
    return detail::black_inputs{f, K[i], T[i], sigma[i], std::exp(-rate[i] * T[i]), rate[i],
                                is_call[i] != 0};
  };
  run_blocks(n, in, out, true, S, rate, q);
}

void black76_price_batch(std::size_t n, const double* F, const double* K, const double* T,
                         const double* sigma, const double* df, const std::uint8_t* is_call,
                         double* price_out) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    price_out[i] = black76_price(is_call[i] ? option_right::call : option_right::put, F[i], K[i],
                                 T[i], sigma[i], df[i]);
}

}  // namespace gd::quant

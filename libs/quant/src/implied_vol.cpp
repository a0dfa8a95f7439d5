#include <gd/quant/implied_vol.hpp>

#include <cmath>
#include <cstdint>
#include <limits>

#include <gd/quant/normal_distribution.hpp>

#include "normalised_implied_vol.hpp"
#include "simd_dispatch.hpp"

namespace gd::quant {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double eps = std::numeric_limits<double>::epsilon();

iv_result fail(iv_status s) noexcept { return {nan, s}; }

bool finite_positive(double v) noexcept { return v > 0.0 && std::isfinite(v); }

// The pipeline, shared by the scalar function (a block of one) and the batch, so that both give
// the same bits. Per block of options:
//  1. scalar checks (statuses), parity to the out-of-the-money time value, beta = normalised
//     price;
//  2. SIMD: x = -|ln(F/K)|, the upper bound exp(x/2) and b_c = b(x, s_c) at the inflection point;
//  3. split by branch: lower branch (nearly every option on a chain) and the middle objective go
//     to the SIMD solvers; the upper-branch objective ln(exp(x/2) - b) (long-dated near the
//     money) and any lane the SIMD solver reports as not converged inside the region where its
//     b(x, s) is accurate (t = s/2 < 0.2, h + t > -10: deep wings with tiny s, large s) are solved
//     by the scalar solver (normalised_implied_vol_otm), which handles the whole domain.
constexpr std::size_t block = 256;

// Work arrays for up to B options (B = 1 for the scalar function, so it needs little stack).
template <std::size_t B>
struct block_work {
  std::uint16_t idx[B];               // pending option -> index in the block
  double F[B], K[B], df[B], tv[B], T[B];
  double beta[B], x[B], b_max[B], b_c[B], inv_sqrt_t[B];
  std::uint16_t lower[B], middle[B], scalar[B];
  double l_x[B], l_beta[B], l_bc[B], l_s[B];
  double m_x[B], m_beta[B], m_s0[B], m_lo[B], m_s[B];
  std::uint8_t l_ok[B], m_ok[B];
};

template <std::size_t B>
void solve_block(std::size_t n, const double* price, const double* F, const double* K,
                 const double* T, const double* df, const std::uint8_t* is_call, double* vol_out,
                 iv_status* status_out, block_work<B>& w) noexcept {
  const detail::simd_kernels& simd = detail::simd();
  std::size_t m = 0;
  for (std::size_t j = 0; j < n; ++j) {
    vol_out[j] = nan;
    iv_status st = iv_status::ok;
    const bool call = is_call[j] != 0;
    const double p = price[j], f = F[j], k = K[j], d = df[j];
    if (!finite_positive(f) || !finite_positive(k) || !finite_positive(T[j]) ||
        !finite_positive(d) || !std::isfinite(p) || p < 0.0) {
      st = iv_status::invalid_input;
    } else if (p >= d * (call ? f : k)) {
      st = iv_status::above_upper_bound;
    } else {
      const bool otm = call ? f <= k : f >= k;
      double time_value = p;
      double tolerance = 0.0;
      if (!otm) {
        // In the money: the time value is the out-of-the-money price of the other right
        // (parity). The subtraction carries an error of a few ulps of the price; within that,
        // the price is taken as exactly intrinsic.
        time_value = p - d * (call ? f - k : k - f);
        tolerance = 4.0 * eps * p;
      }
      if (time_value < -tolerance) {
        st = iv_status::below_intrinsic;
      } else {
        if (!(time_value > 0.0)) {
          vol_out[j] = 0.0;
        } else {
          w.idx[m] = static_cast<std::uint16_t>(j);
          w.F[m] = f;
          w.K[m] = k;
          w.df[m] = d;
          w.tv[m] = time_value;
          w.T[m] = T[j];
          ++m;
        }
      }
    }
    if (status_out) status_out[j] = st;
  }
  if (m == 0) return;
  simd.iv_prepare(m, w.F, w.K, w.df, w.tv, w.T, w.x, w.beta, w.b_max, w.b_c, w.inv_sqrt_t);

  std::size_t nl = 0, nm = 0, ns = 0;
  for (std::size_t p = 0; p < m; ++p) {
    const double x = w.x[p], beta = w.beta[p], b_max = w.b_max[p], b_c = w.b_c[p];
    if (!(beta > 0.0)) {  // the time value underflowed in the normalisation
      vol_out[w.idx[p]] = 0.0;
      continue;
    }
    if (beta >= b_max) {
      if (status_out) status_out[w.idx[p]] = iv_status::above_upper_bound;
      continue;
    }
    if (beta < b_c && x < 0.0) {
      w.lower[nl] = static_cast<std::uint16_t>(p);
      w.l_x[nl] = x;
      w.l_beta[nl] = beta;
      w.l_bc[nl] = b_c;
      ++nl;
      continue;
    }
    // Above s_c: the start and bracket of normalised_implied_vol_otm.
    const double s_c = std::sqrt(-2.0 * x);
    const double v_c = inv_sqrt_2pi * b_max;
    const double tangent = s_c + (beta - b_c) / v_c;
    const double gap = (b_max - beta) / (b_max + 1.0 / b_max);
    const double s_atm = -2.0 * norm_cdf_inverse(gap);
    const double s0 = s_atm > tangent ? s_atm : tangent;
    const double s_u = s_c + (b_max - b_c) / v_c;
    if (s0 > s_u || !(s0 < INFINITY)) {
      w.scalar[ns++] = static_cast<std::uint16_t>(p);
      continue;
    }
    w.middle[nm] = static_cast<std::uint16_t>(p);
    w.m_x[nm] = x;
    w.m_beta[nm] = beta;
    w.m_s0[nm] = s0;
    w.m_lo[nm] = tangent > s_c ? tangent : s_c;
    ++nm;
  }

  const auto finish = [&](std::size_t p, double s) {
    vol_out[w.idx[p]] = s * w.inv_sqrt_t[p];
  };
  if (nl) {
    simd.iv_solve_lower(nl, w.l_x, w.l_beta, w.l_bc, w.l_s, w.l_ok);
    for (std::size_t q = 0; q < nl; ++q) {
      if (w.l_ok[q]) finish(w.lower[q], w.l_s[q]);
      else w.scalar[ns++] = w.lower[q];
    }
  }
  if (nm) {
    simd.iv_solve_middle(nm, w.m_x, w.m_beta, w.m_s0, w.m_lo, w.m_s, w.m_ok);
    for (std::size_t q = 0; q < nm; ++q) {
      if (w.m_ok[q]) finish(w.middle[q], w.m_s[q]);
      else w.scalar[ns++] = w.middle[q];
    }
  }
  for (std::size_t q = 0; q < ns; ++q) {
    const std::size_t p = w.scalar[q];
    finish(p, detail::normalised_implied_vol_otm(w.beta[p], w.x[p]));
  }
}

iv_result solve_one(double price, bool call, double F, double K, double T, double df) noexcept {
  block_work<1> w;
  const std::uint8_t c = call ? 1 : 0;
  iv_result r;
  solve_block(1, &price, &F, &K, &T, &df, &c, &r.vol, &r.status, w);
  return r;
}

}  // namespace

const char* to_string(iv_status s) noexcept {
  switch (s) {
    case iv_status::ok: return "ok";
    case iv_status::below_intrinsic: return "below_intrinsic";
    case iv_status::above_upper_bound: return "above_upper_bound";
    case iv_status::invalid_input: return "invalid_input";
  }
  return "unknown";
}

iv_result implied_vol_black76(double price, gd::option_right r, double F, double K, double T,
                              double df) noexcept {
  return solve_one(price, r == gd::option_right::call, F, K, T, df);
}

iv_result implied_vol_bsm(double price, gd::option_right r, double S, double K, double T,
                          double rate, double q) noexcept {
  if (!std::isfinite(rate) || !std::isfinite(q) || !finite_positive(S) || !finite_positive(T))
    return fail(iv_status::invalid_input);
  const double F = S * std::exp((rate - q) * T);
  const double df = std::exp(-rate * T);
  return solve_one(price, r == gd::option_right::call, F, K, T, df);
}

void implied_vol_black76_batch(std::size_t n, const double* price, const double* F, const double* K,
                               const double* T, const double* df, const std::uint8_t* is_call,
                               double* vol_out, iv_status* status_out) noexcept {
  block_work<block> w;
  for (std::size_t i = 0; i < n; i += block) {
    const std::size_t m = n - i < block ? n - i : block;
    solve_block(m, price + i, F + i, K + i, T + i, df + i, is_call + i, vol_out + i,
                status_out ? status_out + i : nullptr, w);
  }
}

}  // namespace gd::quant

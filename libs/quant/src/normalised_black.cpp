#include "normalised_black.hpp"

#include <cmath>

#include <gd/quant/normal_distribution.hpp>

namespace gd::quant::detail {
namespace {

// Below h + t = -10 both erfcx arguments exceed 7, where the asymptotic series of erfcx
// converges to full precision in at most ~20 terms.
constexpr double asymptotic_threshold = -10.0;
// Below t = 0.2 the odd Taylor series in t converges to full precision within 9 terms.
constexpr double small_t_threshold = 0.2;

// exp(-(h^2 + t^2)/2) with h = x/s, t = s/2, to a few ulps: the rounding errors of x/s, h*h
// and t*t are carried by fma so that an exponent of several hundred keeps full precision.
double gaussian_factor(double x, double s, double h, double t) noexcept {
  const double h_err = std::fma(-h, s, x) / s;  // x/s = h + h_err
  const double hh = h * h;
  const double tt = t * t;
  const double correction = std::fma(h, h, -hh) + 2.0 * h * h_err + std::fma(t, t, -tt);
  return std::exp(-0.5 * (hh + tt)) * (1.0 - 0.5 * correction);
}

// With z = -h/sqrt2, w = t/sqrt2: b = exp(-(h^2+t^2)/2)/2 * (erfcx(z-w) - erfcx(z+w)).
// Far out (z - w >= 7) each erfcx is an asymptotic series sum_n c_n u^-(2n+1); the difference
// of the two is taken term by term as u1^-m (1-q)(1+q+...+q^(m-1)), q = u1/u2, so nothing cancels.
double asymptotic_region(double x, double s, double h, double t) noexcept {
  const double z = -h * inv_sqrt_2;
  const double w = t * inv_sqrt_2;
  const double u1 = z - w;
  const double u2 = z + w;
  const double q = u1 / u2;
  const double one_minus_q = 2.0 * w / u2;
  const double inv_u1 = 1.0 / u1;
  const double inv_u1_sq = inv_u1 * inv_u1;
  const double r = 0.5 * inv_u1_sq;   // 1/(2 u1^2): the ratio of consecutive powers with 2^-n
  double sum = 0.0;
  double coeff = 1.0;                 // (-1)^n (2n-1)!! / (2 u1^2)^n
  double geometric = 1.0;             // 1 + q + ... + q^(m-1), m = 2n+1
  double q_pow = q;                   // q^m
  double prev_abs = INFINITY;
  for (int n = 0; n < 60; ++n) {
    const double term = coeff * geometric;
    const double a = std::fabs(term);
    if (a > prev_abs) break;          // the asymptotic series started to diverge
    sum += term;
    if (a <= 1e-17 * std::fabs(sum)) break;
    prev_abs = a;
    coeff *= -(2.0 * n + 1.0) * r;
    // m -> m+2: add q^m and q^(m+1).
    const double qm = q_pow * q;      // q^(m+1)
    geometric += q_pow + qm;
    q_pow = qm * q;
  }
  // D = (1/sqrt(pi)) * (1-q)/u1 * sum; b = exp(-(h^2+t^2)/2) / 2 * D.
  const double d = inv_sqrt_pi * one_minus_q * inv_u1 * sum;
  return 0.5 * gaussian_factor(x, s, h, t) * d;
}

// Small t: b = -exp(-(h^2+t^2)/2) * sum_{k odd} Y_k(z) w^k / k!, with Y_k the k-th derivative of
// erfcx at z = -h/sqrt2 >= 0 from the recurrence Y_{k+1} = 2z Y_k + 2k Y_{k-1},
// Y_1 = 2z erfcx(z) - 2/sqrt(pi). (Y_1 loses about log10(2 z^2) digits to cancellation; here
// z < 7.2, and where that matters the implied vol is insensitive to it, by a factor h^2.)
double small_t_region(double x, double s, double h, double t) noexcept {
  const double z = -h * inv_sqrt_2;
  const double w = t * inv_sqrt_2;
  double y_prev = erfcx(z);                          // Y_0
  double y = 2.0 * z * y_prev - 2.0 * inv_sqrt_pi;   // Y_1
  const double w2 = w * w;
  double sum = 0.0;
  double wk = w;  // w^k / k!
  for (int k = 1; k <= 17; k += 2) {
    sum += y * wk;
    const double y_next = 2.0 * z * y + 2.0 * k * y_prev;            // Y_{k+1}
    const double y_next2 = 2.0 * z * y_next + 2.0 * (k + 1) * y;     // Y_{k+2}
    y_prev = y_next;
    y = y_next2;
    wk *= w2 / ((k + 1.0) * (k + 2.0));
  }
  return -gaussian_factor(x, s, h, t) * sum;
}

}  // namespace

double normalised_black_otm(double x, double s) noexcept {
  const double h = x / s;
  const double t = 0.5 * s;
  if (h + t <= asymptotic_threshold) return asymptotic_region(x, s, h, t);
  if (t < small_t_threshold) return small_t_region(x, s, h, t);
  double b;
  if (h + t < 0.0) {
    // Both terms are lower tails: in the erfcx form the steep exponential is shared and taken
    // once, so the cancellation does not multiply the conditioning of each tail.
    b = 0.5 * gaussian_factor(x, s, h, t) * (erfcx(-(h + t) * inv_sqrt_2) - erfcx(-(h - t) * inv_sqrt_2));
  } else {
    b = std::exp(0.5 * x) * norm_cdf(h + t) - std::exp(-0.5 * x) * norm_cdf(h - t);
  }
  return b > 0.0 ? b : 0.0;
}

double normalised_black_otm_complement(double x, double s) noexcept {
  const double h = x / s;
  const double t = 0.5 * s;
  return std::exp(0.5 * x) * norm_cdf(-h - t) + std::exp(-0.5 * x) * norm_cdf(h - t);
}

double normalised_vega(double x, double s) noexcept {
  const double h = x / s;
  const double t = 0.5 * s;
  return inv_sqrt_2pi * gaussian_factor(x, s, h, t);
}

}  // namespace gd::quant::detail

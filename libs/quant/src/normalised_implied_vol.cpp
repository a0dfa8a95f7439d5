#include "normalised_implied_vol.hpp"

#include <cmath>

#include <gd/quant/normal_distribution.hpp>

#include "normalised_black.hpp"

namespace gd::quant::detail {
namespace {

// A Householder(3) step converges with order four: once a step is below this fraction of s, the
// remaining error is of order its fourth power, far below an ulp, so the loop stops there.
constexpr double converged_step = 2e-5;
constexpr int max_iterations = 12;

// b'/b', b''/b', b'''/b' in s from ln b'(s) = -x^2/(2 s^2) - s^2/8 + const.
struct vega_shape {
  double d2;  // b''/b'
  double d3;  // b'''/b'
};

vega_shape shape(double x, double s) noexcept {
  const double xx_s3 = x * x / (s * s * s);
  const double a = xx_s3 - 0.25 * s;
  return {a, a * a - 3.0 * xx_s3 / s - 0.25};
}

// Householder(3) step from nu = -f/f', h2 = f''/f', h3 = f'''/f'.
// Far from the root the rational correction can turn the step around or blow it up; then the
// plain Newton step is used (the caller's bracket keeps it in range).
double householder3(double nu, double h2, double h3) noexcept {
  const double step = nu * (1.0 + 0.5 * h2 * nu) / (1.0 + nu * (h2 + h3 * nu / 6.0));
  return step * nu > 0.0 && std::fabs(step) < 2.0 * std::fabs(nu) ? step : nu;
}

// Below the inflection point s_c the objective is 1/ln b(s) - 1/ln beta, which is close to
// linear in s^2 there (ln b ~ -x^2 / (2 s^2)), so the steps stay in range from a rough start.
double lower_step(double x, double s, double beta, double inv_ln_beta) noexcept {
  const double b = normalised_black_otm(x, s);
  if (!(b > 0.0)) return s;  // underflow: s is far too small; double it (the bracket limits this)
  const double v = normalised_vega(x, s);
  const vega_shape sh = shape(x, s);
  const double ln_b = std::log(b);
  const double r1 = v / b;                   // (ln b)'
  const double r2 = r1 * sh.d2 - r1 * r1;    // (ln b)''
  const double r3 = r1 * sh.d3 - 3.0 * r1 * sh.d2 * r1 + 2.0 * r1 * r1 * r1;  // (ln b)'''
  const double inv_l = 1.0 / ln_b;
  const double f = inv_l - inv_ln_beta;
  const double f1 = -r1 * inv_l * inv_l;
  const double f2 = (-r2 + 2.0 * r1 * r1 * inv_l) * inv_l * inv_l;
  const double f3 = (-r3 + 6.0 * r1 * r2 * inv_l - 6.0 * r1 * r1 * r1 * inv_l * inv_l) * inv_l * inv_l;
  (void)beta;
  return householder3(-f / f1, f2 / f1, f3 / f1);
}

// Between the branches the objective is b(s) - beta itself.
double middle_step(double x, double s, double beta) noexcept {
  const double b = normalised_black_otm(x, s);
  const double v = normalised_vega(x, s);
  const vega_shape sh = shape(x, s);
  return householder3((beta - b) / v, sh.d2, sh.d3);
}

// Above s_c the objective is ln(e^(x/2) - b(s)) - ln(e^(x/2) - beta) on the complement, which
// is computed without cancellation and flattens the approach to the upper bound.
double upper_step(double x, double s, double ln_gap_beta) noexcept {
  const double c = normalised_black_otm_complement(x, s);
  const double v = normalised_vega(x, s);
  const vega_shape sh = shape(x, s);
  const double r1 = -v / c;                  // c'/c
  const double c2 = r1 * sh.d2;              // c''/c
  const double c3 = r1 * sh.d3;              // c'''/c
  const double f = std::log(c) - ln_gap_beta;
  const double f1 = r1;
  const double f2 = c2 - r1 * r1;
  const double f3 = c3 - 3.0 * c2 * r1 + 2.0 * r1 * r1 * r1;
  return householder3(-f / f1, f2 / f1, f3 / f1);
}

// The lower branch is modelled as b ~ exp(-x^2/(2 s^2) - s^2/8) s^3 / ((x^2 + s^2) sqrt(2 pi)),
// which has the right leading behaviour both far out (|h| large) and near the money (|h| small,
// where b ~ s/sqrt(2 pi)). Its logarithm m is increasing and concave in ln s, so Newton steps in
// ln s converge monotonically after the first one; a few give a start within a few percent.
double lower_guess(double ln_beta, double x, double s_hi) noexcept {
  const double xx = x * x;
  // Leading order x^2/(2 s^2) = -ln beta: m lies below ln beta there, so this is a lower bound
  // from which the steps climb monotonically.
  const double s_lo = std::fabs(x) / std::sqrt(-2.0 * ln_beta);
  double s = s_lo;
  for (int i = 0; i < 8; ++i) {
    const double ss = s * s;
    const double u = std::log(s);
    const double m = -0.5 * xx / ss - 0.125 * ss + 3.0 * u - std::log(xx + ss) - 0.918938533204672742;
    const double dm = xx / ss - 0.25 * ss + 3.0 - 2.0 * ss / (xx + ss);  // dm / d ln s
    const double du = (ln_beta - m) / dm;
    double next = s * std::exp(du);
    if (xx > 4.0 * ss) {
      // Far out m is nearly linear in 1/s^2: Newton in that variable takes much longer strides.
      const double v = (1.0 - 2.0 * du) / ss;
      if (v > 0.0) next = 1.0 / std::sqrt(v);
    }
    if (!(next > s_lo)) next = s_lo;
    if (!(next < s_hi)) next = s_hi;
    s = next;
    if (std::fabs(du) < 1e-3) break;
  }
  return s;
}

}  // namespace

double normalised_implied_vol_otm(double beta, double x) noexcept {
  const double b_max = std::exp(0.5 * x);
  const double s_c = std::sqrt(-2.0 * x);
  // At s_c: h = -t, so b_c = e^(x/2)/2 - e^(-x/2) N(-s_c) and b'(s_c) = e^(x/2)/sqrt(2 pi).
  const double b_c = 0.5 * b_max - norm_cdf(-s_c) / b_max;
  const double v_c = inv_sqrt_2pi * b_max;

  double lo, hi, s;
  const bool lower = beta < b_c;
  if (lower) {
    lo = 0.0;
    hi = s_c;
    // b is convex below s_c, so its tangent at s_c lies below it and meets beta beyond the root.
    const double tangent = s_c - (b_c - beta) / v_c;
    if (tangent > 0.0 && tangent < hi) hi = tangent;
    s = lower_guess(std::log(beta), x, hi);
    if (!(s > lo && s < hi)) s = 0.5 * (lo + hi);
  } else {
    lo = s_c;
    hi = INFINITY;
    // b is concave above s_c, so its tangent there lies above it and meets beta before the root.
    const double tangent = s_c + (beta - b_c) / v_c;
    // With h -> 0: e^(x/2) - beta ~ (e^(x/2) + e^(-x/2)) N(-s/2).
    const double gap = (b_max - beta) / (b_max + 1.0 / b_max);
    const double s_atm = -2.0 * norm_cdf_inverse(gap);
    s = s_atm > tangent ? s_atm : tangent;
    if (tangent > lo) lo = tangent;
  }

  // Near the money with small s, b - b_max is not small and ln(b_max - b) would only lose
  // digits: above s_c the complement objective is used only beyond s_u, where the tangent at
  // s_c reaches the upper bound (as in Jaeckel's branch layout).
  enum class objective { low, middle, high };
  const double s_u = s_c + (b_max - b_c) / v_c;
  const objective obj = lower ? objective::low : (s > s_u ? objective::high : objective::middle);
  const double inv_ln_beta = obj == objective::low ? 1.0 / std::log(beta) : 0.0;
  const double ln_gap_beta = obj == objective::high ? std::log(b_max - beta) : 0.0;
  for (int i = 0; i < max_iterations; ++i) {
    double ds;
    switch (obj) {
      case objective::low: ds = lower_step(x, s, beta, inv_ln_beta); break;
      case objective::middle: ds = middle_step(x, s, beta); break;
      default: ds = upper_step(x, s, ln_gap_beta); break;
    }
    if (std::fabs(ds) <= converged_step * s) {
      s += ds;
      break;
    }
    // Keep the iterate inside the bracket; a step that leaves it (or a NaN) is a bisection.
    double next = s + ds;
    if (ds > 0.0) lo = s; else if (ds < 0.0) hi = s;
    if (!(next > lo && next < hi)) next = std::isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * s;
    s = next;
  }
  return s;
}

}  // namespace gd::quant::detail

#include <gd/quant/normal_distribution.hpp>

#include <cmath>
#include <limits>

#include <boost/math/special_functions/erf.hpp>

namespace gd::quant {
namespace {

// exp(-a*a) with a*a split exactly (fma) so that large arguments keep full relative accuracy:
// the rounding of a*a alone would cost a*a ulps.
double exp_minus_square(double a) noexcept {
  const double p = a * a;
  const double e = std::fma(a, a, -p);
  return std::exp(-p) * (1.0 - e);
}

double exp_square(double a) noexcept {
  const double p = a * a;
  const double e = std::fma(a, a, -p);
  return std::exp(p) * (1.0 + e);
}

}  // namespace

double norm_pdf(double x) noexcept { return inv_sqrt_2pi * exp_minus_square(x * inv_sqrt_2); }

double norm_cdf(double x) noexcept {
  // erfc is relatively accurate for positive arguments, so the lower tail keeps its digits.
  if (x < 0.0) return 0.5 * std::erfc(-x * inv_sqrt_2);
  return 1.0 - 0.5 * std::erfc(x * inv_sqrt_2);
}

double erfcx(double x) noexcept {
  if (std::isnan(x)) return x;
  if (x < 0.0) return 2.0 * exp_square(x) - erfcx(-x);
  if (x < 26.0) return exp_square(x) * std::erfc(x);
  // Asymptotic series 1/(x sqrt(pi)) * sum (-1)^n (2n-1)!! / (2x^2)^n; at x >= 26 the terms fall
  // by at least 1/1352 each, so eight of them reach full precision.
  const double r = 1.0 / (2.0 * x * x);
  double sum = 1.0;
  double term = 1.0;
  for (int n = 1; n <= 8; ++n) {
    term *= -(2.0 * n - 1.0) * r;
    sum += term;
  }
  return inv_sqrt_pi / x * sum;
}

double norm_cdf_inverse(double p) noexcept {
  if (!(p >= 0.0 && p <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.0) return -std::numeric_limits<double>::infinity();
  if (p == 1.0) return std::numeric_limits<double>::infinity();
  // Through erfc_inv on the smaller tail, which keeps relative accuracy for tiny p.
  if (p < 0.5) return -sqrt_2 * boost::math::erfc_inv(2.0 * p);
  return sqrt_2 * boost::math::erfc_inv(2.0 * (1.0 - p));
}

}  // namespace gd::quant

#pragma once
// The profile's inner loops, compiled twice (profile_kernel_generic.cpp, and
// profile_kernel_avx2.cpp with -mavx2 -mfma) and picked at run time. Everything here lives in an
// unnamed namespace so the two builds never merge as one inline definition (ODR).
// Branch-free scalar code that the compiler vectorizes across levels.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace gd::exposure::detail {

struct kernel_args {
  std::size_t contracts;
  const double* inv_s;
  const double* shift;
  const double* gex_coef;
  const double* dex_coef;
  std::size_t levels;
  const double* log_price;   // ascending
  double* gex_acc;           // sum of gex_coef * exp(-d1^2/2)          (levels)
  double* cdf_acc;           // sum of dex_coef * N(d1) inside the window (levels)
  double* cdf_step;          // dex_coef added where the window ends (d1 > cut: N = 1) (levels + 1)
  bool with_dex;             // false: GEX only (cdf_acc and cdf_step untouched)
};

// |d1| beyond this: exp(-d1^2/2) < 1e-307 and N(d1) is 0 to 1e-307 or exactly 1.0.
inline constexpr double d1_cut = 37.6;

void profile_kernel_generic(const kernel_args& a) noexcept;
void profile_kernel_avx2(const kernel_args& a) noexcept;

namespace {

// exp(x) for x in [-708, 0]: x = n ln2 + r, |r| <= ln2/2, 2^n from the exponent bits, e^r by its
// Taylor series to degree 13 (truncation < 4e-18 relative). About 1 ulp.
inline double exp_nonpositive(double x) noexcept {
  constexpr double log2e = 1.4426950408889634074;
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  constexpr double shifter = 6755399441055744.0;   // 1.5 * 2^52: adding it rounds to an integer
  x = std::max(x, -708.0);
  const double kd = x * log2e + shifter;
  const double n = kd - shifter;
  const double r = (x - n * ln2_hi) - n * ln2_lo;
  double p = 1.0 / 6227020800.0;                   // 1/13!
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // The low bits of kd hold n; n + 1023 in the exponent field is 2^n (n >= -1021 here).
  const std::uint64_t bits = (std::bit_cast<std::uint64_t>(kd) + 1023u) << 52;
  return p * std::bit_cast<double>(bits);
}

// N(-z) for z >= 0 given e = exp(-z^2/2): Hart's (1968) rational approximation for z < 7.07 and
// its continued fraction beyond (as in West, "Better approximations to cumulative normal
// functions", 2005), both as one ratio so there is a single division.
inline double lower_tail(double z, double e) noexcept {
  double num = 3.52624965998911e-02;
  num = num * z + 0.700383064443688;
  num = num * z + 6.37396220353165;
  num = num * z + 33.912866078383;
  num = num * z + 112.079291497871;
  num = num * z + 221.213596169931;
  num = num * z + 220.206867912376;
  double den = 8.83883476483184e-02;
  den = den * z + 1.75566716318264;
  den = den * z + 16.064177579207;
  den = den * z + 86.7807322029461;
  den = den * z + 296.564248779674;
  den = den * z + 637.333633378831;
  den = den * z + 793.826512519948;
  den = den * z + 440.413735824752;
  // z + 1/(z + 2/(z + 3/(z + 4/(z + 0.65)))) = p0 / q0 by the numerator/denominator recurrence.
  const double p4 = z + 0.65;
  const double p3 = z * p4 + 4.0;
  const double p2 = z * p3 + 3.0 * p4;
  const double p1 = z * p2 + 2.0 * p3;
  const double p0 = z * p1 + p2;
  const bool tail = z >= 7.07106781186547;
  const double top = tail ? p1 : num;
  const double bottom = tail ? 2.50662827463100050242 * p0 : den;
  return e * top / bottom;
}

inline void run_kernel(const kernel_args& a) noexcept {
  const double* __restrict u = a.log_price;
  double* __restrict g = a.gex_acc;
  double* __restrict n = a.cdf_acc;
  for (std::size_t i = 0; i < a.contracts; ++i) {
    const double inv_s = a.inv_s[i], shift = a.shift[i], gc = a.gex_coef[i], dc = a.dex_coef[i];
    // Levels where |d1| <= cut: u in [(-cut - shift) s, (cut - shift) s].
    const double s = 1.0 / inv_s;
    const double u_lo = (-d1_cut - shift) * s;
    const double u_hi = (d1_cut - shift) * s;
    const std::size_t j0 = static_cast<std::size_t>(std::lower_bound(u, u + a.levels, u_lo) - u);
    const std::size_t j1 = static_cast<std::size_t>(std::upper_bound(u + j0, u + a.levels, u_hi) - u);
    if (!a.with_dex) {
      for (std::size_t j = j0; j < j1; ++j) {
        const double d1 = u[j] * inv_s + shift;
        g[j] += gc * exp_nonpositive(-0.5 * d1 * d1);
      }
      continue;
    }
    for (std::size_t j = j0; j < j1; ++j) {
      const double d1 = u[j] * inv_s + shift;
      const double e = exp_nonpositive(-0.5 * d1 * d1);
      g[j] += gc * e;
      const double q = lower_tail(std::abs(d1), e);
      n[j] += dc * (d1 > 0.0 ? 1.0 - q : q);
    }
    a.cdf_step[j1] += dc;
  }
}

}  // namespace
}  // namespace gd::exposure::detail

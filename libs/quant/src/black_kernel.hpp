#pragma once
// One Black-76 evaluation of the full greek set, written once and shared by the scalar functions
// and the batch loops. Math is a policy (exp, log, sqrt, norm_cdf) so the batch path can use
// branch-free versions the compiler vectorizes, while the scalar path uses the libm ones.
// Private to libs/quant.
#include <cmath>

namespace gd::quant::detail {

struct black_inputs {
  double F, K, T, sigma, df, rate;  // rate = -ln(df)/T, needed by theta and charm
  bool call;
};

struct black_values {
  double price, delta, gamma, vega, theta, rho, vanna, charm, vomma, speed, dual_delta;
};

// Black-76 greeks (see black.hpp for units). Preconditions: F, K, df > 0, sigma*sqrt(T) > 0
// (the callers deal with the degenerate case).
template <class Math>
inline black_values black76_kernel(const black_inputs& in) noexcept {
  constexpr double inv_sqrt_2pi = 0.398942280401432677939946059934;
  const double sqrt_t = Math::sqrt(in.T);
  const double s = in.sigma * sqrt_t;
  const double x = Math::log(in.F / in.K);
  const double d1 = x / s + 0.5 * s;
  const double d2 = d1 - s;
  const double w = in.call ? 1.0 : -1.0;
  // Direct formula: far out of the money the two terms cancel and the price keeps a relative
  // accuracy of about eps*|x|/s^2 (ample for greeks); black76_price() is exact there.
  const double nd1 = Math::norm_cdf(w * d1);  // N(w d1)
  const double nd2 = Math::norm_cdf(w * d2);
  const double pdf = inv_sqrt_2pi * Math::exp(-0.5 * d1 * d1);
  const double df = in.df;
  const double price = df * w * (in.F * nd1 - in.K * nd2);

  black_values v;
  v.price = price;
  v.delta = df * w * nd1;
  v.gamma = df * pdf / (in.F * s);
  v.vega = df * in.F * pdf * sqrt_t;
  v.theta = in.rate * price - df * in.F * pdf * in.sigma / (2.0 * sqrt_t);
  v.rho = -in.T * price;
  v.vanna = -df * pdf * d2 / in.sigma;
  v.charm = in.rate * v.delta + df * pdf * d2 / (2.0 * in.T);
  v.vomma = v.vega * d1 * d2 / in.sigma;
  v.speed = -v.gamma / in.F * (d1 / s + 1.0);
  v.dual_delta = -df * w * nd2;
  return v;
}

}  // namespace gd::quant::detail

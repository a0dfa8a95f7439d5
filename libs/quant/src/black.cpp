#include <gd/quant/black.hpp>

#include <cmath>
#include <limits>

#include <gd/quant/normal_distribution.hpp>

#include "black_kernel.hpp"
#include "normalised_black.hpp"

namespace gd::quant {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct libm_math {
  static double exp(double x) noexcept { return std::exp(x); }
  static double log(double x) noexcept { return std::log(x); }
  static double sqrt(double x) noexcept { return std::sqrt(x); }
  static double norm_cdf(double x) noexcept { return gd::quant::norm_cdf(x); }
};

bool valid(double F, double K, double T, double sigma, double df) noexcept {
  return F > 0.0 && K > 0.0 && T >= 0.0 && sigma >= 0.0 && df > 0.0 && std::isfinite(F) &&
         std::isfinite(K) && std::isfinite(T) && std::isfinite(sigma) && std::isfinite(df);
}

greeks to_greeks(const detail::black_values& v) noexcept {
  return {v.price, v.delta, v.gamma, v.vega, v.theta, v.rho, v.vanna, v.charm, v.vomma, v.speed,
          v.dual_delta};
}

greeks nan_greeks() noexcept { return {nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan}; }

// Zero vol or zero time: the discounted intrinsic value; delta and dual delta are the step.
greeks intrinsic_greeks(bool call, double F, double K, double df, double rate, double T) noexcept {
  const double w = call ? 1.0 : -1.0;
  const double itm = w * (F - K) > 0.0 ? 1.0 : 0.0;
  const double price = df * itm * w * (F - K);
  greeks g{};
  g.price = price;
  g.delta = df * itm * w;
  g.dual_delta = -df * itm * w;
  g.theta = rate * price;
  g.rho = -T * price;
  g.charm = rate * g.delta;
  return g;
}

// Undiscounted price with full relative accuracy: the out-of-the-money value from the
// normalised Black function, plus the intrinsic value for in-the-money options.
double undiscounted_black(bool call, double F, double K, double s) noexcept {
  const double x = std::log(F / K);
  const bool call_is_otm = x <= 0.0;
  const double otm = std::sqrt(F * K) * detail::normalised_black_otm(-std::fabs(x), s);
  if (call == call_is_otm || x == 0.0) return otm;
  return otm + (call ? F - K : K - F);
}

// Black-76 greeks from a forward and a rate (the rate enters theta and charm only).
greeks black76_with_rate(bool call, double F, double K, double T, double sigma, double df,
                         double rate) noexcept {
  const double s = sigma * std::sqrt(T);
  if (!(s > 0.0)) return intrinsic_greeks(call, F, K, df, rate, T);
  greeks g = to_greeks(detail::black76_kernel<libm_math>({F, K, T, sigma, df, rate, call}));
  // The scalar path also gets the exact wing price (and the rho and theta that follow from it).
  const double exact = df * undiscounted_black(call, F, K, s);
  g.theta += rate * (exact - g.price);
  g.rho = -T * exact;
  g.price = exact;
  return g;
}

// BSM greeks from the Black-76 greeks on F = S exp((r-q)T): chain rule in S, r and T.
greeks bsm_from_black(const greeks& b, double S, double F, double T, double rate, double q) noexcept {
  const double m = F / S;  // dF/dS
  const double carry = rate - q;
  greeks g = b;
  g.delta = b.delta * m;
  g.gamma = b.gamma * m * m;
  g.vanna = b.vanna * m;
  g.speed = b.speed * m * m * m;
  g.rho = T * (F * b.delta - b.price);                  // F moves with r, df = exp(-rT)
  g.theta = b.theta - b.delta * carry * F;              // F moves as time passes
  g.charm = (b.charm - b.gamma * carry * F) * m - b.delta * carry * m;
  return g;
}

}  // namespace

double black76_price(gd::option_right r, double F, double K, double T, double sigma,
                     double df) noexcept {
  if (!valid(F, K, T, sigma, df)) return nan;
  const bool call = r == gd::option_right::call;
  const double s = sigma * std::sqrt(T);
  if (!(s > 0.0)) return df * std::fmax(call ? F - K : K - F, 0.0);
  return df * undiscounted_black(call, F, K, s);
}

greeks black76_greeks(gd::option_right r, double F, double K, double T, double sigma,
                      double df) noexcept {
  if (!valid(F, K, T, sigma, df)) return nan_greeks();
  const double rate = T > 0.0 ? -std::log(df) / T : 0.0;
  return black76_with_rate(r == gd::option_right::call, F, K, T, sigma, df, rate);
}

double bsm_price(gd::option_right r, double S, double K, double T, double rate, double q,
                 double sigma) noexcept {
  const double F = S * std::exp((rate - q) * T);
  return black76_price(r, F, K, T, sigma, std::exp(-rate * T));
}

greeks bsm_greeks(gd::option_right r, double S, double K, double T, double rate, double q,
                  double sigma) noexcept {
  const double F = S * std::exp((rate - q) * T);
  const double df = std::exp(-rate * T);
  if (!valid(F, K, T, sigma, df) || !std::isfinite(rate) || !std::isfinite(q)) return nan_greeks();
  const greeks b = black76_with_rate(r == gd::option_right::call, F, K, T, sigma, df, rate);
  return bsm_from_black(b, S, F, T, rate, q);
}

}  // namespace gd::quant

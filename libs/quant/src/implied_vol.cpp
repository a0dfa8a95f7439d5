#include <gd/quant/implied_vol.hpp>

#include <cmath>
#include <limits>

#include "normalised_implied_vol.hpp"

namespace gd::quant {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double eps = std::numeric_limits<double>::epsilon();

iv_result fail(iv_status s) noexcept { return {nan, s}; }

bool finite_positive(double v) noexcept { return v > 0.0 && std::isfinite(v); }

iv_result solve_black76(double price, bool call, double F, double K, double T, double df) noexcept {
  if (!finite_positive(F) || !finite_positive(K) || !finite_positive(T) || !finite_positive(df) ||
      !std::isfinite(price) || price < 0.0)
    return fail(iv_status::invalid_input);
  const double upper = df * (call ? F : K);
  if (price >= upper) return fail(iv_status::above_upper_bound);

  const double x = std::log(F / K);
  const bool otm = call ? x <= 0.0 : x >= 0.0;
  double time_value = price;
  double tolerance = 0.0;
  if (!otm) {
    // In the money: the time value is the out-of-the-money price of the other right (parity).
    // The subtraction carries an error of a few ulps of the price; within that, the price is
    // taken as exactly intrinsic.
    time_value = price - df * (call ? F - K : K - F);
    tolerance = 4.0 * eps * price;
  }
  if (time_value < -tolerance) return fail(iv_status::below_intrinsic);
  const double beta = time_value / (df * std::sqrt(F) * std::sqrt(K));
  if (!(beta > 0.0)) return {0.0, iv_status::ok};
  const double xn = -std::fabs(x);
  if (beta >= std::exp(0.5 * xn)) return fail(iv_status::above_upper_bound);
  const double s = detail::normalised_implied_vol_otm(beta, xn);
  return {s / std::sqrt(T), iv_status::ok};
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
  return solve_black76(price, r == gd::option_right::call, F, K, T, df);
}

iv_result implied_vol_bsm(double price, gd::option_right r, double S, double K, double T,
                          double rate, double q) noexcept {
  if (!std::isfinite(rate) || !std::isfinite(q) || !finite_positive(S) || !finite_positive(T))
    return fail(iv_status::invalid_input);
  const double F = S * std::exp((rate - q) * T);
  const double df = std::exp(-rate * T);
  return solve_black76(price, r == gd::option_right::call, F, K, T, df);
}

void implied_vol_black76_batch(std::size_t n, const double* price, const double* F, const double* K,
                               const double* T, const double* df, const std::uint8_t* is_call,
                               double* vol_out, iv_status* status_out) noexcept {
  for (std::size_t i = 0; i < n; ++i) {
    const iv_result r = solve_black76(price[i], is_call[i] != 0, F[i], K[i], T[i], df[i]);
    vol_out[i] = r.vol;
    if (status_out) status_out[i] = r.status;
  }
}

}  // namespace gd::quant

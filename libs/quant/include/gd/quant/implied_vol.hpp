#pragma once
// Implied volatility from an option price, Black-76 and BSM, to machine precision over the whole
// domain (deep in/out of the money, T from a minute to years, vols from 1% to 500% and beyond).
//
// Method (designed from Jäckel, "Let's Be Rational", 2015; own implementation): the price is
// reduced to the normalised out-of-the-money Black price b(x, s) with x = -|ln(F/K)| and
// s = sigma*sqrt(T) (in-the-money prices are converted by put-call parity, which is exact in
// the time value). The normalised function is evaluated with care in the wings (asymptotic and
// small-s expansions), and s is found by Householder(3) steps on an objective chosen per
// region so that it is nearly linear in s.
//
// Status and the edge of the domain:
//   ok                 vol is the implied vol. A price exactly at intrinsic (zero time value, to
//                      within a few ulps of the price scale) gives vol 0 with ok.
//   below_intrinsic    price below the discounted intrinsic value (or below zero).
//   above_upper_bound  price at or above the no-arbitrage upper bound (df*F for a call, df*K for
//                      a put); the bound itself needs an infinite vol.
//   invalid_input      NaN or infinite inputs, F (or S), K, T or df not strictly positive, or a
//                      negative price.
// vol is NaN unless status == ok.
#include <cstddef>
#include <cstdint>

#include <gd/core/chain.hpp>

namespace gd::quant {

enum class iv_status : std::uint8_t { ok, below_intrinsic, above_upper_bound, invalid_input };

const char* to_string(iv_status s) noexcept;

struct iv_result {
  double vol;         // NaN unless status == ok
  iv_status status;
};

iv_result implied_vol_black76(double price, gd::option_right r, double F, double K, double T,
                              double df) noexcept;

// BSM: the forward is S*exp((rate - q)*T) and the discount factor exp(-rate*T).
iv_result implied_vol_bsm(double price, gd::option_right r, double S, double K, double T,
                          double rate, double q) noexcept;

// Batch over contiguous arrays; is_call[i] != 0 for calls. status_out may be null.
void implied_vol_black76_batch(std::size_t n, const double* price, const double* F, const double* K,
                               const double* T, const double* df, const std::uint8_t* is_call,
                               double* vol_out, iv_status* status_out) noexcept;

}  // namespace gd::quant

#pragma once
// Implied forward F and discount factor DF of one expiry from put-call parity, C - P = DF (F - K).
//
// Only pairs where both the call and the put are two-sided (bid > 0, ask >= bid) are used, and only
// the `max_pairs` of them nearest the money (the strike where |C - P| is smallest): far from the
// money one leg is deep in the money, wide and stale. C - P is regressed on K by weighted least
// squares (weights 1 / (call spread + put spread)^2); then, one at a time, the pair whose residual
// most exceeds `outlier_mads` robust standard deviations (1.4826 * median |residual|, but never less
// than half the pair's combined spread) is dropped and the line refitted, until none exceeds it.
//
// The slope's noise is large for short expiries: at T = 1 day a 1e-4 error in DF is a 3.7% error
// in the rate. So DF is fixed to exp(-fallback_rate * T) (and only F estimated, as the weighted
// mean of K + (C - P) / DF) when the rate's standard error exceeds max_rate_stderr, when the
// implied rate leaves [min_rate, max_rate], or when the caller supplies known_df. Pass the rate
// from a longer expiry (or a curve) as fallback_rate for the best short-dated forwards.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include <gd/core/chain.hpp>
#include <gd/quant/expiry_slice.hpp>

namespace gd::quant {

struct forward_config {
  std::size_t max_pairs = 12;       // pairs nearest the money used in the regression
  std::size_t min_pairs = 3;        // fewer usable pairs: status too_few_pairs
  double outlier_mads = 4.0;        // residual rejection threshold in robust standard deviations
  double known_df = nan_v;          // finite: DF is given, only F is estimated
  double fallback_rate = 0.0;       // continuously compounded rate used when DF cannot be estimated
  double min_rate = -0.02;          // plausible band for the implied rate
  double max_rate = 0.15;
  double max_rate_stderr = 0.01;    // the slope is trusted only when the rate is this well determined
};

enum class forward_status : std::uint8_t { ok, too_few_pairs, invalid_input };

struct forward_result {
  double forward = nan_v;
  double df = nan_v;
  double rate = nan_v;             // -ln(DF) / T
  std::size_t pairs_valid = 0;     // two-sided call/put pairs in the slice
  std::size_t pairs_used = 0;      // pairs left in the final fit
  std::size_t pairs_rejected = 0;  // dropped as outliers
  double residual_rms = nan_v;     // RMS of (C - P) - DF (F - K) over the used pairs, price units
  double max_abs_residual = nan_v;
  bool df_fixed = false;           // DF came from known_df / fallback_rate, not from the slope
  forward_status status = forward_status::invalid_input;
  std::string reason;              // empty when ok
  bool ok() const noexcept { return status == forward_status::ok; }
};

// With too few pairs but at least one, forward is still estimated (DF fixed, from the pair(s)
// nearest the money) so a degraded slice can report an ATM vol; status says it is approximate.
forward_result implied_forward(std::span<const strike_pair> strikes, double T, const forward_config& cfg = {});
forward_result implied_forward(std::span<const slice_quote> quotes, double T, const forward_config& cfg = {});

}  // namespace gd::quant

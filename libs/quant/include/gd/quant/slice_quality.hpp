#pragma once
// Quality grading of one expiry slice: is there enough liquid market to fit a smile?
//
// A quote is liquid when it is two-sided (bid > 0, ask >= bid), its open interest is at least
// min_open_interest and its spread is at most max_relative_spread of its mid. A strike is liquid
// when its out-of-the-money option is (put below the forward, call at or above): those are the
// quotes the smile is built from, and a LEAPS slice with tight deep in-the-money calls but no
// usable puts must not pass. Without a forward (NaN) either side counts. With fewer than
// min_liquid_strikes liquid strikes the slice is degraded: no SVI, density or moments, only ATM IV.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include <gd/quant/expiry_slice.hpp>

namespace gd::quant {

struct liquidity_config {
  std::int64_t min_open_interest = 50;
  double max_relative_spread = 0.20;   // (ask - bid) / mid
  std::size_t min_liquid_strikes = 8;
};

bool is_liquid(double bid, double ask, std::int64_t open_interest, const liquidity_config& cfg) noexcept;
inline bool is_liquid(const slice_quote& q, const liquidity_config& cfg) noexcept {
  return is_liquid(q.bid, q.ask, q.open_interest, cfg);
}

struct slice_grade {
  bool degraded = true;
  std::size_t strikes = 0;           // distinct strikes quoted
  std::size_t two_sided_quotes = 0;  // calls and puts with a usable bid and ask
  std::size_t liquid_calls = 0;     // liquid quotes on either side of the forward
  std::size_t liquid_puts = 0;
  std::size_t liquid_strikes = 0;   // strikes whose out-of-the-money quote is liquid
  bool by_forward = false;          // graded against a forward (else: either side counted)
  std::string reason;                // why degraded; empty otherwise
};

slice_grade grade_slice(std::span<const strike_pair> strikes, const liquidity_config& cfg = {},
                        double forward = nan_v);
slice_grade grade_slice(std::span<const slice_quote> quotes, const liquidity_config& cfg = {},
                        double forward = nan_v);

}  // namespace gd::quant

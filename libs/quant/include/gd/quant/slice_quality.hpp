#pragma once
// Quality grading of one expiry slice: is there enough liquid market to fit a smile?
//
// A quote is liquid when it is two-sided (bid > 0, ask >= bid), its open interest is at least
// min_open_interest and its spread is at most max_relative_spread of its mid. A strike is liquid
// when its call or its put is (the surface uses the out-of-the-money side, which is the liquid one
// in practice; either side suffices so grading needs no forward). With fewer than
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
  std::size_t liquid_calls = 0;
  std::size_t liquid_puts = 0;
  std::size_t liquid_strikes = 0;
  std::string reason;                // why degraded; empty otherwise
};

slice_grade grade_slice(std::span<const strike_pair> strikes, const liquidity_config& cfg = {});
slice_grade grade_slice(std::span<const slice_quote> quotes, const liquidity_config& cfg = {});

}  // namespace gd::quant

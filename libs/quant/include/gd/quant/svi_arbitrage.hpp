#pragma once
// Static-arbitrage checks of SVI slices on a dense grid of log-moneyness.
//   butterfly: Gatheral's g(k) >= 0 and w(k) > 0 on the grid (a density that is a density).
//   calendar:  total variance non-decreasing in T at every fixed k (Gatheral & Jacquier 2014:
//              with k measured against each expiry's own forward, call prices then increase with T).
// A grid check can miss a violation narrower than the grid step; 2001 points over the range of
// interest resolve anything that matters for prices.
#include <cstddef>
#include <span>
#include <vector>

#include <gd/quant/svi.hpp>

namespace gd::quant {

struct butterfly_check {
  bool arbitrage_free = true;
  double min_g = 0.0;              // smallest g(k) on the grid
  double k_at_min_g = 0.0;
  std::size_t negative_points = 0; // grid points with g < -tolerance
  bool negative_variance = false;  // w(k) <= 0 somewhere on the grid
};

butterfly_check check_butterfly(const svi_params& p, double k_lo, double k_hi, std::size_t points = 2001,
                                double tolerance = 1e-10);

struct calendar_check {
  bool arbitrage_free = true;
  double max_violation = 0.0;       // max over k of w_earlier(k) - w_later(k) (<= 0 when free)
  double k_at_max_violation = 0.0;
  std::size_t violating_points = 0; // grid points where w_earlier - w_later > tolerance
};

// `earlier` must be the shorter expiry.
calendar_check check_calendar(const svi_params& earlier, const svi_params& later, double k_lo, double k_hi,
                              std::size_t points = 2001, double tolerance = 1e-10);

// Every consecutive pair of a term structure ordered by increasing T (size n - 1).
std::vector<calendar_check> check_calendar_term(std::span<const svi_params> by_increasing_t, double k_lo,
                                                double k_hi, std::size_t points = 2001, double tolerance = 1e-10);

}  // namespace gd::quant

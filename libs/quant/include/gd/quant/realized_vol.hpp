#pragma once
// Realized volatility from intraday price bars, annualized by the number of bars in a trading year.
//
// close_to_close: sqrt(bars_per_year * mean of r^2), r = ln(C_i / C_{i-1}). The zero-mean form is
//   the default (standard for high-frequency returns: the drift over an hour is noise); with
//   demean = true it is the sample standard deviation (n - 1) instead.
// parkinson: sqrt(bars_per_year * mean of ln(H/L)^2 / (4 ln 2)), uses each bar's range.
// garman_klass: sqrt(bars_per_year * mean of [0.5 ln(H/L)^2 - (2 ln 2 - 1) ln(C/O)^2]).
// The range estimators see only the moves inside each bar (not the gap from the previous close),
// which is right for 5-minute bars within a session and misses overnight gaps by design.
//
// A window of n bars means n returns (close-to-close needs n + 1 closes) or n OHLC bars.
#include <cstddef>
#include <span>
#include <vector>

namespace gd::quant {

struct ohlc_bar {
  double open = 0.0;
  double high = 0.0;
  double low = 0.0;
  double close = 0.0;
};

inline constexpr std::size_t bars_per_hour_5m = 12;
inline constexpr std::size_t bars_per_day_5m = 78;   // 09:30-16:00
inline constexpr double bars_per_year_5m = 252.0 * 78.0;

// Over all the returns of `closes` (NaN with fewer than 2 closes, or 3 when demeaned).
double close_to_close_vol(std::span<const double> closes, double bars_per_year = bars_per_year_5m,
                          bool demean = false);
double parkinson_vol(std::span<const ohlc_bar> bars, double bars_per_year = bars_per_year_5m);
double garman_klass_vol(std::span<const ohlc_bar> bars, double bars_per_year = bars_per_year_5m);

// Rolling windows: element i is the estimate over the window ending at bar i (NaN until the
// window is full). Same length as the input. O(n) with running sums.
std::vector<double> rolling_close_to_close_vol(std::span<const double> closes, std::size_t window,
                                               double bars_per_year = bars_per_year_5m, bool demean = false);
std::vector<double> rolling_parkinson_vol(std::span<const ohlc_bar> bars, std::size_t window,
                                          double bars_per_year = bars_per_year_5m);
std::vector<double> rolling_garman_klass_vol(std::span<const ohlc_bar> bars, std::size_t window,
                                             double bars_per_year = bars_per_year_5m);

// The latest 1-hour and 1-day figures from 5-minute bars (NaN where there are too few bars).
struct realized_vol_snapshot {
  double close_to_close_1h;
  double close_to_close_1d;
  double parkinson_1h;
  double parkinson_1d;
  double garman_klass_1h;
  double garman_klass_1d;
};
realized_vol_snapshot realized_vol_latest_5m(std::span<const ohlc_bar> bars);

}  // namespace gd::quant

#include <gd/quant/realized_vol.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gd::quant {
namespace {

constexpr double nan_d = std::numeric_limits<double>::quiet_NaN();

double log_return(double from, double to) {
  return (from > 0 && to > 0) ? std::log(to / from) : nan_d;
}

double parkinson_term(const ohlc_bar& b) {
  const double hl = log_return(b.low, b.high);
  return hl * hl / (4.0 * std::log(2.0));
}

double garman_klass_term(const ohlc_bar& b) {
  const double hl = log_return(b.low, b.high);
  const double co = log_return(b.open, b.close);
  return 0.5 * hl * hl - (2.0 * std::log(2.0) - 1.0) * co * co;
}

// Annualized vol from a mean per-bar variance; a tiny negative GK mean (possible on flat bars
// with an open-close move) is reported as 0 rather than NaN.
double annualize(double per_bar_variance, double bars_per_year) {
  if (!std::isfinite(per_bar_variance)) return nan_d;
  return std::sqrt(std::max(0.0, per_bar_variance) * bars_per_year);
}

template <class Term>
std::vector<double> rolling_mean_vol(std::span<const ohlc_bar> bars, std::size_t window, double bars_per_year,
                                     Term term) {
  std::vector<double> out(bars.size(), nan_d);
  if (window == 0) return out;
  // A running sum over the window; rebuilt from scratch every 64 windows so rounding cannot
  // accumulate over a long series.
  double sum = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    sum += term(bars[i]);
    if (i >= window) sum -= term(bars[i - window]);
    if ((i + 1) % (window * 64) == 0 && i + 1 >= window) {
      sum = 0;
      for (std::size_t j = i + 1 - window; j <= i; ++j) sum += term(bars[j]);
    }
    if (i + 1 >= window) out[i] = annualize(sum / static_cast<double>(window), bars_per_year);
  }
  return out;
}

template <class Term>
double mean_vol(std::span<const ohlc_bar> bars, double bars_per_year, Term term) {
  if (bars.empty()) return nan_d;
  double sum = 0;
  for (const auto& b : bars) sum += term(b);
  return annualize(sum / static_cast<double>(bars.size()), bars_per_year);
}

}  // namespace

double close_to_close_vol(std::span<const double> closes, double bars_per_year, bool demean) {
  const std::size_t n = closes.size() < 2 ? 0 : closes.size() - 1;
  if (n == 0 || (demean && n < 2)) return nan_d;
  // Two passes: the mean first, then squared deviations (no cancellation in the demeaned form).
  double mean = 0;
  if (demean) {
    for (std::size_t i = 1; i < closes.size(); ++i) mean += log_return(closes[i - 1], closes[i]);
    mean /= static_cast<double>(n);
  }
  double ss = 0;
  for (std::size_t i = 1; i < closes.size(); ++i) {
    const double r = log_return(closes[i - 1], closes[i]) - mean;
    ss += r * r;
  }
  const double var = ss / static_cast<double>(demean ? n - 1 : n);
  return annualize(var, bars_per_year);
}

std::vector<double> rolling_close_to_close_vol(std::span<const double> closes, std::size_t window,
                                               double bars_per_year, bool demean) {
  std::vector<double> out(closes.size(), nan_d);
  if (window == 0 || (demean && window < 2)) return out;
  for (std::size_t i = window; i < closes.size(); ++i) {
    // Windows are short (12, 78): recomputing keeps the demeaned variance exact (no cancellation
    // from running sums of squares) at a cost that does not matter for bar data.
    out[i] = close_to_close_vol(closes.subspan(i - window, window + 1), bars_per_year, demean);
  }
  return out;
}

double parkinson_vol(std::span<const ohlc_bar> bars, double bars_per_year) {
  return mean_vol(bars, bars_per_year, parkinson_term);
}

double garman_klass_vol(std::span<const ohlc_bar> bars, double bars_per_year) {
  return mean_vol(bars, bars_per_year, garman_klass_term);
}

std::vector<double> rolling_parkinson_vol(std::span<const ohlc_bar> bars, std::size_t window,
                                          double bars_per_year) {
  return rolling_mean_vol(bars, window, bars_per_year, parkinson_term);
}

std::vector<double> rolling_garman_klass_vol(std::span<const ohlc_bar> bars, std::size_t window,
                                             double bars_per_year) {
  return rolling_mean_vol(bars, window, bars_per_year, garman_klass_term);
}

realized_vol_snapshot realized_vol_latest_5m(std::span<const ohlc_bar> bars) {
  std::vector<double> closes;
  closes.reserve(bars.size());
  for (const auto& b : bars) closes.push_back(b.close);
  const std::span<const double> c(closes);
  auto last_closes = [&](std::size_t window) {
    return c.size() > window ? close_to_close_vol(c.last(window + 1)) : nan_d;
  };
  auto last_bars = [&](std::size_t window, auto fn) { return bars.size() >= window ? fn(bars.last(window)) : nan_d; };
  auto pk = [](std::span<const ohlc_bar> b) { return parkinson_vol(b); };
  auto gk = [](std::span<const ohlc_bar> b) { return garman_klass_vol(b); };
  return realized_vol_snapshot{last_closes(bars_per_hour_5m), last_closes(bars_per_day_5m),
                               last_bars(bars_per_hour_5m, pk), last_bars(bars_per_day_5m, pk),
                               last_bars(bars_per_hour_5m, gk), last_bars(bars_per_day_5m, gk)};
}

}  // namespace gd::quant

#include <gd/quant/svi_arbitrage.hpp>

#include <algorithm>
#include <limits>

namespace gd::quant {
namespace {

double grid_point(double lo, double hi, std::size_t i, std::size_t n) {
  return n < 2 ? lo : lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n - 1);
}

}  // namespace

butterfly_check check_butterfly(const svi_params& p, double k_lo, double k_hi, std::size_t points, double tolerance) {
  butterfly_check out;
  out.min_g = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < points; ++i) {
    const double k = grid_point(k_lo, k_hi, i, points);
    if (!(svi_total_variance(p, k) > 0.0)) {
      out.negative_variance = true;
      continue;  // g is undefined where w <= 0
    }
    const double g = svi_g(p, k);
    if (g < out.min_g) {
      out.min_g = g;
      out.k_at_min_g = k;
    }
    out.negative_points += g < -tolerance ? 1 : 0;
  }
  out.arbitrage_free = out.negative_points == 0 && !out.negative_variance;
  return out;
}

calendar_check check_calendar(const svi_params& earlier, const svi_params& later, double k_lo, double k_hi,
                              std::size_t points, double tolerance) {
  calendar_check out;
  out.max_violation = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < points; ++i) {
    const double k = grid_point(k_lo, k_hi, i, points);
    const double d = svi_total_variance(earlier, k) - svi_total_variance(later, k);
    if (d > out.max_violation) {
      out.max_violation = d;
      out.k_at_max_violation = k;
    }
    out.violating_points += d > tolerance ? 1 : 0;
  }
  out.arbitrage_free = out.violating_points == 0;
  return out;
}

std::vector<calendar_check> check_calendar_term(std::span<const svi_params> by_increasing_t, double k_lo,
                                                double k_hi, std::size_t points, double tolerance) {
  std::vector<calendar_check> out;
  for (std::size_t i = 1; i < by_increasing_t.size(); ++i) {
    out.push_back(check_calendar(by_increasing_t[i - 1], by_increasing_t[i], k_lo, k_hi, points, tolerance));
  }
  return out;
}

}  // namespace gd::quant

#include <gd/exposure/expiry_stats.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include <gd/quant/normal_distribution.hpp>

namespace gd::exposure {

namespace {

double lerp(double x0, double y0, double x1, double y1, double x) {
  return x1 == x0 ? y0 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
}

// y at x by linear interpolation between the points around x; NaN unless x is bracketed.
double bracketed(std::vector<std::pair<double, double>> pts, double x) {
  std::sort(pts.begin(), pts.end());
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    if (pts[i].first <= x && x <= pts[i + 1].first)
      return lerp(pts[i].first, pts[i].second, pts[i + 1].first, pts[i + 1].second, x);
  }
  return nan_v;
}

}  // namespace

double atm_iv(const contract_set& c, std::span<const std::size_t> idx, double forward) {
  double k_put = nan_v, iv_put = nan_v, k_call = nan_v, iv_call = nan_v;
  for (std::size_t i : idx) {
    const double v = c.usable_iv(i);
    if (!std::isfinite(v)) continue;
    const double k = std::log(c.strike[i] / forward);
    if (!c.is_call[i] && k < 0.0 && !(k <= k_put)) k_put = k, iv_put = v;        // nearest put below F
    if (c.is_call[i] && k >= 0.0 && !(k >= k_call)) k_call = k, iv_call = v;     // nearest call at/above F
  }
  if (std::isfinite(iv_put) && std::isfinite(iv_call)) return lerp(k_put, iv_put, k_call, iv_call, 0.0);
  return std::isfinite(iv_put) ? iv_put : iv_call;
}

double straddle_at_forward(const contract_set& c, std::span<const std::size_t> idx, double forward) {
  std::map<double, std::pair<double, double>> mids;   // strike -> (call mid, put mid)
  for (std::size_t i : idx) {
    if (!std::isfinite(c.mid[i])) continue;
    auto& m = mids.try_emplace(c.strike[i], nan_v, nan_v).first->second;
    (c.is_call[i] ? m.first : m.second) = c.mid[i];
  }
  const std::pair<double, double>* lo = nullptr;
  const std::pair<double, double>* hi = nullptr;
  double k_lo = nan_v, k_hi = nan_v;
  for (const auto& [k, m] : mids) {
    if (!std::isfinite(m.first) || !std::isfinite(m.second)) continue;
    if (k <= forward) lo = &m, k_lo = k;
    if (k >= forward && !hi) hi = &m, k_hi = k;
  }
  if (lo && hi) return lerp(k_lo, lo->first + lo->second, k_hi, hi->first + hi->second, forward);
  if (lo) return lo->first + lo->second;
  if (hi) return hi->first + hi->second;
  return nan_v;
}

double skew_25d(const contract_set& c, std::span<const std::size_t> idx, double forward, double T) {
  std::vector<std::pair<double, double>> puts, calls;   // (forward delta, iv), out of the money
  for (std::size_t i : idx) {
    const double v = c.usable_iv(i);
    if (!std::isfinite(v)) continue;
    const double s = v * std::sqrt(T);
    const double d1 = std::log(forward / c.strike[i]) / s + 0.5 * s;
    if (c.is_call[i] && c.strike[i] >= forward) calls.emplace_back(quant::norm_cdf(d1), v);
    if (!c.is_call[i] && c.strike[i] < forward) puts.emplace_back(quant::norm_cdf(d1) - 1.0, v);
  }
  return bracketed(std::move(puts), -0.25) - bracketed(std::move(calls), 0.25);
}

}  // namespace gd::exposure

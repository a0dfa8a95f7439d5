#include <gd/exposure/key_levels.hpp>

#include <cmath>
#include <limits>

namespace gd::exposure {

const char* to_string(gamma_regime r) noexcept { return r == gamma_regime::negative ? "negative" : "positive"; }

namespace {

// a beats b: nearer spot, then lower.
bool nearer(double a, double b, double spot) {
  const double da = std::abs(a - spot), db = std::abs(b - spot);
  return da < db || (da == db && a < b);
}

}  // namespace

std::optional<double> argmax_strike(std::span<const double> strikes, std::span<const double> scores, double spot,
                                    double lo, double hi) {
  std::optional<double> best;
  double best_score = 0.0;
  for (std::size_t i = 0; i < strikes.size(); ++i) {
    const double k = strikes[i], v = scores[i];
    if (!(k >= lo && k <= hi) || !(v > 0.0)) continue;
    if (!best || v > best_score || (v == best_score && nearer(k, *best, spot))) {
      best = k;
      best_score = v;
    }
  }
  return best;
}

std::optional<double> max_pain(std::span<const double> strikes, std::span<const double> call_units,
                               std::span<const double> put_units, double spot) {
  const std::size_t n = strikes.size();
  double total_call = 0.0, total_put = 0.0, total_put_k = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    total_call += call_units[i];
    total_put += put_units[i];
    total_put_k += put_units[i] * strikes[i];
  }
  if (!(total_call + total_put > 0.0)) return std::nullopt;
  // Payout at P = strikes[j]: calls below P pay P*C_lo - sum(C K)_lo; puts above pay
  // sum(P K)_hi - P * P_hi. Running sums make it one pass.
  double call_lo = 0.0, call_k_lo = 0.0, put_hi = total_put, put_k_hi = total_put_k;
  std::optional<double> best;
  double best_pay = std::numeric_limits<double>::infinity();
  for (std::size_t j = 0; j < n; ++j) {
    const double p = strikes[j];
    // Strike j itself pays nothing at P = K_j, on either side.
    put_hi -= put_units[j];
    put_k_hi -= put_units[j] * p;
    const double pay = (p * call_lo - call_k_lo) + (put_k_hi - p * put_hi);
    if (pay < best_pay || (pay == best_pay && best && nearer(p, *best, spot))) {
      best = p;
      best_pay = pay;
    }
    call_lo += call_units[j];
    call_k_lo += call_units[j] * p;
  }
  return best;
}

gamma_regime regime_of(const gamma_profile& profile, double total_net_gex) {
  if (!profile.gamma_flip) return total_net_gex < 0.0 ? gamma_regime::negative : gamma_regime::positive;
  const double flip = *profile.gamma_flip, spot = profile.spot;
  // The first non-zero level on spot's side of the flip (at spot == flip: above it).
  const bool above = spot >= flip;
  const auto& lv = profile.levels;
  if (above) {
    for (const auto& p : lv)
      if (p.price > flip && p.gex != 0.0) return p.gex < 0.0 ? gamma_regime::negative : gamma_regime::positive;
  } else {
    for (auto it = lv.rbegin(); it != lv.rend(); ++it)
      if (it->price < flip && it->gex != 0.0) return it->gex < 0.0 ? gamma_regime::negative : gamma_regime::positive;
  }
  return total_net_gex < 0.0 ? gamma_regime::negative : gamma_regime::positive;
}

void fill_strike_levels(key_levels& out, const std::vector<strike_exposure>& strikes, double spot) {
  const std::size_t n = strikes.size();
  std::vector<double> k(n), call_abs(n), put_abs(n), call_oi(n), put_oi(n), net_abs(n), abs_gex(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& s = strikes[i].sums;
    k[i] = strikes[i].strike;
    call_abs[i] = std::abs(s.call_gex);
    put_abs[i] = std::abs(s.put_gex);
    call_oi[i] = static_cast<double>(s.call_oi);
    put_oi[i] = static_cast<double>(s.put_oi);
    net_abs[i] = std::abs(s.net_gex);
    abs_gex[i] = s.abs_gex;
  }
  constexpr double inf = std::numeric_limits<double>::infinity();
  out.call_wall = argmax_strike(k, call_abs, spot, spot, inf);
  out.put_wall = argmax_strike(k, put_abs, spot, -inf, spot);
  out.call_wall_unconstrained = argmax_strike(k, call_abs, spot, -inf, inf);
  out.put_wall_unconstrained = argmax_strike(k, put_abs, spot, -inf, inf);
  out.call_oi_wall = argmax_strike(k, call_oi, spot, -inf, inf);
  out.put_oi_wall = argmax_strike(k, put_oi, spot, -inf, inf);
  out.max_abs_net_gex_strike = argmax_strike(k, net_abs, spot, -inf, inf);
  out.abs_gamma_strike = argmax_strike(k, abs_gex, spot, -inf, inf);
}

}  // namespace gd::exposure

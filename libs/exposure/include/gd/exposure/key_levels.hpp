#pragma once
// The key-level panel: flip, walls, OI walls, max |net GEX| and absolute-gamma strikes, max pain,
// regime. Every "largest" strike is computed over the per-strike series of the whole scope (no
// strike window). Ties go to the strike nearest spot, then to the lower strike. A level with no
// candidate (no positive score) is absent (null in JSON).
#include <optional>
#include <span>
#include <vector>

#include <gd/exposure/exposure_sums.hpp>
#include <gd/exposure/profile.hpp>

namespace gd::exposure {

enum class gamma_regime : std::uint8_t { positive, negative };
const char* to_string(gamma_regime r) noexcept;

struct key_levels {
  double spot = nan_v;
  std::optional<double> gamma_flip;
  std::vector<double> gamma_flips;
  gamma_regime regime = gamma_regime::positive;
  double net_gex = 0;
  std::optional<double> call_wall;                 // max |call GEX| with K >= spot
  std::optional<double> put_wall;                  // max |put GEX| with K <= spot
  std::optional<double> call_wall_unconstrained;   // max |call GEX| over all strikes
  std::optional<double> put_wall_unconstrained;    // max |put GEX| over all strikes
  std::optional<double> call_oi_wall;              // max call OI
  std::optional<double> put_oi_wall;               // max put OI
  std::optional<double> max_abs_net_gex_strike;    // max |net GEX|
  std::optional<double> abs_gamma_strike;          // max |call GEX| + |put GEX|
  std::optional<double> max_pain;
  double atm_iv = nan_v;
  double expected_move = nan_v;
};

// The strike with the largest positive score among strikes in [lo, hi]; ties nearest spot, then lower.
std::optional<double> argmax_strike(std::span<const double> strikes, std::span<const double> scores, double spot,
                                    double lo, double hi);

// Max pain: the settlement price, among the listed strikes, that minimises what option holders
// receive: sum_calls OI m max(P - K, 0) + sum_puts OI m max(K - P, 0). `strikes` ascending and
// distinct; call_units/put_units = OI * multiplier per strike. Ties nearest spot, then lower.
std::optional<double> max_pain(std::span<const double> strikes, std::span<const double> call_units,
                               std::span<const double> put_units, double spot);

// Regime: the sign of the GEX profile at spot, read on spot's side of the nearest flip (the
// profile has no crossing between them); with the usual upward crossing that is "spot above the
// flip = positive". No flip: the sign of total net GEX (0 counts as positive).
gamma_regime regime_of(const gamma_profile& profile, double total_net_gex);

// Walls, OI walls, max |net| and absolute-gamma strikes from the per-strike series.
void fill_strike_levels(key_levels& out, const std::vector<strike_exposure>& strikes, double spot);

}  // namespace gd::exposure

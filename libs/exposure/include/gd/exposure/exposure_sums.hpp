#pragma once
// The exposures of a group of contracts (a strike, an expiry, the whole scope), in the units the
// API reports (see docs/exposure.md), with q = dealer position = sign * OI * multiplier:
//   GEX = q * gamma_S * S^2 * 0.01     dollars of delta per 1% move of the underlying
//   DEX = q * delta_S * S              dollars of underlying (delta notional) the dealer holds
//   VEX = q * vanna_S * S * 0.01       dollars of delta per +1 vol point
//   CEX = q * charm_S * S / days       dollars of delta per day passing (365 calendar, 252 trading)
// call_* / put_* split by side; net = call + put; abs = |call| + |put| (sides not netted).
#include <cstdint>
#include <span>
#include <vector>

#include <gd/exposure/contract_set.hpp>

namespace gd::exposure {

struct exposure_sums {
  double call_gex = 0, put_gex = 0, net_gex = 0, abs_gex = 0;
  double dex = 0, vex = 0, cex = 0;
  std::int64_t call_oi = 0, put_oi = 0, call_volume = 0, put_volume = 0;

  void add(const exposure_sums& o) noexcept;
  // Recomputes net and abs from the sides (call after the last add of contract values).
  void finish() noexcept;
};

// One contract's exposures (all 0 for excluded contracts).
struct contract_exposure {
  double gex = 0, dex = 0, vex = 0, cex = 0;
};
contract_exposure exposure_of(const contract_set& c, std::size_t i) noexcept;

// Adds contract i (its exposures and its OI/volume, which count even when it is excluded).
void accumulate(exposure_sums& s, const contract_set& c, std::size_t i, const contract_exposure& e) noexcept;

struct strike_exposure {
  double strike = 0;
  exposure_sums sums;
  double cum_net_gex = 0;   // net GEX summed over this and every lower strike of the scope
};

// The scope's live (not expired) contracts ordered by strike, ties in chain order.
std::vector<std::size_t> strike_order(const contract_set& c);

// Every distinct strike of the scope's live contracts, ascending, with cumulative net GEX. The
// second form takes strike_order(c) when the caller already has it.
std::vector<strike_exposure> by_strike(const contract_set& c, std::span<const contract_exposure> e);
std::vector<strike_exposure> by_strike(const contract_set& c, std::span<const contract_exposure> e,
                                       std::span<const std::size_t> order);

// The strikes within +-pct % of spot (all when pct is NaN or <= 0); cum_net_gex keeps its
// whole-scope value.
std::vector<strike_exposure> strike_window(const std::vector<strike_exposure>& all, double spot, double pct);

}  // namespace gd::exposure

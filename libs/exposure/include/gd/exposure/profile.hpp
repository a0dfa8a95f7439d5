#pragma once
// Total GEX and DEX over hypothetical spot prices (sticky strike: each contract keeps its IV, T,
// DF and its expiry's forward-to-spot ratio c = F/S, so F' = c S' at the level S').
//
// Per contract with dealer position q (see contract_set.hpp), s = sigma sqrt(T):
//   d1(S')  = ln(S'/K)/s + ln(c)/s + s/2
//   GEX(S') = q * 0.01 * S'^2 * d2V/dS'^2 = S' * [q * 0.01 * DF * c / (s sqrt(2 pi))] * exp(-d1^2/2)
//   DEX(S') = q * S' * dV/dS'           = S' * [q * DF * c] * (N(d1) - 1{put})
// The bracketed constants are computed once per contract. On a log-spaced grid (the profile's)
// d1 moves by a constant step per level, so exp(-d1^2/2) follows a two-multiply recurrence
// (re-seeded exactly every 64 levels) and DEX is the integral of GEX over ln S' (delta is the
// integral of gamma), by Gauss-Lobatto between levels from one exact N per contract at the first
// level: no exp, cdf or division per level. Other price lists (and contracts whose d1 step
// exceeds 0.25) cost one exp and one normal cdf per level. Either way contracts are skipped at
// levels where |d1| > 37.6: there exp(-d1^2/2) < 1e-307 and N(d1) is 0 or exactly 1. Both
// kernels have an AVX2+FMA build chosen at run time when the CPU has it. docs/exposure.md has
// the details and the accuracy (1e-10 of the profile's scale required; ~1e-14 on SPX).
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include <gd/exposure/contract_set.hpp>

namespace gd::exposure {

// The per-contract constants of the profile (contracts that contribute only).
struct profile_inputs {
  std::vector<double> inv_s;    // 1 / s
  std::vector<double> shift;    // ln(c/K)/s + s/2
  std::vector<double> gex_coef; // q 0.01 DF c / (s sqrt(2 pi))
  std::vector<double> dex_coef; // q DF c
  std::vector<std::uint8_t> is_call;
  double put_dex_coef_sum = 0;  // sum of dex_coef over puts (the "-1{put}" term)
  std::size_t size() const noexcept { return inv_s.size(); }
};

profile_inputs make_profile_inputs(const contract_set& c);

struct profile_point {
  double price;
  double gex;
  double dex;
};

struct gamma_profile {
  double spot = nan_v;
  std::vector<profile_point> levels;
  std::optional<double> gamma_flip;     // the crossing nearest spot
  std::vector<double> gamma_flips;      // every crossing, ascending
};

// `levels` log-spaced (geometric) prices over [low*spot, high*spot], both ends exact.
std::vector<double> profile_prices(double spot, std::size_t levels, double low, double high);

// GEX and DEX at each price of an ascending list of positive prices (any spacing; a log-spaced
// list, as from profile_prices, takes the fast path). out_gex and out_dex hold prices.size()
// values; an empty out_dex skips DEX (about 2x cheaper). portable_only forces the portable
// kernels (tests compare them with the AVX2 ones).
void evaluate_profile(const profile_inputs& in, std::span<const double> prices, std::span<double> out_gex,
                      std::span<double> out_dex, bool portable_only = false);
// Whether evaluate_profile runs the AVX2 + FMA kernel on this machine.
bool profile_uses_avx2() noexcept;

// Sign changes of y over x (ascending), by linear interpolation between the two levels around
// each change. Exact zeros are not a sign: a run of zeros between opposite signs gives one
// crossing at the run's midpoint; a run that touches zero without changing sign gives none.
std::vector<double> zero_crossings(std::span<const double> x, std::span<const double> y);
// The crossing nearest `spot` (ties: the lower one); nullopt when there is none.
std::optional<double> nearest_crossing(std::span<const double> crossings, double spot);

// The full profile: prices, GEX/DEX and flips.
gamma_profile compute_profile(const profile_inputs& in, double spot, std::size_t levels, double low, double high);
gamma_profile compute_profile(const contract_set& c, const exposure_params& p);

}  // namespace gd::exposure

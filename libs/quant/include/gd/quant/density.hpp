#pragma once
// Breeden-Litzenberger risk-neutral density of S_T from SVI-smoothed prices (never raw quotes):
// q(K) = d2C/dK2 / DF, with C the Black-76 call price at the SVI vol. Prices are taken undiscounted
// (DF = 1), so q needs no division. Second differences use the out-of-the-money side (puts below F,
// calls above; a neighbour across F converted by parity), which keeps deep in-the-money
// cancellation out of them.
//
// The strike grid is geometric (uniform in k = ln(K/F), so it follows the density from 0DTE to
// LEAPS) between F exp(k_lo) and F exp(k_hi); each end is pushed out in steps of the ATM total
// standard deviation until the mass beyond it, read off the SVI digital price, is below
// tail_mass, or the cap max_k_left / max_k_right is reached. At each grid point
// q = (V_kk - V_k) / K^2 by central differences in k on a stencil of its own (1e-3 of the ATM
// total standard deviation), so grid spacing affects only the integrals.
//
// Reported, not hidden: the raw integral of q over the grid (before clipping), the tail masses
// beyond the grid, negative values clipped to zero (count and mass). The density is then
// normalized to 1 and its moments and quantiles computed; integral_ok says whether the raw
// integral was within integral_tolerance of 1, mean_ok whether the mean is within
// mean_tolerance (relative) of the forward.
#include <cstddef>
#include <string>
#include <vector>

#include <gd/core/chain.hpp>
#include <gd/quant/svi.hpp>

namespace gd::quant {

struct density_config {
  std::size_t points = 801;      // grid points, raised (up to max_points) so that the step in k is
  std::size_t max_points = 4001; // at most a quarter of the SVI sigma: a sharp smile has a sharp density
  double tail_mass = 1e-7;
  double max_k_left = 6.0;       // K >= F e^-6
  double max_k_right = 3.0;      // K <= F e^3
  double integral_tolerance = 1e-3;
  double mean_tolerance = 0.005;
  std::vector<double> quantile_levels{0.01, 0.05, 0.25, 0.50, 0.75, 0.95, 0.99};
};

struct density_quantile {
  double level;
  double strike;
};

struct density_result {
  bool ok = false;
  std::string reason;                 // why not ok (bad inputs); flags below carry quality issues
  std::vector<double> strike;         // uniform grid
  std::vector<double> pdf;            // normalized, negatives clipped
  double integral = nan_v;            // raw trapezoid integral of q over the grid
  double tail_left = nan_v;           // P(S_T < first strike) implied by the SVI prices
  double tail_right = nan_v;          // P(S_T > last strike)
  std::size_t clipped_points = 0;     // grid points where q < 0 (set to 0)
  double clipped_mass = 0.0;          // integral of |q| over them
  bool integral_ok = false;           // |integral - 1| <= integral_tolerance
  double forward = nan_v;
  double mean = nan_v;
  double variance = nan_v;
  double skewness = nan_v;
  double excess_kurtosis = nan_v;
  double mean_vs_forward = nan_v;     // mean / forward - 1
  bool mean_ok = false;               // |mean_vs_forward| <= mean_tolerance
  std::vector<density_quantile> quantiles;
};

density_result risk_neutral_density(const svi_params& p, double F, double T, const density_config& cfg = {});

}  // namespace gd::quant

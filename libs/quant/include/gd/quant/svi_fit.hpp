#pragma once
// Weighted least-squares fit of raw SVI to one expiry's implied total variances.
//
// Method (the quasi-explicit reduction of Zeliade Systems' 2009 note, implemented here from the
// paper): for fixed (m, sigma), with y = (k - m) / sigma the model is linear,
//     w = a + d y + c sqrt(y^2 + 1),    d = rho b sigma,  c = b sigma,
// so the best (a, d, c) under linear constraints is a 3-variable convex quadratic program, solved
// exactly by enumerating active sets. What remains is a 2-D search over (m, log sigma): a coarse
// grid plus a start from wing slopes and curvature, then Nelder-Mead from the two best starts.
//
// Constraints on (a, d, c), all linear in them for fixed sigma:
//     |d| <= c                         |rho| <= 1, b >= 0
//     c + |d| <= max_wing_slope sigma  wing slopes b (1 +- rho) <= max_wing_slope (Lee: 2)
//     a + c - |d| >= 0                 sufficient for w >= 0 (a + b sigma sqrt(1 - rho^2) >= 0)
//     a <= max observed w
// and the box m in [k_min - m_margin range, k_max + m_margin range],
// sigma in [sigma_min_range range, sigma_max_range range] (range = k_max - k_min).
#include <cstddef>
#include <span>
#include <string>

#include <gd/quant/svi.hpp>

namespace gd::quant {

struct svi_fit_config {
  double max_wing_slope = 2.0;
  double m_margin = 0.5;
  double sigma_min_range = 1e-3;
  double sigma_max_range = 4.0;
  double sigma_floor = 1e-5;     // absolute lower bound on sigma
  int grid_m = 9;                // coarse grid over m
  int grid_sigma = 7;            // coarse grid over log sigma
  int max_iterations = 200;      // per Nelder-Mead run
  double tolerance = 1e-9;       // Nelder-Mead stops when the simplex is this small in (m, ln sigma)
  std::size_t min_points = 5;
};

struct svi_fit_result {
  bool ok = false;
  svi_params params;
  std::size_t points = 0;
  double objective = 0.0;             // weighted sum of squared total-variance residuals
  double rmse_vol_points = 0.0;       // unweighted RMS of (svi vol - market vol), in vol points (x100)
  double max_abs_vol_error_points = 0.0;
  int evaluations = 0;                // inner problems solved
  std::string reason;                 // why not ok
};

// k: log-moneyness ln(K/F); w: market total variance sigma^2 T; weight: > 0 (points with a
// non-finite value or a non-positive weight are ignored). T is used only for the vol-point errors.
svi_fit_result fit_svi(std::span<const double> k, std::span<const double> w, std::span<const double> weight,
                       double T, const svi_fit_config& cfg = {});

}  // namespace gd::quant

#pragma once
// One expiry slice analysed end to end, the entry point the exposure and API layers call:
//   implied forward and DF -> grade (liquid out-of-the-money strikes) -> implied vol of each
//   out-of-the-money mid -> ATM IV -> (not degraded) SVI fit -> butterfly check -> risk-neutral
//   density and moments.
// Every figure and flag lands in the result; nothing is thrown. A degraded slice (too few liquid
// strikes) stops after ATM IV with the reason; a slice whose SVI fit or density fails says why.
//
// The smile uses out-of-the-money quotes only (puts below the forward, calls at or above): they
// carry the information, in-the-money quotes add only parity noise. By default only liquid quotes
// enter the SVI fit (see slice_quality.hpp); every two-sided OTM quote gets an IV in `smile`.
//
// SVI weights: vega (Black-76 vega at the mid IV: the near-the-money points that pin the level
// dominate), inverse_spread (vega / (ask - bid) = 1 / the bid-ask spread in vol: trust tight
// markets), or uniform.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/quant/density.hpp>
#include <gd/quant/expiry_slice.hpp>
#include <gd/quant/implied_forward.hpp>
#include <gd/quant/settlement_time.hpp>
#include <gd/quant/slice_quality.hpp>
#include <gd/quant/svi.hpp>
#include <gd/quant/svi_arbitrage.hpp>
#include <gd/quant/svi_fit.hpp>

namespace gd::quant {

enum class svi_weighting : std::uint8_t { vega, inverse_spread, uniform };

struct expiry_analysis_config {
  liquidity_config liquidity;
  forward_config forward;
  svi_fit_config svi;
  density_config density;
  svi_weighting weighting = svi_weighting::vega;
  time_measure measure = time_measure::calendar_act365;
  bool fit_liquid_only = true;
  // The butterfly check covers the fitted k range widened by this fraction of it on each side.
  double arbitrage_k_margin = 0.5;
  std::size_t arbitrage_points = 2001;
  // Calendar violations smaller than this in total variance are fit noise, not arbitrage (at 20%
  // vol, 1e-6 is 0.00025 vol points at one year and 0.09 at one day).
  double calendar_tolerance = 1e-6;
};

struct smile_point {
  double strike = 0.0;
  option_right right = option_right::call;
  double bid = nan_v, ask = nan_v, mid = nan_v;
  std::int64_t open_interest = -1;
  bool liquid = false;
  double k = nan_v;               // ln(K / F)
  double iv = nan_v;              // from the mid
  double total_variance = nan_v;  // iv^2 T
  double weight = 0.0;            // SVI weight (0 when not fitted)
  bool fitted = false;            // entered the SVI fit
  double svi_iv = nan_v;          // the fitted smile at k (when there is a fit)
};

enum class expiry_status : std::uint8_t { ok, degraded, expired, failed };
const char* to_string(expiry_status s) noexcept;

struct expiry_analysis {
  date::year_month_day expiration{};
  settlement_style settlement = settlement_style::pm;
  std::string root;
  expiry_status status = expiry_status::failed;
  std::string reason;             // empty when ok
  std::vector<std::string> warnings;  // quality flags in words (arbitrage, integral, mean vs forward)

  time_to_settlement time;
  double T = nan_v;
  slice_grade grade;
  forward_result forward;
  std::vector<smile_point> smile; // two-sided OTM quotes with their IVs, by strike
  std::size_t iv_failures = 0;    // two-sided OTM mids with no implied vol (outside the bounds)
  double atm_iv = nan_v;          // market ATM vol: linear in k between the OTM IVs around k = 0

  bool has_surface = false;       // SVI fitted and density computed
  svi_fit_result svi;
  double svi_atm_iv = nan_v;
  double fit_k_min = nan_v, fit_k_max = nan_v;
  butterfly_check butterfly;
  density_result density;
};

// With T given directly (no calendar): for tests, simulations and callers with their own clock.
expiry_analysis analyze_expiry(const expiry_slice& slice, double T, const expiry_analysis_config& cfg = {});
// T from the slice's settlement instant on the NYSE calendar.
expiry_analysis analyze_expiry(const expiry_slice& slice, sys_time as_of, const nyse_calendar& cal,
                               const expiry_analysis_config& cfg = {});

struct calendar_link {
  std::size_t earlier;            // indexes into chain_analysis::expiries
  std::size_t later;
  calendar_check check;
};

struct chain_analysis {
  std::vector<expiry_analysis> expiries;   // by settlement instant
  std::vector<calendar_link> calendar;     // consecutive expiries that both have a surface,
                                           // compared where both were fitted to data
  std::size_t calendar_violations = 0;
};

// Every (expiration, settlement) slice of the rows. Expired slices are listed with status expired.
chain_analysis analyze_chain(const std::vector<chain_row>& rows, sys_time as_of, const nyse_calendar& cal,
                             const expiry_analysis_config& cfg = {});

}  // namespace gd::quant

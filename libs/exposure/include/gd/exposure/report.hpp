#pragma once
// The exposure report of one chain snapshot: the entry point of the library.
//   compute_exposure(chain, spot, as_of, params) -> exposure_report
// It holds everything the API serves (json.hpp shapes each part): totals, key levels, the
// per-strike series (strike window applied), top-strikes tables, the vendor gap, the per-expiry
// table, the profile and the strike x expiration heatmap. Pure: no I/O, no clock reads.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/exposure/contract_set.hpp>
#include <gd/exposure/expiry_stats.hpp>
#include <gd/exposure/exposure_sums.hpp>
#include <gd/exposure/key_levels.hpp>
#include <gd/exposure/params.hpp>
#include <gd/exposure/profile.hpp>
#include <gd/exposure/scope.hpp>

namespace gd::exposure {

struct exposure_totals {
  exposure_sums sums;
  std::size_t contracts_used = 0;   // contracts that contribute to GEX
  excluded_counts excluded;
};

struct strike_rank {
  double strike = 0;
  std::int64_t call_oi = 0, put_oi = 0, call_volume = 0, put_volume = 0;
  double pc_ratio = nan_v;   // put OI / call OI (NaN when call OI is 0)
};

// Top-N strikes by call + put OI, by call + put volume, and by put/call OI ratio among strikes
// where both sides have at least params.pc_ratio_min_oi. Descending; ties nearest spot, then lower.
struct top_strikes {
  std::vector<strike_rank> by_oi, by_volume, by_pc_ratio;
};

// Our numbers next to the vendor's, over contracts where both exist (live, in scope).
struct vendor_gap {
  std::size_t iv_pairs = 0;            // contracts with our IV and a vendor IV
  double iv_mean_diff = nan_v;         // mean(ours - vendor), decimal vol
  double iv_median_diff = nan_v;
  double iv_mean_abs_diff = nan_v;
  std::size_t gamma_pairs = 0;         // contracts with our gamma and a positive vendor gamma
  double gamma_median_rel_diff = nan_v;// median((ours - vendor) / vendor)
  double net_gex_model = nan_v;        // total net GEX over contracts with both gammas, each source
  double net_gex_vendor = nan_v;
  std::size_t vendor_iv_fallback = 0;  // contributing contracts whose vol is the vendor's (no own IV)
};

// Net GEX per (expiration date, strike); rows = expirations (AM and PM slots of a date merged),
// columns = the strikes of the per-strike series (strike window applied). 0 where nothing trades.
struct exposure_heatmap {
  std::vector<date::year_month_day> expirations;
  std::vector<double> strikes;
  std::vector<std::vector<double>> values;
};

struct exposure_report {
  std::string underlying;
  sys_time as_of{};
  double spot = nan_v;
  exposure_params params;
  scope_result scope;
  exposure_totals totals;
  key_levels levels;
  std::vector<strike_exposure> strikes;   // strike window applied
  top_strikes top;
  vendor_gap gap;
  expiry_table by_expiry;
  gamma_profile profile;
  exposure_heatmap heatmap;
};

exposure_report compute_exposure(const option_chain& chain, double spot, sys_time as_of, const exposure_params& p,
                                 const nyse_calendar& cal);
exposure_report compute_exposure(const option_chain& chain, double spot, sys_time as_of,
                                 const exposure_params& p = {});

// The parts, for callers that hold a contract_set (tests, benchmarks).
top_strikes rank_strikes(const std::vector<strike_exposure>& all, double spot, const exposure_params& p);
vendor_gap compare_vendor(const contract_set& c);

}  // namespace gd::exposure

#pragma once
// The knobs of an exposure computation. Public GEX tools disagree on almost every one of these
// (see docs/exposure.md), so each is a parameter with a documented default, and every report
// echoes the values it was computed with.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/quant/slice_quality.hpp>

namespace gd::exposure {

// Where gamma and delta at spot come from: our Black-76 greeks from our IV of the mid (model), or
// the vendor's published greeks (vendor; vanna, charm and the profile then use the vendor's IV).
enum class gamma_source : std::uint8_t { model, vendor };

// Who is assumed to hold what. The dealer's position per contract is sign * OI * multiplier:
//   standard       dealers long calls (+1), short puts (-1): customers sell calls, buy puts
//   inverse        dealers short calls (-1), long puts (+1)
//   customer_long  customers long everything, dealers short both (-1, -1)
enum class dealer_convention : std::uint8_t { standard, inverse, customer_long };

// Year fraction for T: calendar (ACT/365 to the settlement instant) or trading (regular-hours
// minutes / (252 * 390): business days / 252 at minute resolution).
enum class time_basis : std::uint8_t { calendar, trading };

enum class scope_kind : std::uint8_t { all, zero_dte, max_dte, bucket, expiration, opex };

struct scope_spec {
  scope_kind kind = scope_kind::all;
  int max_dte = 0;                      // max_dte: every live expiration with dte <= max_dte
  int target_dte = 0;                   // bucket: the expiration nearest target_dte ...
  int tolerance_dte = 1;                // ... within +- tolerance_dte days
  date::year_month_day expiration{};    // expiration: that date (every root and settlement)
};

struct exposure_params {
  gamma_source gamma = gamma_source::model;
  dealer_convention dealer = dealer_convention::standard;
  time_basis basis = time_basis::calendar;
  double rate = 0.0;                    // continuously compounded; discounting and the F fallback
  bool implied_forward = true;          // F from put-call parity per expiry when the slice allows
  // Model source: a contract with no IV of its own (no two-sided quote, failed solve) takes the
  // vendor's IV when there is one, and our greeks are computed from it. After the close CBOE
  // zeroes bids and asks while its IVs stay, so without this an evening snapshot is nearly empty.
  bool vendor_iv_fallback = true;
  std::size_t profile_levels = 300;
  double profile_low = 0.5;             // profile range as multiples of spot
  double profile_high = 1.5;
  scope_spec scope;
  double strike_window_pct = nan_v;     // +-% of spot for the per-strike series; NaN or <= 0: all
  double min_iv = 0.005;                // IVs outside [min_iv, max_iv] are treated as failed solves
  double max_iv = 5.0;
  std::int64_t pc_ratio_min_oi = 100;   // put/call ratio table: both sides need this much OI
  std::size_t top_n = 10;               // rows per top-strikes table
  quant::liquidity_config liquidity;    // quality grade (degraded below 8 liquid strikes)
};

// The dealer's position sign for each side under a convention.
struct dealer_signs {
  double call;
  double put;
};
dealer_signs signs_of(dealer_convention d) noexcept;

const char* to_string(gamma_source v) noexcept;
const char* to_string(dealer_convention v) noexcept;
const char* to_string(time_basis v) noexcept;
const char* to_string(scope_kind v) noexcept;   // "all", "0dte", "max_dte", "bucket", "expiration", "opex"

// Parse the names above (exact, lower case). False leaves `out` untouched.
bool parse(std::string_view s, gamma_source& out) noexcept;
bool parse(std::string_view s, dealer_convention& out) noexcept;
bool parse(std::string_view s, time_basis& out) noexcept;
bool parse(std::string_view s, scope_kind& out) noexcept;

// Empty when the parameters are usable, else one line saying what is wrong (for a 400 reply).
std::string validate(const exposure_params& p);

}  // namespace gd::exposure

#pragma once
// The chain turned into numbers the exposure code can sum: every contract of the chosen scope
// with its expiry, time to settlement, forward, implied vol and greeks at spot, in structure-of-
// arrays form, plus the reason a contract contributes nothing to GEX when it does not.
//
// Per expiry slot (expiration, settlement style): T from quant::years_to_settlement in the chosen
// basis; DF = exp(-rate T); F from quant::implied_forward with DF fixed to that value when the
// slice has enough two-sided call/put pairs (params.implied_forward), else F = S exp(rate T).
// IV: quant::implied_vol_black76_batch on the mid. Spot greeks: quant::bsm_greeks_batch with the
// carry q = rate - ln(F/S)/T, which is the Black-76 greek on F times F/S (delta, vanna) or
// (F/S)^2 (gamma); charm includes the carry terms.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/exposure/params.hpp>
#include <gd/exposure/scope.hpp>
#include <gd/quant/slice_quality.hpp>

namespace gd::exposure {

// Why a contract adds nothing to GEX/DEX/VEX/CEX. One reason per contract, the first that applies
// in this order. OI and volume of every live contract still count in the OI/volume series.
enum class exclusion : std::uint8_t {
  none,
  expired,            // settlement instant <= evaluation instant
  invalid,            // non-positive strike or multiplier
  zero_oi,            // open interest 0 or missing
  no_quote,           // no two-sided quote (model source)
  iv_failed,          // the IV solve failed (mid below intrinsic or above the bound)
  iv_out_of_range,    // IV outside [min_iv, max_iv]
  no_vendor_greeks,   // vendor source: vendor IV, gamma or delta missing
};
const char* to_string(exclusion e) noexcept;

struct excluded_counts {
  std::size_t expired = 0, invalid = 0, zero_oi = 0, no_quote = 0, iv_failed = 0, iv_out_of_range = 0,
              no_vendor_greeks = 0;
  void add(exclusion e) noexcept;
  std::size_t total() const noexcept;
};

struct contract_set {
  double spot = nan_v;
  double rate = 0.0;
  double days_per_year = 365.0;        // 365 (calendar) or 252 (trading): charm per day
  gamma_source source = gamma_source::model;
  double min_iv = 0.0, max_iv = 5.0;
  dealer_signs signs{1.0, -1.0};
  std::vector<expiry_slot> slots;      // every slot of the chain (scope.hpp), by settlement instant
  scope_result scope;

  // Per contract in scope (chain rows of the selected slots, chain order).
  std::vector<std::uint32_t> slot;     // index into slots
  std::vector<double> strike, multiplier, T, forward, df;
  std::vector<std::uint8_t> is_call;
  std::vector<std::int64_t> oi, volume;  // missing (-1) stored as 0
  std::vector<double> bid, ask, mid;
  std::vector<double> iv;              // ours, from the mid (NaN when none)
  std::vector<double> vendor_iv, vendor_gamma, vendor_delta;
  std::vector<double> sigma;           // the vol the exposures use (ours or vendor's), NaN if excluded
  std::vector<std::uint8_t> vendor_fallback;   // model source: sigma is the vendor's IV (no own IV)
  bool fallback_allowed = true;
  std::vector<exclusion> excluded;
  // Greeks with respect to spot at spot (0 for excluded contracts): gamma and delta from the
  // gamma source, vanna and charm (per year) from sigma.
  std::vector<double> delta, gamma, vanna, charm;
  // Our model gamma at spot wherever our IV is usable and OI > 0, whatever the source (the vendor
  // comparison reads it); NaN elsewhere.
  std::vector<double> model_gamma;

  std::size_t size() const noexcept { return strike.size(); }
  // The source's vol of contract i when it is usable (finite, within the IV bounds, not expired),
  // whatever its OI: what ATM IV and skew read. NaN otherwise.
  double usable_iv(std::size_t i) const noexcept;
  // Dealer position in units of the underlying: sign(side) * OI * multiplier.
  double position(std::size_t i) const noexcept {
    return (is_call[i] ? signs.call : signs.put) * static_cast<double>(oi[i]) * multiplier[i];
  }
};

// Selects the scope, solves IVs and computes the spot greeks. Pure; never throws on bad data
// (bad contracts are excluded with a reason). `spot` must be finite and positive.
contract_set prepare_contracts(const option_chain& chain, double spot, sys_time as_of, const exposure_params& p,
                               const nyse_calendar& cal);

}  // namespace gd::exposure

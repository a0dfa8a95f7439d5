#pragma once
// Per-expiry figures beyond the exposure sums, all from one slot's contracts:
//   atm_iv        IV at the forward, linear in k = ln(K/F) between the out-of-the-money IVs of
//                 the nearest strikes on each side of F (puts below F, calls at or above); one side
//                 only when the other has none. Uses every contract with a usable IV (any OI).
//   straddle      call mid + put mid at F, linear in K between the two strikes around F with a
//                 two-sided call and put (the nearest such strike when F is outside them).
//   sigma move    S * atm_iv * sqrt(T).
//   skew_25d      IV(put, forward delta -0.25) - IV(call, forward delta +0.25), each linear in delta
//                 between the two out-of-the-money contracts around 0.25 |delta| (Black-76 forward
//                 delta N(d1), N(d1) - 1 at each contract's own IV). NaN unless both are bracketed.
//   max_pain      key_levels.hpp, over this expiry's OI.
//   quality       quant::grade_slice: degraded below 8 liquid strikes, with the reason.
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <gd/exposure/contract_set.hpp>
#include <gd/exposure/exposure_sums.hpp>

namespace gd::exposure {

struct expiry_quality {
  bool degraded = true;
  std::size_t liquid_strikes = 0;
  std::string reason;
};

struct expiry_exposure {
  date::year_month_day expiration{};
  int dte = 0;
  settlement_style settlement = settlement_style::pm;
  std::string root;
  double T = nan_v;
  double forward = nan_v;
  bool forward_implied = false;
  exposure_sums sums;
  double atm_iv = nan_v;
  double expected_move_straddle = nan_v;
  double expected_move_sigma = nan_v;
  double skew_25d = nan_v;
  double max_pain = nan_v;
  expiry_quality quality;
};

struct expiry_table {
  std::vector<expiry_exposure> items;   // selected live slots, by settlement instant
};

// `idx` are the contract_set indexes of one slot.
double atm_iv(const contract_set& c, std::span<const std::size_t> idx, double forward);
double straddle_at_forward(const contract_set& c, std::span<const std::size_t> idx, double forward);
double skew_25d(const contract_set& c, std::span<const std::size_t> idx, double forward, double T);

}  // namespace gd::exposure

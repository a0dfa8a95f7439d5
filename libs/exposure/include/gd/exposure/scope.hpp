#pragma once
// Which expirations a report covers. The chain is grouped into expiry slots, one per
// (expiration, settlement style): SPX (AM) and SPXW (PM) on a third Friday are two slots.
//   all         every slot
//   0dte        the nearest expiration date with a slot not yet settled at the evaluation instant
//               (on or after today; a snapshot taken after the close skips today's settled slots)
//   max_dte     live slots with dte <= N
//   bucket      the live expiration date whose dte is nearest target within +-tolerance (ties: the
//               earlier date): the same rule the snapshot job uses for SNAPSHOT_DTE_TARGETS
//   expiration  every slot on one date
//   opex        the next monthly OPEX: the first third Friday (Thursday before when that Friday is
//               an NYSE holiday) with a live slot; its AM slots (SPX, RUT roots) when there are
//               any, else its PM slots (SPY)
// dte = calendar days from the New York date of the evaluation instant to the expiration date.
#include <cstddef>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/exposure/params.hpp>
#include <gd/quant/slice_quality.hpp>

namespace gd::exposure {

struct expiry_slot {
  date::year_month_day expiration{};
  settlement_style settlement = settlement_style::pm;
  std::string root;                 // the first root seen ("SPX", "SPXW")
  int dte = 0;
  sys_time settlement_instant{};
  bool expired = false;             // settlement_instant <= evaluation instant
  double T = nan_v;                 // years in the chosen basis (quant floors it at one minute)
  double forward = nan_v;
  double df = nan_v;
  bool forward_implied = false;     // F from put-call parity (else S exp(rT))
  quant::slice_grade grade;
};

struct scope_result {
  scope_kind kind = scope_kind::all;
  std::string label;                                // "all expirations", "0DTE 2022-12-13", ...
  std::vector<std::size_t> slots;                   // selected slot indexes, by settlement instant
  std::vector<date::year_month_day> expirations;    // distinct live dates of the selected slots
};

// The expiration is a monthly OPEX date: the third Friday, or the Thursday before it when that
// Friday is an NYSE holiday.
bool is_monthly_opex(date::year_month_day d, const nyse_calendar& cal);

// `slots` ordered by settlement instant, with dte and expired filled in.
scope_result select_scope(const std::vector<expiry_slot>& slots, const scope_spec& spec, const nyse_calendar& cal);

}  // namespace gd::exposure

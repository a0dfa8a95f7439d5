#pragma once
// One expiration of one root, priced by our own numbers (never the vendor's greeks):
//   T        gd::quant::years_to_settlement (SPXW: the 16:00 ET close, 13:00 on early closes)
//   F, DF    gd::quant::implied_forward from put-call parity of the slice's two-sided pairs
//   grade    gd::quant::grade_slice against F (the degraded-chain rule)
//   IV       gd::quant::implied_vol_black76_batch from each two-sided mid
//   delta    gd::quant::black76_greeks' delta, dV/dF = DF N(d1) for calls and -DF N(-d1) for puts:
//            the forward delta, the convention for index options (there is no tradable spot; the
//            hedge is the future). The spot delta exp(-qT) N(d1) differs by the factor
//            exp((r-q)T), under 0.1% at 3-7 DTE. Strategy targets compare |delta|.
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/quant/implied_forward.hpp>
#include <gd/quant/implied_vol.hpp>
#include <gd/quant/settlement_time.hpp>
#include <gd/quant/slice_quality.hpp>
#include <gd/strategy/config.hpp>

namespace gd::strategy {

struct priced_quote {
  const gd::chain_row* row = nullptr;   // points into the caller's chain
  double mid = gd::nan_v;               // NaN unless two-sided
  double iv = gd::nan_v;                // NaN unless the mid gave an implied vol
  double delta = gd::nan_v;
  bool out_of_the_money = false;        // put below F, call above F (false without a forward)
};

struct priced_slice {
  date::year_month_day expiration{};
  gd::quant::time_to_settlement time;
  gd::quant::forward_result forward;
  gd::quant::slice_grade grade;
  std::vector<priced_quote> quotes;     // rows of the root at the expiration, by (right, strike)
  bool has_forward() const noexcept;
};

priced_slice price_slice(const gd::option_chain& chain, const std::string& root, date::year_month_day expiration,
                         gd::sys_time now, const gd::nyse_calendar& calendar, const strategy_config& config);

}  // namespace gd::strategy

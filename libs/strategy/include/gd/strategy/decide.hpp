#pragma once
// decide(inputs) -> decision: the whole entry rule for SPXW credit verticals as one pure function.
// It reads no clock, no file, no network, no database: the instant, the chain, the calendar, the
// config and the risk state all come in, so the live service and the backtest run the same code
// and the same inputs always give the same decision (bit-identical JSON).
//
// Order of the gates (the first that fails is the SKIP reason):
//   1. the slot is configured; the New York date is a trading day; the instant is in the slot's
//      window;
//   2. risk (entries only): kill switch, max open trades, max trades per day, stop-loss today;
//   3. the chain is fresh (0 <= now - as_of <= max_chain_age);
//   4. each candidate (dte, delta) of the slot, put spread then call spread when sides = both:
//      expiration (gd::select_expiration, today + dte within tolerance), the root's rows there,
//      forward and grade (degraded chain), short leg = the out-of-the-money quote whose |delta|
//      is nearest the target, long leg (width or delta), leg quote filters, prices, min credit.
// The first candidate that passes is the TRADE. When none passes, the SKIP reports the first
// candidate's reason (the highest-priority intent) and every candidate is listed with its own.
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/strategy/config.hpp>
#include <gd/strategy/decision.hpp>
#include <gd/strategy/risk.hpp>

namespace gd::strategy {

struct decide_inputs {
  gd::sys_time now;                                  // the evaluation instant (UTC)
  std::string slot;                                  // "10:00": must name a configured slot
  const gd::option_chain& chain;                     // normalized rows of one snapshot
  std::string snapshot_id;
  std::string snapshot_checksum;
  std::vector<date::year_month_day> expirations;     // listed expirations (all roots), as the snapshot saw them
  const gd::nyse_calendar& calendar;
  const strategy_config& config;                     // assumed valid (validate() at start-up)
  risk_state risk;
};

decision decide(const decide_inputs& in);

}  // namespace gd::strategy

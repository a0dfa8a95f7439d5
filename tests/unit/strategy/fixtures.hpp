#pragma once
// Shared inputs for the strategy tests: the real CBOE quote-table fixture, a simulated SPX market at
// a fixed manual clock, and a decide_inputs builder.
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/strategy/decide.hpp>

namespace gd::strategy::test {

// New York wall-clock instant.
gd::sys_time ny(int y, unsigned m, unsigned d, int hour, int minute);

// tests/data/chains/spx_cboe_quotetable_2022-12-12.csv, parsed by the providers' CBOE parser
// (as_of 2022-12-12 20:30 ET: after the close, near-dated bids are zero).
const gd::option_chain& cboe_2022_12_12();

// The simulated market's full SPX chain (expirations up to 14 days out) at instant t.
gd::option_chain simulated_chain(gd::sys_time t);

// Sorted unique expirations of a chain's rows (all roots), as the snapshot job lists them.
std::vector<date::year_month_day> expirations_of(const gd::option_chain& chain);

const gd::nyse_calendar& calendar();

// A decide_inputs over `chain` at `now` for `slot`, snapshot id/checksum fixed.
decide_inputs inputs(gd::sys_time now, const std::string& slot, const gd::option_chain& chain,
                     const strategy_config& config, risk_state risk = {});

}  // namespace gd::strategy::test

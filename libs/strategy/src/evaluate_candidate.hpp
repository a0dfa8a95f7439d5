#pragma once
// One candidate (target DTE, target |delta|, put or call credit spread) taken from expiration
// choice to prices, stopping at the first filter that fails. Private to decide().
#include <map>
#include <optional>
#include <string>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/strategy/config.hpp>
#include <gd/strategy/decision.hpp>
#include <gd/strategy/priced_slice.hpp>

namespace gd::strategy::detail {

// Priced slices by expiration, so put and call candidates of one DTE price the slice once.
using slice_cache = std::map<date::sys_days, priced_slice>;

struct candidate_context {
  gd::sys_time now;
  date::year_month_day today;
  const gd::option_chain& chain;
  const std::vector<date::year_month_day>& expirations;
  const gd::nyse_calendar& calendar;
  const strategy_config& config;
  slice_cache& slices;
};

candidate evaluate_candidate(const candidate_context& ctx, const candidate_rule& rule, gd::option_right right);

}  // namespace gd::strategy::detail

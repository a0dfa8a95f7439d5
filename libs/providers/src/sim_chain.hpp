#pragma once
// Prices, quotes, open interest and volume of the simulated market, written as a Tradier
// /markets/options/chains response.
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/core/nyse_calendar.hpp>
#include <gd/providers/simulated_market.hpp>

#include "sim_expiries.hpp"

namespace gd::providers {

nlohmann::json sim_chain_json(const simulated_settings& settings, const gd::nyse_calendar& calendar,
                              const simulated_spot& spot, gd::sys_time now, const std::vector<sim_expiry>& expiries);

}  // namespace gd::providers

#pragma once
// The inverse of parse_tradier_chain / parse_tradier_quotes: any chain written in Tradier's JSON
// shape, so recordings (replay directories), fake servers and benchmarks can feed data from any
// provider (CBOE fixtures included) through the one Tradier code path. NaN and -1 become null.
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::providers {

// {"options": {"option": [...]}} with one object per row (empty chain: {"options": null}).
nlohmann::json to_tradier_chain_json(const gd::option_chain& chain);

// {"expirations": {"date": ["YYYY-MM-DD", ...]}} (empty: {"expirations": null}).
nlohmann::json to_tradier_expirations_json(const std::vector<date::year_month_day>& dates);

// {"quotes": {"quote": [...]}} (empty: {"quotes": null}).
nlohmann::json to_tradier_quotes_json(const std::vector<underlying_quote>& quotes);

}  // namespace gd::providers

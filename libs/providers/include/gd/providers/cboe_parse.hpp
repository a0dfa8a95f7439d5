#pragma once
// Pure parsers for CBOE delayed quotes, in both forms CBOE publishes:
//  - JSON: cdn.cboe.com/api/global/delayed_quotes/options/<SYM>.json (indices as _SPX.json):
//    {"timestamp": "YYYY-MM-DD HH:MM:SS" (UTC), "data": {"symbol": "^RUT", "current_price": ...,
//     "last_trade_time": "YYYY-MM-DDTHH:MM:SS" (New York), "options": [{"option": "RUTW231020P01800000", ...}]}}
//  - the quote-table CSV download: a title line with "Last: <spot>", a "Date: December 12, 2022 at
//    8:30 PM EST" line, then "Expiration Date,Calls,...,Strike,Puts,..." with one row per
//    (expiration, root, strike) holding the call and the put.
// Contract identity (root, expiry, right, strike, fractional strikes included) comes from the
// OCC symbol; settlement and underlying from gd::classify_root (SPX/SPXW, RUT/RUTW). IV 0 and
// all-zero greeks are "not computed" (NaN), like the Tradier parser.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/result.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::providers {

struct cboe_chain {
  gd::option_chain chain;   // provider "cboe"; as_of = the data's time; spot = the underlying's last
  underlying_quote quote;   // the underlying itself
};

gd::result<cboe_chain> parse_cboe_json(const nlohmann::json& doc);
gd::result<cboe_chain> parse_cboe_csv(std::string_view text);

// The stored (JSONB) form of a CSV download: the verbatim text in one string, so the checksum
// covers exactly the vendor bytes and the chain re-derives with parse_cboe_csv:
//   {"cboe_quote_table_csv": {"text": "<the CSV>"}}
nlohmann::json cboe_csv_raw(std::string text);

// Either stored form: the CBOE JSON itself, or cboe_csv_raw(...).
gd::result<cboe_chain> parse_cboe_raw(const nlohmann::json& raw);

// A whole CBOE download: `raw` is the JSON document or cboe_csv_raw(bytes).
struct cboe_payload {
  nlohmann::json raw;
  gd::option_chain chain;
};

// Bytes as downloaded or read from a file: JSON when the first non-blank byte is '{', else CSV.
gd::result<cboe_payload> parse_cboe_bytes(std::string_view bytes);

// A raw payload cut down to the contracts whose expiration passes `keep` (same shape, so it parses
// with parse_cboe_raw), with {"gammadesk_subset": {"from": ..., "to": ...}} added at the top level
// to say it is a subset.
nlohmann::json cboe_raw_subset(const nlohmann::json& raw, date::year_month_day from, date::year_month_day to);

// "^RUT" / "_SPX" / "spx" -> "RUT" / "SPX" / "SPX".
std::string cboe_plain_symbol(std::string_view symbol);

}  // namespace gd::providers

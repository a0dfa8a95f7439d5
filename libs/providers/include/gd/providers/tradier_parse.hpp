#pragma once
// Pure parsers for Tradier's market-data JSON (expirations, chains with greeks, quotes).
// They implement every shape quirk in the Tradier reference (sections 2, 3, 10, 11):
//  - a one-element collection arrives as a bare object/scalar instead of an array;
//  - "empty" is JSON null, the string "null", {} or a missing key, all read as empty;
//  - per-field nulls (last, close, prevclose, ...) become NaN, missing counts -1;
//  - epoch timestamps come in milliseconds or seconds (told apart by magnitude), 0 = unknown;
//  - greeks: IV 0.0 means "not computable" (NaN); all-zero greeks mean "not computed" (NaN);
//    `updated_at` (naive UTC "YYYY-MM-DD HH:MM:SS") is kept so staleness can be judged, and
//    greeks older than an optional age limit are blanked;
//  - SPX and SPXW in one chain: root comes from root_symbol (or the OCC symbol), settlement and
//    underlying from gd::classify_root.
// Malformed input is a gd::error naming the endpoint; nothing throws out of these functions.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/result.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::providers {

inline constexpr std::string_view tradier_expirations_endpoint = "/markets/options/expirations";
inline constexpr std::string_view tradier_chains_endpoint = "/markets/options/chains";
inline constexpr std::string_view tradier_quotes_endpoint = "/markets/quotes";

// Parses a response body into JSON without throwing: malformed or truncated bodies are an
// error with code "vendor_malformed" naming `endpoint`.
gd::result<nlohmann::json> parse_vendor_json(std::string_view body, std::string_view endpoint);

// {"expirations": {"date": [...]}} or, with strikes/contractSize/expirationType,
// {"expirations": {"expiration": [{"date": ...}, ...]}}. Sorted and unique.
gd::result<std::vector<date::year_month_day>> parse_tradier_expirations(const nlohmann::json& doc);

struct tradier_chain_options {
  std::string underlying;           // the requested symbol; empty: taken from the contracts
  std::string provider = "tradier";
  gd::sys_time fetched_at{};        // as_of when no contract carries a quote time
  // Greeks whose updated_at is older than this before the chain's as_of are blanked (NaN).
  std::optional<std::chrono::seconds> max_greeks_age;
};

// {"options": {"option": [...]}}. An empty chain (null/"null"/missing) is an empty, valid chain.
gd::result<gd::option_chain> parse_tradier_chain(const nlohmann::json& doc, const tradier_chain_options& options);

// A chains response body read in one pass: the chain, the body's canonical text
// (gd::canonical_json of the parsed body, the form snapshots store and checksum) and whether it
// carries a non-empty "errors" member (Tradier answers some bad requests with HTTP 200).
struct tradier_chain_body {
  gd::option_chain chain;
  std::string canonical;
  bool vendor_errors = false;
  bool fast_path = false;   // read by simdjson; false when the nlohmann path took the body
};

// Exactly parse_vendor_json + parse_tradier_chain + gd::canonical_json of the same bytes, results
// and errors alike, but several times faster on large bodies: simdjson builds no object tree, and
// whatever it cannot read exactly as nlohmann would goes through the nlohmann path instead.
gd::result<tradier_chain_body> read_tradier_chain(std::string_view body, const tradier_chain_options& options);

struct tradier_quotes {
  std::vector<underlying_quote> quotes;
  std::vector<std::string> unmatched_symbols;
};

// {"quotes": {"quote": obj | [obj...], "unmatched_symbols": {"symbol": s | [s...]}}}.
gd::result<tradier_quotes> parse_tradier_quotes(const nlohmann::json& doc);

// Greeks' "updated_at": naive "YYYY-MM-DD HH:MM:SS" in UTC, or an ISO-8601 instant.
bool parse_tradier_timestamp(const std::string& text, gd::sys_time& out);

// Epoch milliseconds or seconds, told apart by magnitude (seconds would need to be past the
// year 5000 to exceed 1e11; milliseconds are past it since 1973). 0 or negative: epoch (unknown).
gd::sys_time epoch_ms_or_s(long long value);

}  // namespace gd::providers

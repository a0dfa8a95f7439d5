#pragma once
// Tradier market data over an injected transport. The transport owns TLS, the base URL, the
// Bearer token, `Accept: application/json`, retries and rate limiting; this class owns the
// paths, the HTTP status mapping and the parsing. The token never passes through here.
#include <memory>

#include <gd/core/clock.hpp>
#include <gd/providers/http_getter.hpp>
#include <gd/providers/market_data.hpp>
#include <gd/providers/tradier_parse.hpp>

namespace gd::providers {

struct tradier_settings {
  // Greeks older than this (relative to the chain's quote time) are blanked; empty keeps them.
  std::optional<std::chrono::seconds> max_greeks_age;
  // Fetch the underlying's quote with each chain to fill option_chain::spot (one more request;
  // a failed quote leaves spot NaN rather than failing the chain).
  bool fetch_spot = true;
  // Expirations fetched at once by full_chain (Tradier needs one request per expiration). The
  // transport's rate limiter still paces them; 1 fetches one after another.
  int full_chain_concurrency = 4;
};

class tradier_market_data final : public market_data {
 public:
  tradier_market_data(std::shared_ptr<http_getter> transport, const gd::clock& clock, tradier_settings settings = {});

  std::string_view name() const override { return "tradier"; }
  gd::result<std::vector<date::year_month_day>> expirations(const std::string& symbol) override;
  gd::result<chain_payload> chain(const std::string& symbol, date::year_month_day expiration) override;
  // One quote request for the whole full chain instead of one per expiration.
  gd::result<chain_payload> full_chain(const std::string& symbol, date::year_month_day today, int max_dte) override;
  gd::result<std::vector<underlying_quote>> quotes(const std::vector<std::string>& symbols) override;

 private:
  gd::result<std::string> get_body(std::string_view endpoint, const std::string& path_and_query);  // 2xx body
  gd::result<nlohmann::json> checked_json(std::string_view endpoint, std::string_view body);   // parsed, no "errors"
  gd::result<nlohmann::json> get_json(std::string_view endpoint, const std::string& path_and_query);
  gd::result<chain_payload> chain_only(const std::string& symbol, date::year_month_day expiration);
  double spot_of(const std::string& symbol);

  std::shared_ptr<http_getter> transport_;
  const gd::clock& clock_;
  tradier_settings settings_;
};

// Maps a non-2xx Tradier response to an error naming the endpoint and status: 401/403 ->
// "vendor_auth" (check TRADIER_ACCESS_TOKEN), 429 or 400 "Quota Violation" -> "vendor_rate_limited",
// 400 -> "vendor_bad_request" (with Tradier's errors.error text), 404/5xx -> "vendor_unavailable".
// Only a short, sanitized excerpt of the body is quoted.
gd::error tradier_http_error(std::string_view endpoint, const http_response& response);

}  // namespace gd::providers

#pragma once
// Builds the market_data provider named by SNAPSHOT_PROVIDER. Configuration is validated here so
// a bad setting fails at start-up with one clear line (error code "bad_config").
#include <memory>
#include <string>

#include <gd/core/clock.hpp>
#include <gd/providers/cboe_market_data.hpp>
#include <gd/providers/http_getter.hpp>
#include <gd/providers/market_data.hpp>
#include <gd/providers/simulated_market.hpp>
#include <gd/providers/tradier_market_data.hpp>

namespace gd::providers {

struct provider_settings {
  std::string kind;                 // "tradier" | "cboe" | "simulated" | "replay"; empty: the default below
  const gd::clock* clock = nullptr; // required; must outlive the provider
  // tradier: the authenticated transport (base URL TRADIER_BASE_URL, Bearer TRADIER_ACCESS_TOKEN).
  std::shared_ptr<http_getter> tradier_transport;
  tradier_settings tradier;
  // cboe: a file path (or template with "{symbol}"), else the CDN through cboe_transport.
  std::string cboe_path;
  std::shared_ptr<http_getter> cboe_transport;  // base URL https://cdn.cboe.com
  simulated_settings simulated;
  std::string replay_dir;
};

// The default: Tradier when a token (and so a transport) is configured, else simulated.
std::string_view default_provider_kind(bool has_tradier_token);

gd::result<std::unique_ptr<market_data>> make_market_data(const provider_settings& settings);

}  // namespace gd::providers

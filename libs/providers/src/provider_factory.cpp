#include <gd/providers/provider_factory.hpp>

#include <filesystem>

#include <gd/providers/replay_market_data.hpp>

namespace gd::providers {

namespace {
gd::error bad_config(std::string message) { return gd::error{"bad_config", std::move(message)}; }
}  // namespace

std::string_view default_provider_kind(bool has_tradier_token) { return has_tradier_token ? "tradier" : "simulated"; }

gd::result<std::unique_ptr<market_data>> make_market_data(const provider_settings& settings) {
  const std::string kind =
      settings.kind.empty() ? std::string{default_provider_kind(settings.tradier_transport != nullptr)} : settings.kind;
  if (settings.clock == nullptr) return bad_config("market data provider '" + kind + "' needs a clock");
  std::unique_ptr<market_data> out;
  if (kind == "tradier") {
    if (!settings.tradier_transport) {
      return bad_config("SNAPSHOT_PROVIDER=tradier needs TRADIER_ACCESS_TOKEN (no Tradier transport configured)");
    }
    out = std::make_unique<tradier_market_data>(settings.tradier_transport, *settings.clock, settings.tradier);
  } else if (kind == "cboe") {
    if (!settings.cboe_path.empty()) {
      out = std::make_unique<cboe_market_data>(make_cboe_file_source(settings.cboe_path));
    } else if (settings.cboe_transport) {
      out = std::make_unique<cboe_market_data>(make_cboe_http_source(settings.cboe_transport));
    } else {
      return bad_config("SNAPSHOT_PROVIDER=cboe needs a file path or an HTTP transport to cdn.cboe.com");
    }
  } else if (kind == "simulated") {
    out = std::make_unique<simulated_market>(*settings.clock, settings.simulated);
  } else if (kind == "replay") {
    std::error_code ec;
    if (settings.replay_dir.empty() || !std::filesystem::is_directory(settings.replay_dir, ec)) {
      return bad_config("SNAPSHOT_PROVIDER=replay needs an existing directory (got '" + settings.replay_dir + "')");
    }
    out = std::make_unique<replay_market_data>(settings.replay_dir, *settings.clock);
  } else {
    return bad_config("unknown SNAPSHOT_PROVIDER '" + kind + "' (expected tradier, cboe, simulated or replay)");
  }
  return out;
}

}  // namespace gd::providers

#pragma once
// The service's validated configuration: configs/gammadesk.yaml defaults, overridden by the
// environment (and a .env file). Parsed once at start-up; invalid values stop start-up with one
// line naming the variable. Secrets are only ever read from the environment and never printed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gd::app {

struct settings {
  // HTTP
  std::string host = "0.0.0.0";
  std::uint16_t port = 8000;
  int io_threads = 2;
  int worker_threads = 8;
  std::size_t max_body_bytes = 1 << 20;
  std::size_t max_header_bytes = 16 * 1024;
  int read_timeout_ms = 30'000;
  int write_timeout_ms = 30'000;
  std::vector<std::string> cors_origins{"http://localhost:5173"};
  std::string static_dir = "frontend/dist";
  std::optional<std::string> admin_api_key;          // secret

  // Database
  std::string database_url;                          // secret (may hold a password)
  int db_pool_size = 8;
  int db_statement_timeout_ms = 30'000;
  std::string migrations_dir = "db/migrations";

  // Tradier
  std::optional<std::string> tradier_access_token;   // secret
  std::string tradier_account_id;
  std::string tradier_base_url = "https://sandbox.tradier.com/v1";

  // Time
  std::string tz = "America/New_York";

  // Snapshots
  std::string snapshot_provider;                     // tradier|cboe|simulated|replay; empty = auto
  int snapshot_interval_minutes = 5;
  std::string snapshot_underlying = "SPX";
  std::vector<int> snapshot_dte_targets{3, 5, 7};
  int snapshot_dte_tolerance_days = 1;
  bool allow_snapshot_outside_rth = false;
  int full_chain_max_dte = 60;
  std::string spool_dir = ".data/spool";
  std::string cboe_source;                           // URL or file for the cboe provider
  std::string replay_dir;                            // directory for the replay provider
  std::uint64_t simulated_seed = 20221212;
  bool scheduler_enabled = true;

  // Logging
  std::string log_level = "info";
  std::string log_format = "text";

  // The provider the snapshot job uses: SNAPSHOT_PROVIDER, else tradier with a token, else simulated.
  std::string effective_provider() const;
};

}  // namespace gd::app

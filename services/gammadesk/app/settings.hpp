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
  std::string simulated_clock_start;                 // ISO instant: run the clock from there (demos, tests)

  // Paper trading (docs/trading.md)
  bool trading_enabled = true;                       // decisions, orders, marks and settlement jobs
  std::string broker;                                // tradier|simulated; empty = auto
  std::string strategy_config_file;                  // JSON strategy rules; empty = the defaults
  std::string strategy_sides;                        // put|call|both; empty = the file's/default (put)
  double strategy_spread_width = 0.0;                // long leg distance in points; 0 = file/default (25)
  double strategy_min_credit = 0.0;                  // per share; 0 = file/default (0.50)
  int trade_quantity = 0;                            // spreads per trade; 0 = file/default (1)
  int max_open_trades = 0;                           // 0 = file/default (1)
  int max_trades_per_day = 0;                        // 0 = file/default (1)
  double fill_spread_factor = 0.30;                  // simulated fills: mid -/+ factor x package width
  double take_profit_fraction = 0.5;                 // close when the debit <= fraction x credit
  double stop_loss_multiple = 2.0;                   // close when the debit >= multiple x credit
  int order_poll_seconds = 10;                       // how often working orders are polled
  int mark_interval_seconds = 60;                    // mark to market cadence in RTH
  int reprice_after_seconds = 120;                   // an unfilled entry is re-priced after this
  int reprice_max_ticks = 4;                         // ...by at most this many 0.05 ticks in total

  // Logging
  std::string log_level = "info";
  std::string log_format = "text";

  // The provider the snapshot job uses: SNAPSHOT_PROVIDER, else tradier with a token, else simulated.
  std::string effective_provider() const;
  // The broker paper orders go to: BROKER, else tradier with a token and an account, else simulated.
  std::string effective_broker() const;
};

}  // namespace gd::app

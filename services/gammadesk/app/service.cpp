#include "app/service.hpp"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include <gd/core/clock.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/net/http_server.hpp>
#include <gd/providers/net_http_getter.hpp>
#include <gd/providers/provider_factory.hpp>
#include <gd/store/connection_pool.hpp>
#include <gd/store/migrations.hpp>
#include <gd/store/snapshot_repository.hpp>
#include <gd/store/trading_repository.hpp>

#include "api/api_handler.hpp"
#include "api/router.hpp"
#include "api/routes.hpp"
#include "api/static_files.hpp"
#include "api/system_routes.hpp"
#include "app/build_info.hpp"
#include "app/exposure_service.hpp"
#include "app/metrics.hpp"
#include "jobs/job_scheduler.hpp"
#include "jobs/snapshot_spool.hpp"
#include "jobs/snapshot_taker.hpp"
#include "trading/broker_factory.hpp"
#include "trading/spread_quotes.hpp"
#include "trading/trading_engine.hpp"
#include "trading/trading_scheduler.hpp"
#include "trading/trading_setup.hpp"

namespace gd::app {

namespace {

store::pool_options pool_options_for(const settings& config) {
  store::pool_options o;
  o.url = config.database_url;
  o.size = config.db_pool_size;
  o.statement_timeout = std::chrono::milliseconds(config.db_statement_timeout_ms);
  return o;
}

net::server_options server_options_for(const settings& config) {
  net::server_options o;
  o.address = config.host;
  o.port = config.port;
  o.io_threads = config.io_threads;
  o.worker_threads = config.worker_threads;
  o.body_limit = config.max_body_bytes;
  o.header_limit = config.max_header_bytes;
  o.read_timeout = std::chrono::milliseconds(config.read_timeout_ms);
  o.write_timeout = std::chrono::milliseconds(config.write_timeout_ms);
  return o;
}

// Applies migrations; when the database is unreachable, keeps retrying in the background so the
// service can start (and answer /health, and 503 for data) before Postgres is up.
class migration_runner {
 public:
  migration_runner(store::connection_pool& pool, std::vector<store::migration_file> files,
                   std::atomic<bool>& schema_ready)
      : pool_(pool), files_(std::move(files)), schema_ready_(schema_ready) {}
  ~migration_runner() { stop(); }

  // True when applied now; false when it will retry. Throws migration_error (a fatal refusal).
  bool try_once() {
    try {
      const auto report = pool_.with_connection(
          [this](pqxx::connection& c) { return store::apply_migrations(c, files_); });
      for (const auto& name : report.applied) spdlog::info("migration applied: {}", name);
      spdlog::info("schema up to date ({} migrations, {} applied now)", files_.size(), report.applied.size());
      schema_ready_ = true;
      return true;
    } catch (const store::db_unavailable& e) {
      spdlog::warn("database unavailable, migrations will be retried: {}", e.what());
      return false;
    }
  }

  void retry_in_background(std::function<void(const std::string&)> on_fatal) {
    thread_ = std::thread([this, on_fatal = std::move(on_fatal)] {
      std::unique_lock lock(mu_);
      while (!stopping_) {
        cv_.wait_for(lock, std::chrono::seconds(2), [this] { return stopping_; });
        if (stopping_) return;
        lock.unlock();
        try {
          if (try_once()) return;
        } catch (const std::exception& e) {
          on_fatal(e.what());
          return;
        }
        lock.lock();
      }
    });
  }

  void stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  store::connection_pool& pool_;
  std::vector<store::migration_file> files_;
  std::atomic<bool>& schema_ready_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

std::atomic<bool> fatal_stop{false};

// The market-data provider named by the configuration (SNAPSHOT_PROVIDER, else the default).
std::unique_ptr<providers::market_data> make_provider(const settings& config, const gd::clock& clock) {
  providers::provider_settings p;
  p.kind = config.effective_provider();
  p.clock = &clock;
  if (config.tradier_access_token) {
    net::client_options o;
    o.base_url = config.tradier_base_url;
    o.bearer_token = config.tradier_access_token;
    o.log_name = "tradier";
    p.tradier_transport = std::make_shared<providers::net_http_getter>(o);
  }
  if (p.kind == "cboe") {
    if (config.cboe_source.rfind("https://", 0) == 0 || config.cboe_source.rfind("http://", 0) == 0) {
      net::client_options o;
      o.base_url = config.cboe_source;
      o.log_name = "cboe";
      p.cboe_transport = std::make_shared<providers::net_http_getter>(o);
    } else {
      p.cboe_path = config.cboe_source;
    }
  }
  p.simulated.seed = config.simulated_seed;
  p.simulated.symbol = config.snapshot_underlying;
  p.replay_dir = config.replay_dir;
  auto made = providers::make_market_data(p);
  if (!made) throw std::runtime_error(made.err().message);
  return std::move(made).value();
}

}  // namespace

int run_migrations_only(const settings& config) {
  try {
    auto files = store::load_migrations(config.migrations_dir);
    store::connection_pool pool(pool_options_for(config));
    std::atomic<bool> ready{false};
    migration_runner runner(pool, std::move(files), ready);
    if (!runner.try_once()) {
      spdlog::error("cannot apply migrations: the database is unreachable");
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}

int run_service(const settings& config) {
  // Signals are taken by sigwait on this thread; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The wall clock, or with SIMULATED_CLOCK_START a clock running from that instant.
  std::unique_ptr<gd::clock> clock_source = std::make_unique<system_clock_source>();
  if (!config.simulated_clock_start.empty()) {
    gd::sys_time start{};
    gd::parse_iso_instant(config.simulated_clock_start, start);  // validated by the loader
    clock_source = std::make_unique<shifted_clock>(start);
    spdlog::warn("SIMULATED_CLOCK_START: the clock runs from {} (not the real time)", format_utc_iso(start));
  }
  const gd::clock& wall_clock = *clock_source;
  spdlog::info("gammadesk {} ({}) starting; market data provider: {}", build_version, build_git_sha,
               config.effective_provider());
  if (config.admin_api_key) {
    spdlog::info("admin endpoints require the X-API-Key header");
  } else {
    spdlog::warn("ADMIN_API_KEY is not set: admin endpoints answer loopback clients only");
  }

  std::vector<store::migration_file> migration_files;
  try {
    migration_files = store::load_migrations(config.migrations_dir);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }

  store::connection_pool pool(pool_options_for(config));
  metrics_registry metrics;
  api::service_state state;
  state.started_at_utc = format_utc_iso(wall_clock.now());

  migration_runner migrations(pool, std::move(migration_files), state.schema_ready);
  try {
    if (!migrations.try_once()) {
      migrations.retry_in_background([](const std::string& why) {
        spdlog::critical("{}", why);
        fatal_stop = true;
        kill(getpid(), SIGTERM);
      });
    }
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }

  std::optional<trading::trading_setup> trading_rules;
  if (config.trading_enabled) {
    try {
      trading_rules = trading::make_trading_setup(config);
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
  }

  gd::nyse_calendar calendar;
  std::unique_ptr<providers::market_data> provider;
  try {
    provider = make_provider(config, wall_clock);
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  if (provider->name() == "simulated") {
    spdlog::warn("market data is SIMULATED (synthetic prices, not real quotes); set TRADIER_ACCESS_TOKEN or "
                 "SNAPSHOT_PROVIDER for real data");
  }
  store::snapshot_repository snapshots(pool);
  jobs::snapshot_spool spool(config.spool_dir);
  jobs::snapshot_taker taker(config, *provider, snapshots, spool, wall_clock, calendar, metrics);
  app::exposure_service exposure(config, pool, snapshots, calendar);
  taker.on_full_chain([&exposure](long long id, const gd::option_chain& chain) { exposure.on_full_chain(id, chain); });
  metrics.add_collector([&spool](std::string& out) {
    out += "# HELP gd_snapshot_spool_pending Snapshots waiting in the local spool for the database.\n";
    out += "# TYPE gd_snapshot_spool_pending gauge\ngd_snapshot_spool_pending " + std::to_string(spool.pending()) + "\n";
  });

  // Paper trading: the broker, the engine and its jobs (absent with TRADING_ENABLED=false).
  store::trading_repository trading_repo(pool);
  trading::spread_quotes leg_quotes(*provider, wall_clock, config.snapshot_underlying);
  std::unique_ptr<execution::broker> broker;
  std::unique_ptr<trading::trading_engine> engine;
  std::unique_ptr<trading::trading_scheduler> trading_jobs;
  if (trading_rules) {
    try {
      broker = trading::make_broker(config, *trading_rules, wall_clock, leg_quotes, trading_repo);
    } catch (const std::exception& e) {
      spdlog::critical("{}", e.what());
      return 1;
    }
    const std::string underlying = config.snapshot_underlying;
    engine = std::make_unique<trading::trading_engine>(
        *trading_rules, pool, trading_repo, snapshots, *broker, leg_quotes,
        [&exposure, underlying] { return exposure.chain_for(underlying, std::nullopt); }, wall_clock, calendar, metrics);
    trading_jobs = std::make_unique<trading::trading_scheduler>(*engine, wall_clock, trading_rules->poll_interval);
    taker.on_full_chain([&trading_jobs](long long, const gd::option_chain&) { trading_jobs->wake(); });
    metrics.add_collector([&engine](std::string& out) {
      trading::engine_status s;
      try {
        s = engine->status();
      } catch (const std::exception&) {
        return;  // the database is down: /metrics still answers, without these gauges
      }
      out += "# HELP gd_trading_open_alarms Reconciliation and order alarms not cleared (entries are blocked).\n";
      out += "# TYPE gd_trading_open_alarms gauge\ngd_trading_open_alarms " + std::to_string(s.open_alarms) + "\n";
      out += "# TYPE gd_trading_kill_switch gauge\ngd_trading_kill_switch " + std::string(s.kill_switch ? "1" : "0") + "\n";
      out += "# TYPE gd_trading_reconciled gauge\ngd_trading_reconciled " + std::string(s.reconciled ? "1" : "0") + "\n";
    });
  } else {
    spdlog::info("paper trading is off (TRADING_ENABLED=false): decisions, orders and marks do not run");
  }

  api::router routes;
  api::api_context context{config, pool, metrics, state,
                           api::snapshot_route_deps{&config, &snapshots, &taker, &wall_clock},
                           api::exposure_route_deps{&config, &exposure, &calendar, &wall_clock},
                           api::trading_route_deps{&config, &trading_repo, engine.get(), &wall_clock,
                                                   [&trading_jobs] {
                                                     if (trading_jobs) trading_jobs->wake();
                                                   }}};
  api::register_routes(routes, context);

  api::static_files statics;
  const auto static_count = statics.load(config.static_dir);
  if (static_count > 0) {
    spdlog::info("serving the dashboard from {} ({} files)", config.static_dir, static_count);
  } else {
    spdlog::info("no dashboard files in '{}' (build them with `make frontend`); API only", config.static_dir);
  }

  api::api_handler handler(routes, statics, metrics, api::handler_options{config.cors_origins, config.admin_api_key});
  net::http_server server(server_options_for(config), handler);
  try {
    server.start();
  } catch (const std::exception& e) {
    spdlog::critical("{}", e.what());
    return 1;
  }
  metrics.add_collector([&server](std::string& out) {
    out += "# TYPE gd_http_open_connections gauge\ngd_http_open_connections " +
           std::to_string(server.open_connections()) + "\n";
  });
  const std::string shown_host = config.host == "0.0.0.0" ? "localhost" : config.host;
  spdlog::info("listening on http://{}:{}/", shown_host, server.port());

  jobs::job_scheduler scheduler(config, taker, spool, snapshots, wall_clock, calendar, metrics);
  scheduler.start();
  if (trading_jobs && config.scheduler_enabled) trading_jobs->start();

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  spdlog::info("{} received: shutting down", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  migrations.stop();
  scheduler.stop();
  if (trading_jobs) trading_jobs->stop();
  server.stop();
  server.wait();
  spdlog::info("stopped");
  return fatal_stop ? 1 : 0;
}

}  // namespace gd::app

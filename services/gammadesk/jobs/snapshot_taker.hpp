#pragma once
// Takes one round of snapshots: for each SNAPSHOT_DTE_TARGETS entry the chain of the selected
// expiration, the full chain (all expirations up to SNAPSHOT_FULL_CHAIN_MAX_DTE, for exposure),
// and the underlying's price (for realized volatility). Each stored payload is the vendor's raw
// response, checksummed over its canonical serialization. When Postgres is unreachable the
// snapshot goes to the durable spool instead. Runs never overlap.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/providers/market_data.hpp>
#include <gd/store/snapshot_repository.hpp>

#include "app/metrics.hpp"
#include "app/settings.hpp"
#include "jobs/snapshot_spool.hpp"

namespace gd::jobs {

struct stored_item {
  std::string kind;                         // "target" | "full_chain"
  std::optional<int> target_dte;
  std::optional<date::year_month_day> expiration;
  std::optional<int> actual_dte_days;
  std::string checksum;
  long long snapshot_id = 0;                // 0 when spooled
  bool spooled = false;
  int contracts = 0;
};

struct snapshot_run_result {
  bool skipped = false;
  std::string reason;                       // why skipped, or notes ("target 7: no expiration within ±1 days")
  gd::sys_time now{};
  std::vector<stored_item> inserted;        // target snapshots
  std::optional<stored_item> full_chain;
  std::optional<double> index_price;
  std::vector<std::string> errors;          // vendor or storage failures (the run went on)
};

class snapshot_taker {
 public:
  // Called after a full chain is stored (snapshot id, chain); exposure analytics hang here.
  using full_chain_listener = std::function<void(long long snapshot_id, const gd::option_chain& chain)>;

  snapshot_taker(const app::settings& config, providers::market_data& provider, store::snapshot_repository& repository,
                 snapshot_spool& spool, const gd::clock& clock, const gd::nyse_calendar& calendar,
                 app::metrics_registry& metrics);

  // force: ignore regular trading hours and fall back to the closest expiration when none is
  // within tolerance. slot: the scheduled time the index price is filed under (default: now).
  snapshot_run_result run(bool force, std::optional<gd::sys_time> slot = std::nullopt);
  // Listeners run in the order added, on the taker's thread, after the snapshot is committed.
  void on_full_chain(full_chain_listener listener) { listeners_.push_back(std::move(listener)); }
  providers::market_data& provider() noexcept { return provider_; }

 private:
  stored_item store(const providers::chain_payload& payload, const std::string& kind, std::optional<int> target_dte,
                    std::optional<date::year_month_day> expiration, std::optional<int> actual_dte, gd::sys_time now,
                    snapshot_run_result& result);

  const app::settings& config_;
  providers::market_data& provider_;
  store::snapshot_repository& repository_;
  snapshot_spool& spool_;
  const gd::clock& clock_;
  const gd::nyse_calendar& calendar_;
  app::metrics_registry& metrics_;
  std::vector<full_chain_listener> listeners_;
  std::mutex run_mu_;
};

// A random (version 4) UUID, the idempotency key of a snapshot.
std::string new_snapshot_key();

}  // namespace gd::jobs

#pragma once
// Dealer exposure for stored snapshots. After each full-chain snapshot it computes the default
// report for the standard scopes, stores them (exposure_results) and keeps the latest chain and
// reports per underlying in memory, so the common requests (levels, the default report) are
// answered from memory. Other parameters are computed on demand from the cached or stored chain.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/exposure/report.hpp>
#include <gd/store/connection_pool.hpp>
#include <gd/store/snapshot_repository.hpp>

#include "app/settings.hpp"

namespace gd::app {

// A full chain as stored, ready for analysis.
struct stored_chain {
  long long snapshot_id = 0;
  gd::sys_time ts{};            // when the snapshot was taken: the evaluation instant
  std::string provider;
  gd::option_chain chain;
};

// The default report for one scope of the latest snapshot, with its JSON pre-rendered.
struct cached_levels {
  long long snapshot_id = 0;
  std::string underlying;
  nlohmann::json levels_item;   // one item of GET /api/exposure/levels
};

class exposure_service {
 public:
  exposure_service(const settings& config, store::connection_pool& pool, store::snapshot_repository& snapshots,
                   const gd::nyse_calendar& calendar);

  // The snapshot taker's listener: compute, store and cache the standard scopes.
  void on_full_chain(long long snapshot_id, const gd::option_chain& chain);

  // The chain of a snapshot (the latest full chain of `underlying` when snapshot_id is empty).
  // Throws api-level not-found errors through the returned nullptr.
  std::shared_ptr<const stored_chain> chain_for(const std::string& underlying, std::optional<long long> snapshot_id);
  exposure::exposure_report compute(const stored_chain& chain, const exposure::exposure_params& params) const;

  // The levels item of the latest snapshot's default report (all expirations), from memory.
  std::shared_ptr<const cached_levels> latest_levels(const std::string& underlying);

  // True when the latest levels of every symbol are in memory (a request needs no database).
  bool levels_cached(const std::vector<std::string>& underlyings);

  // Stored levels over time for a scope.
  nlohmann::json history(const std::string& underlying, const std::string& scope, gd::sys_time from, gd::sys_time to);

  // The standard scopes stored per snapshot: "all", "0dte", "opex" and "bucket:N" per DTE target.
  std::vector<std::pair<std::string, exposure::scope_spec>> standard_scopes() const;

 private:
  std::shared_ptr<const stored_chain> load(long long snapshot_id);
  void remember(std::shared_ptr<const stored_chain> chain, const exposure::exposure_report& all_scope);

  const settings& config_;
  store::connection_pool& pool_;
  store::snapshot_repository& snapshots_;
  const gd::nyse_calendar& calendar_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const stored_chain>> latest_chain_;     // by underlying
  std::map<std::string, std::shared_ptr<const cached_levels>> latest_levels_;  // by underlying
};

// "all", "0dte", "opex", "max_dte:N", "bucket:N", "expiration:YYYY-MM-DD"; false when malformed.
bool parse_scope(const std::string& text, int tolerance_days, exposure::scope_spec& out);
// The levels item: {"underlying","snapshot_id","as_of","provider", ...levels}.
nlohmann::json levels_item(const stored_chain& chain, const exposure::exposure_report& report);

}  // namespace gd::app

#pragma once
// Chain snapshots in Postgres: the checksummed vendor payload (chain_snapshots) and its
// normalized contracts (option_quotes, written with COPY in the same transaction: all or nothing),
// plus the index prices that feed realized volatility. Blocking: call from worker threads.
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/store/connection_pool.hpp>

namespace gd::store {

struct snapshot_to_store {
  std::string snapshot_key;             // a UUID chosen when the snapshot was taken
  gd::sys_time ts{};                    // when it was taken (UTC)
  std::string underlying;
  std::string kind = "target";          // "target" | "full_chain"
  std::optional<int> target_dte;
  std::optional<date::year_month_day> expiration;
  std::optional<int> actual_dte_days;
  std::string provider;
  double spot = gd::nan_v;
  gd::sys_time as_of{};                 // the vendor's data time (epoch: unknown)
  std::string payload_text;             // canonical JSON: exactly the bytes the checksum covers
  std::string checksum;
  std::vector<gd::chain_row> rows;
};

struct insert_outcome {
  long long snapshot_id = 0;
  bool duplicate = false;               // the key was already stored (a replayed spool file)
};

struct snapshot_summary {
  long long snapshot_id = 0;
  gd::sys_time ts{};
  std::string underlying;
  std::string kind;
  std::optional<int> target_dte;
  std::optional<date::year_month_day> expiration;
  std::optional<int> actual_dte_days;
  std::string checksum;
  std::string provider;
  double spot = gd::nan_v;
  std::optional<gd::sys_time> as_of;
  int contract_count = 0;
};

struct snapshot_filter {
  int limit = 50;
  std::optional<std::string> underlying;
  std::optional<std::string> kind;
  std::optional<gd::sys_time> from;     // ts >= from
  std::optional<gd::sys_time> to;       // ts < to
  std::optional<long long> before_id;   // cursor: snapshot_id < before_id (newest first)
};

class snapshot_repository {
 public:
  explicit snapshot_repository(connection_pool& pool) : pool_(pool) {}

  insert_outcome insert(const snapshot_to_store& snapshot);
  std::vector<snapshot_summary> list(const snapshot_filter& filter);
  std::optional<snapshot_summary> get(long long snapshot_id);
  std::optional<snapshot_summary> latest(const std::string& underlying, const std::string& kind);
  // The payload as Postgres returns it (JSONB text form; re-canonicalize before hashing).
  std::optional<std::string> payload_text(long long snapshot_id);
  std::vector<gd::chain_row> contracts(long long snapshot_id);

  void insert_index_price(const std::string& underlying, gd::sys_time ts, double price, const std::string& provider);
  std::vector<std::pair<gd::sys_time, double>> index_prices(const std::string& underlying, gd::sys_time from,
                                                            gd::sys_time to);

  // Scheduled-job slots: true for the one caller (across replicas) that claims (job, slot).
  bool claim_job_slot(const std::string& job, gd::sys_time slot);
  void finish_job_slot(const std::string& job, gd::sys_time slot, const std::string& outcome,
                       const std::string& detail_json);

 private:
  connection_pool& pool_;
};

}  // namespace gd::store

#include "jobs/snapshot_taker.hpp"

#include <cmath>
#include <map>
#include <random>

#include <spdlog/spdlog.h>

#include <gd/core/canonical_json.hpp>
#include <gd/core/expiration_selection.hpp>
#include <gd/core/ny_time.hpp>

namespace gd::jobs {

std::string new_snapshot_key() {
  static thread_local std::mt19937_64 rng{std::random_device{}() ^
                                          static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;   // version 4
  lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;   // RFC 4122 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", (unsigned long long)(hi >> 32),
                (unsigned long long)((hi >> 16) & 0xffff), (unsigned long long)(hi & 0xffff),
                (unsigned long long)(lo >> 48), (unsigned long long)(lo & 0xffffffffffffULL));
  return buf;
}

snapshot_taker::snapshot_taker(const app::settings& config, providers::market_data& provider,
                               store::snapshot_repository& repository, snapshot_spool& spool, const gd::clock& clock,
                               const gd::nyse_calendar& calendar, app::metrics_registry& metrics)
    : config_(config),
      provider_(provider),
      repository_(repository),
      spool_(spool),
      clock_(clock),
      calendar_(calendar),
      metrics_(metrics) {}

stored_item snapshot_taker::store(const providers::chain_payload& payload, const std::string& kind,
                                  std::optional<int> target_dte, std::optional<date::year_month_day> expiration,
                                  std::optional<int> actual_dte, gd::sys_time now, snapshot_run_result& result) {
  store::snapshot_to_store s;
  s.snapshot_key = new_snapshot_key();
  s.ts = now;
  s.underlying = config_.snapshot_underlying;
  s.kind = kind;
  s.target_dte = target_dte;
  s.expiration = expiration;
  s.actual_dte_days = actual_dte;
  s.provider = std::string(provider_.name());
  s.spot = payload.chain.spot;
  s.as_of = payload.chain.as_of;
  s.payload_text = payload.raw_json;
  s.checksum = gd::sha256_hex(s.payload_text);
  s.rows = payload.chain.rows;

  stored_item item{kind, target_dte, expiration, actual_dte, s.checksum, 0, false, static_cast<int>(s.rows.size())};
  try {
    const auto outcome = repository_.insert(s);
    item.snapshot_id = outcome.snapshot_id;
    metrics_.count_event("gd_snapshots_stored_total", "kind", kind);
    if (kind == "full_chain") {
      for (const auto& listener : listeners_) listener(outcome.snapshot_id, payload.chain);
    }
  } catch (const store::db_unavailable& e) {
    spdlog::warn("snapshot {} ({}): database unavailable, spooling: {}", s.snapshot_key, kind, e.what());
    try {
      spool_.put(s);
      item.spooled = true;
      metrics_.count_event("gd_snapshots_spooled_total", "kind", kind);
    } catch (const std::exception& spool_error) {
      result.errors.push_back(kind + " snapshot lost: database unavailable and spool failed: " + spool_error.what());
      spdlog::error("snapshot {} lost: {}", s.snapshot_key, spool_error.what());
    }
  } catch (const std::exception& e) {
    result.errors.push_back(kind + " snapshot not stored: " + std::string(e.what()));
    spdlog::error("snapshot {} ({}) not stored: {}", s.snapshot_key, kind, e.what());
  }
  return item;
}

snapshot_run_result snapshot_taker::run(bool force, std::optional<gd::sys_time> slot) {
  snapshot_run_result result;
  result.now = clock_.now();
  if (!force && !config_.allow_snapshot_outside_rth && !calendar_.is_open(result.now)) {
    result.skipped = true;
    result.reason = "outside regular trading hours (next open " + gd::format_ny_iso(calendar_.next_open(result.now)) + ")";
    return result;
  }
  std::unique_lock lock(run_mu_, std::try_to_lock);
  if (!lock.owns_lock()) {
    result.skipped = true;
    result.reason = "another snapshot run is in progress";
    return result;
  }

  const std::string& symbol = config_.snapshot_underlying;
  const auto today = gd::ny_date(result.now);
  std::vector<std::string> notes;

  const auto expirations = provider_.expirations(symbol);
  if (!expirations) {
    result.errors.push_back("expirations: " + expirations.err().message);
  } else {
    // One fetch per distinct expiration even when two targets select the same one.
    std::map<date::sys_days, providers::chain_payload> fetched;
    for (const int target : config_.snapshot_dte_targets) {
      const auto choice = gd::select_expiration(*expirations, today, target, config_.snapshot_dte_tolerance_days, force);
      if (!choice) {
        notes.push_back("target " + std::to_string(target) + ": no expiration within ±" +
                        std::to_string(config_.snapshot_dte_tolerance_days) + " days");
        continue;
      }
      const date::sys_days key{choice->expiration};
      auto it = fetched.find(key);
      if (it == fetched.end()) {
        auto payload = provider_.chain(symbol, choice->expiration);
        if (!payload) {
          result.errors.push_back("chain " + gd::format_date(choice->expiration) + ": " + payload.err().message);
          continue;
        }
        it = fetched.emplace(key, std::move(payload).value()).first;
      }
      if (!choice->within_tolerance) {
        notes.push_back("target " + std::to_string(target) + ": none within tolerance, took " +
                        gd::format_date(choice->expiration) + " (" + std::to_string(choice->actual_dte_days) + " DTE)");
      }
      result.inserted.push_back(store(it->second, "target", target, choice->expiration, choice->actual_dte_days,
                                      result.now, result));
    }
  }

  if (config_.full_chain_max_dte > 0) {
    auto full = provider_.full_chain(symbol, today, config_.full_chain_max_dte);
    if (!full) {
      result.errors.push_back("full chain: " + full.err().message);
    } else {
      result.full_chain = store(*full, "full_chain", std::nullopt, std::nullopt, std::nullopt, result.now, result);
    }
  }

  const auto quotes = provider_.quotes({symbol});
  if (!quotes) {
    result.errors.push_back("quotes: " + quotes.err().message);
  } else if (!quotes->empty() && std::isfinite(quotes->front().last) && quotes->front().last > 0) {
    result.index_price = quotes->front().last;
    try {
      repository_.insert_index_price(symbol, slot.value_or(result.now), *result.index_price,
                                     std::string(provider_.name()));
    } catch (const std::exception& e) {
      result.errors.push_back("index price not stored: " + std::string(e.what()));
    }
  }

  for (const auto& n : notes) result.reason += (result.reason.empty() ? "" : "; ") + n;
  spdlog::info("snapshot run{}: {} target snapshot(s), full chain {}, {} error(s){}", force ? " (forced)" : "",
               result.inserted.size(), result.full_chain ? std::to_string(result.full_chain->contracts) + " contracts" : "none",
               result.errors.size(), result.reason.empty() ? "" : "; " + result.reason);
  return result;
}

}  // namespace gd::jobs

#include "app/exposure_service.hpp"

#include <charconv>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include <gd/core/ny_time.hpp>
#include <gd/exposure/json.hpp>

namespace gd::app {

using json = nlohmann::json;

bool parse_scope(const std::string& text, int tolerance_days, exposure::scope_spec& out) {
  exposure::scope_spec s;
  s.tolerance_dte = tolerance_days;
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  const std::string arg = colon == std::string::npos ? "" : text.substr(colon + 1);
  const auto int_arg = [&arg](int& v) {
    const auto [p, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), v);
    return ec == std::errc{} && p == arg.data() + arg.size() && !arg.empty() && v >= 0 && v <= 3650;
  };
  if (kind == "all" && arg.empty()) {
    s.kind = exposure::scope_kind::all;
  } else if (kind == "0dte" && arg.empty()) {
    s.kind = exposure::scope_kind::zero_dte;
  } else if (kind == "opex" && arg.empty()) {
    s.kind = exposure::scope_kind::opex;
  } else if (kind == "max_dte") {
    s.kind = exposure::scope_kind::max_dte;
    if (!int_arg(s.max_dte)) return false;
  } else if (kind == "bucket") {
    s.kind = exposure::scope_kind::bucket;
    if (!int_arg(s.target_dte)) return false;
  } else if (kind == "expiration") {
    s.kind = exposure::scope_kind::expiration;
    if (!gd::parse_date(arg, s.expiration)) return false;
  } else {
    return false;
  }
  out = s;
  return true;
}

json levels_item(const stored_chain& chain, const exposure::exposure_report& report) {
  json item = exposure::to_json(report.levels);
  item["underlying"] = chain.chain.underlying;
  item["snapshot_id"] = chain.snapshot_id;
  item["as_of"] = gd::format_utc_iso(chain.ts);
  item["provider"] = chain.provider;
  return item;
}

exposure_service::exposure_service(const settings& config, store::connection_pool& pool,
                                   store::snapshot_repository& snapshots, const gd::nyse_calendar& calendar)
    : config_(config), pool_(pool), snapshots_(snapshots), calendar_(calendar) {}

std::vector<std::pair<std::string, exposure::scope_spec>> exposure_service::standard_scopes() const {
  std::vector<std::pair<std::string, exposure::scope_spec>> out;
  for (const std::string name : {"all", "0dte", "opex"}) {
    exposure::scope_spec s;
    parse_scope(name, config_.snapshot_dte_tolerance_days, s);
    out.emplace_back(name, s);
  }
  for (int dte : config_.snapshot_dte_targets) {
    exposure::scope_spec s;
    const std::string name = "bucket:" + std::to_string(dte);
    parse_scope(name, config_.snapshot_dte_tolerance_days, s);
    out.emplace_back(name, s);
  }
  return out;
}

exposure::exposure_report exposure_service::compute(const stored_chain& chain,
                                                    const exposure::exposure_params& params) const {
  return exposure::compute_exposure(chain.chain, chain.chain.spot, chain.ts, params, calendar_);
}

void exposure_service::remember(std::shared_ptr<const stored_chain> chain, const exposure::exposure_report& all_scope) {
  auto levels = std::make_shared<cached_levels>();
  levels->snapshot_id = chain->snapshot_id;
  levels->underlying = chain->chain.underlying;
  levels->levels_item = levels_item(*chain, all_scope);
  std::lock_guard lock(mu_);
  const auto it = latest_chain_.find(chain->chain.underlying);
  if (it != latest_chain_.end() && it->second->snapshot_id > chain->snapshot_id) return;   // keep the newest
  latest_chain_[chain->chain.underlying] = chain;
  latest_levels_[chain->chain.underlying] = std::move(levels);
}

void exposure_service::on_full_chain(long long snapshot_id, const gd::option_chain& chain) {
  if (!std::isfinite(chain.spot) || chain.spot <= 0) {
    spdlog::warn("exposure: snapshot {} has no spot; nothing computed", snapshot_id);
    return;
  }
  const auto started = std::chrono::steady_clock::now();
  auto stored = std::make_shared<stored_chain>();
  stored->snapshot_id = snapshot_id;
  stored->provider = chain.provider;
  stored->chain = chain;
  // The evaluation instant is the snapshot's ts; fetch it so memory and database agree exactly.
  const auto summary = snapshots_.get(snapshot_id);
  stored->ts = summary ? summary->ts : chain.as_of;
  if (stored->chain.underlying.empty() && summary) stored->chain.underlying = summary->underlying;

  std::optional<exposure::exposure_report> all_scope;
  try {
    pool_.with_connection([&](pqxx::connection& c) {
      pqxx::work tx(c);
      for (const auto& [name, scope] : standard_scopes()) {
        exposure::exposure_params p;
        p.scope = scope;
        const auto report = compute(*stored, p);
        if (name == "all") all_scope = report;
        tx.exec_params(
            "INSERT INTO exposure_results (snapshot_id, scope, underlying, ts, parameters, levels, report) "
            "VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb, $6::jsonb, $7::jsonb) "
            "ON CONFLICT (snapshot_id, scope) DO NOTHING",
            snapshot_id, name, stored->chain.underlying, gd::format_utc_iso(stored->ts),
            exposure::to_json(report.params).dump(), exposure::to_json(report.levels).dump(),
            exposure::to_json(report).dump(-1, ' ', false, json::error_handler_t::replace));
      }
      tx.commit();
    });
  } catch (const std::exception& e) {
    spdlog::warn("exposure: results of snapshot {} not stored: {}", snapshot_id, e.what());
  }
  if (!all_scope) {
    exposure::exposure_params p;
    all_scope = compute(*stored, p);
  }
  remember(stored, *all_scope);
  spdlog::info("exposure: snapshot {} analysed ({} contracts, {:.0f} ms)", snapshot_id, chain.rows.size(),
               std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
}

std::shared_ptr<const stored_chain> exposure_service::load(long long snapshot_id) {
  const auto summary = snapshots_.get(snapshot_id);
  if (!summary) return nullptr;
  auto stored = std::make_shared<stored_chain>();
  stored->snapshot_id = snapshot_id;
  stored->ts = summary->ts;
  stored->provider = summary->provider;
  stored->chain.underlying = summary->underlying;
  stored->chain.provider = summary->provider;
  stored->chain.spot = summary->spot;
  stored->chain.as_of = summary->as_of.value_or(summary->ts);
  stored->chain.rows = snapshots_.contracts(snapshot_id);
  return stored;
}

std::shared_ptr<const stored_chain> exposure_service::chain_for(const std::string& underlying,
                                                               std::optional<long long> snapshot_id) {
  {
    std::lock_guard lock(mu_);
    const auto it = latest_chain_.find(underlying);
    if (it != latest_chain_.end() && (!snapshot_id || *snapshot_id == it->second->snapshot_id)) return it->second;
  }
  if (snapshot_id) return load(*snapshot_id);
  const auto latest = snapshots_.latest(underlying, "full_chain");
  if (!latest) return nullptr;
  auto chain = load(latest->snapshot_id);
  if (chain && std::isfinite(chain->chain.spot)) remember(chain, compute(*chain, exposure::exposure_params{}));
  return chain;
}

std::shared_ptr<const cached_levels> exposure_service::latest_levels(const std::string& underlying) {
  {
    std::lock_guard lock(mu_);
    const auto it = latest_levels_.find(underlying);
    if (it != latest_levels_.end()) return it->second;
  }
  if (!chain_for(underlying, std::nullopt)) return nullptr;   // loads and caches the latest
  std::lock_guard lock(mu_);
  const auto it = latest_levels_.find(underlying);
  return it == latest_levels_.end() ? nullptr : it->second;
}

bool exposure_service::levels_cached(const std::vector<std::string>& underlyings) {
  std::lock_guard lock(mu_);
  for (const auto& u : underlyings) {
    if (latest_levels_.count(u) == 0) return false;
  }
  return true;
}

json exposure_service::history(const std::string& underlying, const std::string& scope, gd::sys_time from,
                               gd::sys_time to) {
  return pool_.with_connection([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    const auto rows = tx.exec_params(
        "SELECT snapshot_id, (extract(epoch FROM ts) * 1000000)::bigint, levels::text FROM exposure_results WHERE underlying = $1 AND scope = $2 "
        "AND ts >= $3::timestamptz AND ts < $4::timestamptz ORDER BY ts LIMIT 5000",
        underlying, scope, gd::format_utc_iso(from), gd::format_utc_iso(to));
    json items = json::array();
    for (const auto& r : rows) {
      json item = json::parse(r[2].c_str());
      item["snapshot_id"] = r[0].as<long long>();
      item["ts"] = gd::format_utc_iso(gd::sys_time{std::chrono::microseconds{r[1].as<long long>()}});
      items.push_back(std::move(item));
    }
    return items;
  });
}

}  // namespace gd::app

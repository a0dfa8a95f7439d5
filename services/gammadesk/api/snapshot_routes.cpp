// /api/chain-snapshots..., /api/admin/run-snapshot, /api/admin/expirations, /api/realized-vol
#include "api/snapshot_routes.hpp"

#include <nlohmann/json.hpp>

#include <gd/core/canonical_json.hpp>
#include <gd/core/ny_time.hpp>
#include <gd/quant/realized_vol.hpp>

#include "api/api_error.hpp"
#include "api/json_values.hpp"
#include "api/query_params.hpp"

namespace gd::api {

using json = nlohmann::json;

namespace {

json summary_json(const store::snapshot_summary& s) {
  return {{"snapshot_id", s.snapshot_id},
          {"ts", gd::format_utc_iso(s.ts)},
          {"underlying", s.underlying},
          {"target_dte", optional_json(s.target_dte)},
          {"expiration", s.expiration ? json(gd::format_date(*s.expiration)) : json(nullptr)},
          {"checksum", s.checksum},
          {"provider", s.provider},
          {"actual_dte_days", optional_json(s.actual_dte_days)},
          {"kind", s.kind},
          {"contract_count", s.contract_count},
          {"spot", number_json(s.spot)},
          {"as_of", s.as_of ? json(gd::format_utc_iso(*s.as_of)) : json(nullptr)}};
}

json stored_item_json(const jobs::stored_item& i) {
  return {{"target_dte", optional_json(i.target_dte)},
          {"expiration", i.expiration ? json(gd::format_date(*i.expiration)) : json(nullptr)},
          {"actual_dte_days", optional_json(i.actual_dte_days)},
          {"checksum", i.checksum},
          {"snapshot_id", i.snapshot_id > 0 ? json(i.snapshot_id) : json(nullptr)},
          {"spooled", i.spooled},
          {"kind", i.kind},
          {"contracts", i.contracts}};
}

store::snapshot_summary require_snapshot(store::snapshot_repository& repo, long long id) {
  auto s = repo.get(id);
  if (!s) throw not_found("no chain snapshot " + std::to_string(id));
  return *s;
}

}  // namespace

void add_snapshot_routes(router& r, const snapshot_route_deps& d) {
  r.add({"GET", "/api/chain-snapshots",
         [d](const request_context& c) {
           store::snapshot_filter f;
           f.limit = static_cast<int>(c.query_int("limit", 50, 1, 500));
           if (c.query("underlying")) f.underlying = symbol_param(c, "underlying", "");
           if (c.query("kind")) f.kind = c.query_choice("kind", "target", {"target", "full_chain"});
           f.from = instant_param(c, "from");
           f.to = instant_param(c, "to");
           if (c.query("cursor")) f.before_id = c.query_int("cursor", 0, 1, std::numeric_limits<long long>::max());
           json items = json::array();
           const auto rows = d.snapshots->list(f);
           for (const auto& s : rows) items.push_back(summary_json(s));
           json body{{"items", std::move(items)}};
           body["next_cursor"] = static_cast<int>(rows.size()) == f.limit && !rows.empty()
                                     ? json(std::to_string(rows.back().snapshot_id))
                                     : json(nullptr);
           return json_response(200, body);
         },
         {"limit", "underlying", "kind", "from", "to", "cursor"}});

  r.add({"GET", "/api/chain-snapshots/{id}",
         [d](const request_context& c) {
           const auto s = require_snapshot(*d.snapshots, c.path_int("id"));
           json body = summary_json(s);
           const auto text = d.snapshots->payload_text(s.snapshot_id);
           body["payload"] = text ? json::parse(*text) : json(nullptr);
           return json_response(200, body);
         },
         {}});

  r.add({"GET", "/api/chain-snapshots/{id}/contracts",
         [d](const request_context& c) {
           const auto s = require_snapshot(*d.snapshots, c.path_int("id"));
           json items = json::array();
           for (const auto& row : d.snapshots->contracts(s.snapshot_id)) items.push_back(contract_json(row));
           return json_response(200, {{"snapshot_id", s.snapshot_id},
                                      {"underlying", s.underlying},
                                      {"ts", gd::format_utc_iso(s.ts)},
                                      {"count", items.size()},
                                      {"items", std::move(items)}});
         },
         {}});

  r.add({"GET", "/api/chain-snapshots/{id}/verify",
         [d](const request_context& c) {
           const auto s = require_snapshot(*d.snapshots, c.path_int("id"));
           const auto text = d.snapshots->payload_text(s.snapshot_id);
           const std::string computed = text ? gd::payload_checksum(json::parse(*text)) : std::string();
           return json_response(200, {{"ok", computed == s.checksum},
                                      {"snapshot_id", s.snapshot_id},
                                      {"stored_checksum", s.checksum},
                                      {"computed_checksum", computed},
                                      {"algorithm", "sha256(canonical_json(payload_json))"}});
         },
         {}});

  r.add({"POST", "/api/admin/run-snapshot",
         [d](const request_context&) {
           const auto result = d.taker->run(true);
           json inserted = json::array();
           for (const auto& i : result.inserted) inserted.push_back(stored_item_json(i));
           json body{{"skipped", result.skipped},
                     {"reason", result.reason.empty() ? json(nullptr) : json(result.reason)},
                     {"now_et", gd::format_ny_iso(result.now)},
                     {"provider", std::string(d.taker->provider().name())},
                     {"inserted", std::move(inserted)},
                     {"full_chain", result.full_chain ? stored_item_json(*result.full_chain) : json(nullptr)},
                     {"index_price", result.index_price ? json(*result.index_price) : json(nullptr)},
                     {"errors", result.errors}};
           const bool nothing = result.inserted.empty() && !result.full_chain && !result.skipped;
           if (nothing && !result.errors.empty()) {
             body["error"] = {{"code", "vendor_error"}, {"message", result.errors.front()}};
             return json_response(502, body);
           }
           return json_response(200, body);
         },
         {}, true});

  r.add({"GET", "/api/admin/expirations",
         [d](const request_context& c) {
           const std::string symbol = symbol_param(c, "symbol", d.config->snapshot_underlying);
           const auto exps = d.taker->provider().expirations(symbol);
           if (!exps) throw api_error(502, "vendor_error", exps.err().message);
           json dates = json::array();
           for (const auto& e : *exps) dates.push_back(gd::format_date(e));
           return json_response(200, {{"symbol", symbol},
                                      {"provider", std::string(d.taker->provider().name())},
                                      {"expirations", std::move(dates)}});
         },
         {"symbol"}, true});

  r.add({"GET", "/api/realized-vol",
         [d](const request_context& c) {
           const std::string symbol = symbol_param(c, "underlying", d.config->snapshot_underlying);
           const auto now = d.clock->now();
           // Enough history for a 1-day window across a weekend and a holiday.
           const auto prices = d.snapshots->index_prices(symbol, now - std::chrono::hours(24 * 7), now + std::chrono::minutes(1));
           std::vector<gd::quant::ohlc_bar> bars;
           bars.reserve(prices.size());
           for (const auto& [t, p] : prices) bars.push_back({p, p, p, p});
           const auto rv = gd::quant::realized_vol_latest_5m(bars);
           return json_response(
               200, {{"underlying", symbol},
                     {"as_of", prices.empty() ? json(nullptr) : json(gd::format_utc_iso(prices.back().first))},
                     {"bars", prices.size()},
                     {"rv_1h", number_json(rv.close_to_close_1h)},
                     {"rv_1d", number_json(rv.close_to_close_1d)},
                     {"method", "close-to-close over 5-minute index prices, annualized with 252*78 bars"},
                     {"window_bars", {{"rv_1h", gd::quant::bars_per_hour_5m}, {"rv_1d", gd::quant::bars_per_day_5m}}}});
         },
         {"underlying"}});
}

}  // namespace gd::api

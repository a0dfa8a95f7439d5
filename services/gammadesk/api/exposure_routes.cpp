// /api/exposure, /api/exposure/{levels,profile,by-expiry,heatmap,history}, /api/chain
#include "api/exposure_routes.hpp"

#include <map>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include <gd/core/ny_time.hpp>
#include <gd/exposure/contract_set.hpp>
#include <gd/exposure/csv.hpp>
#include <gd/exposure/json.hpp>
#include <gd/quant/black.hpp>

#include "api/api_error.hpp"
#include "api/json_values.hpp"
#include "api/query_params.hpp"

namespace gd::api {

using json = nlohmann::json;

namespace {

const std::vector<std::string> report_params = {"underlying",  "snapshot_id",    "scope",        "strike_window_pct",
                                                "gamma_source", "dealer",        "time_basis",   "rate",
                                                "profile_levels", "profile_low", "profile_high", "format"};

std::string underlying_of(const request_context& c, const app::settings& cfg) {
  return symbol_param(c, "underlying", cfg.snapshot_underlying);
}

exposure::exposure_params params_of(const request_context& c, const app::settings& cfg) {
  exposure::exposure_params p;
  if (const auto scope = c.query("scope")) {
    if (!app::parse_scope(*scope, cfg.snapshot_dte_tolerance_days, p.scope)) {
      throw bad_request("query parameter 'scope' must be all, 0dte, opex, max_dte:N, bucket:N or "
                        "expiration:YYYY-MM-DD, got '" + *scope + "'");
    }
  }
  const auto choice = [&c](const std::string& name, auto& field, const std::vector<std::string>& allowed) {
    if (const auto v = c.query(name)) {
      if (!exposure::parse(*v, field)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        throw bad_request("query parameter '" + name + "' must be one of " + list + ", got '" + *v + "'");
      }
    }
  };
  choice("gamma_source", p.gamma, {"model", "vendor"});
  choice("dealer", p.dealer, {"standard", "inverse", "customer_long"});
  choice("time_basis", p.basis, {"calendar", "trading"});
  p.rate = c.query_double("rate", p.rate, -0.05, 0.25);
  p.strike_window_pct = c.query_double("strike_window_pct", p.strike_window_pct, 0.0, 100.0);
  p.profile_levels = static_cast<std::size_t>(c.query_int("profile_levels", 300, 10, 2000));
  p.profile_low = c.query_double("profile_low", p.profile_low, 0.05, 1.0);
  p.profile_high = c.query_double("profile_high", p.profile_high, 1.0, 5.0);
  if (const auto err = exposure::validate(p); !err.empty()) throw bad_request(err);
  return p;
}

std::optional<long long> snapshot_id_of(const request_context& c) {
  if (!c.query("snapshot_id")) return std::nullopt;
  return c.query_int("snapshot_id", 0, 1, std::numeric_limits<long long>::max());
}

std::shared_ptr<const app::stored_chain> require_chain(app::exposure_service& svc, const std::string& underlying,
                                                       std::optional<long long> snapshot_id) {
  auto chain = svc.chain_for(underlying, snapshot_id);
  if (!chain) {
    if (snapshot_id) throw not_found("no chain snapshot " + std::to_string(*snapshot_id));
    throw not_found("no full-chain snapshot of " + underlying +
                    " yet; take one with POST /api/admin/run-snapshot or wait for the scheduler");
  }
  if (!std::isfinite(chain->chain.spot) || chain->chain.spot <= 0) {
    throw api_error(422, "no_spot", "snapshot " + std::to_string(chain->snapshot_id) + " has no spot price");
  }
  return chain;
}

json with_meta(json body, const app::stored_chain& chain) {
  body["underlying"] = chain.chain.underlying;
  body["snapshot_id"] = chain.snapshot_id;
  body["as_of"] = gd::format_utc_iso(chain.ts);
  body["provider"] = chain.provider;
  return body;
}

net::http_response csv_response(std::string text, const std::string& filename) {
  net::http_response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(text);
  r.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return r;
}

// The upper-cased symbols of /api/exposure/levels?underlying=A,B (the default when absent).
std::vector<std::string> level_symbols(const net::http_request& req, const std::string& fallback) {
  std::vector<std::string> symbols;
  std::stringstream ss(req.query_param("underlying").value_or(fallback));
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    for (auto& ch : item) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    symbols.push_back(item);
  }
  return symbols;
}

bool wants_csv(const request_context& c) { return c.query_choice("format", "json", {"json", "csv"}) == "csv"; }

json chain_items(const app::stored_chain& stored, const gd::nyse_calendar& calendar) {
  exposure::exposure_params p;
  const auto set = exposure::prepare_contracts(stored.chain, stored.chain.spot, stored.ts, p, calendar);
  // (year, month, day, settlement, strike, is_call) -> contract index
  std::map<std::tuple<int, unsigned, unsigned, char, double, bool>, std::size_t> index;
  for (std::size_t i = 0; i < set.size(); ++i) {
    const auto& slot = set.slots[set.slot[i]];
    index[{int(slot.expiration.year()), unsigned(slot.expiration.month()), unsigned(slot.expiration.day()),
           static_cast<char>(slot.settlement), set.strike[i], set.is_call[i] != 0}] = i;
  }
  json items = json::array();
  for (const auto& row : stored.chain.rows) {
    const auto& k = row.contract;
    const auto& q = row.quote;
    json item = contract_json(row);
    item["mid"] = number_json(q.mid());
    json flags = json::array();
    if (q.bid > 0 && q.ask > 0 && q.ask < q.bid) flags.push_back("crossed");
    if ((q.bid > 0) != (q.ask > 0)) flags.push_back("one_sided");
    if (q.has_two_sided() && q.mid() > 0 && (q.ask - q.bid) / q.mid() > 0.2) flags.push_back("wide_spread");
    const auto it = index.find({int(k.expiration.year()), unsigned(k.expiration.month()), unsigned(k.expiration.day()),
                                static_cast<char>(k.settlement), k.strike, k.right == gd::option_right::call});
    double iv = gd::nan_v, delta = gd::nan_v, gamma = gd::nan_v, vega = gd::nan_v, theta = gd::nan_v;
    if (it != index.end()) {
      const std::size_t i = it->second;
      iv = set.iv[i];
      if (std::isfinite(iv)) {
        // Black-76 on the expiry's forward; delta and gamma with respect to spot (F/S scaling).
        const auto g = quant::black76_greeks(k.right, set.forward[i], k.strike, set.T[i], iv, set.df[i]);
        const double fs = set.forward[i] / stored.chain.spot;
        delta = g.delta * fs;
        gamma = g.gamma * fs * fs;
        vega = g.vega / 100.0;     // per vol point
        theta = g.theta / 365.0;   // per calendar day
      }
      if (set.excluded[i] != exposure::exclusion::none) flags.push_back(exposure::to_string(set.excluded[i]));
      if (set.vendor_fallback[i] != 0) flags.push_back("vendor_iv_used");
    }
    item["iv"] = number_json(iv);
    item["delta"] = number_json(delta);
    item["gamma"] = number_json(gamma);
    item["vega"] = number_json(vega);
    item["theta"] = number_json(theta);
    item["flags"] = std::move(flags);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

void add_exposure_routes(router& r, const exposure_route_deps& d) {
  r.add({"GET", "/api/exposure",
         [d](const request_context& c) {
           const auto chain = require_chain(*d.exposure, underlying_of(c, *d.config), snapshot_id_of(c));
           const auto report = d.exposure->compute(*chain, params_of(c, *d.config));
           if (wants_csv(c)) return csv_response(exposure::to_csv(report.strikes), "exposure_by_strike.csv");
           return json_response(200, with_meta(exposure::to_json(report), *chain));
         },
         report_params});

  r.add({"GET", "/api/exposure/levels",
         [d](const request_context& c) {
           const auto symbols = level_symbols(c.http(), d.config->snapshot_underlying);
           if (symbols.empty() || symbols.size() > 20) throw bad_request("'underlying' takes 1 to 20 comma-separated symbols");
           const bool defaults = c.http().query.size() == (c.query("underlying") ? 1u : 0u);
           json items = json::array();
           json missing = json::array();
           for (const auto& symbol : symbols) {
             if (defaults) {
               if (const auto cached = d.exposure->latest_levels(symbol)) {
                 items.push_back(cached->levels_item);
               } else {
                 missing.push_back(symbol);
               }
               continue;
             }
             const auto chain = d.exposure->chain_for(symbol, snapshot_id_of(c));
             if (!chain || !std::isfinite(chain->chain.spot)) {
               missing.push_back(symbol);
               continue;
             }
             items.push_back(app::levels_item(*chain, d.exposure->compute(*chain, params_of(c, *d.config))));
           }
           if (items.empty() && symbols.size() == 1) {
             throw not_found("no full-chain snapshot of " + symbols.front() +
                             " yet; take one with POST /api/admin/run-snapshot or wait for the scheduler");
           }
           return json_response(200, {{"items", std::move(items)}, {"missing", std::move(missing)}});
         },
         {"underlying", "snapshot_id", "scope", "gamma_source", "dealer", "time_basis", "rate"}, false, false,
         // The common request (default parameters, every symbol cached) is answered from memory on
         // the I/O thread; anything that may touch the database goes to the worker pool.
         [d](const net::http_request& req) {
           if (req.query.size() > (req.query_param("underlying") ? 1u : 0u)) return false;
           return d.exposure->levels_cached(level_symbols(req, d.config->snapshot_underlying));
         }});

  r.add({"GET", "/api/exposure/profile",
         [d](const request_context& c) {
           const auto chain = require_chain(*d.exposure, underlying_of(c, *d.config), snapshot_id_of(c));
           const auto report = d.exposure->compute(*chain, params_of(c, *d.config));
           if (wants_csv(c)) return csv_response(exposure::to_csv(report.profile), "gamma_profile.csv");
           return json_response(200, with_meta(exposure::to_json(report.profile), *chain));
         },
         report_params});

  r.add({"GET", "/api/exposure/by-expiry",
         [d](const request_context& c) {
           const auto chain = require_chain(*d.exposure, underlying_of(c, *d.config), snapshot_id_of(c));
           const auto report = d.exposure->compute(*chain, params_of(c, *d.config));
           if (wants_csv(c)) return csv_response(exposure::to_csv(report.by_expiry), "exposure_by_expiry.csv");
           return json_response(200, with_meta(exposure::to_json(report.by_expiry), *chain));
         },
         report_params});

  auto heatmap_params = report_params;
  heatmap_params.push_back("metric");
  r.add({"GET", "/api/exposure/heatmap",
         [d](const request_context& c) {
           c.query_choice("metric", "net_gex", {"net_gex"});
           const auto chain = require_chain(*d.exposure, underlying_of(c, *d.config), snapshot_id_of(c));
           const auto report = d.exposure->compute(*chain, params_of(c, *d.config));
           return json_response(200, with_meta(exposure::to_json(report.heatmap), *chain));
         },
         heatmap_params});

  r.add({"GET", "/api/exposure/history",
         [d](const request_context& c) {
           const std::string underlying = underlying_of(c, *d.config);
           const std::string scope = c.query("scope").value_or("all");
           exposure::scope_spec ignored;
           if (!app::parse_scope(scope, 1, ignored)) throw bad_request("query parameter 'scope' is not a scope: '" + scope + "'");
           const auto now = d.clock->now();
           const auto from = instant_param(c, "from").value_or(now - std::chrono::hours(24 * 7));
           const auto to = instant_param(c, "to").value_or(now + std::chrono::minutes(1));
           if (!(from < to)) throw bad_request("'from' must be before 'to'");
           return json_response(200, {{"underlying", underlying},
                                      {"scope", scope},
                                      {"items", d.exposure->history(underlying, scope, from, to)}});
         },
         {"underlying", "scope", "from", "to"}});

  r.add({"GET", "/api/chain",
         [d](const request_context& c) {
           const auto chain = require_chain(*d.exposure, underlying_of(c, *d.config), snapshot_id_of(c));
           json body{{"spot", number_json(chain->chain.spot)}, {"items", chain_items(*chain, *d.calendar)}};
           return json_response(200, with_meta(std::move(body), *chain));
         },
         {"underlying", "snapshot_id"}});
}

}  // namespace gd::api

#include "api/system_routes.hpp"

#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "app/build_info.hpp"

namespace gd::api {

void add_system_routes(router& r, const app::settings& config, store::connection_pool& pool,
                       app::metrics_registry& metrics, service_state& state) {
  r.add({"GET", "/health",
         [](const request_context&) {
           net::http_response resp;
           resp.body = R"({"status":"ok"})";
           return resp;
         },
         {}, false, true});

  r.add({"GET", "/ready",
         [&pool, &state](const request_context&) {
           const bool db = pool.ping();
           const bool schema = state.schema_ready.load();
           nlohmann::json body{{"status", db && schema ? "ready" : "not_ready"},
                               {"checks", {{"database", db ? "ok" : "unreachable"},
                                           {"migrations", schema ? "applied" : "pending"}}}};
           if (!(db && schema)) {
             body["error"] = {{"code", db ? "migrations_pending" : "database_unavailable"},
                              {"message", db ? "migrations have not been applied yet" : "the database is unreachable"}};
             auto resp = json_response(503, body);
             resp.set_header("Retry-After", "5");
             return resp;
           }
           return json_response(200, body);
         },
         {}, false, false});

  r.add({"GET", "/metrics",
         [&metrics](const request_context&) {
           net::http_response resp;
           resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
           resp.body = metrics.render();
           return resp;
         },
         {}, false, true});

  r.add({"GET", "/openapi.json",
         [](const request_context&) {
           net::http_response resp;
           resp.body = openapi_document();
           return resp;
         },
         {}, false, true});

  r.add({"GET", "/api/info",
         [&config, &state](const request_context&) {
           return json_response(200, {{"service", "gammadesk"},
                                      {"version", app::build_version},
                                      {"git_sha", app::build_git_sha},
                                      {"started_at", state.started_at_utc},
                                      {"provider", config.effective_provider()},
                                      {"underlying", config.snapshot_underlying},
                                      {"snapshot_interval_minutes", config.snapshot_interval_minutes},
                                      {"snapshot_dte_targets", config.snapshot_dte_targets},
                                      {"admin_key_required", config.admin_api_key.has_value()}});
         },
         {}, false, true});

  metrics.add_collector([&pool](std::string& out) {
    const auto s = pool.stats();
    out += "# HELP gd_db_pool_connections Database pool connections by state.\n";
    out += "# TYPE gd_db_pool_connections gauge\n";
    out += "gd_db_pool_connections{state=\"size\"} " + std::to_string(s.size) + "\n";
    out += "gd_db_pool_connections{state=\"in_use\"} " + std::to_string(s.in_use) + "\n";
    out += "gd_db_pool_connections{state=\"open\"} " + std::to_string(s.open) + "\n";
    out += "gd_db_pool_connections{state=\"waiting\"} " + std::to_string(s.waiting) + "\n";
    out += "# TYPE gd_db_pool_acquire_timeouts_total counter\n";
    out += "gd_db_pool_acquire_timeouts_total " + std::to_string(s.acquire_timeouts) + "\n";
    out += "# TYPE gd_db_pool_connect_failures_total counter\n";
    out += "gd_db_pool_connect_failures_total " + std::to_string(s.connect_failures) + "\n";
  });
  metrics.add_collector([](std::string& out) {
    out += "# HELP gd_build_info Build identity.\n# TYPE gd_build_info gauge\n";
    out += "gd_build_info{version=\"" + app::prometheus_label(app::build_version) + "\",git_sha=\"" +
           app::prometheus_label(app::build_git_sha) + "\"} 1\n";
  });
}

}  // namespace gd::api

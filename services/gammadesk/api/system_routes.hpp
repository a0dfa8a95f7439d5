#pragma once
#include <atomic>
#include <string>

#include <gd/store/connection_pool.hpp>

#include "api/router.hpp"
#include "app/metrics.hpp"
#include "app/settings.hpp"

namespace gd::api {

// Process-wide facts the system endpoints report.
struct service_state {
  std::atomic<bool> schema_ready{false};   // migrations applied
  std::string started_at_utc;
};

// /health, /ready, /metrics, /openapi.json, /api/info
void add_system_routes(router& r, const app::settings& config, store::connection_pool& pool,
                       app::metrics_registry& metrics, service_state& state);

// The OpenAPI 3 document (services/gammadesk/api/openapi.json, embedded at build time).
const std::string& openapi_document();

}  // namespace gd::api

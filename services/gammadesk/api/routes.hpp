#pragma once
// Every route group of the service, registered in one place.
#include <string>
#include <utility>
#include <vector>

#include <gd/store/connection_pool.hpp>

#include "api/router.hpp"
#include "api/exposure_routes.hpp"
#include "api/snapshot_routes.hpp"
#include "api/system_routes.hpp"
#include "api/trading_routes.hpp"
#include "app/metrics.hpp"
#include "app/settings.hpp"

namespace gd::api {

// What handlers need; owned by the service, outliving the router.
struct api_context {
  const app::settings& config;
  store::connection_pool& pool;
  app::metrics_registry& metrics;
  service_state& state;
  snapshot_route_deps snapshots;
  exposure_route_deps exposure;
  trading_route_deps trading;
};

void register_routes(router& r, api_context& ctx);

// (method, pattern) of every registered route, built without touching the network or database;
// the OpenAPI test compares it with the document.
std::vector<std::pair<std::string, std::string>> route_signatures();

}  // namespace gd::api

#include "api/routes.hpp"

namespace gd::api {

void register_routes(router& r, api_context& ctx) {
  add_system_routes(r, ctx.config, ctx.pool, ctx.metrics, ctx.state);
  add_snapshot_routes(r, ctx.snapshots);
  add_exposure_routes(r, ctx.exposure);
  add_trading_routes(r, ctx.trading);
}

std::vector<std::pair<std::string, std::string>> route_signatures() {
  app::settings config;
  config.database_url = "postgresql://nobody@127.0.0.1:1/none";   // never connected: pools open lazily
  store::connection_pool pool(store::pool_options{config.database_url});
  app::metrics_registry metrics;
  service_state state;
  api_context ctx{config, pool, metrics, state, snapshot_route_deps{}, exposure_route_deps{},
                  trading_route_deps{}};   // handlers are never called here
  router r;
  register_routes(r, ctx);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& rt : r.routes()) out.emplace_back(rt.method, rt.pattern);
  return out;
}

}  // namespace gd::api

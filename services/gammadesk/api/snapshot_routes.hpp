#pragma once
#include <gd/core/clock.hpp>
#include <gd/store/snapshot_repository.hpp>

#include "api/router.hpp"
#include "app/settings.hpp"
#include "jobs/snapshot_taker.hpp"

namespace gd::api {

// Non-owning; the service keeps these alive longer than the router.
struct snapshot_route_deps {
  const app::settings* config = nullptr;
  store::snapshot_repository* snapshots = nullptr;
  jobs::snapshot_taker* taker = nullptr;
  const gd::clock* clock = nullptr;
};

void add_snapshot_routes(router& r, const snapshot_route_deps& deps);

}  // namespace gd::api

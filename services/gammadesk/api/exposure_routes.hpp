#pragma once
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>

#include "api/router.hpp"
#include "app/exposure_service.hpp"
#include "app/settings.hpp"

namespace gd::api {

// Non-owning; the service keeps these alive longer than the router.
struct exposure_route_deps {
  const app::settings* config = nullptr;
  app::exposure_service* exposure = nullptr;
  const gd::nyse_calendar* calendar = nullptr;
  const gd::clock* clock = nullptr;
};

void add_exposure_routes(router& r, const exposure_route_deps& deps);

}  // namespace gd::api

#pragma once
// /api/decisions, /api/orders, /api/trades, /api/positions, /api/pnl/daily, /api/strategy/config,
// /api/trading/status and the admin actions (decide-now, kill-switch, close a trade).
#include <gd/core/clock.hpp>
#include <gd/store/trading_repository.hpp>

#include "api/router.hpp"
#include "app/settings.hpp"
#include "trading/trading_engine.hpp"

namespace gd::api {

// Non-owning. `engine` is null when TRADING_ENABLED=false: reads still work, actions answer 409.
struct trading_route_deps {
  const app::settings* config = nullptr;
  store::trading_repository* repo = nullptr;
  trading::trading_engine* engine = nullptr;
  const gd::clock* clock = nullptr;
  std::function<void()> wake;  // nudges the trading jobs after an action
};

void add_trading_routes(router& r, const trading_route_deps& deps);

}  // namespace gd::api

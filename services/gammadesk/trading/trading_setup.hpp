#pragma once
// Everything the trading jobs run under, built once at start-up from the settings: the strategy
// rules (STRATEGY_CONFIG_FILE or the defaults, then the environment overrides), management and
// fill rules, the order machine's policy and the job cadences. Invalid combinations stop start-up
// with one line (config_error).
#include <chrono>

#include <gd/execution/fill_model.hpp>
#include <gd/execution/management.hpp>
#include <gd/execution/order_machine.hpp>
#include <gd/strategy/config.hpp>

#include "app/settings.hpp"

namespace gd::trading {

struct trading_setup {
  strategy::strategy_config strategy;
  execution::management_rules management;
  execution::fill_model_config fill;
  execution::machine_policy machine;
  std::chrono::seconds reprice_after{120};
  int reprice_max_ticks = 4;
  std::chrono::seconds poll_interval{10};
  std::chrono::seconds mark_interval{60};
  std::chrono::minutes settlement_delay{15};  // after the close, before reading the official close
};

// Throws app::config_error naming the setting or file.
trading_setup make_trading_setup(const app::settings& config);

}  // namespace gd::trading

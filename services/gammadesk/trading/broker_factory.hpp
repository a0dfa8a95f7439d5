#pragma once
// The broker named by the configuration (BROKER, else tradier with a token and an account, else
// simulated). The simulated broker keeps its book in Postgres (trading_state "simulated_broker")
// and loads it on first use, never at start-up: a service started while the database is down
// must not begin with an empty book and then overwrite the real one.
#include <memory>

#include <gd/core/clock.hpp>
#include <gd/execution/broker.hpp>
#include <gd/store/trading_repository.hpp>

#include "app/settings.hpp"
#include "trading/spread_quotes.hpp"
#include "trading/trading_setup.hpp"

namespace gd::trading {

// Throws std::invalid_argument / app::config_error on a bad configuration (start-up failure).
std::unique_ptr<execution::broker> make_broker(const app::settings& config, const trading_setup& setup,
                                               const gd::clock& clock, spread_quotes& quotes,
                                               store::trading_repository& repo);

}  // namespace gd::trading

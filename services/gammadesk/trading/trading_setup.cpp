#include "trading/trading_setup.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/config_loader.hpp"

namespace gd::trading {

namespace {

strategy::strategy_config load_strategy(const app::settings& config) {
  if (config.strategy_config_file.empty()) return strategy::default_config();
  std::ifstream in(config.strategy_config_file);
  if (!in) throw app::config_error("cannot read STRATEGY_CONFIG_FILE " + config.strategy_config_file);
  std::stringstream text;
  text << in.rdbuf();
  const auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded()) throw app::config_error("STRATEGY_CONFIG_FILE " + config.strategy_config_file + " is not valid JSON");
  auto made = strategy::config_from_json(parsed);
  if (!made) throw app::config_error("STRATEGY_CONFIG_FILE " + config.strategy_config_file + ": " + made.err().message);
  return std::move(made).value();
}

}  // namespace

trading_setup make_trading_setup(const app::settings& config) {
  trading_setup s;
  s.strategy = load_strategy(config);
  auto& st = s.strategy;
  st.underlying = config.snapshot_underlying;
  if (config.strategy_sides == "put") st.sides = strategy::spread_sides::put;
  if (config.strategy_sides == "call") st.sides = strategy::spread_sides::call;
  if (config.strategy_sides == "both") st.sides = strategy::spread_sides::both;
  if (config.strategy_spread_width > 0) {
    st.long_leg.mode = strategy::long_leg_mode::width;
    st.long_leg.width = config.strategy_spread_width;
  }
  if (config.strategy_min_credit > 0) st.filters.min_credit = config.strategy_min_credit;
  if (config.trade_quantity > 0) st.quantity = config.trade_quantity;
  if (config.max_open_trades > 0) st.risk.max_open_trades = config.max_open_trades;
  if (config.max_trades_per_day > 0) st.risk.max_trades_per_day = config.max_trades_per_day;
  st.pricing.fill_spread_factor = config.fill_spread_factor;
  if (auto bad = strategy::validate(st)) throw app::config_error("strategy configuration: " + *bad);

  s.management.take_profit_fraction = config.take_profit_fraction;
  s.management.stop_loss_multiple = config.stop_loss_multiple;
  if (auto ok = execution::validate(s.management); !ok) {
    throw app::config_error("TAKE_PROFIT_FRACTION / STOP_LOSS_MULTIPLE: " + ok.err().message);
  }
  s.fill.spread_factor = config.fill_spread_factor;
  s.fill.tick = st.pricing.tick;
  s.reprice_after = std::chrono::seconds(config.reprice_after_seconds);
  s.reprice_max_ticks = config.reprice_max_ticks;
  s.poll_interval = std::chrono::seconds(config.order_poll_seconds);
  s.mark_interval = std::chrono::seconds(config.mark_interval_seconds);
  return s;
}

}  // namespace gd::trading

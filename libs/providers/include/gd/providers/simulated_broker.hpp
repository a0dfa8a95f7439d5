#pragma once
// A paper broker that needs no account: the default when no Tradier account is configured, so
// `make run` paper-trades out of the box. It keeps a small order book, fills limit orders against
// the current leg quotes with the fill model shared with the backtest (execution/fill_model.hpp:
// an entry fills when mid - f x width reaches the limit credit, an exit when mid + f x width is at
// or under the limit debit; always at the limit, all or nothing), expires day orders at the close
// and derives positions from fills, dropping them after the options' expiration.
//
// Its book is a JSON document handed to `save` after every change and passed back at
// construction, so a restarted service finds the same broker (the service keeps it in Postgres).
// Thread-safe. Every answer says broker "simulated".
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>
#include <gd/core/result.hpp>
#include <gd/execution/broker.hpp>
#include <gd/execution/fill_model.hpp>
#include <gd/execution/spread_quote.hpp>

namespace gd::providers {

// Quotes of a vertical's two legs (the one we are short, the one we are long) as of now.
using spread_quote_source =
    std::function<gd::result<execution::spread_quote>(const std::string& short_symbol, const std::string& long_symbol)>;

struct simulated_broker_options {
  execution::fill_model_config fill;
  std::function<void(const nlohmann::json&)> save;  // persists the book (may throw: the call fails)
  std::optional<nlohmann::json> saved;              // the book to start from
};

class simulated_broker final : public execution::broker {
 public:
  // Throws std::invalid_argument when `options.saved` is not a book this class wrote.
  simulated_broker(const gd::clock& clock, spread_quote_source quotes, simulated_broker_options options);

  std::string_view name() const override { return "simulated"; }
  gd::result<std::string> submit(const execution::order& o) override;
  gd::result<std::vector<execution::broker_order>> orders() override;
  gd::result<execution::broker_order> order_status(const std::string& broker_id) override;
  gd::result<ok_t> cancel(const std::string& broker_id) override;
  gd::result<std::vector<execution::position>> positions() override;

  nlohmann::json book() const;  // what `save` receives

 private:
  struct sim_order {
    std::string id;
    std::string tag;
    execution::order_intent intent = execution::order_intent::open;
    std::string short_symbol;   // the leg sold to open / bought to close
    std::string long_symbol;
    int quantity = 0;
    double limit = 0.0;
    execution::broker_status status = execution::broker_status::open;
    int exec_quantity = 0;
    double avg_fill_price = 0.0;
    sys_time created_at{};
    sys_time expires_at{};      // the close of the session it was placed in
    std::string reason;
  };

  void advance(sys_time now);   // fills and expiries up to now (lock held)
  void persist();               // (lock held)
  static execution::broker_order view(const sim_order& o);
  static nlohmann::json to_json(const sim_order& o);
  static sim_order from_json(const nlohmann::json& j);

  const gd::clock& clock_;
  spread_quote_source quotes_;
  simulated_broker_options options_;
  gd::nyse_calendar calendar_;
  mutable std::mutex mu_;
  long long next_id_ = 1;
  std::vector<sim_order> orders_;
  std::map<std::string, int> positions_;  // OCC symbol -> signed contracts
};

}  // namespace gd::providers

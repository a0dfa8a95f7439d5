#include "trading/broker_factory.hpp"

#include <mutex>

#include <spdlog/spdlog.h>

#include <gd/providers/net_http_getter.hpp>
#include <gd/providers/simulated_broker.hpp>
#include <gd/providers/tradier_broker.hpp>
#include <gd/store/connection_pool.hpp>

namespace gd::trading {

namespace ex = gd::execution;

namespace {

constexpr const char* book_key = "simulated_broker";

// The simulated broker, built on first use from the book stored in Postgres.
class persistent_simulated_broker final : public ex::broker {
 public:
  persistent_simulated_broker(const gd::clock& clock, spread_quotes& quotes, ex::fill_model_config fill,
                              store::trading_repository& repo)
      : clock_(clock), quotes_(quotes), fill_(fill), repo_(repo) {}

  std::string_view name() const override { return "simulated"; }
  gd::result<std::string> submit(const ex::order& o) override {
    return with([&](ex::broker& b) { return b.submit(o); }, ex::broker_errors::unknown_outcome);
  }
  gd::result<std::vector<ex::broker_order>> orders() override {
    return with([&](ex::broker& b) { return b.orders(); });
  }
  gd::result<ex::broker_order> order_status(const std::string& id) override {
    return with([&](ex::broker& b) { return b.order_status(id); });
  }
  gd::result<ok_t> cancel(const std::string& id) override {
    return with([&](ex::broker& b) { return b.cancel(id); });
  }
  gd::result<std::vector<ex::position>> positions() override {
    return with([&](ex::broker& b) { return b.positions(); });
  }

 private:
  // Runs fn on the loaded broker; a database outage is a broker outage (for a send: unknown outcome).
  template <class Fn>
  auto with(Fn&& fn, std::string_view db_error_code = ex::broker_errors::unavailable) -> decltype(fn(std::declval<ex::broker&>())) {
    try {
      std::lock_guard lock(mu_);
      if (!broker_) {
        providers::simulated_broker_options o;
        o.fill = fill_;
        o.saved = repo_.load_state(book_key);
        o.save = [this](const nlohmann::json& book) { repo_.save_state(book_key, book); };
        broker_ = std::make_unique<providers::simulated_broker>(
            clock_, [this](const std::string& s, const std::string& l) { return quotes_.quote(s, l); }, std::move(o));
      }
      return fn(*broker_);
    } catch (const std::exception& e) {
      return gd::error{std::string(db_error_code), std::string("simulated broker: its book is unavailable: ") + e.what()};
    }
  }

  const gd::clock& clock_;
  spread_quotes& quotes_;
  ex::fill_model_config fill_;
  store::trading_repository& repo_;
  std::mutex mu_;
  std::unique_ptr<providers::simulated_broker> broker_;
};

}  // namespace

std::unique_ptr<ex::broker> make_broker(const app::settings& config, const trading_setup& setup, const gd::clock& clock,
                                        spread_quotes& quotes, store::trading_repository& repo) {
  if (config.effective_broker() == "tradier") {
    net::client_options o;
    o.base_url = config.tradier_base_url;
    o.bearer_token = config.tradier_access_token;
    o.log_name = "tradier-orders";
    auto transport = std::make_shared<providers::net_http_getter>(o);
    spdlog::info("paper orders go to the Tradier account {} at {}", config.tradier_account_id, config.tradier_base_url);
    return std::make_unique<providers::tradier_broker>(transport, config.tradier_account_id);
  }
  spdlog::info("paper orders go to the simulated broker (fills at mid -/+ {:.2f} x the package width)",
               setup.fill.spread_factor);
  return std::make_unique<persistent_simulated_broker>(clock, quotes, setup.fill, repo);
}

}  // namespace gd::trading

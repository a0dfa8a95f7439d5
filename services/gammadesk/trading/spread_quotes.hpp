#pragma once
// Live quotes for a vertical's two legs, from the market-data provider's chain of the legs'
// expiration (the one call every provider has; Tradier's chain is one request). Chains are cached
// per expiration for a few seconds of the injected clock, so marking and polling several orders
// costs one vendor call. Also the simulated broker's market.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/result.hpp>
#include <gd/execution/spread_quote.hpp>
#include <gd/providers/market_data.hpp>

namespace gd::trading {

class spread_quotes {
 public:
  spread_quotes(providers::market_data& provider, const gd::clock& clock, std::string underlying,
                std::chrono::seconds ttl = std::chrono::seconds(5));

  // Errors: "bad_symbol", the provider's error, or "no_quote" when a leg is not in the chain.
  gd::result<execution::spread_quote> quote(const std::string& short_symbol, const std::string& long_symbol);

  // The provider's underlying quote (last), for settlement and display.
  gd::result<providers::underlying_quote> underlying_quote();
  std::string provider_name() const { return std::string(provider_.name()); }

 private:
  struct cached_chain {
    gd::sys_time fetched_at{};
    std::map<std::string, execution::leg_quote> legs;
  };
  gd::result<execution::leg_quote> leg(const std::string& occ_symbol);

  providers::market_data& provider_;
  const gd::clock& clock_;
  std::string underlying_;
  std::chrono::seconds ttl_;
  std::mutex mu_;
  std::map<date::year_month_day, cached_chain> cache_;
};

}  // namespace gd::trading

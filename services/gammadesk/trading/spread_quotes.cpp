#include "trading/spread_quotes.hpp"

#include <gd/core/occ_symbol.hpp>

namespace gd::trading {

spread_quotes::spread_quotes(providers::market_data& provider, const gd::clock& clock, std::string underlying,
                             std::chrono::seconds ttl)
    : provider_(provider), clock_(clock), underlying_(std::move(underlying)), ttl_(ttl) {}

gd::result<execution::leg_quote> spread_quotes::leg(const std::string& occ_symbol) {
  const auto parts = gd::parse_occ_symbol(occ_symbol);
  if (!parts) return gd::error{"bad_symbol", "not an OCC option symbol: " + occ_symbol};
  const auto now = clock_.now();
  std::lock_guard lock(mu_);
  auto it = cache_.find(parts->expiration);
  if (it == cache_.end() || now - it->second.fetched_at > ttl_ || now < it->second.fetched_at) {
    auto chain = provider_.chain(underlying_, parts->expiration);
    if (!chain) return chain.err();
    cached_chain fresh;
    fresh.fetched_at = now;
    for (const auto& row : chain->chain.rows) fresh.legs[row.contract.occ_symbol] = execution::to_leg_quote(row.quote);
    it = cache_.insert_or_assign(parts->expiration, std::move(fresh)).first;
    // Older expirations are of no further use once this one is fresh.
    std::erase_if(cache_, [&](const auto& kv) { return now - kv.second.fetched_at > ttl_ * 12; });
    it = cache_.find(parts->expiration);
  }
  const auto q = it->second.legs.find(occ_symbol);
  if (q == it->second.legs.end()) return gd::error{"no_quote", occ_symbol + " is not in the " + underlying_ + " chain"};
  return q->second;
}

gd::result<execution::spread_quote> spread_quotes::quote(const std::string& short_symbol, const std::string& long_symbol) {
  auto s = leg(short_symbol);
  if (!s) return s.err();
  auto l = leg(long_symbol);
  if (!l) return l.err();
  return execution::spread_quote{*s, *l};
}

gd::result<providers::underlying_quote> spread_quotes::underlying_quote() {
  auto quotes = provider_.quotes({underlying_});
  if (!quotes) return quotes.err();
  for (const auto& q : *quotes) {
    if (q.symbol == underlying_) return q;
  }
  return gd::error{"no_quote", "no quote for " + underlying_};
}

}  // namespace gd::trading

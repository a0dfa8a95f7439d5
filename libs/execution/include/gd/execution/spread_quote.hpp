#pragma once
// The two legs of a vertical as quotes, and the package prices derived from them. A credit
// vertical sells `short_leg` and buys `long_leg`; to close it we buy the short back and sell the
// long. Package prices are per spread, in option points (×100 for dollars).
#include <cmath>

#include <gd/core/chain.hpp>

namespace gd::execution {

struct leg_quote {
  double bid = 0.0;
  double ask = 0.0;
  bool two_sided() const { return bid > 0.0 && ask > 0.0 && ask >= bid; }
  double mid() const { return 0.5 * (bid + ask); }
  double width() const { return ask - bid; }
};

// From the chain model, where a missing price is NaN: a missing price becomes 0, which makes a
// missing ask (or a missing short bid) unusable and a missing wing bid worth nothing to us.
inline leg_quote to_leg_quote(const gd::option_quote& q) {
  return {std::isfinite(q.bid) ? q.bid : 0.0, std::isfinite(q.ask) ? q.ask : 0.0};
}

struct spread_quote {
  leg_quote short_leg;
  leg_quote long_leg;

  // A long far-OTM wing may be bid 0 and still be a usable quote (we buy it at the ask to open
  // and sell it at 0 to close), so the long leg only needs an ask; the short leg needs both sides.
  bool usable() const {
    return short_leg.two_sided() && long_leg.ask > 0.0 && long_leg.bid >= 0.0 && long_leg.ask >= long_leg.bid;
  }
  double mid() const { return short_leg.mid() - long_leg.mid(); }  // net credit at mid
  double width() const { return short_leg.width() + long_leg.width(); }  // package bid-ask width
  double natural_credit() const { return short_leg.bid - long_leg.ask; }  // sell the package now
  double natural_debit() const { return short_leg.ask - long_leg.bid; }   // buy the package back now
};

}  // namespace gd::execution

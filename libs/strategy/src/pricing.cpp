#include <gd/strategy/pricing.hpp>

#include <cmath>

namespace gd::strategy {
namespace {

// Money to the cent: removes the binary noise of tick multiples (23 * 0.05 = 1.1500000000000001).
double cents(double x) noexcept { return std::round(x * 100.0) / 100.0; }

}  // namespace

double round_credit_down(double credit, double tick) noexcept {
  if (!std::isfinite(credit) || !(tick > 0.0)) return std::nan("");
  // The 1e-9 slack keeps an exact tick multiple (1.15 stored as 1.14999...) on its own tick.
  const double ticks = std::floor(credit / tick + 1e-9);
  return cents(ticks * tick);
}

spread_prices price_spread(double short_bid, double short_ask, double long_bid, double long_ask, double width,
                           double fill_spread_factor, double tick, int multiplier) noexcept {
  spread_prices p;
  p.credit_mid = 0.5 * (short_bid + short_ask) - 0.5 * (long_bid + long_ask);
  p.combo_spread = (short_ask - short_bid) + (long_ask - long_bid);
  p.credit_fill = p.credit_mid - fill_spread_factor * p.combo_spread;
  p.credit_limit = round_credit_down(p.credit_fill, tick);
  p.width = width;
  p.max_loss = cents(width - p.credit_limit);
  p.multiplier = multiplier;
  return p;
}

double spread_prices::credit_mid_dollars() const noexcept { return cents(credit_mid * multiplier); }
double spread_prices::credit_limit_dollars() const noexcept { return cents(credit_limit * multiplier); }
double spread_prices::max_loss_dollars() const noexcept { return cents(max_loss * multiplier); }

}  // namespace gd::strategy

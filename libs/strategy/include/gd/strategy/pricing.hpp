#pragma once
// Prices of a credit vertical, per share (index points) and per contract (x multiplier).
//
// combo spread = (short ask - short bid) + (long ask - long bid): the package's natural width.
// fill credit  = mid credit - factor * combo spread: the simulated fill (and the backtest's).
// limit credit = the fill credit rounded DOWN to the tick: we never ask for more than we would
//                accept, so the order is at least as likely to fill as the model says.
// max loss     = width - limit credit.
namespace gd::strategy {

// Rounds a credit down to the tick (robust to binary noise: 1.15 stays 1.15), cents-exact.
double round_credit_down(double credit, double tick) noexcept;

struct spread_prices {
  double credit_mid = 0.0;     // short mid - long mid
  double combo_spread = 0.0;
  double credit_fill = 0.0;    // model fill before rounding
  double credit_limit = 0.0;   // on the tick
  double width = 0.0;          // |short strike - long strike|
  double max_loss = 0.0;       // width - credit_limit
  int multiplier = 100;
  double credit_mid_dollars() const noexcept;
  double credit_limit_dollars() const noexcept;
  double max_loss_dollars() const noexcept;
};

spread_prices price_spread(double short_bid, double short_ask, double long_bid, double long_ask, double width,
                           double fill_spread_factor, double tick, int multiplier) noexcept;

}  // namespace gd::strategy

#pragma once
// Re-pricing an unfilled order: after `wait` without a fill, step the limit one or more ticks
// toward the market (a credit down, a debit up), but never past the worst acceptable price and
// never past the natural price (crossing the whole package: going further gains nothing).
// Pure: the caller passes `now` and the current quotes, then applies events::reprice.
#include <chrono>
#include <optional>
#include <string>

#include <gd/core/clock.hpp>
#include <gd/execution/order.hpp>
#include <gd/execution/spread_quote.hpp>

namespace gd::execution {

struct reprice_policy {
  std::chrono::seconds wait{120};  // time since the last send before a step
  int step_ticks = 1;
  double tick = 0.05;
  double worst_price = 0.0;        // open: lowest acceptable credit; close: highest acceptable debit
};

struct reprice_decision {
  std::optional<double> new_limit;  // empty: leave the order alone
  std::string reason;
};

reprice_decision next_limit(const order& o, sys_time now, const spread_quote& quote, const reprice_policy& policy);

}  // namespace gd::execution

#include <gd/execution/repricing.hpp>

#include <algorithm>

#include <gd/execution/price_tick.hpp>

namespace gd::execution {

reprice_decision next_limit(const order& o, sys_time now, const spread_quote& quote, const reprice_policy& policy) {
  if (o.state != order_state::open || o.filled_quantity > 0) return {std::nullopt, "not an unfilled working order"};
  if (now - o.last_sent_at < policy.wait) return {std::nullopt, "waiting"};
  if (!quote.usable()) return {std::nullopt, "no usable quote"};

  const double tick = policy.tick;
  const std::int64_t current = o.intent == order_intent::open ? ticks_down(o.limit_price, tick) : ticks_up(o.limit_price, tick);
  std::int64_t next = 0;
  if (o.intent == order_intent::open) {
    // The floor rounds up: never below the worst acceptable credit, never below the natural credit.
    const std::int64_t floor = std::max(ticks_up(policy.worst_price, tick), ticks_up(quote.natural_credit(), tick));
    next = std::max(current - policy.step_ticks, floor);
    if (next >= current) return {std::nullopt, "at the floor"};
  } else {
    // The cap rounds down: never above the worst acceptable debit, never above the natural debit.
    const std::int64_t cap = std::min(ticks_down(policy.worst_price, tick), ticks_down(quote.natural_debit(), tick));
    next = std::min(current + policy.step_ticks, cap);
    if (next <= current) return {std::nullopt, "at the cap"};
  }
  if (next <= 0) return {std::nullopt, "no positive price left"};
  return {static_cast<double>(next) * tick, "step toward the market"};
}

}  // namespace gd::execution

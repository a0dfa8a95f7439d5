#include <gd/execution/trade.hpp>

#include <cmath>

namespace gd::execution {

result<ok_t> validate(const vertical& v) {
  if (!(v.short_strike > 0.0) || !(v.long_strike > 0.0) || v.short_strike == v.long_strike)
    return error{"bad_vertical", "strikes must be positive and different"};
  const bool credit = v.right == option_right::put ? v.short_strike > v.long_strike : v.short_strike < v.long_strike;
  if (!credit) return error{"bad_vertical", "not a credit vertical: the short leg must be nearer the money"};
  return ok_v;
}

std::string_view to_string(trade_status s) { return s == trade_status::open ? "open" : "closed"; }

std::string_view to_string(exit_reason r) {
  switch (r) {
    case exit_reason::none: return "none";
    case exit_reason::take_profit: return "take_profit";
    case exit_reason::stop_loss: return "stop_loss";
    case exit_reason::settlement: return "settlement";
    case exit_reason::manual: return "manual";
  }
  return "?";
}

result<trade> trade_from_entry(const order& entry, const vertical& spread, sys_time at) {
  if (entry.intent != order_intent::open) return error{"not_entry", "order " + entry.tag + " is not an entry"};
  if (entry.filled_quantity <= 0) return error{"not_filled", "order " + entry.tag + " has no fills"};
  if (auto ok = validate(spread); !ok) return ok.err();
  trade t;
  t.id = entry.tag;
  t.spread = spread;
  t.quantity = entry.filled_quantity;
  t.entry_credit = entry.avg_fill_price;
  t.opened_at = at;
  return t;
}

result<trade> close_trade(const trade& t, double debit, exit_reason reason, sys_time at,
                          date::year_month_day trade_date, std::string exit_order_tag) {
  if (t.status != trade_status::open) return error{"trade_closed", "trade " + t.id + " is already closed"};
  if (!(debit >= 0.0) || !std::isfinite(debit)) return error{"bad_price", "trade " + t.id + ": debit must be >= 0"};
  trade closed = t;
  closed.status = trade_status::closed;
  closed.exit_debit = debit;
  closed.reason = reason;
  closed.closed_at = at;
  closed.closed_on = trade_date;
  closed.exit_order_tag = std::move(exit_order_tag);
  return closed;
}

}  // namespace gd::execution

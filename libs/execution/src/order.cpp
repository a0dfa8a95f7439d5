#include <gd/execution/order.hpp>

namespace gd::execution {

std::string_view to_string(order_state state) {
  switch (state) {
    case order_state::created: return "new";
    case order_state::submitting: return "submitting";
    case order_state::open: return "open";
    case order_state::partially_filled: return "partially_filled";
    case order_state::cancel_requested: return "cancel_requested";
    case order_state::unknown: return "unknown";
    case order_state::filled: return "filled";
    case order_state::cancelled: return "cancelled";
    case order_state::rejected: return "rejected";
    case order_state::expired: return "expired";
  }
  return "?";
}

bool is_terminal(order_state state) {
  return state == order_state::filled || state == order_state::cancelled || state == order_state::rejected ||
         state == order_state::expired;
}

bool may_be_live_at_broker(order_state state) { return state != order_state::created && !is_terminal(state); }

std::string_view to_string(leg_side side) {
  switch (side) {
    case leg_side::sell_to_open: return "sell_to_open";
    case leg_side::buy_to_open: return "buy_to_open";
    case leg_side::buy_to_close: return "buy_to_close";
    case leg_side::sell_to_close: return "sell_to_close";
  }
  return "?";
}

std::optional<broker_status> parse_broker_status(std::string_view text) {
  if (text == "pending" || text == "submitted") return broker_status::pending;  // libraries also see "submitted"
  if (text == "open") return broker_status::open;
  if (text == "partially_filled") return broker_status::partially_filled;
  if (text == "filled") return broker_status::filled;
  if (text == "expired") return broker_status::expired;
  if (text == "canceled" || text == "cancelled") return broker_status::canceled;
  if (text == "rejected") return broker_status::rejected;
  if (text == "error") return broker_status::error;
  return std::nullopt;
}

std::string_view to_string(broker_status status) {
  switch (status) {
    case broker_status::pending: return "pending";
    case broker_status::open: return "open";
    case broker_status::partially_filled: return "partially_filled";
    case broker_status::filled: return "filled";
    case broker_status::expired: return "expired";
    case broker_status::canceled: return "canceled";
    case broker_status::rejected: return "rejected";
    case broker_status::error: return "error";
  }
  return "?";
}

}  // namespace gd::execution

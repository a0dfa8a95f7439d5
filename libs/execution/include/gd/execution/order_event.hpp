#pragma once
// What can happen to an order. Events come from us (send_attempted, cancel_requested, reprice),
// from the broker's answer to a call (accepted, rejected, send_outcome_unknown) or from polling
// and reconciliation (lookup_*, fill, cancelled, expired_at_close).
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <gd/core/clock.hpp>
#include <gd/execution/order.hpp>

namespace gd::execution::events {

struct send_attempted { sys_time at{}; };           // about to POST (persist first, then send)
struct accepted { std::string broker_id; };          // POST answered with an order id
struct rejected { std::string reason; };             // HTTP 400, HTTP 200 + errors, or a later status
struct send_outcome_unknown { std::string detail; }; // timeout / dropped connection after sending
struct lookup_found {                                 // the broker has an order with our tag
  std::string broker_id;
  broker_status status = broker_status::open;
  int exec_quantity = 0;                              // cumulative spreads filled
  double avg_fill_price = 0.0;                        // net per spread
  std::string reason;                                 // reason_description, if any
};
struct lookup_not_found {};                            // the broker has no order with our tag
// Fills carry the broker's cumulative numbers (Tradier has no execution id): a repeated poll is
// then harmless, and a quantity that does not grow is not a new fill.
struct fill { int cumulative_quantity = 0; double avg_price = 0.0; };
struct cancel_requested {};
struct cancelled {};
struct expired_at_close {};
struct reprice { double new_limit = 0.0; };           // cancel this attempt, then a new one at new_limit

}  // namespace gd::execution::events

namespace gd::execution {

using order_event = std::variant<events::send_attempted, events::accepted, events::rejected,
                                 events::send_outcome_unknown, events::lookup_found, events::lookup_not_found,
                                 events::fill, events::cancel_requested, events::cancelled,
                                 events::expired_at_close, events::reprice>;

std::string_view event_name(const order_event& event);

}  // namespace gd::execution

#pragma once
// The order state machine: apply(order, event) -> transition or a clear error. Pure: the caller
// persists the transition (order_events) and only then carries out its commands, so a crash
// between the two repeats a lookup, never a send.
//
// Duplicate-order safety: `send` is only ever commanded from `created`, and an order only
// returns to `created` after the broker has said `not_found_lookups_to_resend` times that it has
// no order with our tag. So at most one broker order can be live per tag.
#include <optional>
#include <string>
#include <vector>

#include <gd/core/result.hpp>
#include <gd/execution/order.hpp>
#include <gd/execution/order_event.hpp>

namespace gd::execution {

enum class command_kind {
  send,              // POST the order with its tag
  lookup_by_tag,     // GET orders (includeTags) and find ours; answer with lookup_found / lookup_not_found
  cancel,            // DELETE broker_id
  resend_same_tag,   // safe to send again with the same tag (apply send_attempted, then POST)
  send_replacement,  // the re-priced attempt: a new order with the next attempt's tag at `price`
  record_fill,       // new fill quantity to persist in `fills` and the trade
  alarm,             // something a human should see (late fill after a terminal state)
};
std::string_view to_string(command_kind kind);

struct command {
  command_kind kind = command_kind::lookup_by_tag;
  std::string tag;
  std::optional<std::string> broker_id;
  std::optional<double> price;  // send / send_replacement: limit; record_fill: avg price of the new fills
  int quantity = 0;             // record_fill: the new spreads filled in this transition
  std::string note;
};

struct transition {
  order_state from = order_state::created;
  order_state to = order_state::created;
  order_event event;
  order next;                    // the order after the event
  std::vector<command> commands; // to carry out after the transition is stored
  std::string note;              // why, for the event log
};

struct machine_policy {
  // "Not found" answers needed before a resend with the same tag: the broker's order list can lag
  // an accepted POST, so one empty answer is not proof.
  int not_found_lookups_to_resend = 2;
};

// Call it qualified (gd::execution::apply): with an order_event argument, unqualified lookup also
// finds std::apply through ADL on std::variant, and GCC fails instantiating it.
result<transition> apply(const order& current, const order_event& event, const machine_policy& policy = {});

// The new order a send_replacement command asks for: the next attempt's tag, the remaining
// quantity at the command's price, state new. Errors when the command is not a replacement or
// the previous tag is not one of ours.
result<order> replacement_order(const order& previous, const command& replacement, sys_time now);

}  // namespace gd::execution

#pragma once
// One multileg order for a two-leg credit vertical (credit to open, debit to close) and its
// states. The order is a value: the state machine (order_machine.hpp) returns a new one with
// every transition, and the service persists both (orders, order_events).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gd/core/clock.hpp>
#include <gd/execution/client_tag.hpp>

namespace gd::execution {

enum class order_state {
  created,           // "new": written to the outbox, not sent
  submitting,        // send in progress: the POST may or may not have reached the broker
  open,              // broker id known, working (Tradier pending/open)
  partially_filled,
  cancel_requested,  // we sent DELETE, not yet confirmed
  unknown,           // send outcome unknown: resolved only by looking the order up by its tag
  filled,            // terminal
  cancelled,         // terminal (a late fill is still recorded, the state stays)
  rejected,          // terminal (HTTP 400, HTTP 200 with errors, or status rejected/error later)
  expired,           // terminal (day order at the close)
};

std::string_view to_string(order_state state);
bool is_terminal(order_state state);
// Could a broker order exist for this tag right now? (Everything but `created` and terminal.)
bool may_be_live_at_broker(order_state state);

enum class leg_side { sell_to_open, buy_to_open, buy_to_close, sell_to_close };
std::string_view to_string(leg_side side);  // Tradier's spelling

struct order_leg {
  std::string occ_symbol;
  leg_side side = leg_side::sell_to_open;
};

struct order {
  std::string tag;                 // client order id, see client_tag.hpp
  order_intent intent = order_intent::open;
  std::string underlying = "SPX";  // Tradier's `symbol` for SPXW legs
  std::vector<order_leg> legs;     // short leg first for an entry
  int quantity = 0;                // spreads (each leg trades `quantity` contracts)
  double limit_price = 0.0;        // net, positive, on the tick; `intent` says credit or debit

  order_state state = order_state::created;
  std::optional<std::string> broker_id;
  int filled_quantity = 0;         // cumulative spreads filled (never decreases)
  double avg_fill_price = 0.0;     // net per spread over filled_quantity
  int sends = 0;                   // POSTs made with this tag (each only when no order could be live)
  int not_found_lookups = 0;       // consecutive "tag not at broker" answers while unknown
  std::string reject_reason;
  std::optional<double> replace_price;  // a re-price waits for the cancel, then a new attempt
  sys_time created_at{};
  sys_time last_sent_at{};         // from send_attempted; the re-pricing clock
};

// Broker statuses as Tradier spells them (tradier_api.md 5.2).
enum class broker_status { pending, open, partially_filled, filled, expired, canceled, rejected, error };
std::optional<broker_status> parse_broker_status(std::string_view text);
std::string_view to_string(broker_status status);

}  // namespace gd::execution

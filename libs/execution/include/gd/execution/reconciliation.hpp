#pragma once
// Reconciliation with the broker, pure: given what we believe (orders, open trades) and what the
// broker reports (orders with tags, positions), produce actions for the state machine and alarms
// for a human. Nothing is "fixed" automatically: an alarm blocks new entries, never exits.
// A missing broker report is not a flat position - the caller only calls this with complete lists.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gd/execution/order.hpp>
#include <gd/execution/order_event.hpp>
#include <gd/execution/trade.hpp>

namespace gd::execution {

struct broker_order {
  std::string id;
  std::string tag;  // empty when the broker order was not placed by us (or includeTags was off)
  broker_status status = broker_status::open;
  int quantity = 0;
  int exec_quantity = 0;
  double avg_fill_price = 0.0;
  std::string reason;
};

struct position {
  std::string symbol;  // OCC
  int quantity = 0;    // signed contracts: negative is short
};

// What the broker should hold for our open trades: the short leg −qty, the long leg +qty.
std::vector<position> expected_positions(const std::vector<trade>& trades);

enum class recon_action_kind {
  apply_lookup,   // feed `found` to the order's state machine
  lookup_by_tag,  // our live order is not in the broker's list: look it up by tag
  mark_unknown,   // a `submitting` order not in the list: its sender is gone, so apply
                  // send_outcome_unknown (which commands the lookup by tag)
};

struct recon_action {
  recon_action_kind kind = recon_action_kind::lookup_by_tag;
  std::string tag;
  std::optional<events::lookup_found> found;
};

enum class alarm_kind {
  orphan_leg,            // the broker holds a position we know nothing about
  missing_leg,           // we expect a position the broker does not hold
  quantity_mismatch,     // both hold it, quantities differ
  unknown_broker_order,  // a broker order no order of ours accounts for
  duplicate_tag,         // several broker orders carry one of our tags
  state_mismatch,        // we think an order is finished, the broker says it is working
};
std::string_view to_string(alarm_kind kind);

struct recon_alarm {
  alarm_kind kind = alarm_kind::orphan_leg;
  std::string key;     // symbol, tag or broker order id
  int ours = 0;
  int broker = 0;
  std::string message;
};

struct reconciliation_report {
  std::vector<recon_action> actions;
  std::vector<recon_alarm> alarms;
  bool entries_allowed() const { return alarms.empty(); }
};

reconciliation_report reconcile(const std::vector<order>& our_orders, const std::vector<position>& our_positions,
                                const std::vector<broker_order>& broker_orders,
                                const std::vector<position>& broker_positions);

}  // namespace gd::execution

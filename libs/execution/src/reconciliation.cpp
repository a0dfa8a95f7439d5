#include <gd/execution/reconciliation.hpp>

#include <map>

namespace gd::execution {

std::vector<position> expected_positions(const std::vector<trade>& trades) {
  std::map<std::string, int> net;  // two trades may share a leg symbol
  for (const trade& t : trades) {
    if (t.status != trade_status::open) continue;
    net[t.spread.short_symbol] -= t.quantity;
    net[t.spread.long_symbol] += t.quantity;
  }
  std::vector<position> out;
  for (const auto& [symbol, qty] : net)
    if (qty != 0) out.push_back({symbol, qty});
  return out;
}

std::string_view to_string(alarm_kind kind) {
  switch (kind) {
    case alarm_kind::orphan_leg: return "orphan_leg";
    case alarm_kind::missing_leg: return "missing_leg";
    case alarm_kind::quantity_mismatch: return "quantity_mismatch";
    case alarm_kind::unknown_broker_order: return "unknown_broker_order";
    case alarm_kind::duplicate_tag: return "duplicate_tag";
    case alarm_kind::state_mismatch: return "state_mismatch";
  }
  return "?";
}

namespace {

bool broker_working(broker_status s) {
  return s == broker_status::pending || s == broker_status::open || s == broker_status::partially_filled;
}

bool matches(const order& ours, const broker_order& b) {
  return (!b.tag.empty() && b.tag == ours.tag) || (ours.broker_id && *ours.broker_id == b.id);
}

void reconcile_orders(const std::vector<order>& ours, const std::vector<broker_order>& broker,
                      reconciliation_report& report) {
  std::vector<bool> accounted(broker.size(), false);
  for (const order& o : ours) {
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < broker.size(); ++i)
      if (matches(o, broker[i])) hits.push_back(i);
    for (std::size_t i : hits) accounted[i] = true;

    if (hits.size() > 1) {
      report.alarms.push_back({alarm_kind::duplicate_tag, o.tag, 1, static_cast<int>(hits.size()),
                               "several broker orders carry tag " + o.tag});
      continue;
    }
    if (o.state == order_state::created) {
      // Never sent (the send is persisted before it happens), so the broker must not know it.
      if (!hits.empty())
        report.alarms.push_back({alarm_kind::unknown_broker_order, broker[hits[0]].id, 0, 1,
                                 "broker order " + broker[hits[0]].id + " carries tag " + o.tag + " that was never sent"});
      continue;
    }
    if (is_terminal(o.state)) {
      if (!hits.empty() && broker_working(broker[hits[0]].status))
        report.alarms.push_back({alarm_kind::state_mismatch, o.tag, 0, 1,
                                 "order " + o.tag + " is " + std::string(to_string(o.state)) + " here but " +
                                     std::string(to_string(broker[hits[0]].status)) + " at the broker"});
      continue;
    }
    if (hits.empty()) {  // the broker's list may be the current session only: ask by tag
      const auto kind = o.state == order_state::submitting ? recon_action_kind::mark_unknown : recon_action_kind::lookup_by_tag;
      report.actions.push_back({kind, o.tag, std::nullopt});
      continue;
    }
    const broker_order& b = broker[hits[0]];
    report.actions.push_back({recon_action_kind::apply_lookup, o.tag,
                              events::lookup_found{b.id, b.status, b.exec_quantity, b.avg_fill_price, b.reason}});
  }
  for (std::size_t i = 0; i < broker.size(); ++i)
    if (!accounted[i])
      report.alarms.push_back({alarm_kind::unknown_broker_order, broker[i].id, 0, broker[i].quantity,
                               "broker order " + broker[i].id + " (" + std::string(to_string(broker[i].status)) +
                                   ", tag '" + broker[i].tag + "') is unknown to us"});
}

void reconcile_positions(const std::vector<position>& ours, const std::vector<position>& broker,
                         reconciliation_report& report) {
  std::map<std::string, std::pair<int, int>> both;  // symbol -> (ours, broker), in symbol order
  for (const position& p : ours) both[p.symbol].first += p.quantity;
  for (const position& p : broker) both[p.symbol].second += p.quantity;
  for (const auto& [symbol, q] : both) {
    const auto [mine, theirs] = q;
    if (mine == theirs) continue;
    const std::string counts = " (ours " + std::to_string(mine) + ", broker " + std::to_string(theirs) + ")";
    if (mine == 0)
      report.alarms.push_back({alarm_kind::orphan_leg, symbol, mine, theirs, "orphan leg " + symbol + counts});
    else if (theirs == 0)
      report.alarms.push_back({alarm_kind::missing_leg, symbol, mine, theirs, "missing leg " + symbol + counts});
    else
      report.alarms.push_back({alarm_kind::quantity_mismatch, symbol, mine, theirs, "quantity mismatch " + symbol + counts});
  }
}

}  // namespace

reconciliation_report reconcile(const std::vector<order>& our_orders, const std::vector<position>& our_positions,
                                const std::vector<broker_order>& broker_orders,
                                const std::vector<position>& broker_positions) {
  reconciliation_report report;
  reconcile_orders(our_orders, broker_orders, report);
  reconcile_positions(our_positions, broker_positions, report);
  return report;
}

}  // namespace gd::execution

#include <gd/execution/reconciliation.hpp>

#include <algorithm>

#include "fixtures.hpp"

using namespace gd::execution;
using namespace gd::execution::test;
using gd::option_right;
using gd::settlement_style;

namespace {

order with(order o, std::string tag, order_state state, std::optional<std::string> broker_id = std::nullopt) {
  o.tag = std::move(tag);
  o.state = state;
  o.broker_id = std::move(broker_id);
  return o;
}

int count(const reconciliation_report& r, alarm_kind kind) {
  return static_cast<int>(std::count_if(r.alarms.begin(), r.alarms.end(), [&](const auto& a) { return a.kind == kind; }));
}

const recon_action* action_for(const reconciliation_report& r, const std::string& tag) {
  for (const auto& a : r.actions)
    if (a.tag == tag) return &a;
  return nullptr;
}

trade open_trade(const std::string& short_sym, const std::string& long_sym, int qty) {
  trade t;
  t.id = short_sym;
  t.spread = {option_right::put, 5800, 5775, short_sym, long_sym, date::year{2025} / 1 / 10, settlement_style::pm};
  t.quantity = qty;
  t.entry_credit = 1.2;
  return t;
}

const std::string S = "SPXW250110P05800000";
const std::string L = "SPXW250110P05775000";

}  // namespace

TEST_CASE("reconciliation: everything matches -> no alarms, entries allowed", "[execution][reconcile]") {
  const std::vector<order> ours{with(entry_order(), "A", order_state::filled, "1001")};
  const std::vector<broker_order> broker{{"1001", "A", broker_status::filled, 2, 2, 1.2, {}}};
  const auto expected = expected_positions({open_trade(S, L, 2)});
  const auto r = reconcile(ours, expected, broker, {{S, -2}, {L, 2}});
  CHECK(r.alarms.empty());
  CHECK(r.actions.empty());
  CHECK(r.entries_allowed());
}

TEST_CASE("reconciliation: position alarms", "[execution][reconcile]") {
  const auto expected = expected_positions({open_trade(S, L, 2)});
  struct row {
    const char* name;
    std::vector<position> broker;
    alarm_kind kind;
    std::string symbol;
  };
  const row rows[] = {
      {"orphan leg: the broker holds what we don't know", {{S, -2}, {L, 2}, {"SPXW250110P05700000", -1}},
       alarm_kind::orphan_leg, "SPXW250110P05700000"},
      {"quantity mismatch", {{S, -1}, {L, 2}}, alarm_kind::quantity_mismatch, S},
      {"missing leg (e.g. the short was liquidated alone)", {{L, 2}}, alarm_kind::missing_leg, S},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    const auto rep = reconcile({}, expected, {}, r.broker);
    REQUIRE(rep.alarms.size() == 1);
    CHECK(rep.alarms[0].kind == r.kind);
    CHECK(rep.alarms[0].key == r.symbol);
    CHECK_FALSE(rep.entries_allowed());
  }
  SECTION("no trades but a broker position: orphans for each leg") {
    const auto rep = reconcile({}, {}, {}, {{S, -1}, {L, 1}});
    CHECK(count(rep, alarm_kind::orphan_leg) == 2);
  }
}

TEST_CASE("expected positions net the legs of open trades", "[execution][reconcile]") {
  trade closed = open_trade(S, "SPXW250110P05750000", 5);
  closed.status = trade_status::closed;
  const auto p = expected_positions({open_trade(S, L, 2), open_trade("SPXW250110P05825000", S, 1), closed});
  // S: -2 (short of trade 1) + 1 (long of trade 2) = -1
  REQUIRE(p.size() == 3);
  const auto find = [&](const std::string& sym) {
    return std::find_if(p.begin(), p.end(), [&](const position& x) { return x.symbol == sym; })->quantity;
  };
  CHECK(find(S) == -1);
  CHECK(find(L) == 2);
  CHECK(find("SPXW250110P05825000") == -1);
}

TEST_CASE("reconciliation: orders", "[execution][reconcile]") {
  const std::vector<order> ours{
      with(entry_order(), "A", order_state::open, "1001"),      // broker shows it partially filled
      with(entry_order(), "B", order_state::unknown),           // broker has it (tag match)
      with(entry_order(), "C", order_state::submitting),        // broker does not list it
      with(entry_order(), "D", order_state::partially_filled, "1004"),  // not in the (intraday) list
      with(entry_order(), "E", order_state::created),           // never sent
      with(entry_order(), "F", order_state::cancelled, "1006"), // broker says still open
  };
  const std::vector<broker_order> broker{
      {"1001", "A", broker_status::partially_filled, 2, 1, 1.2, {}},
      {"1002", "B", broker_status::open, 2, 0, 0.0, {}},
      {"1006", "F", broker_status::open, 2, 0, 0.0, {}},
      {"1099", "", broker_status::open, 1, 0, 0.0, {}},         // placed by hand at the broker
  };
  const auto r = reconcile(ours, {}, broker, {});

  REQUIRE(action_for(r, "A"));
  CHECK(action_for(r, "A")->kind == recon_action_kind::apply_lookup);
  CHECK(action_for(r, "A")->found->exec_quantity == 1);
  REQUIRE(action_for(r, "B"));
  CHECK(action_for(r, "B")->kind == recon_action_kind::apply_lookup);
  CHECK(action_for(r, "B")->found->broker_id == "1002");
  REQUIRE(action_for(r, "C"));
  CHECK(action_for(r, "C")->kind == recon_action_kind::mark_unknown);
  REQUIRE(action_for(r, "D"));
  CHECK(action_for(r, "D")->kind == recon_action_kind::lookup_by_tag);
  CHECK_FALSE(action_for(r, "E"));
  CHECK_FALSE(action_for(r, "F"));

  CHECK(count(r, alarm_kind::unknown_broker_order) == 1);
  CHECK(count(r, alarm_kind::state_mismatch) == 1);
  CHECK(r.alarms.size() == 2);

  SECTION("the actions drive the state machine to the broker's truth") {
    const auto a = gd::execution::apply(ours[0], order_event{*action_for(r, "A")->found});
    REQUIRE(a.ok());
    CHECK(a->to == order_state::partially_filled);
    const auto b = gd::execution::apply(ours[1], order_event{*action_for(r, "B")->found});
    REQUIRE(b.ok());
    CHECK(b->to == order_state::open);
    CHECK(*b->next.broker_id == "1002");
    // C: mark unknown, which commands the lookup by tag.
    const auto c = gd::execution::apply(ours[2], events::send_outcome_unknown{"restart"});
    REQUIRE(c.ok());
    CHECK(has_command(*c, command_kind::lookup_by_tag));
  }
}

TEST_CASE("reconciliation: two broker orders under one tag is an alarm", "[execution][reconcile]") {
  const std::vector<order> ours{with(entry_order(), "A", order_state::unknown)};
  const std::vector<broker_order> broker{{"1", "A", broker_status::open, 2, 0, 0, {}},
                                         {"2", "A", broker_status::open, 2, 0, 0, {}}};
  const auto r = reconcile(ours, {}, broker, {});
  CHECK(count(r, alarm_kind::duplicate_tag) == 1);
  CHECK(r.actions.empty());
}

TEST_CASE("reconciliation: a broker order carrying a tag we never sent is an alarm", "[execution][reconcile]") {
  const auto r = reconcile({with(entry_order(), "E", order_state::created)}, {},
                           {{"7", "E", broker_status::open, 2, 0, 0, {}}}, {});
  CHECK(count(r, alarm_kind::unknown_broker_order) == 1);
}

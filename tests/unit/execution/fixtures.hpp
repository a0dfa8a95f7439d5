#pragma once
// Shared test fixtures: a 2-lot SPXW put credit vertical entry order and helpers that apply events.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>
#include <date/date.h>

#include <gd/execution/order_machine.hpp>

namespace gd::execution::test {

inline sys_time at(int hh, int mm, int ss = 0) {
  using namespace std::chrono;
  return sys_time{date::sys_days{date::year{2025} / 1 / 7}} + hours{hh} + minutes{mm} + seconds{ss};
}

inline order entry_order(int quantity = 2, double limit = 1.20) {
  order o;
  o.tag = make_client_tag({date::year{2025} / 1 / 7, 1000, order_intent::open, 1});
  o.intent = order_intent::open;
  o.legs = {{"SPXW250110P05800000", leg_side::sell_to_open}, {"SPXW250110P05775000", leg_side::buy_to_open}};
  o.quantity = quantity;
  o.limit_price = limit;
  o.created_at = at(15, 0);
  return o;
}

// Applies an event that must be legal and returns the transition.
inline transition must(const order& o, const order_event& e, const machine_policy& p = {}) {
  auto t = gd::execution::apply(o, e, p);
  INFO((t ? std::string("ok") : t.err().message));
  REQUIRE(t.ok());
  return std::move(t).value();
}

inline order accepted_order(int quantity = 2, const std::string& broker_id = "1001") {
  const auto sent = must(entry_order(quantity), events::send_attempted{at(15, 0)});
  return must(sent.next, events::accepted{broker_id}).next;
}

inline bool has_command(const transition& t, command_kind kind) {
  for (const auto& c : t.commands)
    if (c.kind == kind) return true;
  return false;
}

}  // namespace gd::execution::test

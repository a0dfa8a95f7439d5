#include <gd/execution/order_machine.hpp>

#include "fixtures.hpp"

using namespace gd::execution;
using namespace gd::execution::test;

TEST_CASE("send: new -> submitting commands one send with the order's tag and limit", "[execution][machine]") {
  const order o = entry_order();
  const auto t = must(o, events::send_attempted{at(15, 0)});
  CHECK(t.from == order_state::created);
  CHECK(t.to == order_state::submitting);
  CHECK(t.next.sends == 1);
  CHECK(t.next.last_sent_at == at(15, 0));
  REQUIRE(t.commands.size() == 1);
  CHECK(t.commands[0].kind == command_kind::send);
  CHECK(t.commands[0].tag == o.tag);
  CHECK(*t.commands[0].price == Approx(1.20));
  CHECK(t.commands[0].quantity == 2);
}

TEST_CASE("accept -> partial fill -> fill", "[execution][machine]") {
  const order open = accepted_order();
  CHECK(open.state == order_state::open);
  CHECK(*open.broker_id == "1001");

  const auto partial = must(open, events::fill{1, 1.10});
  CHECK(partial.to == order_state::partially_filled);
  CHECK(partial.next.filled_quantity == 1);
  REQUIRE(has_command(partial, command_kind::record_fill));
  CHECK(partial.commands[0].quantity == 1);
  CHECK(*partial.commands[0].price == Approx(1.10));

  SECTION("a repeated poll of the same cumulative fill is not a new fill") {
    const auto again = must(partial.next, events::fill{1, 1.10});
    CHECK(again.to == order_state::partially_filled);
    CHECK(again.commands.empty());
    CHECK(again.next.filled_quantity == 1);
  }
  SECTION("the rest fills; the new fill's price comes from the cumulative average") {
    const auto full = must(partial.next, events::fill{2, 1.125});
    CHECK(full.to == order_state::filled);
    CHECK(full.next.filled_quantity == 2);
    CHECK(full.next.avg_fill_price == Approx(1.125));
    REQUIRE(full.commands.size() == 1);
    CHECK(full.commands[0].quantity == 1);
    CHECK(*full.commands[0].price == Approx(1.15));
    CHECK(is_terminal(full.to));
  }
}

TEST_CASE("accept -> cancel", "[execution][machine]") {
  const auto req = must(accepted_order(), events::cancel_requested{});
  CHECK(req.to == order_state::cancel_requested);
  REQUIRE(req.commands.size() == 1);
  CHECK(req.commands[0].kind == command_kind::cancel);
  CHECK(*req.commands[0].broker_id == "1001");
  const auto done = must(req.next, events::cancelled{});
  CHECK(done.to == order_state::cancelled);
  CHECK(done.commands.empty());
}

TEST_CASE("a new order cancelled before sending never reaches the broker", "[execution][machine]") {
  const auto t = must(entry_order(), events::cancel_requested{});
  CHECK(t.to == order_state::cancelled);
  CHECK(t.commands.empty());
  CHECK(t.next.sends == 0);
}

TEST_CASE("rejects: HTTP 400, HTTP 200 with errors, and status rejected later", "[execution][machine]") {
  const auto sent = must(entry_order(), events::send_attempted{at(15, 0)});
  SECTION("the adapter maps HTTP 400 and HTTP 200 + errors to rejected{reason}") {
    const auto t = must(sent.next, events::rejected{"Backoffice rejected override of the order. | DayTradingBuyingPowerExceeded"});
    CHECK(t.to == order_state::rejected);
    CHECK(t.next.reject_reason.find("DayTradingBuyingPowerExceeded") != std::string::npos);
    CHECK_FALSE(t.next.broker_id);
  }
  SECTION("accepted, then the broker reports status rejected") {
    const order open = must(sent.next, events::accepted{"1001"}).next;
    const auto t = must(open, events::lookup_found{"1001", broker_status::rejected, 0, 0.0, "margin"});
    CHECK(t.to == order_state::rejected);
    CHECK(t.next.reject_reason == "margin");
  }
  SECTION("accepted, then status error") {
    const order open = must(sent.next, events::accepted{"1001"}).next;
    CHECK(must(open, events::lookup_found{"1001", broker_status::error, 0, 0.0, {}}).to == order_state::rejected);
  }
}

TEST_CASE("send timeout -> unknown -> lookup found -> filled", "[execution][machine]") {
  const auto sent = must(entry_order(), events::send_attempted{at(15, 0)});
  const auto unknown = must(sent.next, events::send_outcome_unknown{"read timeout after 10 s"});
  CHECK(unknown.to == order_state::unknown);
  REQUIRE(unknown.commands.size() == 1);
  CHECK(unknown.commands[0].kind == command_kind::lookup_by_tag);
  CHECK(unknown.commands[0].tag == sent.next.tag);

  const auto found = must(unknown.next, events::lookup_found{"2002", broker_status::filled, 2, 1.20, {}});
  CHECK(found.to == order_state::filled);
  CHECK(*found.next.broker_id == "2002");
  CHECK(found.next.filled_quantity == 2);
  CHECK(has_command(found, command_kind::record_fill));
  CHECK(found.next.sends == 1);
}

TEST_CASE("unknown -> lookup found open -> normal life", "[execution][machine]") {
  const auto sent = must(entry_order(), events::send_attempted{at(15, 0)});
  const order unknown = must(sent.next, events::send_outcome_unknown{}).next;
  const auto found = must(unknown, events::lookup_found{"2002", broker_status::pending, 0, 0.0, {}});
  CHECK(found.to == order_state::open);
  CHECK(must(found.next, events::fill{2, 1.20}).to == order_state::filled);
}

TEST_CASE("unknown -> not found (twice) -> resend with the same tag; one broker order per tag", "[execution][machine]") {
  const order o = entry_order();
  const auto sent = must(o, events::send_attempted{at(15, 0)});
  const order unknown = must(sent.next, events::send_outcome_unknown{}).next;

  // One empty answer is not proof: the broker's list can lag an accepted POST.
  const auto first = must(unknown, events::lookup_not_found{});
  CHECK(first.to == order_state::unknown);
  CHECK(has_command(first, command_kind::lookup_by_tag));
  CHECK_FALSE(has_command(first, command_kind::resend_same_tag));
  CHECK_FALSE(gd::execution::apply(first.next, events::send_attempted{at(15, 1)}).ok());  // no send while unresolved

  const auto second = must(first.next, events::lookup_not_found{});
  CHECK(second.to == order_state::created);
  REQUIRE(second.commands.size() == 1);
  CHECK(second.commands[0].kind == command_kind::resend_same_tag);

  const auto resent = must(second.next, events::send_attempted{at(15, 1)});
  REQUIRE(resent.commands.size() == 1);
  CHECK(resent.commands[0].kind == command_kind::send);
  CHECK(resent.commands[0].tag == o.tag);  // the SAME tag
  CHECK(resent.next.sends == 2);

  // The second send is answered; the machine now has exactly one broker id for the tag, and a
  // lookup that finds another broker order under the same tag is refused as a conflict.
  const order open = must(resent.next, events::accepted{"3003"}).next;
  const auto conflict = gd::execution::apply(open, events::lookup_found{"9999", broker_status::open, 0, 0.0, {}});
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.err().code == "tag_conflict");
}

TEST_CASE("the resend threshold is a policy", "[execution][machine]") {
  const machine_policy once{1};
  const order unknown =
      must(must(entry_order(), events::send_attempted{at(15, 0)}).next, events::send_outcome_unknown{}).next;
  CHECK(must(unknown, events::lookup_not_found{}, once).to == order_state::created);
}

TEST_CASE("fill after a cancel request: the fill wins", "[execution][machine]") {
  const order req = must(accepted_order(), events::cancel_requested{}).next;
  SECTION("a full fill ends the order filled") {
    const auto t = must(req, events::fill{2, 1.20});
    CHECK(t.to == order_state::filled);
    // The broker's late "cancelled" (or "already finalized") cannot undo it.
    CHECK_FALSE(gd::execution::apply(t.next, events::cancelled{}).ok());
  }
  SECTION("a partial fill keeps the cancel pending, then cancelled keeps the filled quantity") {
    const auto t = must(req, events::fill{1, 1.20});
    CHECK(t.to == order_state::cancel_requested);
    const auto done = must(t.next, events::cancelled{});
    CHECK(done.to == order_state::cancelled);
    CHECK(done.next.filled_quantity == 1);
  }
  SECTION("a poll saying open does not undo the pending cancel") {
    CHECK(must(req, events::lookup_found{"1001", broker_status::open, 0, 0.0, {}}).to == order_state::cancel_requested);
  }
}

TEST_CASE("expiry at the close", "[execution][machine]") {
  SECTION("an open day order expires") {
    CHECK(must(accepted_order(), events::expired_at_close{}).to == order_state::expired);
  }
  SECTION("a partially filled one keeps its fills") {
    const order partial = must(accepted_order(), events::fill{1, 1.20}).next;
    const auto t = must(partial, events::expired_at_close{});
    CHECK(t.to == order_state::expired);
    CHECK(t.next.filled_quantity == 1);
  }
  SECTION("reported by a poll") {
    CHECK(must(accepted_order(), events::lookup_found{"1001", broker_status::expired, 0, 0.0, {}}).to ==
          order_state::expired);
  }
}

TEST_CASE("a fill reported after cancelled/expired is recorded with an alarm, the state stays", "[execution][machine]") {
  const order cancelled = must(must(accepted_order(), events::cancel_requested{}).next, events::cancelled{}).next;
  const auto t = must(cancelled, events::fill{1, 1.20});
  CHECK(t.to == order_state::cancelled);
  CHECK(t.next.filled_quantity == 1);
  CHECK(has_command(t, command_kind::record_fill));
  CHECK(has_command(t, command_kind::alarm));
}

TEST_CASE("re-price: cancel first, then the replacement attempt", "[execution][machine]") {
  const auto req = must(accepted_order(), events::reprice{1.15});
  CHECK(req.to == order_state::cancel_requested);
  CHECK(has_command(req, command_kind::cancel));
  CHECK(*req.next.replace_price == Approx(1.15));
  SECTION("cancel confirmed: send the replacement for the whole quantity") {
    const auto done = must(req.next, events::cancelled{});
    REQUIRE(done.commands.size() == 1);
    CHECK(done.commands[0].kind == command_kind::send_replacement);
    CHECK(*done.commands[0].price == Approx(1.15));
    CHECK(done.commands[0].quantity == 2);
  }
  SECTION("the replacement is the next attempt with a new tag, never the same one") {
    const auto done = must(req.next, events::cancelled{});
    const auto next = replacement_order(done.next, done.commands[0], at(15, 3));
    REQUIRE(next.ok());
    CHECK(next->tag == "gd-20250107-1000-open-a2");
    CHECK(next->state == order_state::created);
    CHECK(next->limit_price == Approx(1.15));
    CHECK(next->quantity == 2);
    CHECK(next->legs.size() == 2);
    CHECK_FALSE(replacement_order(done.next, command{}, at(15, 3)).ok());
  }
  SECTION("filled before the cancel: no replacement") {
    const auto filled = must(req.next, events::fill{2, 1.20});
    CHECK(filled.to == order_state::filled);
    CHECK_FALSE(filled.next.replace_price);
  }
  SECTION("partly filled before the cancel: the replacement is for the rest") {
    const auto done = must(must(req.next, events::fill{1, 1.20}).next, events::cancelled{});
    REQUIRE(has_command(done, command_kind::send_replacement));
    CHECK(done.commands.back().quantity == 1);
  }
  SECTION("an unsent order just takes the new limit") {
    const auto t = must(entry_order(), events::reprice{1.10});
    CHECK(t.to == order_state::created);
    CHECK(t.next.limit_price == Approx(1.10));
  }
}

TEST_CASE("illegal transitions are rejected with a clear error", "[execution][machine]") {
  const order created = entry_order();
  const order submitting = must(created, events::send_attempted{at(15, 0)}).next;
  const order unknown = must(submitting, events::send_outcome_unknown{}).next;
  const order open = accepted_order();
  const order partial = must(open, events::fill{1, 1.2}).next;
  const order filled = must(open, events::fill{2, 1.2}).next;
  const order rejected = must(submitting, events::rejected{"x"}).next;
  const order expired = must(open, events::expired_at_close{}).next;

  struct row {
    const char* name;
    const order& o;
    order_event e;
  };
  const row rows[] = {
      {"accepted without a send", created, events::accepted{"1"}},
      {"fill before any send", created, events::fill{1, 1.2}},
      {"lookup before any send", created, events::lookup_found{"1", broker_status::open, 0, 0.0, {}}},
      {"second send while submitting", submitting, events::send_attempted{at(15, 1)}},
      {"fill while submitting", submitting, events::fill{1, 1.2}},
      {"not-found while the send may be in flight", submitting, events::lookup_not_found{}},
      {"accepted without a broker id", submitting, events::accepted{""}},
      {"send while unknown", unknown, events::send_attempted{at(15, 1)}},
      {"cancel while unknown", unknown, events::cancel_requested{}},
      {"accepted while unknown", unknown, events::accepted{"1"}},
      {"fill while unknown", unknown, events::fill{1, 1.2}},
      {"send while open", open, events::send_attempted{at(15, 1)}},
      {"not-found for an order with a broker id", open, events::lookup_not_found{}},
      {"overfill", open, events::fill{3, 1.2}},
      {"re-price off the tick", open, events::reprice{1.13}},
      {"re-price a partially filled order", partial, events::reprice{1.10}},
      {"send after filled", filled, events::send_attempted{at(15, 1)}},
      {"cancel after filled", filled, events::cancel_requested{}},
      {"expire after filled", filled, events::expired_at_close{}},
      {"accepted after rejected", rejected, events::accepted{"1"}},
      {"send after rejected", rejected, events::send_attempted{at(15, 1)}},
      {"cancel after expired", expired, events::cancel_requested{}},
      {"reprice after expired", expired, events::reprice{1.10}},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    const auto t = gd::execution::apply(r.o, r.e);
    REQUIRE_FALSE(t.ok());
    CHECK_FALSE(t.err().message.empty());
    CHECK(t.err().message.find(r.o.tag) != std::string::npos);
  }
}

TEST_CASE("broker statuses parse as Tradier spells them", "[execution][machine]") {
  CHECK(parse_broker_status("canceled") == broker_status::canceled);
  CHECK(parse_broker_status("partially_filled") == broker_status::partially_filled);
  CHECK(parse_broker_status("pending") == broker_status::pending);
  CHECK(parse_broker_status("error") == broker_status::error);
  CHECK_FALSE(parse_broker_status("bogus"));
  for (auto s : {broker_status::pending, broker_status::open, broker_status::partially_filled, broker_status::filled,
                 broker_status::expired, broker_status::canceled, broker_status::rejected, broker_status::error})
    CHECK(parse_broker_status(to_string(s)) == s);
}

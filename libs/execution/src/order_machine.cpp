#include <gd/execution/order_machine.hpp>

#include <cmath>
#include <type_traits>

#include <gd/execution/price_tick.hpp>

namespace gd::execution {

std::string_view event_name(const order_event& event) {
  return std::visit(
      [](const auto& e) -> std::string_view {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, events::send_attempted>) return "send_attempted";
        else if constexpr (std::is_same_v<E, events::accepted>) return "accepted";
        else if constexpr (std::is_same_v<E, events::rejected>) return "rejected";
        else if constexpr (std::is_same_v<E, events::send_outcome_unknown>) return "send_outcome_unknown";
        else if constexpr (std::is_same_v<E, events::lookup_found>) return "lookup_found";
        else if constexpr (std::is_same_v<E, events::lookup_not_found>) return "lookup_not_found";
        else if constexpr (std::is_same_v<E, events::fill>) return "fill";
        else if constexpr (std::is_same_v<E, events::cancel_requested>) return "cancel_requested";
        else if constexpr (std::is_same_v<E, events::cancelled>) return "cancelled";
        else if constexpr (std::is_same_v<E, events::expired_at_close>) return "expired_at_close";
        else return "reprice";
      },
      event);
}

std::string_view to_string(command_kind kind) {
  switch (kind) {
    case command_kind::send: return "send";
    case command_kind::lookup_by_tag: return "lookup_by_tag";
    case command_kind::cancel: return "cancel";
    case command_kind::resend_same_tag: return "resend_same_tag";
    case command_kind::send_replacement: return "send_replacement";
    case command_kind::record_fill: return "record_fill";
    case command_kind::alarm: return "alarm";
  }
  return "?";
}

namespace {

// One apply() call: the order being changed, the commands collected, and helpers that keep the
// rules (fills only grow, a terminal state is never left) in one place.
class step {
 public:
  step(const order& current, const order_event& event) : from_(current.state), event_(event), next_(current) {}

  order& next() { return next_; }
  order_state from() const { return from_; }

  void add(command_kind kind, std::string note = {}) {
    command c;
    c.kind = kind;
    c.tag = next_.tag;
    c.broker_id = next_.broker_id;
    c.note = std::move(note);
    commands_.push_back(std::move(c));
  }
  void add_send(command_kind kind, double price, int quantity) {
    add(kind);
    commands_.back().price = price;
    commands_.back().quantity = quantity;
  }

  error illegal(std::string_view why = {}) const {
    std::string msg = "order " + next_.tag + ": event " + std::string(event_name(event_)) + " is not allowed in state " +
                      std::string(to_string(from_));
    if (!why.empty()) msg += " (" + std::string(why) + ")";
    return error{"illegal_transition", std::move(msg)};
  }

  // Applies the broker's cumulative fill numbers. Returns the new spreads filled (0 for a repeat).
  result<int> take_fill(int cumulative, double avg_price) {
    if (cumulative > next_.quantity)
      return error{"overfill", "order " + next_.tag + ": broker reports " + std::to_string(cumulative) +
                                   " filled of " + std::to_string(next_.quantity)};
    if (cumulative < 0 || !std::isfinite(avg_price) || (cumulative > 0 && avg_price < 0.0))
      return error{"bad_fill", "order " + next_.tag + ": fill quantity/price out of range"};
    if (cumulative <= next_.filled_quantity) return 0;  // a repeated poll, or an older snapshot
    const int added = cumulative - next_.filled_quantity;
    const double added_value =
        avg_price * cumulative - next_.avg_fill_price * static_cast<double>(next_.filled_quantity);
    next_.filled_quantity = cumulative;
    next_.avg_fill_price = avg_price;
    add_send(command_kind::record_fill, added_value / added, added);
    return added;
  }

  // After a cancel is confirmed: the re-priced attempt goes out for what is left.
  void replacement_if_pending() {
    const int remaining = next_.quantity - next_.filled_quantity;
    if (next_.replace_price && remaining > 0) add_send(command_kind::send_replacement, *next_.replace_price, remaining);
    next_.replace_price.reset();
  }

  transition done(order_state to, std::string note = {}) && {
    next_.state = to;
    return transition{from_, to, event_, std::move(next_), std::move(commands_), std::move(note)};
  }

 private:
  order_state from_;
  const order_event& event_;
  order next_;
  std::vector<command> commands_;
};

bool working(order_state s) {
  return s == order_state::open || s == order_state::partially_filled || s == order_state::cancel_requested;
}

// A working order after `filled_quantity` changed: filled when complete, else partial (a pending
// cancel stays pending until the broker confirms it).
order_state after_fill(order_state s, const order& o) {
  if (o.filled_quantity >= o.quantity) return order_state::filled;
  if (s == order_state::cancel_requested) return s;
  return o.filled_quantity > 0 ? order_state::partially_filled : order_state::open;
}

result<transition> on(step st, const events::send_attempted& e, const machine_policy&) {
  if (st.from() != order_state::created) return st.illegal("a send is only allowed from new");
  order& o = st.next();
  if (o.quantity <= 0 || o.limit_price <= 0.0 || !on_tick(o.limit_price) || o.legs.empty())
    return error{"bad_order", "order " + o.tag + ": quantity, legs and a positive on-tick limit are required"};
  o.sends += 1;
  o.not_found_lookups = 0;
  o.last_sent_at = e.at;
  o.broker_id.reset();
  st.add_send(command_kind::send, o.limit_price, o.quantity);
  return std::move(st).done(order_state::submitting);
}

result<transition> on(step st, const events::accepted& e, const machine_policy&) {
  if (st.from() != order_state::submitting) return st.illegal();
  if (e.broker_id.empty()) return st.illegal("accepted without a broker id");
  st.next().broker_id = e.broker_id;
  return std::move(st).done(order_state::open);
}

result<transition> on(step st, const events::rejected& e, const machine_policy&) {
  if (st.from() != order_state::submitting && !working(st.from())) return st.illegal();
  st.next().reject_reason = e.reason;
  st.next().replace_price.reset();
  return std::move(st).done(order_state::rejected, e.reason);
}

result<transition> on(step st, const events::send_outcome_unknown& e, const machine_policy&) {
  if (st.from() != order_state::submitting) return st.illegal();
  st.add(command_kind::lookup_by_tag, "send outcome unknown: never resend blindly");
  return std::move(st).done(order_state::unknown, e.detail);
}

order_state mapped(broker_status s) {
  switch (s) {
    case broker_status::pending:
    case broker_status::open: return order_state::open;
    case broker_status::partially_filled: return order_state::partially_filled;
    case broker_status::filled: return order_state::filled;
    case broker_status::canceled: return order_state::cancelled;
    case broker_status::expired: return order_state::expired;
    case broker_status::rejected:
    case broker_status::error: return order_state::rejected;
  }
  return order_state::open;
}

result<transition> on(step st, const events::lookup_found& e, const machine_policy&) {
  const order_state from = st.from();
  if (from == order_state::created) return st.illegal("nothing was sent");
  order& o = st.next();
  if (e.broker_id.empty()) return st.illegal("lookup without a broker id");
  if (o.broker_id && *o.broker_id != e.broker_id)
    return error{"tag_conflict", "order " + o.tag + ": tag found on broker order " + e.broker_id + " but we hold " +
                                     *o.broker_id + " (duplicate at the broker?)"};
  o.broker_id = e.broker_id;
  o.not_found_lookups = 0;
  const order_state target = mapped(e.status);
  int cumulative = e.exec_quantity;
  if (target == order_state::filled && cumulative == 0) cumulative = o.quantity;  // status is the stronger fact
  auto added = st.take_fill(cumulative, e.avg_fill_price);
  if (!added) return added.err();

  if (is_terminal(from)) {  // a poll of a finished order: never leave the terminal state
    if (*added > 0) st.add(command_kind::alarm, "fill reported after " + std::string(to_string(from)));
    return std::move(st).done(from, "lookup of a terminal order");
  }
  if (target == order_state::filled || o.filled_quantity >= o.quantity) return std::move(st).done(order_state::filled);
  if (target == order_state::cancelled) {
    st.replacement_if_pending();
    return std::move(st).done(order_state::cancelled);
  }
  if (target == order_state::expired || target == order_state::rejected) {
    o.replace_price.reset();
    if (target == order_state::rejected) o.reject_reason = e.reason;
    return std::move(st).done(target, e.reason);
  }
  // Still working at the broker: never regress (a pending cancel or a partial fill stays).
  order_state to = target;
  if (from == order_state::cancel_requested) to = from;
  else if (o.filled_quantity > 0) to = order_state::partially_filled;
  return std::move(st).done(to);
}

result<transition> on(step st, const events::lookup_not_found&, const machine_policy& policy) {
  // Not from `submitting`: the POST may still be on its way, so absence proves nothing. After a
  // crash the caller first records send_outcome_unknown (the sending process is gone), then looks.
  if (st.from() == order_state::submitting) return st.illegal("the send may still be in flight: mark it unknown first");
  if (st.from() != order_state::unknown) return st.illegal("an order with a broker id is reconciled by id, not by absence");
  order& o = st.next();
  o.not_found_lookups += 1;
  if (o.not_found_lookups >= policy.not_found_lookups_to_resend) {
    o.not_found_lookups = 0;
    st.add(command_kind::resend_same_tag, "broker has no order with this tag: the send never arrived");
    return std::move(st).done(order_state::created);
  }
  st.add(command_kind::lookup_by_tag, "not found yet: look again before resending");
  return std::move(st).done(order_state::unknown);
}

result<transition> on(step st, const events::fill& e, const machine_policy&) {
  const order_state from = st.from();
  const bool late = from == order_state::cancelled || from == order_state::expired;
  if (!working(from) && !late && from != order_state::filled) return st.illegal("no order is working at the broker");
  auto added = st.take_fill(e.cumulative_quantity, e.avg_price);
  if (!added) return added.err();
  if (from == order_state::filled) {
    if (*added > 0) return st.illegal("filled order cannot fill more");
    return std::move(st).done(from, "duplicate fill ignored");
  }
  if (late) {
    if (*added > 0) st.add(command_kind::alarm, "fill reported after " + std::string(to_string(from)));
    return std::move(st).done(from, "late fill recorded; state kept");
  }
  if (*added == 0) return std::move(st).done(from, "duplicate fill ignored");
  const order_state to = after_fill(from, st.next());
  if (to == order_state::filled) st.next().replace_price.reset();  // the fill wins over a pending cancel
  return std::move(st).done(to);
}

result<transition> on(step st, const events::cancel_requested&, const machine_policy&) {
  switch (st.from()) {
    case order_state::created: return std::move(st).done(order_state::cancelled, "cancelled before sending");
    case order_state::open:
    case order_state::partially_filled:
    case order_state::cancel_requested:  // a retried DELETE is harmless: the broker answers "finalized"
      st.add(command_kind::cancel);
      return std::move(st).done(order_state::cancel_requested);
    case order_state::submitting:
    case order_state::unknown: return st.illegal("send outcome not known: resolve by lookup first");
    default: return st.illegal("order is terminal");
  }
}

result<transition> on(step st, const events::cancelled&, const machine_policy&) {
  if (st.from() == order_state::cancelled) return std::move(st).done(order_state::cancelled, "already cancelled");
  if (!working(st.from())) return st.illegal();
  st.replacement_if_pending();
  return std::move(st).done(order_state::cancelled);
}

result<transition> on(step st, const events::expired_at_close&, const machine_policy&) {
  if (st.from() == order_state::expired) return std::move(st).done(order_state::expired, "already expired");
  if (!working(st.from())) return st.illegal();
  st.next().replace_price.reset();  // no replacement after the close
  return std::move(st).done(order_state::expired);
}

result<transition> on(step st, const events::reprice& e, const machine_policy&) {
  order& o = st.next();
  if (e.new_limit <= 0.0 || !on_tick(e.new_limit)) return st.illegal("new limit must be positive and on the tick");
  if (st.from() == order_state::created) {  // not sent yet: just a new limit
    o.limit_price = e.new_limit;
    return std::move(st).done(order_state::created, "limit changed before sending");
  }
  if (st.from() != order_state::open || o.filled_quantity > 0) return st.illegal("only an unfilled working order is re-priced");
  o.replace_price = e.new_limit;
  st.add(command_kind::cancel, "re-price: cancel, then a new attempt");
  return std::move(st).done(order_state::cancel_requested);
}

}  // namespace

result<transition> apply(const order& current, const order_event& event, const machine_policy& policy) {
  return std::visit([&](const auto& e) { return on(step(current, event), e, policy); }, event);
}

result<order> replacement_order(const order& previous, const command& replacement, sys_time now) {
  if (replacement.kind != command_kind::send_replacement || !replacement.price || replacement.quantity <= 0)
    return error{"bad_command", "order " + previous.tag + ": not a replacement command"};
  auto tag = next_attempt_tag(previous.tag);
  if (!tag) return error{"bad_tag", "order " + previous.tag + ": no next attempt for this tag"};
  order next;
  next.tag = std::move(*tag);
  next.intent = previous.intent;
  next.underlying = previous.underlying;
  next.legs = previous.legs;
  next.quantity = replacement.quantity;
  next.limit_price = *replacement.price;
  next.created_at = now;
  return next;
}

}  // namespace gd::execution

#include "trading/order_driver.hpp"

#include <spdlog/spdlog.h>

#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>
#include <gd/execution/client_tag.hpp>
#include <gd/execution/json.hpp>
#include <gd/execution/repricing.hpp>
#include <gd/store/connection_pool.hpp>

#include "trading/exit_intents.hpp"
#include "trading/failpoints.hpp"

namespace gd::trading {

namespace ex = gd::execution;

namespace {

constexpr int max_depth = 6;  // created -> submitting -> unknown -> created -> ... is bounded by the machine

bool is_short_side(ex::leg_side s) { return s == ex::leg_side::sell_to_open || s == ex::leg_side::buy_to_close; }

ex::order_state mapped_state(ex::broker_status s) {
  switch (s) {
    case ex::broker_status::pending:
    case ex::broker_status::open: return ex::order_state::open;
    case ex::broker_status::partially_filled: return ex::order_state::partially_filled;
    case ex::broker_status::filled: return ex::order_state::filled;
    case ex::broker_status::canceled: return ex::order_state::cancelled;
    case ex::broker_status::expired: return ex::order_state::expired;
    case ex::broker_status::rejected:
    case ex::broker_status::error: return ex::order_state::rejected;
  }
  return ex::order_state::open;
}

// A poll that tells us nothing new is not stored (an order polled every 10 s would otherwise
// write thousands of identical events).
bool news(const ex::order& o, const ex::broker_order& b) {
  if (b.exec_quantity > o.filled_quantity) return true;
  const auto seen = mapped_state(b.status);
  if (seen == o.state) return false;
  // A pending cancel stays pending while the broker still says open/partial.
  if (o.state == ex::order_state::cancel_requested &&
      (seen == ex::order_state::open || seen == ex::order_state::partially_filled)) {
    return false;
  }
  return true;
}

}  // namespace

gd::result<ex::vertical> vertical_of(const ex::order& o) {
  if (o.legs.size() != 2) return gd::error{"bad_order", "order " + o.tag + " does not have two legs"};
  ex::vertical v;
  for (const auto& leg : o.legs) {
    const auto parts = gd::parse_occ_symbol(leg.occ_symbol);
    if (!parts) return gd::error{"bad_order", "order " + o.tag + ": bad leg " + leg.occ_symbol};
    v.right = parts->right;
    v.expiration = parts->expiration;
    v.settlement = gd::classify_root(parts->root).settlement;
    if (is_short_side(leg.side)) {
      v.short_strike = parts->strike;
      v.short_symbol = leg.occ_symbol;
    } else {
      v.long_strike = parts->strike;
      v.long_symbol = leg.occ_symbol;
    }
  }
  if (auto ok = ex::validate(v); !ok) return ok.err();
  return v;
}

order_driver::order_driver(store::trading_repository& repo, ex::broker& broker, spread_quotes& quotes,
                           const trading_setup& setup, app::metrics_registry& metrics)
    : repo_(repo), broker_(broker), quotes_(quotes), setup_(setup), metrics_(metrics) {}

void order_driver::drive_all(gd::sys_time now) {
  for (const auto& row : repo_.live_orders()) {
    try {
      drive(row.order.tag, now);
    } catch (const store::db_unavailable&) {
      throw;  // the whole pass waits for the database
    } catch (const std::exception& e) {
      spdlog::error("order {}: {}", row.order.tag, e.what());
    }
  }
}

void order_driver::resolve_interrupted_sends(gd::sys_time now) {
  for (const auto& row : repo_.live_orders()) {
    if (row.order.state != ex::order_state::submitting) continue;
    spdlog::warn("order {}: a send was interrupted (the process stopped mid-send); looking it up by tag",
                 row.order.tag);
    apply(row, ex::events::send_outcome_unknown{"the sending process stopped before storing the answer"}, now);
  }
}

void order_driver::drive(const std::string& tag, gd::sys_time now) {
  if (depth_ >= max_depth) return;  // the next pass continues
  const auto row = repo_.order(tag);
  if (!row) return;
  switch (row->order.state) {
    case ex::order_state::created:
      apply(*row, ex::events::send_attempted{now}, now);
      break;
    case ex::order_state::submitting:
      break;  // only resolve_interrupted_sends touches these: a send may be in flight
    case ex::order_state::unknown:
      lookup_by_tag(tag, now);
      break;
    case ex::order_state::open:
    case ex::order_state::partially_filled:
    case ex::order_state::cancel_requested:
      poll(*row, now);
      maybe_reprice(*row, now);
      break;
    default:
      break;  // terminal
  }
}

bool order_driver::apply(const store::order_row& row, const ex::order_event& event, gd::sys_time now) {
  auto t = ex::apply(row.order, event, setup_.machine);
  if (!t) {
    spdlog::error("order {}: {}", row.order.tag, t.err().message);
    metrics_.count_event("gd_order_illegal_events_total", "event", ex::event_name(event));
    return false;
  }
  const auto trade = trade_after(row, *t, now);
  if (!repo_.record_transition(*t, now, trade, row.version)) {
    spdlog::warn("order {}: changed by someone else meanwhile; {} not applied", row.order.tag, ex::event_name(event));
    return false;
  }
  if (t->from != t->to) {
    spdlog::info("order {}: {} -> {} ({}){}", row.order.tag, ex::to_string(t->from), ex::to_string(t->to),
                 ex::event_name(event), t->note.empty() ? "" : ": " + t->note);
  }
  if (trade) failpoint(failpoint_names::after_fill);
  ++depth_;
  struct depth_guard {
    int& d;
    ~depth_guard() { --d; }
  } guard{depth_};
  store::order_row stored = row;
  stored.order = t->next;
  stored.version = row.version + 1;
  for (const auto& c : t->commands) run_command(stored, t->next, c, now);
  return true;
}

void order_driver::run_command(const store::order_row& row, const ex::order& after, const ex::command& c,
                               gd::sys_time now) {
  switch (c.kind) {
    case ex::command_kind::send:
      send(row, after, now);
      break;
    case ex::command_kind::resend_same_tag:
      // The machine put the order back to `created`: send it again, same tag.
      spdlog::warn("order {}: the broker has no order with this tag after {} lookups: sending again",
                   after.tag, setup_.machine.not_found_lookups_to_resend);
      drive(after.tag, now);
      break;
    case ex::command_kind::lookup_by_tag:
      lookup_by_tag(after.tag, now);
      break;
    case ex::command_kind::cancel: {
      if (!after.broker_id) break;
      auto r = broker_.cancel(*after.broker_id);
      if (!r) {
        spdlog::warn("order {}: cancel: {}", after.tag, r.err().message);
        if (r.err().code == ex::broker_errors::not_cancellable) poll(row, now);
      }
      break;
    }
    case ex::command_kind::send_replacement: {
      auto next = ex::replacement_order(after, c, now);
      if (!next) {
        spdlog::error("order {}: {}", after.tag, next.err().message);
        break;
      }
      if (repo_.insert_replacement_order(*next, after.tag, now)) {
        spdlog::info("order {}: re-priced to {:.2f} as {}", after.tag, next->limit_price, next->tag);
        drive(next->tag, now);
      }
      break;
    }
    case ex::command_kind::record_fill:
      metrics_.count_event("gd_order_fills_total", "intent", ex::to_string(after.intent));
      spdlog::info("order {}: filled {} more at {:.2f} ({} of {})", after.tag, c.quantity, c.price.value_or(0.0),
                   after.filled_quantity, after.quantity);
      break;
    case ex::command_kind::alarm:
      spdlog::error("ALARM order {}: {}", after.tag, c.note);
      repo_.raise_alarm("late_fill", after.tag, c.note, now);
      metrics_.count_event("gd_trading_alarms_total", "kind", "late_fill");
      break;
  }
}

void order_driver::send(const store::order_row& row, const ex::order& after, gd::sys_time now) {
  failpoint(failpoint_names::before_send);
  auto sent = broker_.submit(after);
  failpoint(failpoint_names::after_send);
  metrics_.count_event("gd_orders_sent_total", "broker", broker_.name());
  if (sent) {
    apply(row, ex::events::accepted{*sent}, now);
    return;
  }
  const auto& code = sent.err().code;
  spdlog::warn("order {}: send: {}", after.tag, sent.err().message);
  if (code == ex::broker_errors::rejected || code == ex::broker_errors::auth) {
    apply(row, ex::events::rejected{sent.err().message}, now);
  } else {
    apply(row, ex::events::send_outcome_unknown{sent.err().message}, now);
  }
}

void order_driver::lookup_by_tag(const std::string& tag, gd::sys_time now) {
  auto listed = broker_.orders();
  if (!listed) {
    spdlog::warn("order {}: lookup by tag: {} (will retry)", tag, listed.err().message);
    return;
  }
  const auto row = repo_.order(tag);
  if (!row || row->order.state != ex::order_state::unknown) return;
  const auto matches = ex::orders_with_tag(*listed, tag);
  if (matches.size() > 1) {
    repo_.raise_alarm("duplicate_tag", tag, std::to_string(matches.size()) + " broker orders carry this tag", now);
  }
  apply(*row, ex::lookup_event(*listed, tag), now);
}

void order_driver::poll(const store::order_row& row, gd::sys_time now) {
  if (!row.order.broker_id) return;
  auto status = broker_.order_status(*row.order.broker_id);
  if (!status) {
    if (status.err().code == ex::broker_errors::not_found) {
      repo_.raise_alarm("missing_order", row.order.tag,
                        "the broker does not know order " + *row.order.broker_id + " any more", now);
    }
    spdlog::warn("order {}: poll: {}", row.order.tag, status.err().message);
    return;
  }
  if (!news(row.order, *status)) return;
  const auto fresh = repo_.order(row.order.tag);
  if (!fresh) return;
  apply(*fresh, ex::events::lookup_found{status->id, status->status, status->exec_quantity, status->avg_fill_price,
                                         status->reason},
        now);
}

void order_driver::maybe_reprice(const store::order_row& row, gd::sys_time now) {
  // Unfilled orders only (the machine re-prices nothing partially filled).
  const auto fresh = repo_.order(row.order.tag);
  if (!fresh || fresh->order.state != ex::order_state::open || fresh->order.filled_quantity > 0) return;
  const auto& o = fresh->order;
  const auto spread = vertical_of(o);
  if (!spread) return;
  const auto quote = quotes_.quote(spread->short_symbol, spread->long_symbol);
  if (!quote) return;
  ex::reprice_policy policy;
  policy.wait = setup_.reprice_after;
  policy.tick = setup_.fill.tick;
  if (o.intent == ex::order_intent::open) {
    // The worst acceptable credit: the first attempt's limit less the allowed ticks, never under the minimum.
    double first_limit = o.limit_price;
    if (const auto parts = ex::parse_client_tag(o.tag); parts && parts->attempt > 1) {
      auto first = *parts;
      first.attempt = 1;
      if (const auto a1 = repo_.order(ex::make_client_tag(first))) first_limit = a1->order.limit_price;
    }
    policy.worst_price = std::max(setup_.strategy.filters.min_credit,
                                  first_limit - setup_.reprice_max_ticks * setup_.fill.tick);
  } else {
    // Exits: up to the full width (the natural debit caps it anyway): getting out matters more.
    policy.worst_price = spread->width();
  }
  const auto next = ex::next_limit(o, now, *quote, policy);
  if (!next.new_limit) return;
  spdlog::info("order {}: re-pricing {:.2f} -> {:.2f} ({})", o.tag, o.limit_price, *next.new_limit, next.reason);
  apply(*fresh, ex::events::reprice{*next.new_limit}, now);
}

std::optional<ex::trade> order_driver::trade_after(const store::order_row& row, const ex::transition& t,
                                                   gd::sys_time now) {
  bool filled_more = false;
  for (const auto& c : t.commands) filled_more = filled_more || c.kind == ex::command_kind::record_fill;
  if (!filled_more) return std::nullopt;
  const auto& o = t.next;
  if (o.intent == ex::order_intent::open) {
    const auto spread = row.spread ? gd::result<ex::vertical>(*row.spread) : vertical_of(o);
    if (!spread) {
      spdlog::error("order {}: {}", o.tag, spread.err().message);
      return std::nullopt;
    }
    auto made = ex::trade_from_entry(o, *spread, now);
    if (!made) {
      spdlog::error("order {}: {}", o.tag, made.err().message);
      return std::nullopt;
    }
    if (const auto existing = repo_.trade(o.tag)) made->opened_at = existing->trade.opened_at;  // the first fill
    return made.value();
  }
  // An exit: the trade closes when the exit is complete (a partial exit keeps it open; see docs).
  if (!row.trade_id || o.filled_quantity < o.quantity) return std::nullopt;
  const auto existing = repo_.trade(*row.trade_id);
  if (!existing || existing->trade.status != ex::trade_status::open) return std::nullopt;
  const auto reason = recall_exit_reason(repo_, o.tag);
  auto closed = ex::close_trade(existing->trade, o.avg_fill_price, reason, now, gd::ny_date(now), o.tag);
  if (!closed) {
    spdlog::error("trade {}: {}", existing->trade.id, closed.err().message);
    return std::nullopt;
  }
  return closed.value();
}

}  // namespace gd::trading

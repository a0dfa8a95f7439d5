#include "trading/trading_engine.hpp"

#include <algorithm>

#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include <gd/core/ny_time.hpp>
#include <gd/core/occ_symbol.hpp>
#include <gd/execution/client_tag.hpp>
#include <gd/execution/fill_model.hpp>
#include <gd/execution/management.hpp>
#include <gd/execution/mark.hpp>
#include <gd/execution/reconciliation.hpp>
#include <gd/execution/settlement.hpp>
#include <gd/strategy/decide.hpp>

#include "trading/exit_intents.hpp"
#include "trading/failpoints.hpp"

namespace gd::trading {

namespace ex = gd::execution;

namespace {

std::string ny_day_text(gd::sys_time t) { return gd::format_date(gd::ny_date(t)); }

int minute_of_day_ny(gd::sys_time t) { return static_cast<int>(gd::to_ny(t).minute_of_day.count()); }

// Settled at `now`: PM roots at the close of the expiration day, AM roots at its open.
bool settled_by(const ex::vertical& v, gd::sys_time now, const gd::nyse_calendar& calendar) {
  const auto session = calendar.session_on(v.expiration);
  if (!session) return gd::ny_date(now) > v.expiration;
  return now >= (v.settlement == gd::settlement_style::am ? session->open : session->close);
}

}  // namespace

trading_engine::trading_engine(const trading_setup& setup, store::connection_pool& pool, store::trading_repository& repo,
                               store::snapshot_repository& snapshots, ex::broker& broker, spread_quotes& quotes,
                               chain_source chains, const gd::clock& clock, const gd::nyse_calendar& calendar,
                               app::metrics_registry& metrics)
    : setup_(setup),
      pool_(pool),
      repo_(repo),
      snapshots_(snapshots),
      broker_(broker),
      quotes_(quotes),
      chains_(std::move(chains)),
      clock_(clock),
      calendar_(calendar),
      metrics_(metrics),
      driver_(repo, broker, quotes, setup, metrics) {}

bool trading_engine::tick(gd::sys_time now) {
  std::lock_guard lock(mu_);
  try {
    return pool_.with_connection([&](pqxx::connection& c) {
      // Held for the tick: another replica's tick skips instead of driving the same orders.
      pqxx::work tx(c);
      if (!tx.exec1("SELECT pg_try_advisory_xact_lock(hashtext('gammadesk.trading'))")[0].as<bool>()) return false;
      tick_locked(now);
      tx.commit();
      return true;
    });
  } catch (const std::exception& e) {
    note_error(e.what());
    spdlog::warn("trading: tick skipped: {}", e.what());
    return false;
  }
}

bool trading_engine::tick_locked(gd::sys_time now) {
  {
    std::lock_guard status_lock(status_mu_);
    last_tick_ = now;
  }
  if (!reconciled_ && !reconcile(now)) return false;  // nothing happens before the broker agrees
  const auto step = [&](const char* name, auto&& fn) {
    try {
      fn();
    } catch (const store::db_unavailable&) {
      throw;
    } catch (const std::exception& e) {
      note_error(std::string(name) + ": " + e.what());
      spdlog::error("trading: {} failed: {}", name, e.what());
    }
  };
  step("orders", [&] { driver_.drive_all(now); });
  step("decisions", [&] { decide_due_slots(now); });
  if (calendar_.is_open(now) && (!last_mark_ || now - *last_mark_ >= setup_.mark_interval || now < *last_mark_)) {
    step("marks", [&] { manage(now); });
    last_mark_ = now;
  }
  step("settlement", [&] { settle(now); });
  return true;
}

bool trading_engine::reconcile(gd::sys_time now) {
  std::lock_guard lock(mu_);
  driver_.resolve_interrupted_sends(now);
  // Compare, act on what the comparison says (lookups move our orders), and compare again: a
  // comparison made before our books caught up would raise false alarms. Alarms come from a
  // comparison that needed no further action, or from the last round.
  constexpr int rounds = 3;
  for (int round = 1; round <= rounds; ++round) {
    auto broker_orders = broker_.orders();
    if (!broker_orders) {
      note_error(broker_orders.err().message);
      spdlog::warn("trading: reconciliation waits for the broker: {}", broker_orders.err().message);
      return false;
    }
    auto broker_positions = broker_.positions();
    if (!broker_positions) {
      note_error(broker_positions.err().message);
      spdlog::warn("trading: reconciliation waits for the broker: {}", broker_positions.err().message);
      return false;
    }
    const auto report = compare_with_broker(*broker_orders, *broker_positions, now);
    if (!report.actions.empty() && round < rounds) {
      apply_reconciliation(report, now);
      continue;
    }
    apply_reconciliation(report, now);
    if (report.alarms.empty()) {
      repo_.clear_alarms(now);
      spdlog::info("trading: reconciled with the {} broker: {} orders, {} positions, no mismatch", broker_.name(),
                   broker_orders->size(), broker_positions->size());
    }
    for (const auto& a : report.alarms) {
      spdlog::error("ALARM reconciliation {} {}: {} (ours {}, broker {}); new entries are blocked",
                    ex::to_string(a.kind), a.key, a.message, a.ours, a.broker);
      repo_.raise_alarm(std::string(ex::to_string(a.kind)), a.key, a.message, now);
      metrics_.count_event("gd_trading_alarms_total", "kind", ex::to_string(a.kind));
    }
    break;
  }
  reconciled_ = true;
  return true;
}

ex::reconciliation_report trading_engine::compare_with_broker(const std::vector<ex::broker_order>& broker_orders,
                                                              const std::vector<ex::position>& broker_positions,
                                                              gd::sys_time now) {
  // Ours: recent orders (a broker lists today's and working ones), and the positions of open
  // trades not yet settled (a settled option is no position at the broker either).
  store::order_filter recent;
  recent.limit = 500;
  std::vector<ex::order> our_orders;
  for (auto& row : repo_.orders(recent)) our_orders.push_back(std::move(row.order));
  std::vector<ex::trade> holding;
  for (auto& row : repo_.open_trades()) {
    if (!settled_by(row.trade.spread, now, calendar_)) holding.push_back(std::move(row.trade));
  }
  std::vector<ex::position> theirs;
  for (const auto& p : broker_positions) {
    if (const auto parts = gd::parse_occ_symbol(p.symbol)) {
      ex::vertical v;
      v.expiration = parts->expiration;
      v.settlement = gd::classify_root(parts->root).settlement;
      if (settled_by(v, now, calendar_)) continue;
    }
    theirs.push_back(p);
  }
  return ex::reconcile(our_orders, ex::expected_positions(holding), broker_orders, theirs);
}

void trading_engine::apply_reconciliation(const ex::reconciliation_report& report, gd::sys_time now) {
  for (const auto& action : report.actions) {
    const auto row = repo_.order(action.tag);
    if (!row) continue;
    switch (action.kind) {
      case ex::recon_action_kind::apply_lookup:
        if (action.found) driver_.apply(*row, *action.found, now);
        break;
      case ex::recon_action_kind::lookup_by_tag:
        driver_.drive(action.tag, now);
        break;
      case ex::recon_action_kind::mark_unknown:
        driver_.apply(*row, ex::events::send_outcome_unknown{"not at the broker at start-up"}, now);
        break;
    }
  }
}

std::optional<std::string> trading_engine::slot_window_at(gd::sys_time now) const {
  const int minute = minute_of_day_ny(now);
  for (const auto& slot : setup_.strategy.slots) {
    const auto start = strategy::parse_slot_minute(slot.time);
    if (start && minute >= *start && minute < *start + slot.window_minutes) return slot.time;
  }
  return std::nullopt;
}

void trading_engine::decide_due_slots(gd::sys_time now) {
  if (!calendar_.is_trading_day(gd::ny_date(now))) return;
  const auto slot = slot_window_at(now);
  if (!slot) return;
  const auto key = std::make_pair(ny_day_text(now), *slot);
  if (decided_.count(key)) return;
  const auto chain = chains_();
  if (!chain) return;  // no chain yet: the window is long enough for the next snapshot
  // Prefer a chain taken inside this slot's window; in the window's last minutes take what there is
  // (the strategy's staleness filter judges it).
  const int start = *strategy::parse_slot_minute(*slot);
  int window = 30;
  for (const auto& s : setup_.strategy.slots) {
    if (s.time == *slot) window = s.window_minutes;
  }
  const auto slot_start = gd::ny_to_utc(gd::ny_date(now), std::chrono::minutes(start));
  const auto last_call = slot_start + std::chrono::minutes(std::max(1, window - 5));
  if (chain->ts < slot_start && now < last_call) return;
  const auto outcome = decide(*slot, store::decision_source::scheduled, now);
  decided_.insert(key);
  if (!outcome.already_decided) {
    metrics_.count_event("gd_trade_decisions_total", "action", outcome.row.action);
  }
}

store::decide_outcome trading_engine::decide(const std::optional<std::string>& slot, store::decision_source source,
                                             gd::sys_time now) {
  std::lock_guard lock(mu_);
  if (!reconciled_ && !reconcile(now)) {
    throw trading_unavailable("the broker has not been reconciled yet (is it reachable?): " + status().last_error);
  }
  const auto chain = chains_();
  if (!chain) throw trading_unavailable("no full-chain snapshot yet (POST /api/admin/run-snapshot takes one)");
  std::string slot_name = slot.value_or(slot_window_at(now).value_or(setup_.strategy.slots.front().time));
  const auto summary = snapshots_.get(chain->snapshot_id);
  const std::string checksum = summary ? summary->checksum : std::string();

  std::vector<date::year_month_day> expirations;
  for (const auto& row : chain->chain.rows) expirations.push_back(row.contract.expiration);
  std::sort(expirations.begin(), expirations.end());
  expirations.erase(std::unique(expirations.begin(), expirations.end()), expirations.end());

  const bool alarms_open = !repo_.open_alarms().empty();
  const auto trade_date = gd::ny_date(now);
  const auto slot_minute = strategy::parse_slot_minute(slot_name);
  // A manual decision's orders are tagged with the minute it ran, so they never take a slot's tag.
  const int tag_minute = source == store::decision_source::manual ? minute_of_day_ny(now) : slot_minute.value_or(0);

  auto outcome = repo_.decide_once(
      trade_date, slot_name, setup_.strategy.underlying, source, std::string(broker_.name()),
      [&](const strategy::risk_state& book) {
        strategy::risk_state risk = book;
        risk.broker_mismatch = alarms_open;
        const strategy::decide_inputs in{now,       slot_name, chain->chain, std::to_string(chain->snapshot_id),
                                         checksum,  expirations, calendar_,  setup_.strategy,
                                         risk};
        store::decision_record r;
        r.decision = strategy::decide(in);
        r.config = strategy::to_json(setup_.strategy);
        r.snapshot_id = chain->snapshot_id;
        const auto* c = r.decision.chosen_candidate();
        if (!r.decision.is_trade() || !c || !c->short_leg || !c->long_leg || !c->prices || !c->expiration) return r;
        ex::order o;
        o.tag = ex::make_client_tag({trade_date, (tag_minute / 60) * 100 + tag_minute % 60, ex::order_intent::open, 1});
        o.intent = ex::order_intent::open;
        o.underlying = setup_.strategy.underlying;
        o.legs = {{c->short_leg->occ_symbol, ex::leg_side::sell_to_open},
                  {c->long_leg->occ_symbol, ex::leg_side::buy_to_open}};
        o.quantity = r.decision.quantity;
        o.limit_price = c->prices->credit_limit;
        o.created_at = now;
        ex::vertical v;
        v.right = c->right;
        v.short_strike = c->short_leg->strike;
        v.long_strike = c->long_leg->strike;
        v.short_symbol = c->short_leg->occ_symbol;
        v.long_symbol = c->long_leg->occ_symbol;
        v.expiration = *c->expiration;
        const auto parts = gd::parse_occ_symbol(v.short_symbol);
        v.settlement = parts ? gd::classify_root(parts->root).settlement : gd::settlement_style::pm;
        r.entry_order = std::move(o);
        r.spread = v;
        return r;
      });
  const auto& row = outcome.row;
  if (!outcome.already_decided) {
    spdlog::info("trading: {} decision {} for slot {} on {}: {} ({}){}",
                 source == store::decision_source::manual ? "manual" : "scheduled", row.decision_id, row.slot,
                 gd::format_date(row.trade_date), row.action, row.reason,
                 row.order_tag ? " -> order " + *row.order_tag : "");
    failpoint(failpoint_names::decision_stored);
    if (row.order_tag) driver_.drive(*row.order_tag, now);
  }
  return outcome;
}

void trading_engine::manage(gd::sys_time now) {
  std::lock_guard lock(mu_);
  for (const auto& tr : repo_.open_trades()) {
    const auto& t = tr.trade;
    if (settled_by(t.spread, now, calendar_)) continue;  // settlement's business
    const auto quote = quotes_.quote(t.spread.short_symbol, t.spread.long_symbol);
    if (!quote) {
      spdlog::warn("trade {}: no quote to mark: {}", t.id, quote.err().message);
      continue;
    }
    const auto m = ex::mark_spread(*quote, now);
    if (!m) {
      spdlog::warn("trade {}: not marked: {}", t.id, m.err().message);
      continue;
    }
    repo_.insert_mark(t.id, *m);
    const auto action = ex::evaluate(t.entry_credit, *m, setup_.management);
    if (action == ex::management_action::hold) continue;
    bool exit_working = false;
    for (const auto& o : repo_.trade_orders(t.id)) {
      exit_working = exit_working || (o.order.intent == ex::order_intent::close && !ex::is_terminal(o.order.state));
    }
    if (exit_working) continue;
    const auto reason = action == ex::management_action::stop_loss ? ex::exit_reason::stop_loss : ex::exit_reason::take_profit;
    spdlog::info("trade {}: {} at a debit of {:.2f} (mid {:.2f}) against a credit of {:.2f}", t.id, ex::to_string(reason),
                 m->close_debit, m->mid_debit, t.entry_credit);
    start_exit(tr, reason, now);
  }
}

std::string trading_engine::start_exit(const store::trade_row& tr, ex::exit_reason reason, gd::sys_time now) {
  const auto& t = tr.trade;
  const auto parts = ex::parse_client_tag(t.id);
  if (!parts) throw std::runtime_error("trade " + t.id + " has no tag of ours");
  int attempt = 1;
  for (const auto& o : repo_.trade_orders(t.id)) {
    if (o.order.intent == ex::order_intent::close) ++attempt;
  }
  const auto quote = quotes_.quote(t.spread.short_symbol, t.spread.long_symbol);
  if (!quote) throw trading_unavailable("no quote for the legs of " + t.id + ": " + quote.err().message);
  auto limit = ex::model_exit_debit(*quote, setup_.fill);
  if (!limit) throw trading_unavailable("trade " + t.id + ": " + limit.err().message);
  ex::order o;
  o.tag = ex::make_client_tag({parts->trade_date, parts->slot_hhmm, ex::order_intent::close, attempt});
  o.intent = ex::order_intent::close;
  o.underlying = setup_.strategy.underlying;
  o.legs = {{t.spread.short_symbol, ex::leg_side::buy_to_close}, {t.spread.long_symbol, ex::leg_side::sell_to_close}};
  o.quantity = t.quantity;
  o.limit_price = std::max(*limit, setup_.fill.tick);
  o.created_at = now;
  remember_exit_reason(repo_, o.tag, reason);
  if (!repo_.insert_exit_order(o, t.id, std::string(broker_.name()), now)) {
    throw trading_conflict("trade " + t.id + " already has an exit order working");
  }
  failpoint(failpoint_names::exit_stored);
  driver_.drive(o.tag, now);
  return o.tag;
}

void trading_engine::settle(gd::sys_time now) {
  std::lock_guard lock(mu_);
  const auto today = gd::ny_date(now);
  for (const auto& tr : repo_.open_trades()) {
    const auto& t = tr.trade;
    const auto& v = t.spread;
    const auto session = calendar_.session_on(v.expiration);
    const auto settles_at = session ? (v.settlement == gd::settlement_style::am ? session->open : session->close)
                                    : gd::ny_to_utc(v.expiration, std::chrono::hours(16));
    if (now < settles_at + setup_.settlement_delay) continue;
    const auto source = ex::source_for(v.settlement);
    auto print = repo_.settlement(v.expiration, source);
    if (!print) {
      if (source != ex::settlement_source::official_close) {
        repo_.raise_alarm("settlement_missing", t.id,
                          "AM settlement (SOQ) of " + gd::format_date(v.expiration) + " is not available from the provider",
                          now);
        continue;
      }
      const auto quote = quotes_.underlying_quote();
      if (!quote) {
        spdlog::warn("trade {}: settlement waits for the {} close: {}", t.id, gd::format_date(v.expiration),
                     quote.err().message);
        continue;
      }
      double value = gd::nan_v;
      if (v.expiration == today) value = quote->last;
      else if (v.expiration == calendar_.previous_trading_day(today)) value = quote->prev_close;
      if (!(value > 0.0)) {
        repo_.raise_alarm("settlement_missing", t.id,
                          "no official close for " + gd::format_date(v.expiration) + " (the service was down that day?)",
                          now);
        continue;
      }
      print = repo_.upsert_settlement({v.expiration, source, value}, quotes_.provider_name());
    }
    const auto owed = ex::settlement_value(t, *print);
    if (!owed) {
      spdlog::error("trade {}: {}", t.id, owed.err().message);
      continue;
    }
    auto closed = ex::close_trade(t, *owed, ex::exit_reason::settlement, settles_at, v.expiration);
    if (!closed) continue;
    repo_.update_trade(*closed);
    spdlog::info("trade {}: settled at {:.2f} ({} {}): {:.2f} per spread", t.id, print->value,
                 ex::to_string(print->source), gd::format_date(v.expiration), *owed);
  }
}

std::string trading_engine::close_trade(const std::string& trade_id, gd::sys_time now) {
  std::lock_guard lock(mu_);
  const auto tr = repo_.trade(trade_id);
  if (!tr) throw std::out_of_range("no trade " + trade_id);
  if (tr->trade.status != ex::trade_status::open) throw trading_conflict("trade " + trade_id + " is already closed");
  return start_exit(*tr, ex::exit_reason::manual, now);
}

void trading_engine::set_kill_switch(bool on, const std::string& reason, gd::sys_time now) {
  repo_.set_kill_switch(on, reason, now);
  spdlog::warn("trading: kill switch {}{}", on ? "ON: no new entries (exits continue)" : "off",
               reason.empty() ? "" : " (" + reason + ")");
}

void trading_engine::note_error(std::string what) {
  std::lock_guard lock(status_mu_);
  last_error_ = std::move(what);
}

engine_status trading_engine::status() {
  engine_status s;
  s.broker = std::string(broker_.name());
  s.reconciled = reconciled_;
  {
    std::lock_guard lock(status_mu_);
    s.last_tick = last_tick_;
    s.last_error = last_error_;
  }
  s.kill_switch = repo_.kill_switch();
  s.open_alarms = static_cast<int>(repo_.open_alarms().size());
  return s;
}

}  // namespace gd::trading

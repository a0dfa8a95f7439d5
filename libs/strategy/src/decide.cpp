#include <gd/strategy/decide.hpp>

#include <algorithm>
#include <chrono>

#include <gd/core/ny_time.hpp>

#include "evaluate_candidate.hpp"
#include "format.hpp"

namespace gd::strategy {
namespace {

decision& skip(decision& d, reason_code r, std::string message) {
  d.act = action::skip;
  d.reason = r;
  d.message = std::move(message);
  return d;
}

}  // namespace

decision decide(const decide_inputs& in) {
  const strategy_config& cfg = in.config;
  decision d;
  d.slot = in.slot;
  d.evaluated_at = in.now;
  d.snapshot_id = in.snapshot_id;
  d.snapshot_checksum = in.snapshot_checksum;
  d.chain_as_of = in.chain.as_of;
  d.config_hash = config_hash(cfg);
  d.risk = in.risk;
  d.quantity = cfg.quantity;
  const gd::ny_local local = gd::to_ny(in.now);
  d.trade_date = local.day;

  // 1. Slot, calendar, window.
  const auto slot = std::find_if(cfg.slots.begin(), cfg.slots.end(), [&](const slot_rule& s) { return s.time == in.slot; });
  if (slot == cfg.slots.end()) {
    return skip(d, reason_code::slot_not_configured, detail::format("slot '%s' is not a configured entry window", in.slot.c_str()));
  }
  if (!in.calendar.is_trading_day(local.day)) {
    const auto name = in.calendar.holiday_name(local.day);
    return skip(d, reason_code::not_trading_day,
                detail::format("%s is not a trading day%s%s", gd::format_date(local.day).c_str(), name ? ": " : "",
                               name ? std::string(*name).c_str() : ""));
  }
  const auto slot_start = parse_slot_minute(slot->time);
  if (!slot_start) {  // only an unvalidated config gets here
    return skip(d, reason_code::slot_not_configured, detail::format("slot '%s' is not HH:MM", slot->time.c_str()));
  }
  const int start = *slot_start;
  const int minute = static_cast<int>(local.minute_of_day.count());
  if (minute < start || minute >= start + slot->window_minutes) {
    return skip(d, reason_code::outside_entry_window,
                detail::format("%s is outside the %s window (%d minutes)", gd::format_ny_iso(in.now).c_str(),
                               slot->time.c_str(), slot->window_minutes));
  }

  // 2. Risk: entries only.
  if (const auto block = entry_block(in.risk, cfg.risk)) {
    switch (*block) {
      case reason_code::kill_switch:
        return skip(d, *block, "kill switch is on: no new entries (exits are unaffected)");
      case reason_code::broker_mismatch:
        return skip(d, *block, "reconciliation with the broker found a mismatch: no new entries until it is cleared");
      case reason_code::max_open_trades:
        return skip(d, *block, detail::format("%d open trade(s), limit %d", in.risk.open_trades, cfg.risk.max_open_trades));
      case reason_code::max_trades_per_day:
        return skip(d, *block, detail::format("%d trade(s) opened today, limit %d", in.risk.trades_opened_today,
                                              cfg.risk.max_trades_per_day));
      default:
        return skip(d, *block, "a stop-loss was hit today: no new entries until the next trading day");
    }
  }

  // 3. The chain's age (look-ahead guard included).
  if (in.chain.as_of == gd::sys_time{}) return skip(d, reason_code::stale_chain, "the chain has no as-of time");
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(in.now - in.chain.as_of).count();
  if (age < -static_cast<long long>(cfg.filters.max_chain_lead_seconds)) {
    return skip(d, reason_code::chain_in_future,
                detail::format("the chain is stamped %s, %llds after the evaluation instant",
                               gd::format_utc_iso(in.chain.as_of).c_str(), static_cast<long long>(-age)));
  }
  if (age > cfg.filters.max_chain_age_seconds) {
    return skip(d, reason_code::stale_chain, detail::format("the chain is %llds old (max %d), as of %s",
                                                            static_cast<long long>(age), cfg.filters.max_chain_age_seconds,
                                                            gd::format_utc_iso(in.chain.as_of).c_str()));
  }

  // 4. Candidates in priority order; the first that passes trades.
  detail::slice_cache slices;
  const detail::candidate_context ctx{in.now, local.day, in.chain, in.expirations, in.calendar, cfg, slices};
  std::vector<gd::option_right> rights;
  if (cfg.sides != spread_sides::call) rights.push_back(gd::option_right::put);
  if (cfg.sides != spread_sides::put) rights.push_back(gd::option_right::call);
  for (const auto& rule : slot->candidates) {
    for (const auto right : rights) {
      d.candidates.push_back(detail::evaluate_candidate(ctx, rule, right));
      if (d.candidates.back().reason == reason_code::trade) {
        d.act = action::trade;
        d.reason = reason_code::trade;
        d.chosen = d.candidates.size() - 1;
        d.message = d.candidates.back().message;
        return d;
      }
    }
  }
  const candidate& first = d.candidates.front();
  return skip(d, first.reason, detail::format("none of %zu candidate(s) passed; first (%d DTE, |delta| %.2f, %s): %s",
                                              d.candidates.size(), first.target_dte, first.target_delta,
                                              first.right == gd::option_right::put ? "put" : "call", first.message.c_str()));
}

}  // namespace gd::strategy

#include <gd/strategy/config.hpp>

#include <cmath>
#include <set>

namespace gd::strategy {

strategy_config default_config() {
  strategy_config c;
  int dte = 3;
  for (const char* t : {"10:00", "11:00", "12:00"}) {
    c.slots.push_back(slot_rule{.time = t, .window_minutes = 30,
                                .candidates = {{.dte = dte, .short_delta = 0.10}, {.dte = dte, .short_delta = 0.20}}});
    dte += 2;
  }
  return c;
}

std::optional<int> parse_slot_minute(const std::string& hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (hhmm[i] < '0' || hhmm[i] > '9') return std::nullopt;
  }
  const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
  const int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::string> validate(const strategy_config& c) {
  auto bad = [](const std::string& what) { return std::optional<std::string>("strategy config: " + what); };
  if (c.root.empty()) return bad("root is empty");
  if (c.dte_tolerance_days < 0) return bad("dte_tolerance_days must be >= 0");
  if (c.slots.empty()) return bad("no slots");
  std::set<std::string> seen;
  for (const auto& s : c.slots) {
    if (!parse_slot_minute(s.time)) return bad("slot time '" + s.time + "' is not HH:MM");
    if (!seen.insert(s.time).second) return bad("slot " + s.time + " listed twice");
    if (s.window_minutes <= 0) return bad("slot " + s.time + ": window_minutes must be > 0");
    if (s.candidates.empty()) return bad("slot " + s.time + " has no candidates");
    for (const auto& k : s.candidates) {
      if (k.dte < 0) return bad("slot " + s.time + ": dte must be >= 0");
      if (!(k.short_delta > 0.0 && k.short_delta < 0.5)) return bad("slot " + s.time + ": short_delta must be in (0, 0.5)");
    }
  }
  if (c.long_leg.mode == long_leg_mode::width && !(c.long_leg.width > 0.0)) return bad("long_leg.width must be > 0");
  if (c.long_leg.mode == long_leg_mode::delta && !(c.long_leg.delta > 0.0 && c.long_leg.delta < 0.5)) {
    return bad("long_leg.delta must be in (0, 0.5)");
  }
  const auto& f = c.filters;
  if (!(f.min_credit > 0.0)) return bad("filters.min_credit must be > 0");
  if (!(f.max_leg_spread > 0.0)) return bad("filters.max_leg_spread must be > 0");
  if (!(f.max_delta_deviation > 0.0)) return bad("filters.max_delta_deviation must be > 0");
  if (f.max_chain_age_seconds <= 0 || f.max_quote_age_seconds <= 0 || f.max_chain_lead_seconds < 0) {
    return bad("filters: ages must be > 0 (lead >= 0)");
  }
  if (f.min_liquid_strikes < 0 || f.min_open_interest < 0 || !(f.max_relative_spread > 0.0)) {
    return bad("filters: liquidity settings out of range");
  }
  const auto& p = c.pricing;
  if (!(p.fill_spread_factor >= 0.0 && p.fill_spread_factor <= 1.0)) return bad("pricing.fill_spread_factor must be in [0, 1]");
  if (!(p.tick > 0.0) || p.multiplier <= 0) return bad("pricing: tick and multiplier must be > 0");
  if (c.risk.max_open_trades < 0 || c.risk.max_trades_per_day < 0) return bad("risk limits must be >= 0");
  if (c.quantity <= 0) return bad("quantity must be > 0");
  if (!std::isfinite(c.fallback_rate)) return bad("fallback_rate must be finite");
  return std::nullopt;
}

}  // namespace gd::strategy

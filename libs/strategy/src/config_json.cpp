#include <gd/strategy/config.hpp>

#include <gd/core/canonical_json.hpp>

namespace gd::strategy {
namespace {

using nlohmann::json;

const char* sides_name(spread_sides s) {
  switch (s) {
    case spread_sides::put: return "put";
    case spread_sides::call: return "call";
    case spread_sides::both: return "both";
  }
  return "put";
}

const char* mode_name(long_leg_mode m) { return m == long_leg_mode::width ? "width" : "delta"; }
const char* measure_name(gd::quant::time_measure m) {
  return m == gd::quant::time_measure::calendar_act365 ? "calendar_act365" : "trading_rth";
}

// Reads j[key] into out when present; a wrong type throws nlohmann's type_error (caught below).
template <class T>
void get_opt(const json& j, const char* key, T& out) {
  if (j.contains(key)) out = j.at(key).get<T>();
}

}  // namespace

json to_json(const strategy_config& c) {
  json slots = json::array();
  for (const auto& s : c.slots) {
    json cands = json::array();
    for (const auto& k : s.candidates) cands.push_back({{"dte", k.dte}, {"short_delta", k.short_delta}});
    slots.push_back({{"time", s.time}, {"window_minutes", s.window_minutes}, {"candidates", std::move(cands)}});
  }
  const auto& f = c.filters;
  return {
      {"underlying", c.underlying},
      {"root", c.root},
      {"sides", sides_name(c.sides)},
      {"dte_tolerance_days", c.dte_tolerance_days},
      {"slots", std::move(slots)},
      {"long_leg", {{"mode", mode_name(c.long_leg.mode)}, {"width", c.long_leg.width}, {"delta", c.long_leg.delta}}},
      {"filters",
       {{"min_credit", f.min_credit},
        {"max_leg_spread", f.max_leg_spread},
        {"max_delta_deviation", f.max_delta_deviation},
        {"max_chain_age_seconds", f.max_chain_age_seconds},
        {"max_quote_age_seconds", f.max_quote_age_seconds},
        {"max_chain_lead_seconds", f.max_chain_lead_seconds},
        {"min_open_interest", f.min_open_interest},
        {"max_relative_spread", f.max_relative_spread},
        {"min_liquid_strikes", f.min_liquid_strikes}}},
      {"pricing",
       {{"fill_spread_factor", c.pricing.fill_spread_factor},
        {"tick", c.pricing.tick},
        {"multiplier", c.pricing.multiplier}}},
      {"risk",
       {{"max_open_trades", c.risk.max_open_trades},
        {"max_trades_per_day", c.risk.max_trades_per_day},
        {"stop_loss_ends_day", c.risk.stop_loss_ends_day}}},
      {"quantity", c.quantity},
      {"fallback_rate", c.fallback_rate},
      {"time_measure", measure_name(c.measure)},
  };
}

gd::result<strategy_config> config_from_json(const json& j) {
  if (!j.is_object()) return gd::error{"bad_config", "strategy config: not a JSON object"};
  strategy_config c = default_config();
  try {
    get_opt(j, "underlying", c.underlying);
    get_opt(j, "root", c.root);
    if (j.contains("sides")) {
      const auto s = j.at("sides").get<std::string>();
      if (s == "put") c.sides = spread_sides::put;
      else if (s == "call") c.sides = spread_sides::call;
      else if (s == "both") c.sides = spread_sides::both;
      else return gd::error{"bad_config", "strategy config: sides must be put, call or both"};
    }
    get_opt(j, "dte_tolerance_days", c.dte_tolerance_days);
    if (j.contains("slots")) {
      c.slots.clear();
      for (const auto& s : j.at("slots")) {
        slot_rule r;
        r.time = s.at("time").get<std::string>();
        get_opt(s, "window_minutes", r.window_minutes);
        for (const auto& k : s.at("candidates")) {
          r.candidates.push_back({.dte = k.at("dte").get<int>(), .short_delta = k.at("short_delta").get<double>()});
        }
        c.slots.push_back(std::move(r));
      }
    }
    if (j.contains("long_leg")) {
      const auto& l = j.at("long_leg");
      if (l.contains("mode")) {
        const auto m = l.at("mode").get<std::string>();
        if (m == "width") c.long_leg.mode = long_leg_mode::width;
        else if (m == "delta") c.long_leg.mode = long_leg_mode::delta;
        else return gd::error{"bad_config", "strategy config: long_leg.mode must be width or delta"};
      }
      get_opt(l, "width", c.long_leg.width);
      get_opt(l, "delta", c.long_leg.delta);
    }
    if (j.contains("filters")) {
      const auto& f = j.at("filters");
      get_opt(f, "min_credit", c.filters.min_credit);
      get_opt(f, "max_leg_spread", c.filters.max_leg_spread);
      get_opt(f, "max_delta_deviation", c.filters.max_delta_deviation);
      get_opt(f, "max_chain_age_seconds", c.filters.max_chain_age_seconds);
      get_opt(f, "max_quote_age_seconds", c.filters.max_quote_age_seconds);
      get_opt(f, "max_chain_lead_seconds", c.filters.max_chain_lead_seconds);
      get_opt(f, "min_open_interest", c.filters.min_open_interest);
      get_opt(f, "max_relative_spread", c.filters.max_relative_spread);
      get_opt(f, "min_liquid_strikes", c.filters.min_liquid_strikes);
    }
    if (j.contains("pricing")) {
      const auto& p = j.at("pricing");
      get_opt(p, "fill_spread_factor", c.pricing.fill_spread_factor);
      get_opt(p, "tick", c.pricing.tick);
      get_opt(p, "multiplier", c.pricing.multiplier);
    }
    if (j.contains("risk")) {
      const auto& r = j.at("risk");
      get_opt(r, "max_open_trades", c.risk.max_open_trades);
      get_opt(r, "max_trades_per_day", c.risk.max_trades_per_day);
      get_opt(r, "stop_loss_ends_day", c.risk.stop_loss_ends_day);
    }
    get_opt(j, "quantity", c.quantity);
    get_opt(j, "fallback_rate", c.fallback_rate);
    if (j.contains("time_measure")) {
      const auto m = j.at("time_measure").get<std::string>();
      if (m == "calendar_act365") c.measure = gd::quant::time_measure::calendar_act365;
      else if (m == "trading_rth") c.measure = gd::quant::time_measure::trading_rth;
      else return gd::error{"bad_config", "strategy config: time_measure must be calendar_act365 or trading_rth"};
    }
  } catch (const json::exception& e) {
    return gd::error{"bad_config", std::string("strategy config: ") + e.what()};
  }
  if (auto err = validate(c)) return gd::error{"bad_config", *err};
  return c;
}

std::string config_hash(const strategy_config& c) { return gd::payload_checksum(to_json(c)); }

}  // namespace gd::strategy

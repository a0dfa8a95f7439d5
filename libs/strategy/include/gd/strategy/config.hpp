#pragma once
// The strategy's configuration: one plain struct, defaults from the original specification,
// its JSON form (stored beside every decision) and its hash (SHA-256 of the canonical JSON), so
// a decision row names exactly the rules it ran under.
//
// Which (DTE, delta) a slot trades: each slot has an ordered list of candidates; decide() tries
// them in order (and, with sides = both, the put spread before the call spread of each) and
// trades the first that passes every filter. Default: 10:00 -> 3 DTE, 11:00 -> 5 DTE,
// 12:00 -> 7 DTE, each trying |delta| 0.10 first (farther from the money, the safer spread)
// and 0.20 second (more credit when the 0.10 spread pays too little).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gd/core/result.hpp>
#include <gd/quant/settlement_time.hpp>

namespace gd::strategy {

enum class spread_sides { put, call, both };
enum class long_leg_mode { width, delta };

struct candidate_rule {
  int dte = 3;                 // calendar days to the target expiration
  double short_delta = 0.10;   // target |delta| of the short leg
};

struct slot_rule {
  std::string time = "10:00";  // New York wall-clock "HH:MM": the slot's name and window start
  int window_minutes = 30;     // the slot may be evaluated in [time, time + window)
  std::vector<candidate_rule> candidates;
};

struct long_leg_rule {
  long_leg_mode mode = long_leg_mode::width;
  double width = 25.0;         // index points farther out of the money (width mode)
  double delta = 0.05;         // target |delta| of the long leg (delta mode)
};

struct filter_rules {
  double min_credit = 0.50;           // per share, applied to the limit credit on the tick
  double max_leg_spread = 1.50;       // per share, ask - bid of either leg
  double max_delta_deviation = 0.05;  // |delta| may miss the target by at most this much
  int max_chain_age_seconds = 1200;   // now - chain.as_of (20 min: a 15-min delayed feed passes)
  int max_quote_age_seconds = 1200;   // now - quote_time of a leg, when the vendor gives it
  int max_chain_lead_seconds = 60;    // a chain stamped this far after `now` is clock skew, beyond it look-ahead
  // A degraded chain (gd::quant::grade_slice): liquid = two-sided, OI >= min_open_interest and
  // spread <= max_relative_spread of mid, counted on the out-of-the-money side of the forward.
  std::int64_t min_open_interest = 50;
  double max_relative_spread = 0.20;
  int min_liquid_strikes = 8;
};

struct pricing_rules {
  double fill_spread_factor = 0.30;   // simulated fill credit = mid - factor * combo spread
  double tick = 0.05;                 // SPX complex orders trade in 0.05 net
  int multiplier = 100;
};

struct risk_limits {
  int max_open_trades = 1;
  int max_trades_per_day = 1;
  bool stop_loss_ends_day = true;     // no new entries for the rest of the day after a stop-loss
};

struct strategy_config {
  std::string underlying = "SPX";
  std::string root = "SPXW";          // PM-settled weeklies; SPX (AM) rows are never traded
  spread_sides sides = spread_sides::put;
  int dte_tolerance_days = 1;         // as the snapshot rule (gd::select_expiration, no force)
  std::vector<slot_rule> slots;
  long_leg_rule long_leg;
  filter_rules filters;
  pricing_rules pricing;
  risk_limits risk;
  int quantity = 1;                   // spreads per trade
  double fallback_rate = 0.045;       // rate for DF when parity cannot pin it (implied_forward)
  gd::quant::time_measure measure = gd::quant::time_measure::calendar_act365;
};

// The defaults above with the three default slots filled in.
strategy_config default_config();

// Empty when valid; else one clear line (start-up fails fast on it).
std::optional<std::string> validate(const strategy_config& c);

// "HH:MM" -> minutes after midnight, or nullopt.
std::optional<int> parse_slot_minute(const std::string& hhmm);

nlohmann::json to_json(const strategy_config& c);
// Missing keys keep their defaults; wrong types, unknown enum strings or an invalid result are errors.
gd::result<strategy_config> config_from_json(const nlohmann::json& j);

// SHA-256 (hex) of the canonical JSON of to_json(c).
std::string config_hash(const strategy_config& c);

}  // namespace gd::strategy

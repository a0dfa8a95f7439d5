#pragma once
// What decide() returns: TRADE or SKIP with a reason, every candidate it evaluated (in priority
// order) with legs and prices as far as it got, and what it used (snapshot id and checksum,
// config hash), so a stored decision can be audited and reproduced. to_json gives the JSONB row.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/strategy/pricing.hpp>
#include <gd/strategy/reason.hpp>
#include <gd/strategy/risk.hpp>

namespace gd::strategy {

enum class action { trade, skip };

struct leg {
  std::string occ_symbol;
  double strike = 0.0;
  gd::option_right right = gd::option_right::put;
  int quantity = 0;                  // signed per spread: -1 short (sold), +1 long (bought)
  double bid = gd::nan_v;
  double ask = gd::nan_v;
  double mid = gd::nan_v;
  double iv = gd::nan_v;             // ours, from the mid
  double delta = gd::nan_v;          // ours, forward delta (see priced_slice.hpp)
};

struct candidate {
  int target_dte = 0;
  double target_delta = 0.0;
  gd::option_right right = gd::option_right::put;   // put credit spread or call credit spread
  reason_code reason = reason_code::trade;
  std::string message;
  std::optional<date::year_month_day> expiration;
  int actual_dte = 0;
  double years = gd::nan_v;          // T to settlement
  double forward = gd::nan_v;
  double df = gd::nan_v;
  std::optional<leg> short_leg;
  std::optional<leg> long_leg;
  std::optional<spread_prices> prices;
};

struct decision {
  action act = action::skip;
  reason_code reason = reason_code::slot_not_configured;
  std::string message;
  std::string slot;
  gd::sys_time evaluated_at{};
  date::year_month_day trade_date{};  // New York date of evaluated_at
  std::string snapshot_id;
  std::string snapshot_checksum;
  gd::sys_time chain_as_of{};         // the data's own time (epoch when unknown)
  std::string config_hash;
  risk_state risk;                    // the book the rules saw
  int quantity = 0;
  std::vector<candidate> candidates;  // in evaluation order; empty when a gate stopped earlier
  std::optional<std::size_t> chosen;  // index of the traded candidate (TRADE only)

  bool is_trade() const noexcept { return act == action::trade; }
  const candidate* chosen_candidate() const noexcept { return chosen ? &candidates[*chosen] : nullptr; }
};

std::string_view to_string(action a) noexcept;
nlohmann::json to_json(const risk_state& r);
nlohmann::json to_json(const leg& l);
nlohmann::json to_json(const candidate& c);
nlohmann::json to_json(const decision& d);

}  // namespace gd::strategy

#pragma once
// The option-chain model every provider produces and every analysis consumes.
// Prices are doubles here (analytics); money that crosses an order or a database boundary is
// rounded explicitly there. Missing vendor values are NaN (prices, greeks) or -1 (counts).
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/clock.hpp>

namespace gd {

inline constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

enum class option_right : char { call = 'C', put = 'P' };
// AM: settles on the opening print of the expiration date (monthly SPX, root SPX).
// PM: settles on the 16:00 ET close of the expiration date (SPXW, equity and ETF options).
enum class settlement_style : char { am = 'A', pm = 'P' };

struct option_contract {
  std::string occ_symbol;   // "SPXW  251219P05000000" style is normalized to "SPXW251219P05000000"
  std::string root;         // "SPX", "SPXW", "SPY"
  std::string underlying;   // "SPX"
  date::year_month_day expiration;
  double strike = 0.0;
  option_right right = option_right::call;
  settlement_style settlement = settlement_style::pm;
  int multiplier = 100;
};

struct vendor_greeks {
  double iv = nan_v;        // the vendor's implied vol (mid or smv), annualized decimal
  double delta = nan_v;
  double gamma = nan_v;
  double theta = nan_v;
  double vega = nan_v;
  double rho = nan_v;
  sys_time updated_at{};    // when the vendor computed them (epoch when unknown)
};

struct option_quote {
  double bid = nan_v;
  double ask = nan_v;
  double last = nan_v;
  std::int64_t bid_size = -1;
  std::int64_t ask_size = -1;
  std::int64_t volume = -1;
  std::int64_t open_interest = -1;
  sys_time quote_time{};    // epoch when unknown
  vendor_greeks greeks;

  bool has_two_sided() const { return bid > 0.0 && ask > 0.0 && ask >= bid; }
  double mid() const { return has_two_sided() ? 0.5 * (bid + ask) : nan_v; }
};

struct chain_row {
  option_contract contract;
  option_quote quote;
};

// One provider response for one underlying (one expiration, or many in full-chain mode).
struct option_chain {
  std::string underlying;
  std::string provider;     // "tradier", "cboe", "simulated", "replay"
  sys_time as_of{};         // when the provider says the data is from (falls back to fetch time)
  double spot = nan_v;      // the underlying's last/index value at as_of
  std::vector<chain_row> rows;
};

}  // namespace gd

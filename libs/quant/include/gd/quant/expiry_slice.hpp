#pragma once
// The input of the surface tools: the quotes of one expiration (and one settlement style: SPX AM
// and SPXW PM on the same date are different slices), as plain values a caller can build from any
// source. Prices are per unit of the underlying (not per contract); missing values are NaN / -1.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>

namespace gd::quant {

struct slice_quote {
  double strike = 0.0;
  option_right right = option_right::call;
  double bid = nan_v;
  double ask = nan_v;
  std::int64_t open_interest = -1;
};

struct expiry_slice {
  date::year_month_day expiration{};
  settlement_style settlement = settlement_style::pm;
  std::string root;                  // informational ("SPXW"); empty when mixed or unknown
  std::vector<slice_quote> quotes;
};

// The call and the put of one strike side by side (has_call/has_put say which were quoted).
struct strike_pair {
  double strike = 0.0;
  bool has_call = false;
  bool has_put = false;
  double call_bid = nan_v, call_ask = nan_v;
  double put_bid = nan_v, put_ask = nan_v;
  std::int64_t call_oi = -1, put_oi = -1;
};

// A quote usable as a price: bid > 0 (not one-sided or zero-bid), ask >= bid (not crossed), finite.
bool is_two_sided(double bid, double ask) noexcept;
inline bool is_two_sided(const slice_quote& q) noexcept { return is_two_sided(q.bid, q.ask); }

// Groups quotes by strike, ascending. A duplicate (strike, right) keeps the later quote.
std::vector<strike_pair> pair_by_strike(std::span<const slice_quote> quotes);

// The slice of `rows` with this expiration and settlement style.
expiry_slice slice_from_chain(const std::vector<chain_row>& rows, date::year_month_day expiration,
                              settlement_style settlement);
// Every (expiration, settlement) slice of `rows`, ordered by expiration then AM before PM.
std::vector<expiry_slice> slices_from_chain(const std::vector<chain_row>& rows);

}  // namespace gd::quant

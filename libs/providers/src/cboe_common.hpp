#pragma once
// Pieces shared by the CBOE JSON and CSV parsers.
#include <cmath>
#include <string>
#include <string_view>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/occ_symbol.hpp>

namespace gd::providers::detail {

inline constexpr std::string_view cboe_json_where = "cboe delayed_quotes json";
inline constexpr std::string_view cboe_csv_where = "cboe quote-table csv";

// The contract of an OCC symbol as CBOE writes it ("SPXW231020P04000000"); false when unparseable.
inline bool cboe_contract(std::string_view symbol, gd::option_contract& out) {
  const auto occ = gd::parse_occ_symbol(symbol);
  if (!occ) return false;
  out.root = occ->root;
  out.expiration = occ->expiration;
  out.right = occ->right;
  out.strike = occ->strike;
  out.occ_symbol = gd::format_occ_symbol(occ->root, occ->expiration, occ->right, occ->strike);
  const auto info = gd::classify_root(occ->root);
  out.underlying = info.underlying;
  out.settlement = info.settlement;
  out.multiplier = 100;
  return true;
}

// CBOE writes 0 for "not computed": IV 0 is NaN, and greeks that are all zero are NaN.
inline void normalize_cboe_greeks(gd::vendor_greeks& g) {
  if (!(g.iv > 0.0)) g.iv = gd::nan_v;
  const auto zero = [](double v) { return std::isnan(v) || v == 0.0; };
  if (zero(g.delta) && zero(g.gamma) && zero(g.theta) && zero(g.vega)) {
    g.delta = g.gamma = g.theta = g.vega = g.rho = gd::nan_v;
  }
}

// The CSV text keeping the prelude, the header and the rows expiring in [from, to].
std::string cboe_csv_subset(std::string_view text, date::year_month_day from, date::year_month_day to);

}  // namespace gd::providers::detail

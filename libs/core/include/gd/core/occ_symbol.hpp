#pragma once
// OCC option symbols: ROOT + YYMMDD + C/P + strike*1000 as 8 digits ("SPXW251219P05000000").
// Parsing accepts the padded 21-character OSI form ("SPXW  251219P05000000") too.
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

#include <gd/core/chain.hpp>

namespace gd {

struct occ_parts {
  std::string root;
  date::year_month_day expiration;
  option_right right = option_right::call;
  double strike = 0.0;
};

std::optional<occ_parts> parse_occ_symbol(std::string_view symbol);
std::string format_occ_symbol(std::string_view root, date::year_month_day expiration, option_right right,
                              double strike);

// The index an option root settles into and how: SPX -> (SPX, AM), SPXW -> (SPX, PM),
// NDX/NDXP, RUT/RUTW, XSP, VIX/VIXW; anything else (equity/ETF) -> (root, PM).
struct root_info {
  std::string underlying;
  settlement_style settlement;
};
root_info classify_root(std::string_view root);

}  // namespace gd

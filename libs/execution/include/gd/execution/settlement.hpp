#pragma once
// Cash settlement of an expiring SPX vertical. SPXW (PM) settles at the official SPX close of the
// expiration day; SPX monthlies (AM) at the Special Opening Quotation (SET) of the expiration
// morning. Never the last trade or quote, and never one style's print for the other style.
#include <string>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/result.hpp>
#include <gd/execution/trade.hpp>

namespace gd::execution {

enum class settlement_source { official_close, opening_settlement_value };
settlement_source source_for(settlement_style style);
std::string_view to_string(settlement_source s);

// One row of `settlement_values`.
struct settlement_print {
  date::year_month_day date{};
  settlement_source source = settlement_source::official_close;
  double value = 0.0;  // index level
};

// Per spread, what the short vertical owes at settlement level `s`:
// intrinsic(short) - intrinsic(long), in [0, width]. Puts: max(0, K - S); calls: max(0, S - K).
double spread_settlement_value(option_right right, double short_strike, double long_strike, double s);

// The settlement value for a trade, checking that the print is the right one for its expiration
// and style. Errors: "wrong_settlement_date", "wrong_settlement_source", "bad_settlement_value".
result<double> settlement_value(const trade& t, const settlement_print& print);

}  // namespace gd::execution

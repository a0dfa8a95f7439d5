#pragma once
// Which SPX/SPXW expiries the simulated market lists at an instant.
#include <string>
#include <vector>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/nyse_calendar.hpp>

namespace gd::providers {

struct sim_expiry {
  date::year_month_day day;
  std::string root;             // "SPX" (AM monthly) or "SPXW" (PM)
  gd::settlement_style style;
  gd::sys_time settles;         // AM: the session open; PM: the session close
  bool monthly = false;         // the third-Friday cycle (more open interest, wider strikes)
};

// Expiries with from <= day <= to that are listed at `now` and not yet settled, ordered by
// day then root. `listed_days` bounds how far out anything is listed.
std::vector<sim_expiry> sim_listed_expiries(const gd::nyse_calendar& calendar, gd::sys_time now,
                                            date::year_month_day from, date::year_month_day to, int listed_days);

// The monthly (third-Friday) expiry of a month: the third Friday, or the trading day before it
// when the exchange is closed that Friday.
date::year_month_day sim_monthly_expiry(const gd::nyse_calendar& calendar, date::year_month month);

}  // namespace gd::providers

// SPX listing rules, simplified: SPXW dailies near term, weeklies and month ends further out,
// the AM-settled SPX monthly (and its PM SPXW twin) on the third-Friday cycle.
#include "sim_expiries.hpp"

#include <algorithm>

#include <gd/core/ny_time.hpp>

namespace gd::providers {

namespace {

constexpr int daily_horizon = 70;    // calendar days of SPXW dailies
constexpr int weekly_horizon = 190;  // calendar days of SPXW Friday weeklies

date::year_month_day plus_days(date::year_month_day d, int n) {
  return date::year_month_day{date::sys_days{d} + date::days{n}};
}

// The last trading day of d's week (Mon-Fri) is d itself.
bool ends_week(const gd::nyse_calendar& cal, date::year_month_day d) {
  const date::weekday wd{date::sys_days{d}};
  for (auto next = plus_days(d, 1); date::weekday{date::sys_days{next}} != date::Saturday &&
                                    date::weekday{date::sys_days{next}} != date::Sunday;
       next = plus_days(next, 1)) {
    if (cal.is_trading_day(next)) return false;
  }
  return wd != date::Saturday && wd != date::Sunday;
}

bool ends_month(const gd::nyse_calendar& cal, date::year_month_day d) {
  for (auto next = plus_days(d, 1); next.month() == d.month(); next = plus_days(next, 1)) {
    if (cal.is_trading_day(next)) return false;
  }
  return true;
}

}  // namespace

date::year_month_day sim_monthly_expiry(const gd::nyse_calendar& calendar, date::year_month month) {
  const date::year_month_day third_friday{date::sys_days{month.year() / month.month() / date::Friday[3]}};
  return calendar.is_trading_day(third_friday) ? third_friday : calendar.previous_trading_day(third_friday);
}

std::vector<sim_expiry> sim_listed_expiries(const gd::nyse_calendar& calendar, gd::sys_time now,
                                            date::year_month_day from, date::year_month_day to, int listed_days) {
  const auto today = gd::ny_date(now);
  const auto first = std::max(from, today);
  const auto last = std::min(to, plus_days(today, listed_days));
  std::vector<sim_expiry> out;
  for (auto d = first; d <= last; d = plus_days(d, 1)) {
    const auto session = calendar.session_on(d);
    if (!session) continue;
    const int days = static_cast<int>((date::sys_days{d} - date::sys_days{today}).count());
    const bool monthly = d == sim_monthly_expiry(calendar, d.year() / d.month());
    if (monthly && session->open > now) {
      out.push_back({d, "SPX", gd::settlement_style::am, session->open, true});
    }
    const bool spxw = days <= daily_horizon || (days <= weekly_horizon && ends_week(calendar, d)) || monthly ||
                      ends_month(calendar, d);
    if (spxw && session->close > now) {
      out.push_back({d, "SPXW", gd::settlement_style::pm, session->close, monthly});
    }
  }
  return out;
}

}  // namespace gd::providers

#pragma once
// The NYSE (and Cboe RTH) session calendar: full holidays, early closes at 13:00 ET, one-off
// closures. Rules-based (so any year is answered) with the published special days listed
// explicitly; verified against NYSE's published lists for 2020-2030 in tests/unit/core.
#include <chrono>
#include <optional>
#include <string_view>

#include <date/date.h>

#include <gd/core/clock.hpp>

namespace gd {

struct trading_session {
  date::year_month_day day;
  sys_time open;       // 09:30 ET as UTC
  sys_time close;      // 16:00 ET, or 13:00 ET on early-close days, as UTC
  bool early_close = false;
};

class nyse_calendar {
 public:
  // The holiday's name when the exchange is closed all day on a weekday, e.g. "Good Friday".
  std::optional<std::string_view> holiday_name(date::year_month_day d) const;
  bool is_trading_day(date::year_month_day d) const;
  bool is_early_close(date::year_month_day d) const;
  std::optional<trading_session> session_on(date::year_month_day d) const;

  // Regular trading hours: open <= t < close on a trading day.
  bool is_open(sys_time t) const;
  // The session in progress at t, else the next one to open.
  trading_session current_or_next_session(sys_time t) const;
  // The first session open strictly after t / the first close strictly after t.
  sys_time next_open(sys_time t) const;
  sys_time next_close(sys_time t) const;

  // Trading days d with a < d <= b (0 when b <= a).
  int trading_days_between(date::year_month_day a, date::year_month_day b) const;
  // The n-th trading day after d (n >= 0; n == 0 gives d if it trades, else the next one).
  date::year_month_day add_trading_days(date::year_month_day d, int n) const;
  date::year_month_day previous_trading_day(date::year_month_day d) const;
  // Minutes of regular trading hours inside [a, b).
  std::chrono::minutes trading_minutes_between(sys_time a, sys_time b) const;
};

}  // namespace gd

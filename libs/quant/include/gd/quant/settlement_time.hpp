#pragma once
// Time to settlement for index options, at minute precision.
//
// When the settlement value is fixed:
//   PM (SPXW, weeklies, dailies): the close of the expiration date's session, 16:00 ET, or 13:00 ET
//       on an NYSE early-close day.
//   AM (monthly SPX): the 09:30 ET open of the expiration date (the special opening quotation is
//       built from opening prints, which can come a little later; 09:30 is the convention here).
// If the listed expiration date is not a trading day (should not happen for listed options; exchanges
// move the expiration forward to the previous trading day), the previous trading day's session is used.
//
// Year fractions:
//   calendar_act365: calendar time, (settlement - now) / 365 days. The default: it is what the
//       market's quoted implied vols and rates use.
//   trading_rth: regular-trading-hours minutes between now and settlement / (252 * 390). Overnight,
//       weekends and holidays carry no variance; an early-close day counts 210 minutes. Useful for
//       0-7 DTE where overnight gaps dominate the calendar measure's error.
// Both are floored at one minute of their own measure so that a 0DTE option at 15:59:59 (or a
// stale snapshot just after settlement) still gets a small positive T; `expired` says when the
// floor hid a non-positive remaining time.
#include <chrono>
#include <cstdint>

#include <date/date.h>

#include <gd/core/chain.hpp>
#include <gd/core/clock.hpp>
#include <gd/core/nyse_calendar.hpp>

namespace gd::quant {

enum class time_measure : std::uint8_t { calendar_act365, trading_rth };

inline constexpr double minutes_per_year_act365 = 365.0 * 1440.0;
inline constexpr double rth_minutes_per_day = 390.0;
inline constexpr double rth_minutes_per_year = 252.0 * rth_minutes_per_day;

struct time_to_settlement {
  sys_time settlement{};   // UTC instant the settlement value is fixed
  double minutes = 0.0;    // remaining minutes in the chosen measure, before the floor (may be <= 0)
  double years = 0.0;      // year fraction, >= one minute of the measure
  bool expired = false;    // now >= settlement
  bool floored = false;    // years was raised to the one-minute floor
};

// The instant the settlement value of an option expiring on `expiration` is fixed.
sys_time settlement_instant(date::year_month_day expiration, settlement_style style, const nyse_calendar& cal);

// One minute expressed in the measure's years: the floor on every T this library hands out.
double minimum_year_fraction(time_measure m) noexcept;

// Year fraction between two instants in the measure (0 when to <= from; no floor).
double year_fraction(sys_time from, sys_time to, time_measure m, const nyse_calendar& cal);

time_to_settlement years_to_settlement(sys_time now, date::year_month_day expiration, settlement_style style,
                                       const nyse_calendar& cal,
                                       time_measure m = time_measure::calendar_act365);

}  // namespace gd::quant

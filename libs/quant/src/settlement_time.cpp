#include <gd/quant/settlement_time.hpp>

#include <algorithm>

#include <gd/core/ny_time.hpp>

namespace gd::quant {

sys_time settlement_instant(date::year_month_day expiration, settlement_style style, const nyse_calendar& cal) {
  const date::year_month_day day = cal.is_trading_day(expiration) ? expiration : cal.previous_trading_day(expiration);
  const auto session = cal.session_on(day);
  if (!session) {  // unreachable for a trading day; fall back to the regular hours rather than throw
    return style == settlement_style::am ? ny_to_utc(day, std::chrono::minutes{9 * 60 + 30})
                                         : ny_to_utc(day, std::chrono::minutes{16 * 60});
  }
  return style == settlement_style::am ? session->open : session->close;
}

double minimum_year_fraction(time_measure m) noexcept {
  return m == time_measure::trading_rth ? 1.0 / rth_minutes_per_year : 1.0 / minutes_per_year_act365;
}

namespace {

// Remaining minutes in the measure; negative when `to` is before `from` (calendar only).
double minutes_between(sys_time from, sys_time to, time_measure m, const nyse_calendar& cal) {
  if (m == time_measure::trading_rth) {
    if (to <= from) return 0.0;
    return static_cast<double>(cal.trading_minutes_between(from, to).count());
  }
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
  return static_cast<double>(us) / 60e6;
}

double minutes_per_year(time_measure m) {
  return m == time_measure::trading_rth ? rth_minutes_per_year : minutes_per_year_act365;
}

}  // namespace

double year_fraction(sys_time from, sys_time to, time_measure m, const nyse_calendar& cal) {
  return std::max(0.0, minutes_between(from, to, m, cal)) / minutes_per_year(m);
}

time_to_settlement years_to_settlement(sys_time now, date::year_month_day expiration, settlement_style style,
                                       const nyse_calendar& cal, time_measure m) {
  time_to_settlement out;
  out.settlement = settlement_instant(expiration, style, cal);
  out.expired = now >= out.settlement;
  out.minutes = minutes_between(now, out.settlement, m, cal);
  const double floor_years = minimum_year_fraction(m);
  const double raw = out.minutes / minutes_per_year(m);
  out.floored = !(raw >= floor_years);
  out.years = out.floored ? floor_years : raw;
  return out;
}

}  // namespace gd::quant

#pragma once
// New York local time: session logic and display only. Storage is always UTC.
#include <chrono>
#include <string>

#include <date/date.h>

#include <gd/core/clock.hpp>

namespace gd {

// The wall-clock time in New York at a UTC instant.
struct ny_local {
  date::year_month_day day;
  std::chrono::minutes minute_of_day;  // 0..1439
  std::chrono::seconds second_of_day;  // 0..86399
};

ny_local to_ny(sys_time t);
date::year_month_day ny_date(sys_time t);

// The UTC instant of a New York wall-clock time on a date (DST-aware; an ambiguous or
// non-existent local time resolves to the earlier valid instant).
sys_time ny_to_utc(date::year_month_day day, std::chrono::minutes minute_of_day);

// "2026-11-20T10:00:00-05:00"
std::string format_ny_iso(sys_time t);
// "2026-11-20T15:00:00Z" (UTC, second precision; ".123456Z" when sub-second parts exist)
std::string format_utc_iso(sys_time t);
// "2026-11-20"
std::string format_date(date::year_month_day d);
// Parses "YYYY-MM-DD"; false on any other form or an invalid date.
bool parse_date(const std::string& s, date::year_month_day& out);
// Parses an RFC 3339 / ISO-8601 instant ("2026-11-20T15:00:00Z", "...-05:00", fractional seconds).
bool parse_iso_instant(const std::string& s, sys_time& out);

}  // namespace gd

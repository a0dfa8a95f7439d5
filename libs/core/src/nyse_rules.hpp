#pragma once
// Private to gd::core: the NYSE rules that say which days of one year are full holidays or
// 13:00 ET early closes. nyse_calendar.cpp caches their output per year; nothing else calls them.
#include <cstdint>
#include <string_view>
#include <vector>

#include <date/date.h>

namespace gd::nyse_rules {

enum class special_kind : std::uint8_t { holiday, early_close };

struct special_day {
  date::sys_days day;
  special_kind kind;
  std::string_view name;  // points at a string literal: valid for the program's lifetime
};

// Every weekday of the year on which the exchange is closed all day or closes early, in no
// particular order. A weekday appears at most once (a closure wins over an early close).
std::vector<special_day> special_days(int year);

// Gregorian Easter Sunday (anonymous Gregorian computus, Meeus/Jones/Butcher).
date::year_month_day easter_sunday(int year);

}  // namespace gd::nyse_rules

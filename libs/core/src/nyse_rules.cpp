#include "nyse_rules.hpp"

#include <algorithm>
#include <array>

namespace gd::nyse_rules {
namespace {

using date::sys_days;

sys_days make_day(int y, unsigned m, unsigned d) {
  return sys_days{date::year{y} / date::month{m} / date::day{d}};
}
sys_days nth_weekday(int y, unsigned m, date::weekday wd, unsigned n) {
  return sys_days{date::year{y} / date::month{m} / wd[n]};
}
sys_days last_weekday(int y, unsigned m, date::weekday wd) {
  return sys_days{date::year{y} / date::month{m} / wd[date::last]};
}
bool is_weekend(sys_days d) {
  const date::weekday wd{d};
  return wd == date::Saturday || wd == date::Sunday;
}

// NYSE Rule 7.2: a holiday on a Saturday closes the Friday before, one on a Sunday the Monday
// after. (New Year's Day is the exception and is handled where it is added.)
sys_days observed(sys_days d) {
  const date::weekday wd{d};
  if (wd == date::Saturday) return d - date::days{1};
  if (wd == date::Sunday) return d + date::days{1};
  return d;
}

// Unscheduled full-day closures, from NYSE's history of closings. Rules cannot produce these.
struct one_off {
  int y;
  unsigned m, d;
  std::string_view name;
};
constexpr std::array<one_off, 10> one_off_closures{{
    {2001, 9, 11, "September 11 attacks"},
    {2001, 9, 12, "September 11 attacks"},
    {2001, 9, 13, "September 11 attacks"},
    {2001, 9, 14, "September 11 attacks"},
    {2004, 6, 11, "National Day of Mourning for President Ronald Reagan"},
    {2007, 1, 2, "National Day of Mourning for President Gerald Ford"},
    {2012, 10, 29, "Hurricane Sandy"},
    {2012, 10, 30, "Hurricane Sandy"},
    {2018, 12, 5, "National Day of Mourning for President George H. W. Bush"},
    {2025, 1, 9, "National Day of Mourning for President Jimmy Carter"},
}};

}  // namespace

date::year_month_day easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return date::year{year} / date::month{static_cast<unsigned>(month)} / date::day{static_cast<unsigned>(day)};
}

// The rules describe NYSE practice since 1998 (MLK Day) with the dated changes noted inline;
// earlier years get today's rules, which is good enough for anything this service replays.
std::vector<special_day> special_days(int year) {
  std::vector<special_day> out;
  out.reserve(16);
  auto find = [&](sys_days d) {
    return std::find_if(out.begin(), out.end(), [d](const special_day& s) { return s.day == d; });
  };
  auto close_all_day = [&](sys_days d, std::string_view name) {
    if (is_weekend(d) || date::year_month_day{d}.year() != date::year{year}) return;
    if (find(d) == out.end()) out.push_back({d, special_kind::holiday, name});
  };
  // Runs after every closure is in, so a closed day is never also marked early.
  auto close_early = [&](sys_days d) {
    if (is_weekend(d) || find(d) != out.end()) return;
    out.push_back({d, special_kind::early_close, "Early close"});
  };

  // New Year's Day: Sunday -> Monday; Saturday -> no closure at all, because the Friday before
  // ends the yearly accounting period (2021-12-31 and 2027-12-31 trade normally).
  if (const sys_days jan1 = make_day(year, 1, 1); date::weekday{jan1} == date::Sunday) {
    close_all_day(jan1 + date::days{1}, "New Year's Day");
  } else {
    close_all_day(jan1, "New Year's Day");  // dropped when it is a Saturday
  }
  if (year >= 1998) close_all_day(nth_weekday(year, 1, date::Monday, 3), "Martin Luther King, Jr. Day");
  close_all_day(nth_weekday(year, 2, date::Monday, 3), "Washington's Birthday");
  close_all_day(sys_days{easter_sunday(year)} - date::days{2}, "Good Friday");
  close_all_day(last_weekday(year, 5, date::Monday), "Memorial Day");
  if (year >= 2022) close_all_day(observed(make_day(year, 6, 19)), "Juneteenth National Independence Day");
  close_all_day(observed(make_day(year, 7, 4)), "Independence Day");
  close_all_day(nth_weekday(year, 9, date::Monday, 1), "Labor Day");
  const sys_days thanksgiving = nth_weekday(year, 11, date::Thursday, 4);
  close_all_day(thanksgiving, "Thanksgiving Day");
  close_all_day(observed(make_day(year, 12, 25)), "Christmas Day");
  for (const one_off& c : one_off_closures) {
    if (c.y == year) close_all_day(make_day(c.y, c.m, c.d), c.name);
  }

  // Early closes (13:00 ET). July 3 closes early when it is Monday-Thursday; when it is a Friday
  // it is the observed holiday itself, and NYSE then gives July 2 a full day (2015, 2020, 2026).
  // Before 2013 a Thursday July 4 moved the early close to Friday July 5 instead of July 3.
  const sys_days jul3 = make_day(year, 7, 3);
  if (year < 2013 && date::weekday{jul3} == date::Wednesday) {
    close_early(make_day(year, 7, 5));
  } else {
    close_early(jul3);  // a Friday July 3 is already the observed holiday, a weekend is skipped
  }
  close_early(thanksgiving + date::days{1});
  // Christmas Eve closes early Monday-Thursday; a Friday Dec 24 is the observed Christmas.
  close_early(make_day(year, 12, 24));
  return out;
}

}  // namespace gd::nyse_rules

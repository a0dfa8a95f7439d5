#include <gd/core/nyse_calendar.hpp>  // first: the header must compile on its own

#include <algorithm>
#include <array>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>

namespace {

using namespace std::chrono_literals;
using date::sys_days;

constexpr date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year{y} / date::month{m} / date::day{d};
}

gd::sys_time utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return gd::sys_time{sys_days{ymd(y, m, d)} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
                      std::chrono::seconds{ss}};
}

// NYSE's published holiday lists (nyse.com "Holidays & Trading Hours"), 2020-2030, copied by
// hand; the calendar computes them from rules, so this table is the independent reference.
// Saturday holidays close the Friday before, Sunday ones the Monday after, except New Year's
// Day on a Saturday (2022, 2028), which closes nothing.
constexpr std::array full_closures{
    // 2020
    ymd(2020, 1, 1), ymd(2020, 1, 20), ymd(2020, 2, 17), ymd(2020, 4, 10), ymd(2020, 5, 25), ymd(2020, 7, 3),
    ymd(2020, 9, 7), ymd(2020, 11, 26), ymd(2020, 12, 25),
    // 2021 (no Juneteenth yet; Christmas on Saturday -> Friday Dec 24)
    ymd(2021, 1, 1), ymd(2021, 1, 18), ymd(2021, 2, 15), ymd(2021, 4, 2), ymd(2021, 5, 31), ymd(2021, 7, 5),
    ymd(2021, 9, 6), ymd(2021, 11, 25), ymd(2021, 12, 24),
    // 2022 (New Year's Day on Saturday: no closure; Juneteenth on Sunday -> Monday)
    ymd(2022, 1, 17), ymd(2022, 2, 21), ymd(2022, 4, 15), ymd(2022, 5, 30), ymd(2022, 6, 20), ymd(2022, 7, 4),
    ymd(2022, 9, 5), ymd(2022, 11, 24), ymd(2022, 12, 26),
    // 2023
    ymd(2023, 1, 2), ymd(2023, 1, 16), ymd(2023, 2, 20), ymd(2023, 4, 7), ymd(2023, 5, 29), ymd(2023, 6, 19),
    ymd(2023, 7, 4), ymd(2023, 9, 4), ymd(2023, 11, 23), ymd(2023, 12, 25),
    // 2024
    ymd(2024, 1, 1), ymd(2024, 1, 15), ymd(2024, 2, 19), ymd(2024, 3, 29), ymd(2024, 5, 27), ymd(2024, 6, 19),
    ymd(2024, 7, 4), ymd(2024, 9, 2), ymd(2024, 11, 28), ymd(2024, 12, 25),
    // 2025 (Jan 9: National Day of Mourning for President Carter)
    ymd(2025, 1, 1), ymd(2025, 1, 9), ymd(2025, 1, 20), ymd(2025, 2, 17), ymd(2025, 4, 18), ymd(2025, 5, 26),
    ymd(2025, 6, 19), ymd(2025, 7, 4), ymd(2025, 9, 1), ymd(2025, 11, 27), ymd(2025, 12, 25),
    // 2026 (Independence Day on Saturday -> Friday July 3)
    ymd(2026, 1, 1), ymd(2026, 1, 19), ymd(2026, 2, 16), ymd(2026, 4, 3), ymd(2026, 5, 25), ymd(2026, 6, 19),
    ymd(2026, 7, 3), ymd(2026, 9, 7), ymd(2026, 11, 26), ymd(2026, 12, 25),
    // 2027 (Juneteenth and Christmas on Saturday -> Fridays; July 4 on Sunday -> Monday)
    ymd(2027, 1, 1), ymd(2027, 1, 18), ymd(2027, 2, 15), ymd(2027, 3, 26), ymd(2027, 5, 31), ymd(2027, 6, 18),
    ymd(2027, 7, 5), ymd(2027, 9, 6), ymd(2027, 11, 25), ymd(2027, 12, 24),
    // 2028 (New Year's Day on Saturday: no closure, 2027-12-31 trades)
    ymd(2028, 1, 17), ymd(2028, 2, 21), ymd(2028, 4, 14), ymd(2028, 5, 29), ymd(2028, 6, 19), ymd(2028, 7, 4),
    ymd(2028, 9, 4), ymd(2028, 11, 23), ymd(2028, 12, 25),
    // 2029
    ymd(2029, 1, 1), ymd(2029, 1, 15), ymd(2029, 2, 19), ymd(2029, 3, 30), ymd(2029, 5, 28), ymd(2029, 6, 19),
    ymd(2029, 7, 4), ymd(2029, 9, 3), ymd(2029, 11, 22), ymd(2029, 12, 25),
    // 2030
    ymd(2030, 1, 1), ymd(2030, 1, 21), ymd(2030, 2, 18), ymd(2030, 4, 19), ymd(2030, 5, 27), ymd(2030, 6, 19),
    ymd(2030, 7, 4), ymd(2030, 9, 2), ymd(2030, 11, 28), ymd(2030, 12, 25),
};

// NYSE's published 13:00 ET early closes, 2020-2030. July 3 closes early only when it is
// Monday-Thursday (2026: July 3 is the observed holiday and July 2 is a full day); Christmas Eve
// only Monday-Thursday (a Friday Dec 24 is the observed Christmas: 2021, 2027).
constexpr std::array early_closes{
    ymd(2020, 11, 27), ymd(2020, 12, 24),                   //
    ymd(2021, 11, 26),                                      //
    ymd(2022, 11, 25),                                      //
    ymd(2023, 7, 3),   ymd(2023, 11, 24),                   //
    ymd(2024, 7, 3),   ymd(2024, 11, 29), ymd(2024, 12, 24),  //
    ymd(2025, 7, 3),   ymd(2025, 11, 28), ymd(2025, 12, 24),  //
    ymd(2026, 11, 27), ymd(2026, 12, 24),                   //
    ymd(2027, 11, 26),                                      //
    ymd(2028, 7, 3),   ymd(2028, 11, 24),                   //
    ymd(2029, 7, 3),   ymd(2029, 11, 23), ymd(2029, 12, 24),  //
    ymd(2030, 7, 3),   ymd(2030, 11, 29), ymd(2030, 12, 24),  //
};

template <class Table>
bool listed(const Table& table, date::year_month_day d) {
  return std::find(table.begin(), table.end(), d) != table.end();
}

bool is_weekday(sys_days d) {
  const date::weekday wd{d};
  return wd != date::Saturday && wd != date::Sunday;
}

// Trading days in (a, b] counted from the reference tables alone (valid inside 2020-2030).
int reference_trading_days(date::year_month_day a, date::year_month_day b) {
  int n = 0;
  for (sys_days d = sys_days{a} + date::days{1}; d <= sys_days{b}; d += date::days{1}) {
    if (is_weekday(d) && !listed(full_closures, date::year_month_day{d})) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("reference tables only list weekdays", "[calendar]") {
  for (const auto d : full_closures) CHECK(is_weekday(sys_days{d}));
  for (const auto d : early_closes) CHECK(is_weekday(sys_days{d}));
}

TEST_CASE("every day of 2020-2030 matches NYSE's published holidays and early closes", "[calendar]") {
  const gd::nyse_calendar cal;
  int closures = 0;
  int earlies = 0;
  for (sys_days d = sys_days{ymd(2020, 1, 1)}; d <= sys_days{ymd(2030, 12, 31)}; d += date::days{1}) {
    const date::year_month_day day{d};
    INFO(gd::format_date(day));
    const bool closed = listed(full_closures, day);
    const bool early = listed(early_closes, day);
    CHECK(cal.is_trading_day(day) == (is_weekday(d) && !closed));
    CHECK(cal.is_early_close(day) == early);
    CHECK(cal.holiday_name(day).has_value() == closed);
    const auto session = cal.session_on(day);
    REQUIRE(session.has_value() == cal.is_trading_day(day));
    if (session) {
      CHECK(session->day == day);
      CHECK(session->early_close == early);
      CHECK(session->close - session->open == (early ? 210min : 390min));
    }
    closures += closed;
    earlies += early;
  }
  CHECK(closures == int(full_closures.size()));
  CHECK(earlies == int(early_closes.size()));
}

TEST_CASE("the observance edge cases called out by NYSE", "[calendar]") {
  const gd::nyse_calendar cal;
  // New Year's Day on a Saturday closes nothing: the last day of the year trades in full.
  CHECK(cal.is_trading_day(ymd(2021, 12, 31)));
  CHECK_FALSE(cal.is_early_close(ymd(2021, 12, 31)));
  CHECK(cal.is_trading_day(ymd(2027, 12, 31)));
  CHECK(cal.is_trading_day(ymd(2022, 1, 3)));
  // Juneteenth observed: Sunday -> Monday 2022-06-20; Saturday -> Friday 2027-06-18; not before 2022.
  CHECK(cal.holiday_name(ymd(2022, 6, 20)) == "Juneteenth National Independence Day");
  CHECK(cal.holiday_name(ymd(2027, 6, 18)) == "Juneteenth National Independence Day");
  CHECK(cal.is_trading_day(ymd(2021, 6, 18)));
  // Christmas on Saturday -> Friday 2021-12-24 closed (not an early close).
  CHECK(cal.holiday_name(ymd(2021, 12, 24)) == "Christmas Day");
  CHECK_FALSE(cal.is_early_close(ymd(2021, 12, 24)));
  // July 4 on Saturday: Friday July 3 is the holiday and Thursday July 2 is a full day.
  CHECK(cal.holiday_name(ymd(2026, 7, 3)) == "Independence Day");
  CHECK(cal.is_trading_day(ymd(2026, 7, 2)));
  CHECK_FALSE(cal.is_early_close(ymd(2026, 7, 2)));
  CHECK_FALSE(cal.is_early_close(ymd(2020, 7, 2)));
  // July 4 on Monday: Friday July 1 is a full day.
  CHECK_FALSE(cal.is_early_close(ymd(2022, 7, 1)));
  // One-off closures.
  CHECK(cal.holiday_name(ymd(2025, 1, 9)).value().find("Carter") != std::string_view::npos);
  CHECK(cal.holiday_name(ymd(2018, 12, 5)).value().find("Bush") != std::string_view::npos);
  CHECK_FALSE(cal.is_trading_day(ymd(2012, 10, 29)));
  CHECK_FALSE(cal.is_trading_day(ymd(2012, 10, 30)));
  CHECK(cal.is_trading_day(ymd(2012, 10, 31)));
  for (unsigned d = 11; d <= 14; ++d) CHECK_FALSE(cal.is_trading_day(ymd(2001, 9, d)));
  CHECK(cal.is_trading_day(ymd(2001, 9, 17)));
  CHECK_FALSE(cal.is_trading_day(ymd(2007, 1, 2)));
  // Before 2013 a Thursday July 4 put the early close on Friday July 5; since 2013 on July 3.
  CHECK(cal.is_early_close(ymd(2002, 7, 5)));
  CHECK_FALSE(cal.is_early_close(ymd(2002, 7, 3)));
  CHECK(cal.is_early_close(ymd(2013, 7, 3)));
  CHECK(cal.is_early_close(ymd(2019, 7, 3)));
  CHECK(cal.is_trading_day(ymd(2019, 7, 5)));
  CHECK_FALSE(cal.is_early_close(ymd(2019, 7, 5)));
}

TEST_CASE("names: weekday holidays only", "[calendar]") {
  const gd::nyse_calendar cal;
  CHECK(cal.holiday_name(ymd(2025, 4, 18)) == "Good Friday");
  CHECK(cal.holiday_name(ymd(2025, 11, 27)) == "Thanksgiving Day");
  CHECK(cal.holiday_name(ymd(2023, 1, 2)) == "New Year's Day");
  CHECK_FALSE(cal.holiday_name(ymd(2025, 7, 5)));   // a Saturday
  CHECK_FALSE(cal.holiday_name(ymd(2025, 7, 3)));   // an early close still trades
  CHECK_FALSE(cal.holiday_name(ymd(2025, 6, 10)));  // an ordinary Tuesday
}

TEST_CASE("Good Friday follows the Gregorian computus in any year", "[calendar]") {
  const gd::nyse_calendar cal;
  // Easter's extremes (March 22 in 2285, April 25 in 2038) and years outside the cached range.
  CHECK(cal.holiday_name(ymd(2038, 4, 23)) == "Good Friday");
  CHECK(cal.holiday_name(ymd(2285, 3, 20)) == "Good Friday");
  CHECK(cal.holiday_name(ymd(2000, 4, 21)) == "Good Friday");
  CHECK(cal.holiday_name(ymd(1985, 4, 5)) == "Good Friday");
  CHECK(cal.holiday_name(ymd(2100, 1, 1)) == "New Year's Day");
  CHECK(cal.is_trading_day(ymd(2285, 3, 19)));
}

TEST_CASE("sessions open at 09:30 ET across DST transitions", "[calendar][dst]") {
  const gd::nyse_calendar cal;
  // 2025: clocks spring forward Sunday March 9 and fall back Sunday November 2.
  auto fri = cal.session_on(ymd(2025, 3, 7)).value();
  CHECK(fri.open == utc(2025, 3, 7, 14, 30));
  CHECK(fri.close == utc(2025, 3, 7, 21, 0));
  auto mon = cal.session_on(ymd(2025, 3, 10)).value();
  CHECK(mon.open == utc(2025, 3, 10, 13, 30));
  CHECK(mon.close == utc(2025, 3, 10, 20, 0));
  fri = cal.session_on(ymd(2025, 10, 31)).value();
  CHECK(fri.open == utc(2025, 10, 31, 13, 30));
  mon = cal.session_on(ymd(2025, 11, 3)).value();
  CHECK(mon.open == utc(2025, 11, 3, 14, 30));
  CHECK(mon.close == utc(2025, 11, 3, 21, 0));
  // 2026: March 8 and November 1.
  CHECK(cal.session_on(ymd(2026, 3, 9))->open == utc(2026, 3, 9, 13, 30));
  CHECK(cal.session_on(ymd(2026, 11, 2))->open == utc(2026, 11, 2, 14, 30));
  // Early closes are 13:00 ET in either offset.
  CHECK(cal.session_on(ymd(2025, 7, 3))->close == utc(2025, 7, 3, 17, 0));
  CHECK(cal.session_on(ymd(2025, 11, 28))->close == utc(2025, 11, 28, 18, 0));
  // The weekend across the change: Friday's close to Monday's open is 64.5 hours, not 65.5.
  CHECK(cal.next_open(utc(2025, 3, 7, 21, 0)) - utc(2025, 3, 7, 21, 0) == 64h + 30min);
  CHECK(cal.is_open(utc(2025, 3, 10, 13, 30)));
  CHECK_FALSE(cal.is_open(utc(2025, 3, 10, 20, 0)));
  CHECK(cal.is_open(utc(2025, 11, 3, 20, 59, 59)));
  CHECK_FALSE(cal.is_open(utc(2025, 11, 3, 14, 29, 59)));
}

TEST_CASE("is_open at the session boundaries", "[calendar]") {
  const gd::nyse_calendar cal;
  // Tuesday 2025-06-10, EDT (UTC-4).
  CHECK_FALSE(cal.is_open(utc(2025, 6, 10, 13, 29, 59)));
  CHECK(cal.is_open(utc(2025, 6, 10, 13, 30, 0)));
  CHECK(cal.is_open(utc(2025, 6, 10, 19, 59, 59)));
  CHECK(cal.is_open(utc(2025, 6, 10, 19, 59, 59) + 999999us));
  CHECK_FALSE(cal.is_open(utc(2025, 6, 10, 20, 0, 0)));
  CHECK_FALSE(cal.is_open(utc(2025, 6, 10, 13, 29, 59) + 999999us));
  // Early close (day after Thanksgiving 2025, EST): 12:59 open, 13:00 closed.
  CHECK(cal.is_open(utc(2025, 11, 28, 17, 59)));
  CHECK(cal.is_open(utc(2025, 11, 28, 17, 59, 59)));
  CHECK_FALSE(cal.is_open(utc(2025, 11, 28, 18, 0)));
  CHECK_FALSE(cal.is_open(utc(2025, 11, 28, 20, 0)));
  // Holidays and weekends at midday.
  CHECK_FALSE(cal.is_open(utc(2025, 7, 4, 16, 0)));
  CHECK_FALSE(cal.is_open(utc(2025, 1, 9, 17, 0)));
  CHECK_FALSE(cal.is_open(utc(2025, 6, 14, 16, 0)));
}

TEST_CASE("next_open, next_close and current_or_next_session", "[calendar]") {
  const gd::nyse_calendar cal;
  // Early close Thursday before July 4 (Friday) and the weekend: Monday July 7.
  CHECK(cal.next_open(utc(2025, 7, 3, 17, 30)) == utc(2025, 7, 7, 13, 30));
  CHECK(cal.next_close(utc(2025, 7, 3, 16, 0)) == utc(2025, 7, 3, 17, 0));
  CHECK(cal.next_close(utc(2025, 7, 3, 17, 0)) == utc(2025, 7, 7, 20, 0));
  // Strictly after: at the open the next open is tomorrow's.
  CHECK(cal.next_open(utc(2025, 6, 10, 13, 30)) == utc(2025, 6, 11, 13, 30));
  CHECK(cal.next_open(utc(2025, 6, 10, 13, 29, 59)) == utc(2025, 6, 10, 13, 30));
  CHECK(cal.next_close(utc(2025, 6, 10, 20, 0)) == utc(2025, 6, 11, 20, 0));
  // Good Friday weekend; the Carter closure; the new year.
  CHECK(cal.next_open(utc(2025, 4, 17, 20, 0)) == utc(2025, 4, 21, 13, 30));
  CHECK(cal.next_open(utc(2025, 1, 8, 21, 0)) == utc(2025, 1, 10, 14, 30));
  CHECK(cal.next_open(utc(2025, 12, 31, 21, 0)) == utc(2026, 1, 2, 14, 30));
  // Late evening in New York is already tomorrow in UTC.
  CHECK(cal.next_open(utc(2025, 6, 11, 2, 0)) == utc(2025, 6, 11, 13, 30));

  auto s = cal.current_or_next_session(utc(2025, 6, 10, 15, 0));  // in session
  CHECK(s.day == ymd(2025, 6, 10));
  s = cal.current_or_next_session(utc(2025, 6, 10, 12, 0));  // before the open
  CHECK(s.day == ymd(2025, 6, 10));
  s = cal.current_or_next_session(utc(2025, 6, 10, 20, 0));  // at the close
  CHECK(s.day == ymd(2025, 6, 11));
  s = cal.current_or_next_session(utc(2025, 11, 26, 22, 0));  // into the early close after Thanksgiving
  CHECK(s.day == ymd(2025, 11, 28));
  CHECK(s.early_close);
  CHECK(s.close == utc(2025, 11, 28, 18, 0));
}

TEST_CASE("trading_days_between counts (a, b]", "[calendar]") {
  const gd::nyse_calendar cal;
  CHECK(cal.trading_days_between(ymd(2024, 12, 31), ymd(2025, 12, 31)) == 250);
  CHECK(cal.trading_days_between(ymd(2023, 12, 31), ymd(2024, 12, 31)) == 252);
  CHECK(cal.trading_days_between(ymd(2022, 12, 31), ymd(2023, 12, 31)) == 250);
  CHECK(cal.trading_days_between(ymd(2025, 6, 13), ymd(2025, 6, 16)) == 1);  // Friday -> Monday
  CHECK(cal.trading_days_between(ymd(2025, 6, 16), ymd(2025, 6, 16)) == 0);
  CHECK(cal.trading_days_between(ymd(2025, 6, 16), ymd(2025, 6, 13)) == 0);
  CHECK(cal.trading_days_between(ymd(2025, 7, 3), ymd(2025, 7, 7)) == 1);
  CHECK(cal.trading_days_between(ymd(2025, 7, 4), ymd(2025, 7, 7)) == 1);

  // Against the reference tables for a spread of ranges, including year boundaries.
  const std::array starts{ymd(2019, 12, 31), ymd(2020, 3, 15), ymd(2021, 12, 30), ymd(2024, 2, 29), ymd(2025, 1, 8)};
  const std::array ends{ymd(2020, 1, 2), ymd(2022, 1, 3), ymd(2025, 1, 10), ymd(2028, 1, 3), ymd(2030, 12, 31)};
  for (const auto a : starts) {
    for (const auto b : ends) {
      INFO(gd::format_date(a) << " .. " << gd::format_date(b));
      CHECK(cal.trading_days_between(a, b) == (sys_days{b} > sys_days{a} ? reference_trading_days(a, b) : 0));
    }
  }
  // Outside the cached years too (rules only): 1985 and 2150 each have ~252 trading days.
  const int y1985 = cal.trading_days_between(ymd(1984, 12, 31), ymd(1985, 12, 31));
  CHECK((y1985 > 245 && y1985 < 256));
  CHECK(cal.trading_days_between(ymd(1984, 12, 31), ymd(2150, 12, 31)) ==
        cal.trading_days_between(ymd(1984, 12, 31), ymd(2000, 6, 30)) +
            cal.trading_days_between(ymd(2000, 6, 30), ymd(2150, 12, 31)));
}

TEST_CASE("add_trading_days and previous_trading_day", "[calendar]") {
  const gd::nyse_calendar cal;
  CHECK(cal.add_trading_days(ymd(2025, 7, 3), 1) == ymd(2025, 7, 7));
  CHECK(cal.add_trading_days(ymd(2025, 7, 5), 0) == ymd(2025, 7, 7));
  CHECK(cal.add_trading_days(ymd(2025, 7, 7), 0) == ymd(2025, 7, 7));
  CHECK(cal.add_trading_days(ymd(2025, 12, 24), 1) == ymd(2025, 12, 26));
  CHECK(cal.add_trading_days(ymd(2025, 11, 24), 5) == ymd(2025, 12, 2));
  CHECK(cal.add_trading_days(ymd(2025, 1, 7), 2) == ymd(2025, 1, 10));
  CHECK(cal.previous_trading_day(ymd(2025, 7, 7)) == ymd(2025, 7, 3));
  CHECK(cal.previous_trading_day(ymd(2025, 1, 10)) == ymd(2025, 1, 8));
  CHECK(cal.previous_trading_day(ymd(2026, 1, 2)) == ymd(2025, 12, 31));
  CHECK(cal.previous_trading_day(ymd(2025, 6, 11)) == ymd(2025, 6, 10));

  // add_trading_days(d, n) is the day that makes trading_days_between(d, .) == n.
  for (sys_days d = sys_days{ymd(2024, 11, 20)}; d < sys_days{ymd(2025, 1, 20)}; d += date::days{3}) {
    for (int n : {1, 2, 3, 5, 7, 20, 252}) {
      const auto target = cal.add_trading_days(date::year_month_day{d}, n);
      CHECK(cal.is_trading_day(target));
      CHECK(cal.trading_days_between(date::year_month_day{d}, target) == n);
    }
  }
}

TEST_CASE("trading_minutes_between", "[calendar]") {
  const gd::nyse_calendar cal;
  const auto tue = cal.session_on(ymd(2025, 6, 10)).value();
  CHECK(cal.trading_minutes_between(tue.open, tue.close) == 390min);
  CHECK(cal.trading_minutes_between(utc(2025, 6, 10, 4, 0), utc(2025, 6, 11, 4, 0)) == 390min);
  const auto early = cal.session_on(ymd(2025, 11, 28)).value();
  CHECK(cal.trading_minutes_between(early.open, early.close) == 210min);
  CHECK(cal.trading_minutes_between(utc(2025, 11, 28, 0, 0), utc(2025, 11, 29, 0, 0)) == 210min);
  // Thanksgiving week: 3 full days, the holiday, one early close.
  CHECK(cal.trading_minutes_between(utc(2025, 11, 24, 5, 0), utc(2025, 12, 1, 5, 0)) == 3 * 390min + 210min);
  // Partial days at both ends: 11:00-16:00 ET then 09:30-10:00 ET.
  CHECK(cal.trading_minutes_between(utc(2025, 6, 10, 15, 0), utc(2025, 6, 11, 14, 0)) == 330min);
  // Sub-minute remainders are dropped; empty and reversed ranges are zero.
  CHECK(cal.trading_minutes_between(tue.open, tue.open + 90s) == 1min);
  CHECK(cal.trading_minutes_between(tue.close, tue.open) == 0min);
  CHECK(cal.trading_minutes_between(tue.open, tue.open) == 0min);
  CHECK(cal.trading_minutes_between(utc(2025, 6, 14, 0, 0), utc(2025, 6, 16, 0, 0)) == 0min);
  // Across the spring-forward weekend: Friday close hour plus Monday's first hour.
  CHECK(cal.trading_minutes_between(utc(2025, 3, 7, 20, 0), utc(2025, 3, 10, 14, 30)) == 120min);
  // All of 2024: 252 sessions, three of them early closes (Jul 3, Nov 29, Dec 24).
  CHECK(cal.trading_minutes_between(utc(2024, 1, 1, 5, 0), utc(2025, 1, 1, 5, 0)) == 252 * 390min - 3 * 180min);
}

TEST_CASE("lookups are safe from several threads at once", "[calendar][threads]") {
  // The first lookup builds the cached years; racing threads must all see the same answers,
  // including years outside the cache that are built per call.
  const gd::nyse_calendar cal;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cal, &mismatches, t] {
      for (int i = 0; i < 2000; ++i) {
        const int year = (i % 2 == 0) ? 2020 + (i + t) % 11 : 2200 + (i + t) % 5;
        const sys_days d = sys_days{ymd(year, 1, 1)} + date::days{(i * 7 + t) % 365};
        const bool trading = cal.is_trading_day(date::year_month_day{d});
        const bool again = cal.is_trading_day(date::year_month_day{d});
        if (trading != again) ++mismatches;
        if (year <= 2030 && trading != (is_weekday(d) && !listed(full_closures, date::year_month_day{d}))) {
          ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(mismatches == 0);
}

#include <gd/core/ny_time.hpp>  // first: the header must compile on its own

#include <string>

#include <catch2/catch.hpp>

namespace {

using namespace std::chrono_literals;

constexpr date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year{y} / date::month{m} / date::day{d};
}

gd::sys_time utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return gd::sys_time{date::sys_days{ymd(y, m, d)} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
                      std::chrono::seconds{ss}};
}

}  // namespace

TEST_CASE("to_ny gives the New York wall clock", "[ny_time]") {
  // 2025-06-10 14:05:07Z is 10:05:07 EDT.
  const auto local = gd::to_ny(utc(2025, 6, 10, 14, 5, 7));
  CHECK(local.day == ymd(2025, 6, 10));
  CHECK(local.minute_of_day == 10h + 5min);
  CHECK(local.second_of_day == 10h + 5min + 7s);
  // 03:00Z in January is still the previous evening (22:00 EST) in New York.
  CHECK(gd::ny_date(utc(2025, 1, 15, 3, 0)) == ymd(2025, 1, 14));
  CHECK(gd::to_ny(utc(2025, 1, 15, 3, 0)).minute_of_day == 22h);
  // Sub-second parts are floored, never rounded up into the next second.
  CHECK(gd::to_ny(utc(2025, 6, 10, 19, 59, 59) + 999999us).second_of_day == 15h + 59min + 59s);
}

TEST_CASE("ny_to_utc around DST transitions", "[ny_time][dst]") {
  // Ordinary days on either side of the offset.
  CHECK(gd::ny_to_utc(ymd(2025, 1, 15), 9h + 30min) == utc(2025, 1, 15, 14, 30));
  CHECK(gd::ny_to_utc(ymd(2025, 7, 15), 9h + 30min) == utc(2025, 7, 15, 13, 30));
  // Spring forward, 2025-03-09: 02:00-02:59 does not exist; it resolves to the instant the gap
  // ends (03:00 EDT = 07:00Z), and 01:59 / 03:00 are unique.
  CHECK(gd::ny_to_utc(ymd(2025, 3, 9), 1h + 59min) == utc(2025, 3, 9, 6, 59));
  CHECK(gd::ny_to_utc(ymd(2025, 3, 9), 2h + 30min) == utc(2025, 3, 9, 7, 0));
  CHECK(gd::ny_to_utc(ymd(2025, 3, 9), 2h) == utc(2025, 3, 9, 7, 0));
  CHECK(gd::ny_to_utc(ymd(2025, 3, 9), 3h) == utc(2025, 3, 9, 7, 0));
  // Fall back, 2025-11-02: 01:00-01:59 happens twice; the earlier (EDT) instant is chosen.
  CHECK(gd::ny_to_utc(ymd(2025, 11, 2), 1h + 30min) == utc(2025, 11, 2, 5, 30));
  CHECK(gd::ny_to_utc(ymd(2025, 11, 2), 0h + 59min) == utc(2025, 11, 2, 4, 59));
  CHECK(gd::ny_to_utc(ymd(2025, 11, 2), 2h) == utc(2025, 11, 2, 7, 0));
  // Round trip through to_ny wherever the local time is unique.
  for (int minute = 0; minute < 1440; minute += 7) {
    const auto t = gd::ny_to_utc(ymd(2025, 6, 10), std::chrono::minutes{minute});
    CHECK(gd::to_ny(t).minute_of_day == std::chrono::minutes{minute});
  }
}

TEST_CASE("format_ny_iso and format_utc_iso", "[ny_time]") {
  CHECK(gd::format_ny_iso(utc(2026, 11, 20, 15, 0)) == "2026-11-20T10:00:00-05:00");
  CHECK(gd::format_ny_iso(utc(2026, 6, 19, 13, 30)) == "2026-06-19T09:30:00-04:00");
  // The repeated hour on 2025-11-02 prints with the offset in force at the instant.
  CHECK(gd::format_ny_iso(utc(2025, 11, 2, 5, 30)) == "2025-11-02T01:30:00-04:00");
  CHECK(gd::format_ny_iso(utc(2025, 11, 2, 6, 30)) == "2025-11-02T01:30:00-05:00");
  CHECK(gd::format_utc_iso(utc(2026, 11, 20, 15, 0)) == "2026-11-20T15:00:00Z");
  CHECK(gd::format_utc_iso(utc(2026, 11, 20, 15, 0) + 123456us) == "2026-11-20T15:00:00.123456Z");
  CHECK(gd::format_utc_iso(utc(2026, 11, 20, 15, 0) + 1us) == "2026-11-20T15:00:00.000001Z");
  CHECK(gd::format_utc_iso(gd::sys_time{}) == "1970-01-01T00:00:00Z");
  CHECK(gd::format_date(ymd(2026, 1, 2)) == "2026-01-02");
}

TEST_CASE("ISO round trips", "[ny_time]") {
  for (const gd::sys_time t : {utc(2026, 11, 20, 15, 0), utc(2025, 3, 9, 7, 0), utc(2025, 11, 2, 5, 30),
                               utc(2025, 11, 2, 6, 30), utc(2024, 2, 29, 23, 59, 59), utc(1999, 12, 31, 23, 0)}) {
    gd::sys_time back{};
    REQUIRE(gd::parse_iso_instant(gd::format_utc_iso(t), back));
    CHECK(back == t);
    REQUIRE(gd::parse_iso_instant(gd::format_ny_iso(t), back));
    CHECK(back == t);
    const auto sub = t + 654321us;
    REQUIRE(gd::parse_iso_instant(gd::format_utc_iso(sub), back));
    CHECK(back == sub);
  }
  date::year_month_day d{};
  REQUIRE(gd::parse_date("2024-02-29", d));
  CHECK(d == ymd(2024, 2, 29));
  CHECK(gd::format_date(d) == "2024-02-29");
}

TEST_CASE("parse_iso_instant accepts RFC 3339 variants", "[ny_time]") {
  gd::sys_time t{};
  REQUIRE(gd::parse_iso_instant("2026-11-20T10:00:00-05:00", t));
  CHECK(t == utc(2026, 11, 20, 15, 0));
  REQUIRE(gd::parse_iso_instant("2026-11-20T20:30:00+05:30", t));
  CHECK(t == utc(2026, 11, 20, 15, 0));
  REQUIRE(gd::parse_iso_instant("2026-11-20 15:00:00z", t));
  CHECK(t == utc(2026, 11, 20, 15, 0));
  REQUIRE(gd::parse_iso_instant("2026-11-20T15:00:00.5Z", t));
  CHECK(t == utc(2026, 11, 20, 15, 0) + 500ms);
  // Digits past microseconds are truncated.
  REQUIRE(gd::parse_iso_instant("2026-11-20T15:00:00.123456789Z", t));
  CHECK(t == utc(2026, 11, 20, 15, 0) + 123456us);
  REQUIRE(gd::parse_iso_instant("2026-11-20T15:00:00.250-05:00", t));
  CHECK(t == utc(2026, 11, 20, 20, 0) + 250ms);
}

TEST_CASE("parsers reject garbage", "[ny_time]") {
  date::year_month_day d{};
  for (const char* s : {"", "2026-11", "2026-11-2", "2026-11-200", "2026/11/20", "20261120xx", "2026-13-01",
                        "2026-02-29", "2026-00-10", "2026-11-00", "abcd-ef-gh", " 202-11-20", "+202-11-20",
                        "-001-11-20", "2026-+1-20", "2026-11- 2", "2026-11-+2", "2026-1 -20"}) {
    INFO('"' << s << '"');
    CHECK_FALSE(gd::parse_date(s, d));
  }
  gd::sys_time t{};
  for (const char* s : {"", "2026-11-20", "2026-11-20T15:00:00", "2026-11-20T15:00Z", "2026-11-20T25:00:00Z",
                        "2026-11-20T15:60:00Z", "2026-11-20T15:00:61Z", "2026-11-20T15:00:00.Z",
                        "2026-11-20T15:00:00+0500", "2026-11-20T15:00:00+05:00junk", "2026-11-20T15:00:00ZZ",
                        "2026-11-20X15:00:00Z", "2026-02-30T15:00:00Z", "2026-11-20T 1:00:00Z",
                        "2026-11-20T+1:00:00Z", "2026-11-20T15:00:00+ 5:00", "2026-11-20T15:00:00+24:00",
                        "2026-11-20T15:00:00.12a4Z", "not a timestamp at all"}) {
    INFO('"' << s << '"');
    CHECK_FALSE(gd::parse_iso_instant(s, t));
  }
}

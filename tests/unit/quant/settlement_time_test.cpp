#include <gd/quant/settlement_time.hpp>

#include <chrono>

#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>

using namespace gd;
using namespace gd::quant;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

date::year_month_day ymd(int y, unsigned m, unsigned d) { return date::year_month_day{date::year{y}, date::month{m}, date::day{d}}; }

gd::sys_time utc(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
  return gd::sys_time{date::sys_days{ymd(y, m, d)} + hours{h} + minutes{mi} + seconds{s}};
}

gd::sys_time ny(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
  return ny_to_utc(ymd(y, m, d), minutes{h * 60 + mi}) + seconds{s};
}

constexpr double one_minute_act365 = 1.0 / (365.0 * 1440.0);
constexpr double one_minute_rth = 1.0 / (252.0 * 390.0);

}  // namespace

TEST_CASE("settlement instants: PM at the close, AM at the open, DST-aware", "[settlement_time]") {
  const nyse_calendar cal;
  // 2024-03-15 is in EDT (UTC-4): 16:00 ET = 20:00 UTC, 09:30 ET = 13:30 UTC.
  CHECK(settlement_instant(ymd(2024, 3, 15), settlement_style::pm, cal) == utc(2024, 3, 15, 20, 0));
  CHECK(settlement_instant(ymd(2024, 3, 15), settlement_style::am, cal) == utc(2024, 3, 15, 13, 30));
  // 2024-03-08 is in EST (UTC-5).
  CHECK(settlement_instant(ymd(2024, 3, 8), settlement_style::pm, cal) == utc(2024, 3, 8, 21, 0));
  // Around the November change: 2024-11-01 EDT, 2024-11-08 EST.
  CHECK(settlement_instant(ymd(2024, 11, 1), settlement_style::pm, cal) == utc(2024, 11, 1, 20, 0));
  CHECK(settlement_instant(ymd(2024, 11, 8), settlement_style::pm, cal) == utc(2024, 11, 8, 21, 0));
}

TEST_CASE("an SPXW expiring on an early-close day settles at 13:00 ET", "[settlement_time]") {
  const nyse_calendar cal;
  // Day after Thanksgiving 2024 (EST) and Christmas Eve 2024.
  CHECK(settlement_instant(ymd(2024, 11, 29), settlement_style::pm, cal) == utc(2024, 11, 29, 18, 0));
  CHECK(settlement_instant(ymd(2024, 12, 24), settlement_style::pm, cal) == utc(2024, 12, 24, 18, 0));
  // 0DTE on that day at 12:59 ET has one minute left, exactly.
  const auto t = years_to_settlement(ny(2024, 11, 29, 12, 59), ymd(2024, 11, 29), settlement_style::pm, cal);
  CHECK_FALSE(t.expired);
  CHECK(t.minutes == Approx(1.0).margin(1e-9));
  CHECK(t.years == Approx(one_minute_act365).epsilon(1e-12));
}

TEST_CASE("an expiration on a holiday falls back to the previous trading day", "[settlement_time]") {
  const nyse_calendar cal;
  // Good Friday 2024-03-29: the Thursday's session.
  CHECK(settlement_instant(ymd(2024, 3, 29), settlement_style::am, cal) == ny(2024, 3, 28, 9, 30));
  CHECK(settlement_instant(ymd(2024, 3, 29), settlement_style::pm, cal) == ny(2024, 3, 28, 16, 0));
}

TEST_CASE("calendar ACT/365 year fractions", "[settlement_time]") {
  const nyse_calendar cal;
  SECTION("one week PM to PM across the March DST change is 167 hours") {
    const auto t = years_to_settlement(ny(2024, 3, 8, 16, 0), ymd(2024, 3, 15), settlement_style::pm, cal);
    CHECK(t.minutes == Approx(167.0 * 60.0).epsilon(1e-15));
    CHECK(t.years == Approx(167.0 * 60.0 / (365.0 * 1440.0)).epsilon(1e-15));
    CHECK_FALSE(t.floored);
  }
  SECTION("AM settlement is 6.5 hours before PM on the same date") {
    const gd::sys_time now = ny(2024, 3, 14, 10, 0);
    const auto am = years_to_settlement(now, ymd(2024, 3, 15), settlement_style::am, cal);
    const auto pm = years_to_settlement(now, ymd(2024, 3, 15), settlement_style::pm, cal);
    CHECK(am.minutes == Approx(23.5 * 60.0).epsilon(1e-15));
    CHECK(pm.minutes - am.minutes == Approx(390.0).epsilon(1e-15));
  }
  SECTION("seconds count: 10:00:30 to 16:00 is 359.5 minutes") {
    const auto t = years_to_settlement(ny(2024, 3, 15, 10, 0, 30), ymd(2024, 3, 15), settlement_style::pm, cal);
    CHECK(t.minutes == Approx(359.5).epsilon(1e-15));
  }
}

TEST_CASE("0DTE near the close: small positive T, never zero or negative", "[settlement_time]") {
  const nyse_calendar cal;
  const auto expiration = ymd(2024, 3, 15);
  const auto at_1559 = years_to_settlement(ny(2024, 3, 15, 15, 59), expiration, settlement_style::pm, cal);
  CHECK(at_1559.years > 0.0);
  CHECK(at_1559.years == Approx(one_minute_act365).epsilon(1e-12));
  CHECK_FALSE(at_1559.expired);

  const auto at_155930 = years_to_settlement(ny(2024, 3, 15, 15, 59, 30), expiration, settlement_style::pm, cal);
  CHECK(at_155930.floored);
  CHECK(at_155930.years == one_minute_act365);
  CHECK(at_155930.minutes == Approx(0.5).epsilon(1e-12));

  const auto after = years_to_settlement(ny(2024, 3, 15, 16, 5), expiration, settlement_style::pm, cal);
  CHECK(after.expired);
  CHECK(after.floored);
  CHECK(after.years == one_minute_act365);
  CHECK(after.minutes < 0.0);

  const auto rth = years_to_settlement(ny(2024, 3, 15, 15, 59), expiration, settlement_style::pm, cal,
                                       time_measure::trading_rth);
  CHECK(rth.years == Approx(one_minute_rth).epsilon(1e-12));
  CHECK(minimum_year_fraction(time_measure::trading_rth) == one_minute_rth);
}

TEST_CASE("trading-time measure counts regular-hours minutes over 252 * 390", "[settlement_time]") {
  const nyse_calendar cal;
  const auto measure = time_measure::trading_rth;
  SECTION("Thursday 10:00 to Friday's close: 360 + 390 minutes; to Friday's open: 360") {
    const gd::sys_time now = ny(2024, 3, 14, 10, 0);
    const auto pm = years_to_settlement(now, ymd(2024, 3, 15), settlement_style::pm, cal, measure);
    const auto am = years_to_settlement(now, ymd(2024, 3, 15), settlement_style::am, cal, measure);
    CHECK(pm.minutes == 750.0);
    CHECK(pm.years == Approx(750.0 / (252.0 * 390.0)).epsilon(1e-15));
    CHECK(am.minutes == 360.0);
  }
  SECTION("a weekend carries no trading time") {
    const auto t = years_to_settlement(ny(2024, 3, 15, 15, 0), ymd(2024, 3, 18), settlement_style::pm, cal, measure);
    CHECK(t.minutes == 60.0 + 390.0);
    const auto sat = years_to_settlement(ny(2024, 3, 16, 12, 0), ymd(2024, 3, 18), settlement_style::pm, cal, measure);
    CHECK(sat.minutes == 390.0);
  }
  SECTION("a holiday and an early close") {
    // Wed 2024-07-03 closes at 13:00, Thu 07-04 is a holiday: 60 + 0 + 390.
    const auto t = years_to_settlement(ny(2024, 7, 3, 12, 0), ymd(2024, 7, 5), settlement_style::pm, cal, measure);
    CHECK(t.minutes == 450.0);
  }
  SECTION("year_fraction agrees and is zero backwards") {
    CHECK(year_fraction(ny(2024, 3, 14, 10, 0), ny(2024, 3, 15, 16, 0), measure, cal) ==
          Approx(750.0 / (252.0 * 390.0)).epsilon(1e-15));
    CHECK(year_fraction(ny(2024, 3, 15, 16, 0), ny(2024, 3, 14, 10, 0), measure, cal) == 0.0);
    CHECK(year_fraction(ny(2024, 3, 15, 16, 0), ny(2024, 3, 14, 10, 0), time_measure::calendar_act365, cal) == 0.0);
  }
}

// The snapshot schedule under a simulated clock: slot counts per session, nothing outside
// regular trading hours, holidays skipped, early closes honoured, DST weeks aligned.
#include "jobs/schedule.hpp"

#include <map>

#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>

using namespace date::literals;
using namespace std::chrono_literals;

namespace {
gd::sys_time ny(date::year_month_day d, int h, int m) { return gd::ny_to_utc(d, std::chrono::minutes{h * 60 + m}); }
}  // namespace

TEST_CASE("a regular session has 78 five-minute slots from 09:30 to 15:55", "[jobs][schedule]") {
  gd::nyse_calendar cal;
  const auto day = 2026_y / 11 / 18;   // Wednesday
  const auto slots = gd::jobs::snapshot_slots(ny(day, 0, 0), ny(day, 23, 59), 5, cal, false);
  REQUIRE(slots.size() == 78);
  CHECK(slots.front() == ny(day, 9, 30));
  CHECK(slots.back() == ny(day, 15, 55));
  for (const auto& t : slots) {
    CHECK(cal.is_open(t));
    CHECK(gd::to_ny(t).second_of_day.count() % 300 == 0);
  }
}

TEST_CASE("a whole week: holidays skipped, early close honoured", "[jobs][schedule]") {
  gd::nyse_calendar cal;
  // Thanksgiving week 2026: Thu 11-26 closed, Fri 11-27 closes 13:00.
  const auto slots = gd::jobs::snapshot_slots(ny(2026_y / 11 / 23, 0, 0), ny(2026_y / 11 / 30, 0, 0), 5, cal, false);
  std::map<unsigned, int> per_day;
  for (const auto& t : slots) ++per_day[unsigned(gd::ny_date(t).day())];
  CHECK(per_day[23] == 78);
  CHECK(per_day[24] == 78);
  CHECK(per_day[25] == 78);
  CHECK(per_day.count(26) == 0);   // Thanksgiving
  CHECK(per_day[27] == 42);        // 09:30..12:55
  CHECK(per_day.count(28) == 0);   // weekend
  CHECK(slots.size() == 78 * 3 + 42);
  CHECK(slots.back() == ny(2026_y / 11 / 27, 12, 55));
}

TEST_CASE("other intervals and outside-hours mode", "[jobs][schedule]") {
  gd::nyse_calendar cal;
  const auto day = 2026_y / 3 / 9;   // Monday after the DST change
  CHECK(gd::jobs::snapshot_slots(ny(day, 0, 0), ny(day, 23, 59), 15, cal, false).size() == 26);
  CHECK(gd::jobs::snapshot_slots(ny(day, 0, 0), ny(day, 23, 59), 60, cal, false).size() == 6);   // 10:00..15:00
  // 7-minute slots align to New York midnight: 09:34 is the first at or after the open (574 = 82 * 7).
  CHECK(gd::jobs::snapshot_slots(ny(day, 0, 0), ny(day, 23, 59), 7, cal, false).front() == ny(day, 9, 34));
  const auto all_day = gd::jobs::snapshot_slots(ny(day, 0, 0), ny(day, 23, 59), 30, cal, true);
  CHECK(all_day.size() == 48);
  CHECK(gd::jobs::snapshot_slots(ny(2026_y / 3 / 7, 0, 0), ny(2026_y / 3 / 8, 23, 59), 5, cal, false).empty());
}

TEST_CASE("next slot is strictly after the given instant", "[jobs][schedule]") {
  gd::nyse_calendar cal;
  const auto day = 2026_y / 11 / 18;
  CHECK(gd::jobs::next_snapshot_slot(ny(day, 10, 0), 5, cal, false) == ny(day, 10, 5));
  CHECK(gd::jobs::next_snapshot_slot(ny(day, 10, 0) - 1us, 5, cal, false) == ny(day, 10, 0));
  CHECK(gd::jobs::next_snapshot_slot(ny(day, 15, 55), 5, cal, false) == ny(2026_y / 11 / 19, 9, 30));
  CHECK(gd::jobs::next_snapshot_slot(ny(2026_y / 11 / 25, 16, 0), 5, cal, false) == ny(2026_y / 11 / 27, 9, 30));
}

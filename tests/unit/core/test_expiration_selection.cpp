#include <gd/core/expiration_selection.hpp>

#include <catch2/catch.hpp>

#include <gd/core/nyse_calendar.hpp>

using namespace date::literals;
using date::year_month_day;

namespace {
// SPXW-style: an expiration on every NYSE trading day in [from, from + n days].
std::vector<year_month_day> trading_days(year_month_day from, int n) {
  gd::nyse_calendar cal;
  std::vector<year_month_day> out;
  for (int i = 0; i <= n; ++i) {
    const year_month_day d{date::sys_days{from} + date::days{i}};
    if (cal.is_trading_day(d)) out.push_back(d);
  }
  return out;
}
}  // namespace

TEST_CASE("expiration selection: table", "[core][expirations]") {
  struct row {
    const char* name;
    std::vector<year_month_day> available;
    year_month_day today;
    int target, tolerance;
    bool force;
    std::optional<year_month_day> expected;
    int expected_dte;
    bool within;
  };
  const auto daily = trading_days(2026_y / 11 / 16, 30);   // Mon 2026-11-16 onwards; Thanksgiving 11-26 closed
  const std::vector<row> rows = {
      {"exact match", daily, 2026_y / 11 / 16, 3, 1, false, 2026_y / 11 / 19, 3, true},
      {"0DTE is today", daily, 2026_y / 11 / 16, 0, 1, false, 2026_y / 11 / 16, 0, true},
      {"target on a Saturday -> tie Fri/Mon, earlier wins", daily, 2026_y / 11 / 16, 5, 1, false, 2026_y / 11 / 20, 4,
       true},
      {"target on Thanksgiving -> Wed and Fri tie, earlier wins", daily, 2026_y / 11 / 23, 3, 1, false,
       2026_y / 11 / 25, 2, true},
      {"weekly-only: none within tolerance", {2026_y / 11 / 20, 2026_y / 11 / 27}, 2026_y / 11 / 16, 7, 1, false,
       std::nullopt, 0, false},
      {"weekly-only forced: closest taken", {2026_y / 11 / 20, 2026_y / 11 / 27}, 2026_y / 11 / 16, 7, 1, true,
       2026_y / 11 / 20, 4, false},
      {"tolerance 0 needs the exact day", {2026_y / 11 / 20}, 2026_y / 11 / 16, 3, 0, false, std::nullopt, 0, false},
      {"expired expirations are ignored", {2026_y / 11 / 13, 2026_y / 11 / 30}, 2026_y / 11 / 16, 0, 30, false,
       2026_y / 11 / 30, 14, true},
      {"nothing available", {}, 2026_y / 11 / 16, 3, 1, true, std::nullopt, 0, false},
  };
  for (const auto& r : rows) {
    INFO(r.name);
    const auto got = gd::select_expiration(r.available, r.today, r.target, r.tolerance, r.force);
    REQUIRE(got.has_value() == r.expected.has_value());
    if (got) {
      CHECK(got->expiration == *r.expected);
      CHECK(got->actual_dte_days == r.expected_dte);
      CHECK(got->within_tolerance == r.within);
    }
  }
}

TEST_CASE("expiration selection: unsorted input gives the same answer", "[core][expirations]") {
  std::vector<year_month_day> shuffled{2026_y / 11 / 25, 2026_y / 11 / 19, 2026_y / 11 / 23, 2026_y / 11 / 18};
  const auto got = gd::select_expiration(shuffled, 2026_y / 11 / 16, 3, 1, false);
  REQUIRE(got);
  CHECK(got->expiration == 2026_y / 11 / 19);
}

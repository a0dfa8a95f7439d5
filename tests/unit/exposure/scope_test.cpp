#include <gd/exposure/scope.hpp>

#include <catch2/catch.hpp>

using namespace gd::exposure;
using namespace date::literals;

namespace {

expiry_slot slot(date::year_month_day d, gd::settlement_style st, int dte, bool expired = false) {
  expiry_slot s;
  s.expiration = d;
  s.settlement = st;
  s.dte = dte;
  s.expired = expired;
  return s;
}

}  // namespace

TEST_CASE("scope: monthly OPEX dates, with the Good Friday rule", "[exposure][scope]") {
  const gd::nyse_calendar cal;
  CHECK(is_monthly_opex(2022_y / 12 / 16, cal));
  CHECK_FALSE(is_monthly_opex(2022_y / 12 / 9, cal));
  CHECK(is_monthly_opex(2025_y / 4 / 17, cal));         // Good Friday 2025-04-18 is the third Friday
  CHECK_FALSE(is_monthly_opex(2025_y / 5 / 15, cal));   // the Thursday before a trading third Friday
  CHECK_FALSE(is_monthly_opex(2024_y / 3 / 14, cal));   // a normal Thursday
}

TEST_CASE("scope: selection rules", "[exposure][scope]") {
  const gd::nyse_calendar cal;
  using gd::settlement_style;
  // Evaluated on Friday 2022-12-16 after the 09:30 AM settlement: the AM slot of the day is expired.
  const std::vector<expiry_slot> slots = {
      slot(2022_y / 12 / 16, settlement_style::am, 0, true),
      slot(2022_y / 12 / 16, settlement_style::pm, 0),
      slot(2022_y / 12 / 19, settlement_style::pm, 3),
      slot(2022_y / 12 / 21, settlement_style::pm, 5),
      slot(2022_y / 12 / 23, settlement_style::pm, 7),
      slot(2023_y / 1 / 20, settlement_style::am, 35),
      slot(2023_y / 1 / 20, settlement_style::pm, 35),
  };
  scope_spec spec;
  auto r = select_scope(slots, spec, cal);
  CHECK(r.slots.size() == 7);
  CHECK(r.expirations.size() == 5);   // distinct live dates

  spec.kind = scope_kind::zero_dte;
  r = select_scope(slots, spec, cal);
  REQUIRE(r.slots == std::vector<std::size_t>{1});
  CHECK(r.label == "0DTE 2022-12-16");

  spec.kind = scope_kind::max_dte;
  spec.max_dte = 5;
  r = select_scope(slots, spec, cal);
  CHECK(r.slots == std::vector<std::size_t>{1, 2, 3});

  spec.kind = scope_kind::bucket;
  spec.target_dte = 4;
  spec.tolerance_dte = 1;
  r = select_scope(slots, spec, cal);   // dte 3 and 5 tie: the earlier
  CHECK(r.slots == std::vector<std::size_t>{2});
  spec.target_dte = 6;
  spec.tolerance_dte = 0;
  r = select_scope(slots, spec, cal);
  CHECK(r.slots.empty());
  CHECK(r.expirations.empty());

  spec.kind = scope_kind::expiration;
  spec.expiration = 2023_y / 1 / 20;
  r = select_scope(slots, spec, cal);
  CHECK(r.slots == std::vector<std::size_t>{5, 6});

  // The December OPEX AM slot has settled, so the next OPEX is January's AM slot only.
  spec.kind = scope_kind::opex;
  r = select_scope(slots, spec, cal);
  CHECK(r.slots == std::vector<std::size_t>{5});
  CHECK(r.label == "OPEX 2023-01-20");

  // Without AM roots (SPY), the third Friday's PM slot is the OPEX.
  const std::vector<expiry_slot> spy = {slot(2025_y / 6 / 13, settlement_style::pm, 7),
                                        slot(2025_y / 6 / 20, settlement_style::pm, 14)};
  r = select_scope(spy, spec, cal);
  CHECK(r.slots == std::vector<std::size_t>{1});
}

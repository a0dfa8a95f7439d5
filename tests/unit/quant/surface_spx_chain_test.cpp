// The real SPX chain fixture (CBOE quote table, Mon 2022-12-12, taken after the close): every
// slice analysed end to end. The snapshot is after hours, so only a few LEAPS carry two-sided
// quotes; the short expiries have none and must come out degraded with a reason.
#include <gd/quant/expiry_analysis.hpp>

#include <string>

#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>

#include "surface_cboe_csv.hpp"

using namespace gd;
using namespace gd::quant;

namespace {

date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year_month_day{date::year{y}, date::month{m}, date::day{d}};
}

}  // namespace

TEST_CASE("real SPX chain: liquid expiries integrate to 1 with the mean at the forward", "[spx_chain][density]") {
  const auto chain = test::read_cboe_quotetable(std::string(GD_TEST_DATA) + "/chains/spx_cboe_quotetable_2022-12-12.csv");
  REQUIRE(chain.rows.size() == 19156);
  CHECK(chain.spot == Approx(3990.5601));
  const nyse_calendar cal;
  // The file's stamp: "December 12, 2022 at 8:30 PM EST".
  const sys_time as_of = ny_to_utc(ymd(2022, 12, 12), std::chrono::minutes{20 * 60 + 30});
  const chain_analysis a = analyze_chain(chain.rows, as_of, cal);
  REQUIRE(a.expiries.size() == 56);  // 51 dates, 5 of them with both SPX (AM) and SPXW (PM)

  std::size_t surfaces = 0;
  for (const auto& e : a.expiries) {
    INFO(format_date(e.expiration) << " " << e.root << " " << to_string(e.status) << ": " << e.reason);
    if (e.expiration == ymd(2022, 12, 12)) {
      CHECK(e.status == expiry_status::expired);
      continue;
    }
    CHECK(e.T > 0.0);
    if (e.grade.degraded) {
      CHECK(e.status == expiry_status::degraded);
      CHECK_FALSE(e.reason.empty());
      CHECK_FALSE(e.has_surface);
      continue;
    }
    // Graded liquid: there must be a full surface, and its density must be sound. Tolerances:
    // raw integral within 1e-3 of 1; mean within 0.5% of the parity forward; forward within 15%
    // of spot (LEAPS carry); fit RMSE under 1 vol point; no clipped negative density.
    ++surfaces;
    REQUIRE(e.status == expiry_status::ok);
    REQUIRE(e.has_surface);
    CHECK(e.forward.ok());
    CHECK(std::abs(e.forward.forward / chain.spot - 1.0) < 0.15);
    CHECK(e.svi.rmse_vol_points < 1.0);
    CHECK(e.butterfly.arbitrage_free);
    CHECK(e.density.integral == Approx(1.0).margin(1e-3));
    CHECK(e.density.integral_ok);
    CHECK(std::abs(e.density.mean / e.forward.forward - 1.0) < 0.005);
    CHECK(e.density.mean_ok);
    CHECK(e.density.clipped_points == 0);
    CHECK(e.warnings.empty());
    // Quantiles increase, bracket the forward, and the median sits within 10% of it.
    REQUIRE(e.density.quantiles.size() == 7);
    for (std::size_t i = 1; i < e.density.quantiles.size(); ++i) {
      CHECK(e.density.quantiles[i].strike > e.density.quantiles[i - 1].strike);
    }
    CHECK(e.density.quantiles.front().strike < e.forward.forward);
    CHECK(e.density.quantiles.back().strike > e.forward.forward);
    CHECK(std::abs(e.density.quantiles[3].strike / e.forward.forward - 1.0) < 0.10);
  }
  // Jun 2024 and Dec 2024 are the liquid slices of this after-hours snapshot.
  CHECK(surfaces >= 2);
  CHECK(a.calendar.size() + 1 >= surfaces);
  for (const auto& link : a.calendar) CHECK(link.check.arbitrage_free);
}

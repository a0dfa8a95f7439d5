#include <gd/quant/expiry_analysis.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include <gd/core/ny_time.hpp>

#include "surface_synthetic_chain.hpp"

using namespace gd;
using namespace gd::quant;

namespace {

date::year_month_day ymd(int y, unsigned m, unsigned d) {
  return date::year_month_day{date::year{y}, date::month{m}, date::day{d}};
}

test::synthetic_slice_spec svi_spec(const svi_params& p, double T) {
  test::synthetic_slice_spec s;
  s.T = T;
  s.df = std::exp(-0.05 * T);  // a 5% rate: inside the forward's plausible band at any T
  s.vol = [p, T](double k) { return svi_implied_vol(p, k, T); };
  return s;
}

std::vector<chain_row> to_rows(const expiry_slice& s, date::year_month_day expiration, settlement_style style,
                               const char* root) {
  std::vector<chain_row> rows;
  for (const auto& q : s.quotes) {
    chain_row r;
    r.contract.root = root;
    r.contract.expiration = expiration;
    r.contract.settlement = style;
    r.contract.strike = q.strike;
    r.contract.right = q.right;
    r.quote.bid = q.bid;
    r.quote.ask = q.ask;
    r.quote.open_interest = q.open_interest;
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

TEST_CASE("a skewed synthetic slice: forward, smile, SVI and density recovered", "[expiry_analysis]") {
  const double T = 30.0 / 365.0;
  const svi_params truth{0.002, 0.03, -0.7, 0.01, 0.05};
  const auto spec = svi_spec(truth, T);
  const expiry_slice slice = test::make_synthetic_slice(spec);
  for (svi_weighting weighting : {svi_weighting::vega, svi_weighting::inverse_spread, svi_weighting::uniform}) {
    expiry_analysis_config cfg;
    cfg.weighting = weighting;
    const expiry_analysis a = analyze_expiry(slice, T, cfg);
    INFO(a.reason);
    REQUIRE(a.status == expiry_status::ok);
    // Quotes are symmetric around exact model prices, so mids are exact: tolerances are tight.
    CHECK(a.forward.forward == Approx(4000.0).epsilon(1e-9));
    CHECK(a.forward.df == Approx(std::exp(-0.05 * T)).epsilon(1e-9));
    CHECK(a.iv_failures == 0);
    CHECK(a.atm_iv == Approx(svi_implied_vol(truth, 0.0, T)).margin(2e-4));  // linear between strikes
    CHECK(a.svi_atm_iv == Approx(svi_implied_vol(truth, 0.0, T)).margin(1e-6));
    CHECK(a.svi.rmse_vol_points < 1e-4);
    CHECK(a.svi.params.rho == Approx(truth.rho).margin(1e-4));
    CHECK(a.svi.params.m == Approx(truth.m).margin(1e-4));
    CHECK(a.butterfly.arbitrage_free);
    CHECK(a.density.integral_ok);
    CHECK(a.density.mean_ok);
    CHECK(std::abs(a.density.mean_vs_forward) < 1e-5);
    CHECK(a.density.skewness < 0.0);
    CHECK(a.warnings.empty());
    // Only OTM quotes, by strike, with the fitted ones weighted.
    std::size_t fitted = 0;
    for (const auto& p : a.smile) {
      CHECK((p.strike < a.forward.forward) == (p.right == option_right::put));
      fitted += p.fitted ? 1 : 0;
      if (p.fitted) CHECK(p.weight > 0.0);
    }
    CHECK(fitted == a.svi.points);
    CHECK(fitted >= 8);
  }
}

TEST_CASE("a thin slice is degraded: ATM IV only, with the reason", "[expiry_analysis]") {
  auto spec = svi_spec(svi_params{0.002, 0.03, -0.7, 0.01, 0.05}, 30.0 / 365.0);
  spec.open_interest = 10;  // below the 50 needed
  const expiry_analysis a = analyze_expiry(test::make_synthetic_slice(spec), spec.T);
  CHECK(a.status == expiry_status::degraded);
  CHECK(a.grade.degraded);
  CHECK(a.reason.find("liquid strikes") != std::string::npos);
  CHECK_FALSE(a.has_surface);
  CHECK(std::isfinite(a.atm_iv));
  CHECK(a.density.pdf.empty());
  CHECK(a.forward.forward == Approx(4000.0).epsilon(1e-9));

  const expiry_analysis bad_t = analyze_expiry(test::make_synthetic_slice(spec), 0.0);
  CHECK(bad_t.status == expiry_status::failed);
  CHECK_FALSE(bad_t.reason.empty());
}

TEST_CASE("a chain: settlement times from the calendar, calendar arbitrage between expiries flagged",
          "[expiry_analysis]") {
  const nyse_calendar cal;
  const sys_time as_of = ny_to_utc(ymd(2024, 3, 1), std::chrono::minutes{10 * 60});
  // Three slices: SPXW 2024-03-15 (PM), SPX 2024-03-15 (AM), SPXW 2024-04-19 whose total
  // variance is below the March slices' (a calendar arbitrage), and one expired slice.
  const auto t_pm = years_to_settlement(as_of, ymd(2024, 3, 15), settlement_style::pm, cal);
  const auto t_am = years_to_settlement(as_of, ymd(2024, 3, 15), settlement_style::am, cal);
  const auto t_apr = years_to_settlement(as_of, ymd(2024, 4, 19), settlement_style::pm, cal);
  const svi_params march{0.003, 0.03, -0.7, 0.01, 0.05};
  const svi_params april{0.001, 0.03, -0.7, 0.01, 0.05};  // lower everywhere
  std::vector<chain_row> rows;
  for (auto& r : to_rows(test::make_synthetic_slice(svi_spec(march, t_pm.years)), ymd(2024, 3, 15),
                         settlement_style::pm, "SPXW"))
    rows.push_back(r);
  for (auto& r : to_rows(test::make_synthetic_slice(svi_spec(march, t_am.years)), ymd(2024, 3, 15),
                         settlement_style::am, "SPX"))
    rows.push_back(r);
  for (auto& r : to_rows(test::make_synthetic_slice(svi_spec(april, t_apr.years)), ymd(2024, 4, 19),
                         settlement_style::pm, "SPXW"))
    rows.push_back(r);
  for (auto& r : to_rows(test::make_synthetic_slice(svi_spec(march, 0.01)), ymd(2024, 2, 29),
                         settlement_style::pm, "SPXW"))
    rows.push_back(r);

  const chain_analysis a = analyze_chain(rows, as_of, cal);
  REQUIRE(a.expiries.size() == 4);
  CHECK(a.expiries[0].status == expiry_status::expired);
  CHECK(a.expiries[1].root == "SPX");   // AM settles before PM on the same date
  CHECK(a.expiries[1].time.settlement == ny_to_utc(ymd(2024, 3, 15), std::chrono::minutes{9 * 60 + 30}));
  CHECK(a.expiries[2].root == "SPXW");
  CHECK(a.expiries[2].T == Approx(t_pm.years).epsilon(1e-15));
  for (std::size_t i = 1; i < 4; ++i) {
    INFO(i << ": " << a.expiries[i].reason);
    CHECK(a.expiries[i].status == expiry_status::ok);
  }
  REQUIRE(a.calendar.size() == 2);
  CHECK(a.calendar[0].earlier == 1);
  CHECK(a.calendar[0].later == 2);
  CHECK(a.calendar[0].check.arbitrage_free);  // same total variance, 6.5 hours apart
  CHECK_FALSE(a.calendar[1].check.arbitrage_free);
  CHECK(a.calendar[1].check.max_violation == Approx(0.002).margin(1e-7));
  CHECK(a.calendar_violations == 1);
}

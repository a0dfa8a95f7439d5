#include <gd/quant/realized_vol.hpp>

#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

using namespace gd::quant;

namespace {
const double year_bars = 252.0 * 78.0;
}

TEST_CASE("close-to-close on closed-form series", "[realized_vol]") {
  SECTION("constant return r: zero-mean vol r sqrt(N), demeaned vol 0") {
    std::vector<double> c;
    for (int i = 0; i <= 78; ++i) c.push_back(100.0 * std::exp(0.001 * i));
    CHECK(close_to_close_vol(c) == Approx(0.001 * std::sqrt(year_bars)).epsilon(1e-9));
    CHECK(close_to_close_vol(c, year_bars, true) == Approx(0.0).margin(1e-9));
  }
  SECTION("alternating +-r over n returns: demeaned vol r sqrt(n / (n - 1)) sqrt(N)") {
    std::vector<double> c{100.0};
    for (int i = 0; i < 12; ++i) c.push_back(c.back() * std::exp(i % 2 == 0 ? 0.002 : -0.002));
    CHECK(close_to_close_vol(c) == Approx(0.002 * std::sqrt(year_bars)).epsilon(1e-9));
    CHECK(close_to_close_vol(c, year_bars, true) == Approx(0.002 * std::sqrt(12.0 / 11.0 * year_bars)).epsilon(1e-9));
  }
  SECTION("too little data is NaN") {
    CHECK(std::isnan(close_to_close_vol(std::vector<double>{100.0})));
    CHECK(std::isnan(close_to_close_vol(std::vector<double>{100.0, 101.0}, year_bars, true)));
  }
}

TEST_CASE("rolling close-to-close over 1 hour and 1 day of 5-minute bars", "[realized_vol]") {
  // Returns 0.001 for the first 100 bars, then 0.003: each window sees the regime it covers.
  std::vector<double> c{4000.0};
  for (int i = 1; i <= 200; ++i) c.push_back(c.back() * std::exp(i <= 100 ? 0.001 : 0.003));
  const auto hour = rolling_close_to_close_vol(c, bars_per_hour_5m);
  const auto day = rolling_close_to_close_vol(c, bars_per_day_5m);
  REQUIRE(hour.size() == c.size());
  CHECK(std::isnan(hour[11]));
  CHECK(hour[12] == Approx(0.001 * std::sqrt(year_bars)).epsilon(1e-9));
  CHECK(hour[200] == Approx(0.003 * std::sqrt(year_bars)).epsilon(1e-9));
  CHECK(std::isnan(day[77]));
  CHECK(day[78] == Approx(0.001 * std::sqrt(year_bars)).epsilon(1e-9));
  // Window ending at 140: 38 returns of 0.001 and 40 of 0.003.
  CHECK(day[140] == Approx(std::sqrt((38 * 1e-6 + 40 * 9e-6) / 78.0 * year_bars)).epsilon(1e-9));
}

TEST_CASE("Parkinson and Garman-Klass on known bars", "[realized_vol]") {
  // ln(H/L) = 0.01 and ln(C/O) = 0.004 on every bar.
  std::vector<ohlc_bar> bars;
  for (int i = 0; i < 78; ++i) {
    const double low = 4000.0, high = low * std::exp(0.01);
    bars.push_back({low * std::exp(0.003), high, low, low * std::exp(0.007)});
  }
  const double pk = 0.01 / std::sqrt(4.0 * std::log(2.0)) * std::sqrt(year_bars);
  const double gk = std::sqrt((0.5 * 1e-4 - (2.0 * std::log(2.0) - 1.0) * 1.6e-5) * year_bars);
  CHECK(parkinson_vol(bars) == Approx(pk).epsilon(1e-9));
  CHECK(garman_klass_vol(bars) == Approx(gk).epsilon(1e-9));

  const auto roll = rolling_parkinson_vol(bars, 12);
  CHECK(std::isnan(roll[10]));
  CHECK(roll[11] == Approx(pk).epsilon(1e-9));
  CHECK(rolling_garman_klass_vol(bars, 12)[77] == Approx(gk).epsilon(1e-9));

  const realized_vol_snapshot s = realized_vol_latest_5m(bars);
  CHECK(s.parkinson_1h == Approx(pk).epsilon(1e-9));
  CHECK(s.parkinson_1d == Approx(pk).epsilon(1e-9));
  CHECK(s.garman_klass_1d == Approx(gk).epsilon(1e-9));
  // Closes step by ln(1.0e0 * ...) = 0 between bars here (same close every bar): zero vol.
  CHECK(s.close_to_close_1h == Approx(0.0).margin(1e-12));
  CHECK(std::isnan(s.close_to_close_1d));  // 78 bars give only 77 returns
}

TEST_CASE("a flat bar adds nothing; a long rolling series matches the direct estimate", "[realized_vol]") {
  std::vector<ohlc_bar> bars;
  for (int i = 0; i < 2000; ++i) {
    const double base = 4000.0 + (i % 7);
    const double range = 1.0 + (i % 5);
    bars.push_back({base, base + range, base - range, base + 0.5});
  }
  const auto roll = rolling_garman_klass_vol(bars, bars_per_day_5m);
  const std::span<const ohlc_bar> all(bars);
  // Running sums are re-based periodically: the last window agrees with a direct computation to 1e-12.
  CHECK(roll.back() == Approx(garman_klass_vol(all.last(bars_per_day_5m))).epsilon(1e-12));
  const ohlc_bar flat{4000, 4000, 4000, 4000};
  CHECK(parkinson_vol(std::vector<ohlc_bar>{flat}) == 0.0);
  CHECK(garman_klass_vol(std::vector<ohlc_bar>{flat}) == 0.0);
}
